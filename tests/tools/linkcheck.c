/*
 * linkcheck — every internal link of a built site resolves.
 *
 *   linkcheck OUT
 *
 * Parses every .html file under OUT with libxml2's HTML parser, collects
 * the ids of each page, then checks every relative href and src: the file
 * must exist, and a #fragment must be an id in that page. External
 * (http:, https:, mailto:, tel:, //) links are not followed. An id used
 * twice in a page is an error too: a link to it is ambiguous. Prints each
 * problem and exits 1 if there is any.
 */
#include "arena.h"
#include "buf.h"
#include "fsutil.h"
#include "strmap.h"

#include <libxml/HTMLparser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct page {
	char *path;
	htmlDocPtr doc;
	esg_strmap ids;
} page;

static page *pages;
static size_t npages, cap;
static esg_arena arena;

static void
collect(const char *dir)
{
	char **names;
	size_t n;
	if (esg_list_dir(dir, &names, &n) != 0)
		return;
	for (size_t i = 0; i < n; i++) {
		char *path = esg_path_join(&arena, dir, names[i]);
		size_t len = strlen(names[i]);
		if (esg_is_dir(path)) {
			collect(path);
		} else if (len > 5 && strcmp(names[i] + len - 5, ".html") == 0) {
			if (npages == cap) {
				cap = cap ? cap * 2 : 64;
				pages = esg_xrealloc(pages, cap * sizeof *pages);
			}
			page *p = &pages[npages++];
			memset(p, 0, sizeof *p);
			p->path = path;
			p->doc = htmlReadFile(path, "UTF-8", HTML_PARSE_NONET |
			    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
		}
	}
	esg_free_names(names, n);
}

static int duplicates;

static void
walk_ids(page *p, xmlNodePtr n)
{
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		xmlChar *id = xmlGetProp(n, (const xmlChar *)"id");
		if (id) {
			char *copy = esg_arena_strdup(&arena, (const char *)id);
			if (esg_strmap_get(&p->ids, copy)) {
				printf("%s: id \"%s\" is used twice\n", p->path, copy);
				duplicates++;
			}
			esg_strmap_put(&p->ids, copy, p);
			xmlFree(id);
		}
		walk_ids(p, n->children);
	}
}

static page *
find_page(const char *path)
{
	for (size_t i = 0; i < npages; i++)
		if (strcmp(pages[i].path, path) == 0)
			return &pages[i];
	return NULL;
}

/* Normalises "a/b/../c" and "a/./c". */
static char *
normalise(const char *path)
{
	char *copy = esg_arena_strdup(&arena, path);
	char *parts[256];
	int n = 0;
	for (char *tok = strtok(copy, "/"); tok; tok = strtok(NULL, "/")) {
		if (strcmp(tok, ".") == 0)
			continue;
		if (strcmp(tok, "..") == 0 && n > 0 && strcmp(parts[n - 1], "..") != 0)
			n--;
		else if (n < 256)
			parts[n++] = tok;
	}
	esg_buf b = ESG_BUF_INIT;
	if (path[0] == '/')
		esg_buf_putc(&b, '/');
	for (int i = 0; i < n; i++)
		esg_buf_printf(&b, "%s%s", i ? "/" : "", parts[i]);
	char *s = esg_arena_strdup(&arena, esg_buf_cstr(&b));
	esg_buf_free(&b);
	return s;
}

static char *
decode(const char *s, size_t n)
{
	char *out = esg_arena_alloc(&arena, n + 1), *o = out;
	for (size_t i = 0; i < n; i++) {
		unsigned v;
		if (s[i] == '%' && i + 2 < n + 1 && sscanf(s + i + 1, "%2x", &v) == 1) {
			*o++ = (char)v;
			i += 2;
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	return out;
}

static int
check_url(page *p, const char *url)
{
	if (strncmp(url, "http:", 5) == 0 || strncmp(url, "https:", 6) == 0 ||
	    strncmp(url, "mailto:", 7) == 0 || strncmp(url, "tel:", 4) == 0 ||
	    strncmp(url, "//", 2) == 0)
		return 0;
	if (strchr(url, ':') && strchr(url, ':') < strchr(url, '/') ) {
		printf("%s: unexpected scheme in %s\n", p->path, url);
		return 1;
	}
	size_t plen = strcspn(url, "?#");
	const char *frag = strchr(url, '#');
	const char *target = p->path;
	if (plen > 0) {
		char *dir = esg_path_dir(&arena, p->path);
		target = normalise(esg_path_join(&arena, dir, decode(url, plen)));
		if (!esg_exists(target)) {
			printf("%s: broken link %s (no %s)\n", p->path, url, target);
			return 1;
		}
	}
	if (frag == NULL || frag[1] == '\0')
		return 0;
	page *tp = find_page(target);
	if (tp == NULL) {
		printf("%s: %s: fragment on a file that is not a page\n", p->path, url);
		return 1;
	}
	char *id = decode(frag + 1, strlen(frag + 1));
	if (esg_strmap_get(&tp->ids, id) == NULL) {
		printf("%s: broken link %s (no id \"%s\" in %s)\n", p->path, url, id,
		    tp->path);
		return 1;
	}
	return 0;
}

static int
walk_links(page *p, xmlNodePtr n, size_t *count)
{
	int bad = 0;
	for (; n; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		static const char *const attrs[] = { "href", "src" };
		for (int k = 0; k < 2; k++) {
			xmlChar *v = xmlGetProp(n, (const xmlChar *)attrs[k]);
			if (v) {
				(*count)++;
				bad += check_url(p, (const char *)v);
				xmlFree(v);
			}
		}
		bad += walk_links(p, n->children, count);
	}
	return bad;
}

int
main(int argc, char **argv)
{
	if (argc != 2) {
		fputs("usage: linkcheck OUT\n", stderr);
		return 2;
	}
	collect(argv[1]);
	for (size_t i = 0; i < npages; i++)
		if (pages[i].doc)
			walk_ids(&pages[i], xmlDocGetRootElement(pages[i].doc));
	int bad = duplicates;
	size_t links = 0;
	for (size_t i = 0; i < npages; i++) {
		if (pages[i].doc == NULL) {
			printf("%s: cannot be parsed\n", pages[i].path);
			bad++;
			continue;
		}
		bad += walk_links(&pages[i], xmlDocGetRootElement(pages[i].doc),
		    &links);
	}
	printf("linkcheck %s: %zu pages, %zu links, %d broken\n", argv[1], npages,
	    links, bad);
	for (size_t i = 0; i < npages; i++) {
		if (pages[i].doc)
			xmlFreeDoc(pages[i].doc);
		esg_strmap_free(&pages[i].ids);
	}
	free(pages);
	esg_arena_free(&arena);
	return bad ? 1 : 0;
}
