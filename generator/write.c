#include "write.h"
#include "dom.h"
#include "fsutil.h"

#include <errno.h>
#include <limits.h>
#include <fcntl.h>
#include <libxml/HTMLtree.h>
#include <libxml/xmlsave.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <stdint.h>
#include <sys/eventfd.h>
#include <sys/file.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <unistd.h>

/* HTML5 has no XML namespaces: templates are XHTML (for the XML parser)
 * but the output is text/html, where xmlns declarations are noise and
 * namespaced elements would not be recognised by libxml2's HTML writer
 * (void elements would get end tags). Done once per template, not per
 * page: esgsite's own nodes have no namespace. */
void
esg_html_strip_namespaces(xmlNodePtr top)
{
	for (xmlNodePtr n = top; n;
	    n = esg_dom_next(n, top, n->type == XML_ELEMENT_NODE)) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		n->ns = NULL;
		if (n->nsDef) {
			xmlFreeNsList(n->nsDef);
			n->nsDef = NULL;
		}
		for (xmlAttrPtr a = n->properties; a; a = a->next)
			a->ns = NULL;
	}
}

/* libxml2's output goes straight into the caller's buffer: no encoder (the
 * tree is UTF-8 already) and no intermediate xmlBuffer. */
static int
append(void *ctx, const char *data, int len)
{
	esg_buf_put(ctx, data, (size_t)len);
	return len;
}

void
esg_write_html(xmlDocPtr doc, esg_buf *out)
{
	if (doc->intSubset) {
		xmlDtdPtr dtd = doc->intSubset;
		xmlUnlinkNode((xmlNodePtr)dtd);
		xmlFreeDtd(dtd);
		doc->intSubset = NULL;
	}
	xmlCreateIntSubset(doc, (const xmlChar *)"html", NULL, NULL);
	/* With an encoding on the document, libxml2 writes UTF-8 text as is
	 * instead of as character references. */
	if (doc->encoding == NULL)
		doc->encoding = xmlStrdup((const xmlChar *)"UTF-8");
	xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(append, NULL, out, NULL);
	htmlDocContentDumpFormatOutput(ob, doc, "UTF-8", 0);
	xmlOutputBufferClose(ob);
}

void
esg_write_html_node(xmlDocPtr doc, xmlNodePtr node, esg_buf *out)
{
	if (doc->encoding == NULL)
		doc->encoding = xmlStrdup((const xmlChar *)"UTF-8");
	xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(append, NULL, out, NULL);
	htmlNodeDumpFormatOutput(ob, doc, node, "UTF-8", 0);
	xmlOutputBufferClose(ob);
}

/* esg_write_html_twice: one output buffer for the many small writes,
 * its destination switched between them. Elements of the second copy are
 * marked through libxml2's _private field: DIFFERS on the way to a
 * change, the new value (a char *) on a changed element itself. */
typedef struct twice {
	xmlDocPtr doc;
	xmlOutputBufferPtr ob;
	esg_buf *to;
	const char *attr;
	xmlNodePtr *changed;      /* elements whose attribute changes */
	size_t nchanged, cap;
} twice;

static const char differs_mark;
#define DIFFERS ((void *)&differs_mark)

static int
to_current(void *ctx, const char *data, int len)
{
	twice *tw = ctx;
	esg_buf_put(tw->to, data, (size_t)len);
	return len;
}

static void
dump(twice *tw, xmlNodePtr n, esg_buf *to)
{
	tw->to = to;
	htmlNodeDumpFormatOutput(tw->ob, tw->doc, n, "UTF-8", 0);
	xmlOutputBufferFlush(tw->ob);
}

/* An element's start tag: the element written without its content,
 * "<p class=x></p>", less the end tag. False (nothing written) when the
 * writer did not end it with "</NAME>", as for void elements. */
