/*
 * diag.h — diagnostics: every problem esgsite finds in a report.
 *
 * Problems are collected, not printed on the spot, so that `build` and
 * `check` can print them in a stable order and `check --format json` can
 * emit them as data. Each carries the position in the author's file, a
 * severity, a kind (the vocabulary of SPEC §5) and the exit status it
 * implies: 2 for input that cannot be read or parsed, 1 for everything else.
 */
#ifndef ESG_DIAG_H
#define ESG_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef enum esg_severity { ESG_ERROR, ESG_WARNING } esg_severity;

typedef enum esg_kind {
	ESG_K_SYNTAX,       /* malformed input: YAML, front matter, attributes */
	ESG_K_LINK,         /* links, references, ids */
	ESG_K_PARITY,       /* one language differs from another */
	ESG_K_UNKNOWN_CODE, /* a framework code that is not in the catalog */
	ESG_K_OMISSION,     /* an omission that is not allowed or incomplete */
	ESG_K_MISSING,      /* a required disclosure that nothing covers */
	ESG_K_DATA,         /* KPI data that is unusable or inconsistent */
} esg_kind;

/* A position in a source file; line and col are 1-based, 0 when unknown.
 * col counts characters, not bytes, as editors show them. */
typedef struct esg_pos {
	const char *file;
	int line;
	int col;
} esg_pos;

/* The position of byte OFFSET of TEXT: line and column (counted in
 * characters, from 1) in FILE. */
esg_pos esg_offset_pos(const char *file, const char *text, size_t offset);

typedef struct esg_problem {
	esg_severity severity;
	esg_kind kind;
	int status;      /* exit status this problem implies: 1 or 2 */
	char *file;      /* owned; NULL for problems of the whole run */
	int line, col;
	char *lang;      /* owned; language key, or NULL */
	char *message;   /* owned */
	bool heuristic;  /* a guess (untranslated text, typed figures): stays a
	                    warning even for `check` */
} esg_problem;

typedef struct esg_diag {
	esg_problem *items;
	size_t count, cap;
	size_t dropped;  /* problems beyond ESG_DIAG_MAX, counted only */
	int errors, warnings;
	int status;      /* highest exit status implied so far */
	bool check;      /* `check` is running: report item by item */
} esg_diag;

/* Hostile input can produce one problem per byte; past this many, only
 * counts are kept so memory and output stay bounded. */
#define ESG_DIAG_MAX 5000

#define ESG_DIAG_INIT { NULL, 0, 0, 0, 0, 0, 0, false }

/* A report error (exit 1). */
void esg_error(esg_diag *d, esg_kind kind, esg_pos pos, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* A warning (does not change the exit status of `build`). */
void esg_warning(esg_diag *d, esg_kind kind, esg_pos pos, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Input that cannot be read or parsed (exit 2). */
void esg_input_error(esg_diag *d, esg_pos pos, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* The general form: lang may be NULL, status is 1 or 2. */
void esg_diag_add(esg_diag *d, esg_severity sev, esg_kind kind, int status,
    esg_pos pos, const char *lang, const char *fmt, ...)
	__attribute__((format(printf, 7, 8)));

/* A heuristic finding: a warning that `check` does not turn into an
 * error. */
void esg_hint(esg_diag *d, esg_kind kind, esg_pos pos, const char *lang,
    const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* What `build` only warns about, `check` fails on: every warning that is
 * not a heuristic becomes an error (exit 1). */
void esg_diag_strict(esg_diag *d);
/* Orders the problems by kind (stable within a kind), as `check` prints
 * them. */
void esg_diag_sort_by_kind(esg_diag *d);

/* Prints every problem as FILE:LINE:COL: severity: message, in the order
 * they were found. */
void esg_diag_print(const esg_diag *d, FILE *fp);
const char *esg_kind_name(esg_kind kind);
/* Moves every problem of src to the end of dst, as if reported there in
 * the same order; src is left empty. (Work done in parallel reports into
 * its own esg_diag, merged in a fixed order: output stays deterministic.) */
void esg_diag_merge(esg_diag *dst, esg_diag *src);
void esg_diag_free(esg_diag *d);

#endif
