/* cmark_threads.c — see cmark_threads.h for why this exists. */
#include "cmark_threads.h"

#include <cmark-gfm-extension_api.h>
#include <dlfcn.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef void manage_fn(cmark_parser *, int);

/* Set once by esg_cmark_threads_init() on the main thread, before any
 * worker starts; only read afterwards. */
static atomic_bool pinned;       /* characters added; ignore all calls */
static atomic_bool interposed;   /* the library's calls reach us */
static bool parallel;
static const char *const *attached;   /* the extensions every parser has */
static pthread_mutex_t finishing = PTHREAD_MUTEX_INITIALIZER;

void
cmark_manage_extensions_special_characters(cmark_parser *parser, int add)
{
	atomic_store(&interposed, true);
	if (atomic_load(&pinned) || !add)
		return;
	/* The library's own definition does the adding, once. */
	manage_fn *real = (manage_fn *)dlsym(RTLD_NEXT,
	    "cmark_manage_extensions_special_characters");
	if (real)
		real(parser, add);
}

static cmark_parser *
parser_with(int options, const char *const *extensions)
{
	cmark_parser *parser = cmark_parser_new(options);
	for (size_t i = 0; extensions[i]; i++) {
		cmark_syntax_extension *ext =
		    cmark_find_syntax_extension(extensions[i]);
		if (ext)
			cmark_parser_attach_syntax_extension(parser, ext);
	}
	return parser;
}

bool
esg_cmark_threads_init(const char *const *extensions)
{
	if (atomic_load(&pinned))
		return parallel;
	cmark_parser *parser = parser_with(CMARK_OPT_DEFAULT, extensions);
	static const char probe[] = "~~a~~ www.example.com\n";
	cmark_parser_feed(parser, probe, sizeof probe - 1);
	cmark_node *doc = cmark_parser_finish(parser);
	/* The probe must come out with its strikethrough and its link: if
	 * the library's own function could not be reached to add their
	 * characters, no parser would ever see them again. */
	cmark_node *para = cmark_node_first_child(doc);
	cmark_node *first = para ? cmark_node_first_child(para) : NULL;
	cmark_node *last = para ? cmark_node_last_child(para) : NULL;
	bool works = first && last &&
	    cmark_node_get_type(last) == CMARK_NODE_LINK &&
	    strcmp(cmark_node_get_type_string(first), "strikethrough") == 0;
	cmark_node_free(doc);
	cmark_parser_free(parser);
	if (!works) {
		/* A broken installation, not a report problem: stop before
		 * anything is written. */
		fputs("esgsite: cmark-gfm's strikethrough and autolink extensions "
		    "do not work in this installation\n", stderr);
		exit(2);
	}
	parallel = atomic_load(&interposed);
	attached = extensions;
	atomic_store(&pinned, true);
	return parallel;
}

cmark_node *
esg_cmark_parse(int options, const char *text, size_t len)
{
	cmark_parser *parser = parser_with(options, attached);
	cmark_parser_feed(parser, text, len);
	cmark_node *doc;
	if (parallel) {
		doc = cmark_parser_finish(parser);
	} else {
		pthread_mutex_lock(&finishing);
		doc = cmark_parser_finish(parser);
		pthread_mutex_unlock(&finishing);
	}
	cmark_parser_free(parser);
	return doc;
}