static bool
dump_start_tag(twice *tw, xmlNodePtr el, esg_buf *to)
{
	xmlNodePtr first = el->children, last = el->last;
	el->children = el->last = NULL;   /* the children keep their parent */
	size_t before = to->len;
	dump(tw, el, to);
	el->children = first;
	el->last = last;
	size_t name = strlen((const char *)el->name);
	if (to->len < before + name + 3 || memcmp(to->ptr + to->len - name - 3,
	    "</", 2) != 0 || memcmp(to->ptr + to->len - name - 1, el->name,
	    name) != 0 || to->ptr[to->len - 1] != '>') {
		to->len = before;
		return false;
	}
	to->len -= name + 3;
	return true;
}

static void
end_tag(xmlNodePtr el, esg_buf *to)
{
	esg_buf_puts(to, "</");
	esg_buf_puts(to, (const char *)el->name);
	esg_buf_putc(to, '>');
}

static void
set_new_value(twice *tw, xmlNodePtr el)
{
	if (el->_private != NULL && el->_private != DIFFERS)
		xmlSetProp(el, (const xmlChar *)tw->attr,
		    (const xmlChar *)el->_private);
}

/* Every change inside top made at once: for writing it whole. Only
 * marked elements lead to changes. */
static void
set_new_values(twice *tw, xmlNodePtr top)
{
	for (xmlNodePtr n = top; n; n = esg_dom_next(n, top,
	    n->type == XML_ELEMENT_NODE && n->_private != NULL))
		if (n->type == XML_ELEMENT_NODE)
			set_new_value(tw, n);
}

static void
write_twice(twice *tw, xmlNodePtr n, esg_buf *a, esg_buf *b)
{
	size_t a0 = a->len;
	if (n->_private == NULL) {
		dump(tw, n, a);
		esg_buf_put(b, a->ptr + a0, a->len - a0);
		return;
	}
	bool changes = n->_private != DIFFERS;
	if (!dump_start_tag(tw, n, a)) {
		dump(tw, n, a);
		set_new_values(tw, n);
		dump(tw, n, b);
		return;
	}
	if (!changes) {
		esg_buf_put(b, a->ptr + a0, a->len - a0);
	} else {
		set_new_value(tw, n);
		if (!dump_start_tag(tw, n, b)) {
			/* Not expected of the element just split: b gets it
			 * whole, a the rest of it as it was. */
			for (xmlNodePtr c = n->children; c; c = c->next)
				dump(tw, c, a);
			end_tag(n, a);
			set_new_values(tw, n);
			dump(tw, n, b);
			return;
		}
	}
	for (xmlNodePtr c = n->children; c; c = c->next)
		write_twice(tw, c, a, b);
	end_tag(n, a);
	end_tag(n, b);
}

/* The marks on the way from el up to top (el excluded) that read from
 * become to; the walk stops at the first that does not. */
static void
remark_ancestors(xmlNodePtr el, xmlNodePtr top, void *from, void *to)
{
	for (xmlNodePtr up = el == top ? NULL : el->parent;
	    up && up->_private == from; up = up == top ? NULL : up->parent)
		up->_private = to;
}

void
esg_write_html_twice(xmlDocPtr doc, xmlNodePtr node, const char *attr,
    esg_attr_change *change, void *ctx, esg_buf *a, esg_buf *b)
{
	if (doc->encoding == NULL)
		doc->encoding = xmlStrdup((const xmlChar *)"UTF-8");
	twice tw = { .doc = doc, .attr = attr };
	/* Which elements change, and the way to each marked. Ancestors come
	 * first in document order, so a mark is never overwritten. */
	for (xmlNodePtr n = node; n;
	    n = esg_dom_next(n, node, n->type == XML_ELEMENT_NODE)) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		/* The value is read in place (esgsite sets it as one text
		 * node): no copy for the many that stay. */
		xmlAttrPtr at = xmlHasProp(n, (const xmlChar *)attr);
		const char *v = at && at->children && at->children->next == NULL ?
		    (const char *)at->children->content : NULL;
		const char *to = v ? change(ctx, n, v) : NULL;
		if (to == NULL)
			continue;
		if (tw.nchanged == tw.cap) {
			tw.cap = tw.cap ? 2 * tw.cap : 16;
			tw.changed = esg_xrealloc(tw.changed,
			    tw.cap * sizeof *tw.changed);
		}
		tw.changed[tw.nchanged++] = n;
		n->_private = esg_xstrdup(to);
		remark_ancestors(n, node, NULL, DIFFERS);
	}
	tw.ob = xmlOutputBufferCreateIO(to_current, NULL, &tw, NULL);
	write_twice(&tw, node, a, b);
	xmlOutputBufferClose(tw.ob);
	for (size_t i = 0; i < tw.nchanged; i++) {
		xmlNodePtr el = tw.changed[i];
		free(el->_private);
		el->_private = NULL;
		remark_ancestors(el, node, DIFFERS, NULL);
	}
	free(tw.changed);
}

