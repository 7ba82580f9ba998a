/*
 * yamldoc.h — one YAML document loaded with libyaml, with positions.
 *
 * The loaders of report.yaml, front matter, data and catalogs all go through
 * here so that every YAML problem is reported the same way: libyaml's own
 * position mapped to FILE:LINE:COL in the author's file. Beyond libyaml's
 * syntax checks this module rejects duplicate mapping keys and non-scalar
 * keys, which libyaml accepts but which would silently lose what the author
 * wrote.
 *
 * Aliases are kept as shared nodes (libyaml never copies them), so an
 * "alias bomb" costs nothing until something walks it; the loaders only walk
 * the shapes they expect.
 */
#ifndef ESG_YAMLDOC_H
#define ESG_YAMLDOC_H

#include <stdbool.h>
#include <stddef.h>
#include <yaml.h>

#include "diag.h"

/* Deepest nesting of sequences and mappings read, and most values
 * (scalars, sequences, mappings, aliases) in one file: more is an error
 * (see shape_fits in yamldoc.c). A loaded value takes libyaml about 200
 * bytes, so a file of "1," would take a hundred times its size; a large
 * KPI file has a few thousand values. */
#define ESG_YAML_MAX_DEPTH 64
#define ESG_YAML_MAX_VALUES 250000

typedef struct esg_yaml {
	yaml_document_t doc;
	bool loaded;
	const char *file;   /* display path; must outlive the esg_yaml */
	int line_offset;    /* lines before the YAML text in the file */
} esg_yaml;

/* Parses len bytes of text as one YAML document. Returns 0 on success; on
 * failure reports the problem to d (exit status 2 for syntax errors) and
 * returns -1. A document that is empty has no root. Call esg_yaml_free()
 * in both cases. */
int esg_yaml_parse(esg_yaml *y, const char *file, const char *text,
    size_t len, int line_offset, esg_diag *d);
/* The same for esgsite's own files (the catalogs and units built in),
 * known not to nest deep: their events are not read a first time. */
int esg_yaml_parse_builtin(esg_yaml *y, const char *file, const char *text,
    size_t len, esg_diag *d);
void esg_yaml_free(esg_yaml *y);

yaml_node_t *esg_yaml_root(const esg_yaml *y);
esg_pos esg_yaml_pos(const esg_yaml *y, const yaml_node_t *n);

bool esg_yaml_is_map(const yaml_node_t *n);
bool esg_yaml_is_seq(const yaml_node_t *n);
/* The scalar's text, or NULL when n is not a scalar. */
const char *esg_yaml_str(const yaml_node_t *n);
/* Whether n is YAML's null: a plain empty scalar, ~ or null. */
bool esg_yaml_is_null(const yaml_node_t *n);

/* The value of key in mapping map, or NULL. */
yaml_node_t *esg_yaml_get(const esg_yaml *y, const yaml_node_t *map,
    const char *key);
size_t esg_yaml_map_size(const yaml_node_t *map);
yaml_node_t *esg_yaml_map_key(const esg_yaml *y, const yaml_node_t *map,
    size_t i);
yaml_node_t *esg_yaml_map_value(const esg_yaml *y, const yaml_node_t *map,
    size_t i);
size_t esg_yaml_seq_size(const yaml_node_t *seq);
yaml_node_t *esg_yaml_seq_item(const esg_yaml *y, const yaml_node_t *seq,
    size_t i);

/* Checked accessors for loaders: each reports "WHAT must be …" at the node
 * and returns NULL/false when the node has the wrong shape. */
bool esg_yaml_want_map(const esg_yaml *y, const yaml_node_t *n,
    const char *what, esg_diag *d);
bool esg_yaml_want_seq(const esg_yaml *y, const yaml_node_t *n,
    const char *what, esg_diag *d);
const char *esg_yaml_want_str(const esg_yaml *y, const yaml_node_t *n,
    const char *what, esg_diag *d);
/* true/false (also yes/no, on/off, any case); returns false on error. */
bool esg_yaml_want_bool(const esg_yaml *y, const yaml_node_t *n,
    const char *what, bool *out, esg_diag *d);
/* Warns about every key of map that is not in known (NULL-terminated):
 * what the author wrote is never dropped without a word. */
void esg_yaml_warn_unknown_keys(const esg_yaml *y, const yaml_node_t *map,
    const char *const *known, const char *where, esg_diag *d);

#endif
