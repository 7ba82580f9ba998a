/*
 * shortcode.h — `{{name arg …}}` in Markdown text.
 *
 * Only text nodes are scanned (never code), so `{{` inside backticks is how
 * an author writes a literal shortcode.
 */
#ifndef ESG_SHORTCODE_H
#define ESG_SHORTCODE_H

#include <stddef.h>

#define ESG_SHORTCODE_MAX_ARGS 4
/* A shortcode longer than this is certainly a stray "{{". */
#define ESG_SHORTCODE_MAX_LEN 512

typedef struct esg_slice {
	const char *ptr;
	size_t len;
} esg_slice;

typedef struct esg_shortcode {
	size_t start, end;   /* s[start..end) is the whole {{…}} */
	esg_slice name;
	esg_slice args[ESG_SHORTCODE_MAX_ARGS];
	int nargs;
} esg_shortcode;

/* Arguments are separated by white space, except in {{lang TAG text}},
 * whose second argument is the rest of the text, spaces included. */
/* Finds the first shortcode in s[from..len). Returns 1 and fills *sc when
 * one is found, 0 when there is none, -1 when "{{" starts something that is
 * not a valid shortcode (*err_off, *err_msg say where and why). */
int esg_shortcode_next(const char *s, size_t len, size_t from,
    esg_shortcode *sc, size_t *err_off, const char **err_msg);

/* True when the slice equals the NUL-terminated string. */
int esg_slice_is(esg_slice sl, const char *s);

#endif
