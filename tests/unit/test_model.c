/* Loading, numbering, generated ids and link resolution on a fixture. */
#include "harness.h"
#include "load.h"
#include "render.h"
#include "resolve.h"

#include <libxml/xpath.h>

static const char *
number_of(esg_report *r, int lang, const char *id)
{
	const esg_section *s = esg_find_section(r, lang, id);
	return s ? (s->number ? s->number : "-") : NULL;
}

/* The href of the n-th <a> in the subtree (0-based). */
static char *
nth_href(xmlNodePtr root, int n)
{
	xmlNodePtr stack[64];
	int top = 0;
	stack[top++] = root;
	while (top > 0) {
		xmlNodePtr node = stack[--top];
		if (node->type == XML_ELEMENT_NODE &&
		    strcmp((const char *)node->name, "a") == 0 &&
		    xmlHasProp(node, (const xmlChar *)"href") && n-- == 0)
			return (char *)xmlGetProp(node, (const xmlChar *)"href");
		/* push children in reverse for document order */
		xmlNodePtr kids[256];
		int k = 0;
		for (xmlNodePtr c = node->children; c && k < 256; c = c->next)
			kids[k++] = c;
		while (k > 0 && top < 64)
			stack[top++] = kids[--k];
	}
	return NULL;
}

/* A chapter's article, its text parsed again as renderers do. */
static xmlNodePtr
render_chapter(esg_render *rc, size_t c)
{
	esg_tree tree;
	CHECK_INT(esg_parse_text(rc->r, c, &rc->r->chapters[c].text[rc->lang],
	    &tree, rc->d), 0);
	xmlNodePtr art = esg_render_chapter(rc, c, &tree);
	esg_tree_free(&tree);
	return art;
}

void
test_model(void)
{
	esg_diag d = ESG_DIAG_INIT;
	esg_report r;
	esg_report_init(&r, "tests/unit/fixtures/basic");
	CHECK_INT(esg_load_report(&r, &d), 0);
	CHECK_INT(r.nlangs, 2);
	CHECK_STR(r.langs[0].tag, "zh-Hant-HK");
	CHECK_STR(esg_lstr_get(&r.company, 1), "Test Co");
	/* A missing translation falls back to the primary language, with a
	 * warning. */
	CHECK_STR(esg_lstr_get(&r.description, 1), "中文简介");
	CHECK_INT(d.warnings, 1);
	CHECK_INT(esg_load_chapters(&r, &d, NULL, NULL), 0);
	esg_resolve(&r, &d);
	CHECK_NO_ERRORS(d);
	CHECK_INT(r.nchapters, 2);
	CHECK_STR(r.chapters[0].slug, "letter");
	CHECK_INT(r.chapters[0].number, 0);
	CHECK_INT(r.chapters[1].number, 1);

	for (int l = 0; l < 2; l++) {
		CHECK_STR(number_of(&r, l, "letter"), "-");
		CHECK_STR(number_of(&r, l, "env"), "1");
		CHECK_STR(number_of(&r, l, "emissions"), "1.1");
		/* Generated ids follow the structure, so they agree across
		 * languages. */
		CHECK_STR(number_of(&r, l, "env-1-1"), "1.1.1");
		CHECK_STR(number_of(&r, l, "scope2"), "1.1.2");
		/* .case is not numbered, nor is anything inside it, and it
		 * does not use up a number. */
		CHECK_STR(number_of(&r, l, "env-2"), "-");
		CHECK_STR(number_of(&r, l, "env-2-1"), "-");
		CHECK_STR(number_of(&r, l, "env-3"), "1.2");
	}
	const esg_section *em = esg_find_section(&r, 0, "emissions");
	CHECK_INT(em->ncovers, 3);
	CHECK_STR(em->covers[1].code, "A1.2");
	CHECK_STR(em->covers[2].framework, "gri");
	CHECK_STR(em->title, "排放");
	CHECK_INT(em->pos.line, 3);

	/* Link resolution on the chapter page and in the single document. */
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	esg_render rc = { &r, &d, 0, doc, 1, NULL, false };
	xmlNodePtr art = render_chapter(&rc, 1);
	const char *want_page[] = { "#emissions", "#scope2", "letter.html",
	    "../en/env.html#emissions" };
	for (int i = 0; i < 4; i++) {
		char *h = nth_href(art, i);
		CHECK_STR(h, want_page[i]);
		xmlFree(h);
	}
	xmlFreeNode(art);
	rc.single = true;
	rc.page_chapter = ESG_NO_CHAPTER;
	art = render_chapter(&rc, 1);
	char *h = nth_href(art, 2);
	CHECK_STR(h, "#letter");
	xmlFree(h);
	xmlFreeNode(art);
	rc.single = false;
	rc.lang = 1;
	art = render_chapter(&rc, 0);
	xmlFreeNode(art);
	/* From another page: page.html#id. */
	rc.page_chapter = 0;
	CHECK_STR(esg_href_section(&rc, em), "env.html#emissions");
	CHECK_STR(esg_href_section(&rc, esg_find_section(&r, 0, "env")),
	    "env.html");
	CHECK_INT(d.errors, 0);
	xmlFreeDoc(doc);
	esg_report_free(&r);
	esg_diag_free(&d);
}
