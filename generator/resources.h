/*
 * resources.h — files built into the esgsite binary.
 *
 * The default templates, styles, framework catalogs and the `esgsite new`
 * scaffold are compiled in (build/resources.c, written by
 * generator/tools/embed.c), so the program works from any directory and
 * needs no installed data files. A report overrides them file by file.
 */
#ifndef ESG_RESOURCES_H
#define ESG_RESOURCES_H

#include <stddef.h>

typedef struct esg_resource {
	const char *name;     /* "templates/page.xhtml" */
	const char *data;     /* NUL-terminated for convenience */
	size_t len;
} esg_resource;

extern const esg_resource esg_resources[];
extern const size_t esg_resource_count;

/* The built-in file of this name, or NULL. */
const esg_resource *esg_resource_find(const char *name);

#endif