void
esg_write_xml(xmlDocPtr doc, esg_buf *out)
{
	xmlChar *mem = NULL;
	int size = 0;
	xmlDocDumpFormatMemoryEnc(doc, &mem, &size, "UTF-8", 1);
	if (mem) {
		esg_buf_put(out, mem, (size_t)size);
		xmlFree(mem);
	}
}

/* ------------------------------------------------------------------ */

static void
output_error(esg_output *o, const char *path, const char *fmt, const char *why)
{
	esg_diag_add(o->d, ESG_ERROR, ESG_K_SYNTAX, 2,
	    (esg_pos){ path, 0, 0 }, NULL, fmt, why);
}

static bool
dir_is_empty(const char *path)
{
	char **names;
	size_t n;
	if (esg_list_dir(path, &names, &n) != 0)
		return false;
	esg_free_names(names, n);
	return n == 0;
}

#define TMP_SUFFIX ".esgsite-XXXXXX"

/* Held (read) while a name is being made in a temporary directory, and
 * (write) by a watcher removing one: nothing new may appear in it once
 * its removal has begun. Writing to files already open needs no lock,
 * their names being gone. Writers first, so that an interruption is not
 * kept waiting by a stream of pages. */
static pthread_rwlock_t naming = PTHREAD_RWLOCK_WRITER_NONRECURSIVE_INITIALIZER_NP;

static void *
watch(void *arg)
{
	esg_output *o = arg;
	struct pollfd fds[2] = { { o->signal_fd, POLLIN, 0 },
	    { o->stop_fd, POLLIN, 0 } };
	struct signalfd_siginfo si;
	for (;;) {
		if (poll(fds, 2, -1) < 0 && errno != EINTR)
			return NULL;
		if (fds[1].revents)
			return NULL;
		if (fds[0].revents &&
		    read(o->signal_fd, &si, sizeof si) == (ssize_t)sizeof si)
			break;
	}
	int sig = (int)si.ssi_signo;
	pthread_rwlock_wrlock(&naming);
	esg_remove_tree(o->tmp);
	/* Then die of the signal, as without esgsite's help: the shell
	 * sees an interrupted command, not an error. */
	signal(sig, SIG_DFL);
	sigset_t one;
	sigemptyset(&one);
	sigaddset(&one, sig);
	pthread_sigmask(SIG_UNBLOCK, &one, NULL);
	raise(sig);
	_exit(128 + sig);
}

static void
interrupting_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGHUP);
}

/* Before the directory is made: a signal that comes in between then
 * waits, pending, for the watcher. */
static void
hold_interruptions(esg_output *o)
{
	sigset_t set;
	interrupting_signals(&set);
	pthread_sigmask(SIG_BLOCK, &set, &o->old_mask);
}

/* Without a watcher (no signalfd, eventfd or thread) the build still
 * works; an interruption then leaves the directory to the next build. */
