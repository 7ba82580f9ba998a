/*
 * attrs.h — heading attribute blocks: `## Title {#id .class key="a b"}`.
 *
 * A block is recognised only at the very end of a heading and only when it
 * looks meant as one (it starts with # or ., or contains =); "{braces}" in
 * an ordinary title stays text. A block that is meant but malformed is an
 * error, never silently kept as text.
 */
#ifndef ESG_ATTRS_H
#define ESG_ATTRS_H

#include <stddef.h>

#include "arena.h"

typedef struct esg_attr {
	const char *key;     /* NUL-terminated, in the arena */
	const char *value;   /* NUL-terminated, in the arena */
	size_t offset;       /* byte offset of the key in the heading text */
	size_t value_offset; /* byte offset of the value */
} esg_attr;

typedef struct esg_attrs {
	const char *id;      /* NULL when the block has no #id */
	size_t id_offset;
	const char **classes;
	size_t nclasses;
	esg_attr *pairs;
	size_t npairs;
} esg_attrs;

typedef enum esg_attrs_result {
	ESG_ATTRS_NONE,      /* no attribute block: the text is unchanged */
	ESG_ATTRS_OK,        /* parsed; the block starts at *block_start */
	ESG_ATTRS_BAD,       /* malformed: see *err_off and *err_msg */
} esg_attrs_result;

/* Longest attribute block accepted; longer input is not a plausible
 * heading attribute and would only make error messages unreadable. */
#define ESG_ATTRS_MAX 4096

/* Looks for a trailing attribute block in the heading text s[0..len).
 * On ESG_ATTRS_OK, *out is filled (allocations in a) and *block_start is
 * the offset of '{'; the title is s[0..block_start) minus trailing spaces.
 * On ESG_ATTRS_BAD, *block_start is set too, *err_off is the offset of the
 * problem in s and *err_msg a static description. */
esg_attrs_result esg_attrs_parse(const char *s, size_t len, esg_arena *a,
    esg_attrs *out, size_t *block_start, size_t *err_off,
    const char **err_msg);

/* True when s is a valid id: an ASCII letter or digit, then letters,
 * digits, '-', '_', '.' or ':'. */
int esg_id_valid(const char *s);

#endif
