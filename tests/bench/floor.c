/*
 * floor.c — what the libraries alone take on a report (`make bench`).
 *
 *     build/bench-floor SOURCE OUT
 *
 * The least a build of SOURCE into OUT can take through cmark-gfm and
 * libxml2, on every core: each Markdown file parsed once, with the options
 * and extensions esgsite uses, and each HTML page of OUT written once by
 * libxml2's HTML writer from a tree already made (print.html aside:
 * esgsite writes an article once for its page and for print.html). Each
 * is timed alone, in one process per core with the files dealt out by
 * size, and reported as the slowest process's time. Reading and checking
 * the text, making the pages' trees, the search index, the dashboard and
 * writing the files all come on top of this.
 *
 * A measurement, not a test: it never fails on the numbers.
 */
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>

#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define MAX_WORKERS 16

typedef struct file {
	char *path;
	size_t size;
} file;

typedef struct file_list {
	file *v;
	size_t n, cap;
} file_list;

/* nftw has no context argument: the walk fills these. */
static file_list *walk_into;
static const char *walk_suffix;

static int
collect(const char *path, const struct stat *st, int kind, struct FTW *ftw)
{
	(void)ftw;
	size_t len = strlen(path), slen = strlen(walk_suffix);
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (kind != FTW_F || len < slen ||
	    strcmp(path + len - slen, walk_suffix) != 0 ||
	    strcmp(base, "print.html") == 0)
		return 0;
	file_list *l = walk_into;
	if (l->n == l->cap) {
		l->cap = l->cap ? 2 * l->cap : 64;
		l->v = realloc(l->v, l->cap * sizeof *l->v);
		if (l->v == NULL)
			abort();
	}
	l->v[l->n++] = (file){ strdup(path), (size_t)st->st_size };
	return 0;
}

static int
by_size_down(const void *a, const void *b)
{
	const file *x = a, *y = b;
	return x->size < y->size ? 1 : x->size > y->size ? -1 :
	    strcmp(x->path, y->path);
}

static file_list
find(const char *top, const char *suffix)
{
	file_list l = { NULL, 0, 0 };
	walk_into = &l;
	walk_suffix = suffix;
	if (nftw(top, collect, 32, FTW_PHYS) != 0) {
		perror(top);
		exit(2);
	}
	qsort(l.v, l.n, sizeof *l.v, by_size_down);
	return l;
}

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL) {
		perror(path);
		exit(2);
	}
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	rewind(f);
	char *b = malloc((size_t)n + 1);
	if (b == NULL || fread(b, 1, (size_t)n, f) != (size_t)n) {
		perror(path);
		exit(2);
	}
	fclose(f);
	b[n] = '\0';
	*len = (size_t)n;
	return b;
}

static double
now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* As esgsite parses a chapter (load_chapters.c, ESG_CMARK_OPTIONS). */
static double
parse_once(const char *text, size_t len)
{
	static const char *const extensions[] = {
		"table", "strikethrough", "autolink", NULL
	};
	double t0 = now();
	cmark_parser *p = cmark_parser_new(CMARK_OPT_FOOTNOTES |
	    CMARK_OPT_SOURCEPOS);
	for (int i = 0; extensions[i]; i++)
		cmark_parser_attach_syntax_extension(p,
		    cmark_find_syntax_extension(extensions[i]));
	cmark_parser_feed(p, text, len);
	cmark_node *doc = cmark_parser_finish(p);
	cmark_consolidate_text_nodes(doc);
	cmark_parser_free(p);
	cmark_node_free(doc);
	return now() - t0;
}

typedef struct sink {
	char *p;
	size_t len, cap;
} sink;

static int
append(void *ctx, const char *data, int len)
{
	sink *s = ctx;
	if (s->len + (size_t)len > s->cap) {
		s->cap = 2 * (s->len + (size_t)len);
		s->p = realloc(s->p, s->cap);
		if (s->p == NULL)
			abort();
	}
	memcpy(s->p + s->len, data, (size_t)len);
	s->len += (size_t)len;
	return len;
}