static void
start_watching(esg_output *o)
{
	sigset_t set;
	interrupting_signals(&set);
	o->signal_fd = signalfd(-1, &set, SFD_CLOEXEC);
	o->stop_fd = eventfd(0, EFD_CLOEXEC);
	if (o->signal_fd >= 0 && o->stop_fd >= 0 &&
	    pthread_create(&o->watcher, NULL, watch, o) == 0)
		return;
	if (o->signal_fd >= 0)
		close(o->signal_fd);
	if (o->stop_fd >= 0)
		close(o->stop_fd);
	o->signal_fd = o->stop_fd = -1;
	pthread_sigmask(SIG_SETMASK, &o->old_mask, NULL);
}

/* A signal that comes after this stays pending until the mask is given
 * back, which the caller does once the directory is gone. */
static void
stop_watching(esg_output *o)
{
	if (o->stop_fd < 0)
		return;
	uint64_t one = 1;
	while (write(o->stop_fd, &one, sizeof one) < 0 && errno == EINTR)
		;
	pthread_join(o->watcher, NULL);
	close(o->signal_fd);
	close(o->stop_fd);
	o->signal_fd = o->stop_fd = -1;
}

void
esg_output_spawn_attr(const esg_output *o, posix_spawnattr_t *attr)
{
	posix_spawnattr_setsigmask(attr, &o->old_mask);
	posix_spawnattr_setflags(attr, POSIX_SPAWN_SETSIGMASK);
}

/* Locks dir for as long as the descriptor is open; -1 if dir is gone or
 * another process holds it. */
static int
lock_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) != 0) {
		close(fd);
		fd = -1;
	}
	return fd;
}

/* Removes the temporary directories of earlier builds of OUT that died
 * before cleaning up. Only ".BASE.esgsite-XXXXXX" with esgsite's marker
 * inside: a build writes the marker after taking its lock, so a directory
 * without it may be one that a build is just setting up. Those of live
 * builds stay locked; the ".old" of a build stopped in the middle of its
 * two-rename commit holds the previous site and is left alone. */
static void
remove_abandoned(esg_arena *a, const char *parent, const char *base)
{
	char **names;
	size_t count;
	if (esg_list_dir(parent, &names, &count) != 0)
		return;
	char *prefix = esg_arena_printf(a, ".%s.esgsite-", base);
	size_t plen = strlen(prefix);
	for (size_t i = 0; i < count; i++) {
		if (strncmp(names[i], prefix, plen) != 0 ||
		    strlen(names[i]) != plen + 6)
			continue;
		char *dir = esg_path_join(a, parent, names[i]);
		if (!esg_exists(esg_path_join(a, dir, ESG_OUTPUT_MARKER)))
			continue;
		int fd = lock_dir(dir);
		if (fd < 0)
			continue;
		esg_remove_tree(dir);
		close(fd);
	}
	esg_free_names(names, count);
}

