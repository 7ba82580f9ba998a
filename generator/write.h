/*
 * write.h — serialising pages and writing the output directory atomically.
 *
 * A build renders into a temporary directory beside OUT and, only when the
 * whole site was written, swaps it into place (renameat2 RENAME_EXCHANGE
 * where the kernel has it, two renames otherwise). On any failure the
 * temporary directory is removed and OUT is exactly as it was; so it is
 * when the build is interrupted, and the next build removes what a build
 * that was killed outright left.
 */
#ifndef ESG_WRITE_H
#define ESG_WRITE_H

#include <libxml/tree.h>
#include <pthread.h>
#include <signal.h>
#include <spawn.h>
#include <stdbool.h>

#include "buf.h"
#include "diag.h"

/* Removes XML namespaces from top and everything in it. */
void esg_html_strip_namespaces(xmlNodePtr top);
/* Appends doc to out as HTML5: <!DOCTYPE html>, UTF-8 text, no XML
 * namespaces or declarations. Escaping is libxml2's. */
void esg_write_html(xmlDocPtr doc, esg_buf *out);
/* One element of doc and its content as HTML, appended to out (for pages
 * assembled from parts: print.html). */
void esg_write_html_node(xmlDocPtr doc, xmlNodePtr node, esg_buf *out);

/* An attribute value to use in the second copy of esg_write_html_twice,
 * or NULL for the same value. */
typedef const char *esg_attr_change(void *ctx, xmlNodePtr element,
    const char *value);
/* The element node as HTML twice: appended to a as it is, and to b with
 * the attribute attr of some elements changed by change() (which sees
 * every element with that attribute). Only the elements on the way to a
 * change are written twice; everything else is written once and copied.
 * The node keeps the changed values. */
void esg_write_html_twice(xmlDocPtr doc, xmlNodePtr node, const char *attr,
    esg_attr_change *change, void *ctx, esg_buf *a, esg_buf *b);
/* Appends doc to out as an XML document (sitemaps), indented. */
void esg_write_xml(xmlDocPtr doc, esg_buf *out);

/* The file esgsite leaves in every OUT it writes; a non-empty directory
 * without it is never replaced. */
#define ESG_OUTPUT_MARKER ".esgsite-output"

typedef struct esg_output {
	char *final;   /* OUT as given (malloc) */
	char *tmp;     /* the temporary directory beside it (malloc) */
	int tmp_lock;  /* open on tmp and flock()ed while this build lives, or -1 */
	esg_diag *d;
	bool dry;      /* `check`: render everything, write nothing */
	/* While tmp exists, a thread waits for SIGINT, SIGTERM and SIGHUP
	 * (blocked in every other thread) to remove tmp before the process
	 * dies of them. stop_fd (an eventfd) ends it; -1 when none runs. */
	pthread_t watcher;
	int signal_fd, stop_fd;
	sigset_t old_mask;
} esg_output;

/* Checks OUT against SOURCE (OUT may not be SOURCE, contain it, or lie in
 * a directory esgsite reads) and creates the temporary directory, locked
 * for as long as this process lives. Temporary directories beside OUT
 * left by builds that died (killed, crashed, power lost) are removed
 * first: nobody holds their lock any more. A build interrupted by
 * SIGINT, SIGTERM or SIGHUP removes its own before dying of the signal;
 * so that every thread leaves those signals to that one, call this
 * before starting the threads that write, and spawn children with the
 * mask they had before (esg_output_spawn_attr). Returns 0, or -1 after
 * reporting (exit 2). */
int esg_output_begin(esg_output *o, const char *out_dir,
    const char *source_dir, esg_diag *d);
/* An output that discards every write: the site is rendered (so every
 * link is checked) but nothing touches the disk. */
void esg_output_dry(esg_output *o, esg_diag *d);
/* Writes a file at a path relative to OUT, creating directories. */
int esg_output_write(esg_output *o, const char *rel, const void *data,
    size_t len);
int esg_output_copy(esg_output *o, const char *rel, const char *from);
/* Writes rel as one more name (a hard link) of the file written earlier at
 * existing, both relative to OUT: a file that has several names in SOURCE
 * takes its space once. Returns -1 without reporting when the file
 * system refuses (too many links): the caller copies instead. */
int esg_output_link(esg_output *o, const char *rel, const char *existing);

/* A file written piece by piece, so a page as long as the whole report
 * (print.html) is never held in memory. Opened in the temporary directory
 * like any page; in a dry run nothing is opened and appends do nothing.
 * Each function returns 0, or -1 after reporting; after a failure the
 * file takes no more appends and the build fails. */
typedef struct esg_output_file {
	int fd;        /* -1 when closed, failed or dry */
	char *path;    /* malloc; for messages */
} esg_output_file;

int esg_output_open(esg_output *o, const char *rel, esg_output_file *f);
int esg_output_append(esg_output *o, esg_output_file *f, const void *data,
    size_t len);
int esg_output_close(esg_output *o, esg_output_file *f);
/* Moves the finished site into place. Returns 0 or -1 (reported). */
int esg_output_commit(esg_output *o);
/* Removes the temporary directory; OUT is untouched. Safe after commit. */
void esg_output_abort(esg_output *o);
/* Sets attr (initialised by the caller) so that a child process gets the
 * signal mask the build had before esg_output_begin(). */
void esg_output_spawn_attr(const esg_output *o, posix_spawnattr_t *attr);

#endif
