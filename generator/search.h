/*
 * search.h — the site search index of one language.
 *
 * Built from the rendered pages themselves (the libxml2 article of each
 * chapter and index page), so it holds exactly the text a reader sees:
 * one entry per section — its number, title and own text, without its
 * subsections — and one per framework index row. Written as
 * OUT/<key>/search-index.js, a script that assigns the index to
 * window.ESGSITE_SEARCH, so the search page works from file:// (where a
 * fetch() of a JSON file is refused). Matching is done in the browser by
 * styles/search.js on substrings, which is what Chinese text (no spaces
 * between words) needs.
 *
 * Format: {"lang": TAG, "entries": [[PAGE, ID, NUMBER, TITLE, TEXT], …],
 *          "pages": [[FILE, TITLE], …]}
 * (entries first: they can be written out page by page, while the short
 * list of pages is kept until the end).
 * Ownership: the index owns its buffer; free it with esg_search_free.
 */
#ifndef ESG_SEARCH_H
#define ESG_SEARCH_H

#include "buf.h"

#include <libxml/tree.h>

typedef struct esg_search {
	esg_buf json;     /* entries not yet taken, comma-separated: a writer
	                     may take them and clear the buffer at any time */
	esg_buf pages;    /* the pages so far */
	esg_buf text;     /* scratch */
	int npages;
	size_t nentries;
} esg_search;

#define ESG_SEARCH_INIT { ESG_BUF_INIT, ESG_BUF_INIT, ESG_BUF_INIT, 0, 0 }

/* Adds a page: FILE is its name within the language ("climate.html"),
 * TITLE its plain title, ARTICLE the rendered <article>. */
void esg_search_add(esg_search *s, const char *file, const char *title,
    xmlNodePtr article);

/* The whole index as a script, into out (appended). */
void esg_search_script(const esg_search *s, const char *lang_tag,
    esg_buf *out);
/* The same script in pieces, so that the entries (as long as the report's
 * text) can be written out as each page is added, without being kept:
 * the head, then the contents of s->json as they come, then the tail. */
void esg_search_script_head(const char *lang_tag, esg_buf *out);
void esg_search_script_tail(const esg_search *s, esg_buf *out);

/* Pages rendered apart (on several cores) each fill their own part of the
 * index, begun by esg_search_part with the number of pages added before
 * theirs, and the parts are joined in page order by esg_search_join: it
 * appends the part's entries to entries (with the comma they need), keeps
 * the part's page in whole and empties the part. The result is the same
 * as adding every page to one index. */
void esg_search_part(esg_search *part, int pages_before);
void esg_search_join(esg_search *whole, esg_search *part, esg_buf *entries);

void esg_search_free(esg_search *s);

/* A page description made from the article's first paragraph of prose
 * (not the list of codes it covers): its text, cut at a word or character
 * boundary to about 160 columns (a Han character is two), with "…" when
 * cut. Appended to out; empty when the article has no paragraph. */
void esg_search_summary(xmlNodePtr article, esg_buf *out);

#endif