int
esg_output_begin(esg_output *o, const char *out_dir, const char *source_dir,
    esg_diag *d)
{
	memset(o, 0, sizeof *o);
	o->d = d;
	o->signal_fd = o->stop_fd = -1;
	pthread_sigmask(SIG_SETMASK, NULL, &o->old_mask);
	esg_arena a = ESG_ARENA_INIT;
	int rc = -1;
	size_t len = strlen(out_dir);
	while (len > 1 && out_dir[len - 1] == '/')
		len--;
	o->final = strndup(out_dir, len);
	char *parent = esg_path_dir(&a, o->final);
	const char *base = strrchr(o->final, '/');
	base = base ? base + 1 : o->final;
	if (*base == '\0' || strcmp(base, ".") == 0 || strcmp(base, "..") == 0) {
		output_error(o, o->final, "%s", "the output must be a named "
		    "directory (esgsite replaces it as a whole), e.g. -o out");
		goto done;
	}
	if (esg_mkdirs(parent) != 0) {
		output_error(o, parent, "cannot create the output's parent "
		    "directory: %s", strerror(errno));
		goto done;
	}
	char *real_parent = esg_path_real(&a, parent);
	char *real_source = esg_path_real(&a, source_dir);
	if (real_parent == NULL) {
		output_error(o, parent, "cannot resolve: %s", strerror(errno));
		goto done;
	}
	char *real_out = esg_path_join(&a, real_parent, base);
	if (esg_is_symlink(o->final)) {
		output_error(o, o->final, "%s", "the output directory is a "
		    "symbolic link; give its real path");
		goto done;
	}
	if (real_source && esg_path_within(real_source, real_out)) {
		output_error(o, o->final, "%s", "the output directory is the "
		    "report source or contains it; refusing to replace it");
		goto done;
	}
	if (real_source && esg_path_within(real_out, real_source) &&
	    strcmp(real_parent, real_source) != 0) {
		output_error(o, o->final, "%s", "the output directory lies "
		    "inside a folder of the report source; put it beside the "
		    "source or directly in it");
		goto done;
	}
	if (esg_exists(o->final)) {
		if (!esg_is_dir(o->final)) {
			output_error(o, o->final, "%s", "exists and is not a "
			    "directory");
			goto done;
		}
		char *marker = esg_path_join(&a, o->final, ESG_OUTPUT_MARKER);
		if (!esg_exists(marker) && !dir_is_empty(o->final)) {
			output_error(o, o->final, "%s", "exists and was not "
			    "written by esgsite; refusing to replace it (remove "
			    "it or choose another -o)");
			goto done;
		}
	}
	remove_abandoned(&a, parent, base);
	hold_interruptions(o);
	char *tmpl = esg_arena_printf(&a, "%s/.%s" TMP_SUFFIX, parent, base);
	if (mkdtemp(tmpl) == NULL) {
		output_error(o, parent, "cannot create a temporary directory "
		    "beside the output: %s", strerror(errno));
		goto done;
	}
	o->tmp = strdup(tmpl);
	/* Where the file system has no locks, no build can take one: the
	 * directory is then as safe unlocked. */
	o->tmp_lock = lock_dir(o->tmp);
	start_watching(o);
	/* mkdtemp makes the directory private; a site must be readable. */
	chmod(o->tmp, 0755);
	static const char marker_text[] =
	    "This directory was written by esgsite and is replaced as a "
	    "whole by the next build.\n";
	if (esg_output_write(o, ESG_OUTPUT_MARKER, marker_text,
	    sizeof marker_text - 1) != 0)
		goto done;
	rc = 0;
done:
	esg_arena_free(&a);
	if (rc != 0)
		esg_output_abort(o);
	return rc;
}

void
esg_output_dry(esg_output *o, esg_diag *d)
{
	memset(o, 0, sizeof *o);
	o->d = d;
	o->dry = true;
	o->signal_fd = o->stop_fd = -1;
	pthread_sigmask(SIG_SETMASK, NULL, &o->old_mask);
}

int
esg_output_open(esg_output *o, const char *rel, esg_output_file *f)
{
	f->fd = -1;
	f->path = NULL;
	if (o->dry)
		return 0;
	/* On the stack, not in an arena: a page is written every few
	 * milliseconds, and a fresh 64 KiB arena block each time makes malloc
	 * consolidate all the small blocks the last page's tree freed. */
	char path[PATH_MAX];
	int n = snprintf(path, sizeof path, "%s/%s", o->tmp, rel);
	if (n < 0 || (size_t)n >= sizeof path) {
		output_error(o, rel, "cannot write: %s", strerror(ENAMETOOLONG));
		return -1;
	}
	pthread_rwlock_rdlock(&naming);
	f->fd = esg_create_file(path);
	int err = errno;
	pthread_rwlock_unlock(&naming);
	errno = err;
	if (f->fd < 0) {
		output_error(o, path, "cannot write: %s", strerror(errno));
		return -1;
	}
	f->path = esg_xstrdup(path);
	return 0;
}

