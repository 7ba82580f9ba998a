/*
 * load.h — reading a report source into the model.
 *
 * esg_load_report() reads SOURCE/report.yaml; esg_load_chapters() finds the
 * language directories, pairs chapters by file name and parses each one
 * (front matter, Markdown with cmark-gfm, heading attribute blocks).
 * Problems go to the diagnostics; both return -1 only when nothing further
 * can be done (no usable report.yaml, no languages).
 */
#ifndef ESG_LOAD_H
#define ESG_LOAD_H

#include "diag.h"
#include "model.h"
#include "yamldoc.h"

/* Largest input file read: bigger files are refused with a clear message
 * rather than exhausting memory (SOURCE is trusted, but not unlimited). */
#define ESG_MAX_FILE_SIZE (64u * 1024 * 1024)
/* Deepest nesting of Markdown blocks and inlines (lists in lists, quotes in
 * quotes, emphasis in emphasis). No report needs more; a page nested
 * thousands deep makes browsers and every tree walk struggle. */
#define ESG_MAX_NESTING 50
/* Widest table, and most cells a table may have: this many, or one per
 * byte of its text if more (see tables_fit in load_chapters.c). */
#define ESG_MAX_TABLE_COLUMNS 128
/* Every page lists every chapter, and titles appear on many pages (the
 * navigation, the contents, the indexes): both are bounded, so that the
 * site stays proportionate to what was written. */
#define ESG_MAX_CHAPTERS 256
#define ESG_MAX_TITLE_CHARS 1000
#define ESG_MIN_TABLE_CELLS 65536
/* Places in one chapter file where a Markdown element may start (line
 * breaks, and characters such as * _ ` [ < # | {: markup_fits in
 * load_chapters.c). Elements cost memory all the way to the page
 * (cmark-gfm's node, the page's element, its attributes): about 1 KB
 * each, four for a footnote reference and its link back. Text dense with
 * markup would otherwise take a thousand times its size. The largest
 * chapter of `make bench` (3 MB of English) has 70,000; an ordinary one
 * about a thousand. Prose has none but its line breaks. */
#define ESG_MAX_MARKUP_MARKS 300000

int esg_load_report(esg_report *r, esg_diag *d);

/* Called once per chapter, after its texts are parsed and before their
 * trees are freed: trees[l] is language l's tree (doc NULL where the text
 * is missing or unreadable). Runs on worker threads, several chapters at
 * once in any order: it may write only to chapter c and to r's arena (r
 * is the worker's own shallow copy of the report). */
typedef void esg_chapter_visit(void *ctx, esg_report *r, size_t c,
    const esg_tree *trees);

/* Finds the chapters, loads and parses them on every core; visit (may be
 * NULL) reads each chapter's trees while they exist. */
int esg_load_chapters(esg_report *r, esg_diag *d, esg_chapter_visit *visit,
    void *ctx);

/* How much Markdown stays parsed from loading to rendering, so that its
 * chapters are not read and parsed twice: the chapters in report order,
 * as long as their files add up to no more than this (their trees take
 * about four times as much). Reports of ordinary size fit entirely; larger
 * ones are rendered chapter by chapter in little memory. The environment
 * variable ESGSITE_KEEP_KB sets another amount (0: keep nothing). */
#define ESG_KEEP_MARKDOWN (3u << 20)

/* The tree the loader had for text t of chapter c: the same nodes,
 * heading attribute blocks taken off, over-deep blocks left out,
 * headings[] matched to t's sections. The kept tree when there is one
 * (borrowed); otherwise the file is read and parsed again. For
 * renderers; release it with esg_tree_free(). Returns -1 with an empty
 * tree for a text that did not load, or (reported to d, exit 2) one that
 * cannot be read again or changed since it was loaded. */
int esg_parse_text(esg_report *r, size_t c, const esg_text *t,
    esg_tree *tree, esg_diag *d);

/* A localized string from a YAML node: a plain value for every language,
 * or a map from language key to text. Reports unknown language keys
 * (error) and missing languages (warning). Returns false on error. */
bool esg_load_lstr(esg_report *r, const esg_yaml *y, const yaml_node_t *n,
    const char *what, esg_lstr *out, esg_diag *d);
/* The same, but a missing language is an error: for texts that must not
 * be shown in another language (omission explanations). */
bool esg_load_lstr_all(esg_report *r, const esg_yaml *y,
    const yaml_node_t *n, const char *what, esg_lstr *out, esg_diag *d);

/* covers: {FRAMEWORK: [CODE, …]} (front matter, metrics): each framework
 * must be declared in report.yaml. */
void esg_load_covers(esg_report *r, const esg_yaml *y, const yaml_node_t *n,
    esg_cover **out, size_t *count, esg_diag *d);

/* Reads a file for a loader, reporting "cannot read" problems (exit 2).
 * Returns 0 and a malloc'd buffer, or -1. */
int esg_load_file(const char *path, char **data, size_t *len, esg_diag *d);

/* Whether path, a file or directory in SOURCE, is still inside SOURCE
 * once its symbolic links (its own, or a directory's on the way) are
 * followed. If not, an error at path that ends with refusal ("refusing
 * to read it", "not copied"): a link must not publish or read what lies
 * outside the report. A path that cannot be resolved is left to the
 * read that follows, which reports why. */
bool esg_within_source(const esg_report *r, const char *path,
    const char *refusal, esg_diag *d);

/* The same for an entry of a folder that passed: only a symbolic link can
 * lead out of it, so only a link is resolved (a system call per level of
 * its path: media/ may hold thousands of files). */
bool esg_entry_within_source(const esg_report *r, const char *path,
    const char *refusal, esg_diag *d);

/* esg_load_file for a file of SOURCE: refused when esg_within_source()
 * is not. */
int esg_load_source_file(const esg_report *r, const char *path, char **data,
    size_t *len, esg_diag *d);

/* Whether id has the form of the ids esgsite gives elements (fn-…, kpi-…,
 * FRAMEWORK-…, CHAPTER-table-N, main …): an author's id may not. */
bool esg_id_reserved(const esg_report *r, const char *id);

#endif
