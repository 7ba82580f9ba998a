/*
 * frontmatter.h — splitting a chapter into YAML front matter and Markdown.
 */
#ifndef ESG_FRONTMATTER_H
#define ESG_FRONTMATTER_H

#include <stdbool.h>
#include <stddef.h>

typedef struct esg_split {
	bool has_front_matter;
	const char *yaml;     /* the YAML between the --- lines */
	size_t yaml_len;
	int yaml_line;        /* 1-based line of the YAML's first line */
	const char *body;     /* the Markdown after the closing line */
	size_t body_len;
	int body_line;        /* 1-based line of the body's first line */
} esg_split;

/* Splits text at its front matter: a first line "---" (after an optional
 * UTF-8 byte order mark) up to a line "---" or "...". Returns 0, or -1
 * when the front matter is never closed. Without front matter the whole
 * text (minus the byte order mark) is the body. */
int esg_split_front_matter(const char *text, size_t len, esg_split *out);

#endif