int
esg_output_append(esg_output *o, esg_output_file *f, const void *data,
    size_t len)
{
	if (f->fd < 0)
		return o->dry ? 0 : -1;
	const char *p = data;
	while (len > 0) {
		ssize_t w = write(f->fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0) {
			output_error(o, f->path, "cannot write: %s", strerror(errno));
			close(f->fd);
			f->fd = -1;
			return -1;
		}
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

int
esg_output_close(esg_output *o, esg_output_file *f)
{
	int rc = 0;
	if (f->fd >= 0 && close(f->fd) != 0) {
		output_error(o, f->path, "cannot write: %s", strerror(errno));
		rc = -1;
	}
	f->fd = -1;
	free(f->path);
	f->path = NULL;
	return rc;
}

/* A whole file in one go: the same open, write and close as a file
 * written in pieces. */
int
esg_output_write(esg_output *o, const char *rel, const void *data, size_t len)
{
	esg_output_file f;
	int rc = esg_output_open(o, rel, &f);
	if (rc == 0)
		rc = esg_output_append(o, &f, data, len);
	if (esg_output_close(o, &f) != 0)
		rc = -1;
	return rc;
}

int
esg_output_copy(esg_output *o, const char *rel, const char *from)
{
	if (o->dry)
		return 0;
	esg_arena a = ESG_ARENA_INIT;
	char *path = esg_path_join(&a, o->tmp, rel);
	pthread_rwlock_rdlock(&naming);
	int rc = esg_copy_file(from, path);
	int err = errno;
	pthread_rwlock_unlock(&naming);
	if (rc != 0)
		output_error(o, from, "cannot copy into the output: %s",
		    strerror(err));
	esg_arena_free(&a);
	return rc;
}

int
esg_output_link(esg_output *o, const char *rel, const char *existing)
{
	if (o->dry)
		return 0;
	esg_arena a = ESG_ARENA_INIT;
	char *path = esg_path_join(&a, o->tmp, rel);
	char *target = esg_path_join(&a, o->tmp, existing);
	pthread_rwlock_rdlock(&naming);
	int rc = esg_link_file(target, path);
	pthread_rwlock_unlock(&naming);
	esg_arena_free(&a);
	return rc;
}

int
esg_output_commit(esg_output *o)
{
	int rc = 0;
	if (o->dry)
		return 0;
	/* Whole, so that an interruption finds either the new site in place
	 * (and the old one in o->tmp) or the new one still in o->tmp. */
	pthread_rwlock_rdlock(&naming);
	if (!esg_exists(o->final)) {
		if (rename(o->tmp, o->final) != 0) {
			output_error(o, o->final, "cannot move the new site into "
			    "place: %s", strerror(errno));
			rc = -1;
		}
	} else if (renameat2(AT_FDCWD, o->tmp, AT_FDCWD, o->final,
	    RENAME_EXCHANGE) == 0) {
		/* o->tmp now holds the previous site. */
	} else {
		/* File systems without RENAME_EXCHANGE: two renames, with the
		 * old site restored if the second fails. */
		size_t n = strlen(o->tmp) + 5;
		char *old = malloc(n);
		snprintf(old, n, "%s.old", o->tmp);
		if (rename(o->final, old) != 0) {
			output_error(o, o->final, "cannot replace the site: %s",
			    strerror(errno));
			rc = -1;
		} else if (rename(o->tmp, o->final) != 0) {
			int saved = errno;
			rename(old, o->final);
			output_error(o, o->final, "cannot replace the site: %s",
			    strerror(saved));
			rc = -1;
		} else {
			esg_remove_tree(old);
		}
		free(old);
	}
	pthread_rwlock_unlock(&naming);
	esg_output_abort(o);
	return rc;
}

void
esg_output_abort(esg_output *o)
{
	if (o->tmp) {
		stop_watching(o);
		esg_remove_tree(o->tmp);
		if (o->tmp_lock >= 0)
			close(o->tmp_lock);
	}
	/* A signal held until now is delivered here, with nothing left to
	 * clean up. */
	pthread_sigmask(SIG_SETMASK, &o->old_mask, NULL);
	free(o->tmp);
	free(o->final);
	o->tmp = o->final = NULL;
}