/* As esgsite writes a page (write.c, esg_write_html): the tree is made
 * before the clock starts. */
static double
write_once(const char *html, size_t len, sink *out)
{
	htmlDocPtr doc = htmlReadMemory(html, (int)len, NULL, "UTF-8",
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	if (doc == NULL)
		return 0;
	if (doc->encoding == NULL)
		doc->encoding = xmlStrdup((const xmlChar *)"UTF-8");
	out->len = 0;
	double t0 = now();
	xmlOutputBufferPtr ob = xmlOutputBufferCreateIO(append, NULL, out,
	    NULL);
	htmlDocContentDumpFormatOutput(ob, doc, "UTF-8", 0);
	xmlOutputBufferClose(ob);
	double t = now() - t0;
	xmlFreeDoc(doc);
	return t;
}

/* The files dealt out by size, the largest first to the least loaded
 * worker; each worker a process timing its own share. */
static double
slowest(const file_list *l, int workers, int writing)
{
	size_t load[MAX_WORKERS] = { 0 };
	int results[MAX_WORKERS][2];   /* a pipe from each worker */
	int *owner = calloc(l->n + 1, sizeof *owner);
	if (owner == NULL)
		abort();
	for (size_t i = 0; i < l->n; i++) {
		int least = 0;
		for (int w = 1; w < workers; w++)
			if (load[w] < load[least])
				least = w;
		owner[i] = least;
		load[least] += l->v[i].size;
	}
	for (int w = 0; w < workers; w++) {
		if (pipe(results[w]) != 0) {
			perror("pipe");
			exit(2);
		}
		pid_t pid = fork();
		if (pid < 0) {
			perror("fork");
			exit(2);
		}
		if (pid == 0) {
			double spent = 0;
			sink out = { NULL, 0, 0 };
			for (size_t i = 0; i < l->n; i++) {
				if (owner[i] != w)
					continue;
				size_t len;
				char *text = slurp(l->v[i].path, &len);
				spent += writing ? write_once(text, len, &out) :
				    parse_once(text, len);
				free(text);
			}
			if (write(results[w][1], &spent, sizeof spent) !=
			    (ssize_t)sizeof spent)
				_exit(2);
			_exit(0);
		}
		close(results[w][1]);
	}
	double most = 0;
	for (int w = 0; w < workers; w++) {
		double spent = 0;
		if (read(results[w][0], &spent, sizeof spent) !=
		    (ssize_t)sizeof spent) {
			fprintf(stderr, "bench-floor: a worker failed\n");
			exit(2);
		}
		close(results[w][0]);
		if (spent > most)
			most = spent;
	}
	while (wait(NULL) > 0)
		;
	free(owner);
	return most;
}

static double
megabytes(const file_list *l)
{
	size_t n = 0;
	for (size_t i = 0; i < l->n; i++)
		n += l->v[i].size;
	return (double)n / 1e6;
}

int
main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: bench-floor SOURCE OUT\n");
		return 2;
	}
	cmark_gfm_core_extensions_ensure_registered();
	xmlInitParser();
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int workers = cpus < 1 ? 1 : cpus > MAX_WORKERS ? MAX_WORKERS :
	    (int)cpus;
	file_list md = find(argv[1], ".md"), html = find(argv[2], ".html");
	double parse = slowest(&md, workers, 0);
	double write = slowest(&html, workers, 1);
	printf("%.3f %.3f %.1f %.1f %d\n", parse, write, megabytes(&md),
	    megabytes(&html), workers);
	for (size_t i = 0; i < md.n; i++)
		free(md.v[i].path);
	for (size_t i = 0; i < html.n; i++)
		free(html.v[i].path);
	free(md.v);
	free(html.v);
	return 0;
}
