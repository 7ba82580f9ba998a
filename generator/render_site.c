/* render_site.c — every page of the site, through the templates. */
#include "buf.h"
#include "data.h"
#include "json.h"
#include "number.h"
#include "coverage.h"
#include "dom.h"
#include "fsutil.h"
#include "i18n.h"
#include "load.h"
#include "pool.h"
#include "render.h"
#include "resources.h"
#include "search.h"
#include "strmap.h"
#include "template.h"
#include "write.h"

#include <errno.h>
#include <libxml/parser.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* Every variable a template may name (besides ui.*), and so the whole
 * interface between esgsite and a report's own templates. */
static const char *const template_vars[] = {
	"lang", "page-title", "description", "canonical", "alternates",
	"stylesheet", "page-kind", "home", "company", "report-title",
	"language-switcher", "site-nav", "content", "page-toc", "print-page",
	"period", "stock-code", "print-stylesheet", "pdf", "search-page",
	"site-script", "is-search", "social",
	"robots", NULL
};

static int
known_ui(const char *name)
{
	for (int i = 0; i < ESG_UI_COUNT; i++)
		if (strcmp(esg_ui_name((esg_ui)i), name) == 0)
			return 1;
	return 0;
}

enum { T_PAGE, T_PRINT, T_CHOOSER, T_REVIEW, T_COUNT };
static const char *const template_files[T_COUNT] = {
	"page.xhtml", "print.xhtml", "chooser.xhtml", "review.xhtml"
};

/* The pages of one language, in reading order: navigation, contents,
 * the pager, print.html and the sitemap all follow it. */
typedef enum page_kind { P_COVER, P_CHAPTER, P_INDEX } page_kind;

typedef struct page {
	page_kind kind;
	size_t chapter;          /* P_CHAPTER */
	esg_framework *fw;       /* P_INDEX */
	const char *file;        /* "climate.html" */
} page;

typedef struct site {
	esg_report *r;
	esg_output *out;
	esg_diag *d;
	const esg_diag *review;
	esg_template tpl[T_COUNT];
	page *pages;
	size_t npages;
	xmlDictPtr dict;       /* names in this worker's pages */
	esg_buf html;          /* scratch for serialising pages */
	esg_buf article;       /* scratch for an article of a page */
	/* For a page of a language: page file -> its anchor in print.html,
	 * and where the page's parts of print.html and search-index.js go
	 * (its task's, joined to the files in page order: see task). */
	const esg_strmap *print_anchor;
	esg_buf *print;
	esg_search *search;
} site;

static void
list_pages(site *s)
{
	esg_report *r = s->r;
	s->pages = esg_arena_array(&r->arena, 1 + r->nchapters + r->nfws,
	    sizeof *s->pages);
	s->pages[s->npages++] = (page){ P_COVER, 0, NULL, "index.html" };
	for (size_t c = 0; c < r->nchapters; c++)
		s->pages[s->npages++] = (page){ P_CHAPTER, c, NULL,
		    esg_arena_printf(&r->arena, "%s.html", r->chapters[c].slug) };
	/* A framework index that no chapter places gets its own page. */
	for (size_t f = 0; f < r->nfws; f++)
		if (r->fws[f].cov && r->fws[f].index_chapter == ESG_NO_CHAPTER)
			s->pages[s->npages++] = (page){ P_INDEX, 0, &r->fws[f],
			    esg_index_page(r, &r->fws[f]) };
}

/* The title of a page in a language, as a label node (with number). */
static void
page_label(esg_render *rc, xmlNodePtr parent, const page *p)
{
	esg_report *r = rc->r;
	const char *tag = r->langs[rc->lang].tag;
	switch (p->kind) {
	case P_COVER:
		esg_add_text(parent, esg_ui_text(tag, ESG_UI_COVER));
		break;
	case P_CHAPTER: {
		const esg_chapter *ch = &r->chapters[p->chapter];
		const esg_section *s0 = esg_chapter_heading(ch, rc->lang);
		const esg_text *t = &ch->text[rc->lang];
		esg_render_label_titled(parent, s0, t->present && t->title ?
		    t->title : s0->title);
		break;
	}
	case P_INDEX: {
		const char *fallback;
		const char *t = esg_ctext_get(&p->fw->cat->index_title, tag,
		    &fallback);
		if (fallback)
			esg_set(esg_el_text(parent, "span", t), "lang", fallback);
		else
			esg_add_text(parent, t);
		break;
	}
	}
}

static const char *
page_plain_title(esg_render *rc, const page *p)
{
	esg_report *r = rc->r;
	const char *tag = r->langs[rc->lang].tag;
	switch (p->kind) {
	case P_COVER:
		return esg_ui_text(tag, ESG_UI_COVER);
	case P_CHAPTER: {
		const esg_chapter *ch = &r->chapters[p->chapter];
		const esg_text *t = &ch->text[rc->lang];
		return t->present && t->title ? t->title :
		    esg_chapter_heading(ch, rc->lang)->title;
	}
	case P_INDEX:
		return esg_ctext_get(&p->fw->cat->index_title, tag, NULL);
	}
	return "";
}

/* The href of a page from the page being rendered. */
static const char *
page_href(esg_render *rc, const page *p)
{
	esg_report *r = rc->r;
	if (rc->single) {
		switch (p->kind) {
		case P_COVER:
			return "#main";
		case P_CHAPTER:
			return esg_href_chapter(rc, p->chapter);
		case P_INDEX:
			return esg_arena_printf(&r->arena, "#%s-index", p->fw->key);
		}
	}
	return p->file;
}

/* A file from SOURCE/DIR/NAME when the report has one, else the built-in
 * DIR/NAME. *display names it for messages. The caller frees *data. */
static int
read_overridable(site *s, const char *dir, const char *name, char **data,
    size_t *len, const char **display)
{
	esg_report *r = s->r;
	char *own = esg_path_join(&r->arena, esg_path_join(&r->arena,
	    r->source, dir), name);
	if (esg_exists(own)) {
		*display = own;
		return esg_load_source_file(r, own, data, len, s->d);
	}
	char *builtin = esg_arena_printf(&r->arena, "%s/%s", dir, name);
	const esg_resource *res = esg_resource_find(builtin);
	if (res == NULL) {
		esg_input_error(s->d, (esg_pos){ own, 0, 0 },
		    "missing: no such file and no built-in default");
		return -1;
	}
	*display = esg_arena_printf(&r->arena, "(built-in) %s", builtin);
	*data = esg_xmalloc(res->len + 1);
	memcpy(*data, res->data, res->len + 1);
	*len = res->len;
	return 0;
}

static int
load_templates(site *s)
{
	int rc = 0;
	for (int i = 0; i < T_COUNT; i++) {
		char *data;
		size_t len;
		const char *display;
		if (read_overridable(s, "templates", template_files[i], &data,
		    &len, &display) != 0) {
			rc = -1;
			continue;
		}
		/* Every page's renderer puts its content in and writes what
		 * it holds: a template must place it, once, on every page. */
		if (esg_template_parse(&s->tpl[i], display, data, len,
		    template_vars, known_ui, s->d) != 0 ||
		    esg_template_require(&s->tpl[i], "content", s->d) != 0)
			rc = -1;
		free(data);
	}
	return rc;
}

/* An id in the page or print template is an element of every page, or of
 * print.html: a section with the same id would make two, and its links
 * would go to the other. */
static void
check_template_ids(site *s)
{
	esg_report *r = s->r;
	const int kinds[] = { T_PAGE, T_PRINT };
	for (size_t k = 0; k < sizeof kinds / sizeof kinds[0]; k++) {
		const esg_template *t = &s->tpl[kinds[k]];
		xmlNodePtr top = t->doc ? xmlDocGetRootElement(t->doc) : NULL;
		for (xmlNodePtr n = top; n; n = esg_dom_next(n, top, true)) {
			if (n->type != XML_ELEMENT_NODE)
				continue;
			xmlChar *id = xmlGetProp(n, (const xmlChar *)"id");
			const esg_section *sec = NULL;
			for (int l = 0; id && l < r->nlangs && sec == NULL; l++)
				sec = esg_strmap_get(&r->ids[l], (const char *)id);
			if (sec)
				esg_error(s->d, ESG_K_LINK, sec->pos, "id '%s' is also "
				    "the id of an element of every page (%s:%ld): "
				    "choose another", (const char *)id, t->name,
				    xmlGetLineNo(n));
			xmlFree(id);
		}
	}
}

/* ------------------------------------------------------------------ */
/* Page furniture                                                      */

static const char *
page_url(site *s, int lang, const char *file, bool absolute)
{
	esg_report *r = s->r;
	if (absolute && r->base_url)
		return esg_arena_printf(&r->arena, "%s%s/%s", r->base_url,
		    r->langs[lang].key, file);
	return esg_arena_printf(&r->arena, "../%s/%s", r->langs[lang].key, file);
}

/* <link rel="alternate" hreflang> for every language and x-default;
 * absolute when base_url is set (what search engines expect), relative
 * otherwise so the site works from any path. */
static xmlNodePtr
alternates(site *s, xmlDocPtr doc, const char *file, bool is_cover)
{
	esg_report *r = s->r;
	xmlNodePtr h = esg_holder(doc);
	for (int l = 0; l < r->nlangs; l++) {
		xmlNodePtr link = esg_el(h, "link");
		esg_set(link, "rel", "alternate");
		esg_set(link, "hreflang", r->langs[l].tag);
		esg_set(link, "href", page_url(s, l, file, true));
		esg_nl(h);
	}
	xmlNodePtr link = esg_el(h, "link");
	esg_set(link, "rel", "alternate");
	esg_set(link, "hreflang", "x-default");
	if (is_cover)
		esg_set(link, "href", r->base_url ? r->base_url : "../index.html");
	else
		esg_set(link, "href", page_url(s, 0, file, true));
	return h;
}

/* Open Graph and Twitter card metadata: what a link to the page shows
 * when shared. og:url only with base_url (it must be absolute). */
static xmlNodePtr
social(site *s, xmlDocPtr doc, int lang, const char *url, const char *title,
    const char *description)
{
	esg_report *r = s->r;
	xmlNodePtr h = esg_holder(doc);
	const char *const props[][2] = {
		{ "og:type", "website" },
		{ "og:site_name", esg_lstr_get(&r->company, lang) },
		{ "og:title", title },
		{ "og:description", description },
		{ "og:url", url },
		{ "og:locale", esg_og_locale(&r->arena, r->langs[lang].tag) },
	};
	for (size_t i = 0; i < sizeof props / sizeof *props; i++) {
		if (props[i][1] == NULL || !*props[i][1])
			continue;
		xmlNodePtr m = esg_el(h, "meta");
		esg_set(m, "property", props[i][0]);
		esg_set(m, "content", props[i][1]);
		esg_nl(h);
	}
	for (int l = 0; l < r->nlangs; l++) {
		if (l == lang)
			continue;
		xmlNodePtr m = esg_el(h, "meta");
		esg_set(m, "property", "og:locale:alternate");
		esg_set(m, "content", esg_og_locale(&r->arena, r->langs[l].tag));
		esg_nl(h);
	}
	xmlNodePtr m = esg_el(h, "meta");
	esg_set(m, "name", "twitter:card");
	esg_set(m, "content", "summary");
	return h;
}

static xmlNodePtr
language_switcher(site *s, xmlDocPtr doc, int lang, const char *file)
{
	esg_report *r = s->r;
	xmlNodePtr h = esg_holder(doc);
	xmlNodePtr ul = esg_el(h, "ul");
	for (int l = 0; l < r->nlangs; l++) {
		xmlNodePtr li = esg_el(ul, "li");
		if (l == lang) {
			xmlNodePtr span = esg_el_text(li, "span", r->langs[l].name);
			esg_set(span, "class", "current");
			esg_set(span, "aria-current", "true");
			esg_set(span, "lang", r->langs[l].tag);
			continue;
		}
		xmlNodePtr a = esg_el_text(li, "a", r->langs[l].name);
		esg_set(a, "href", page_url(s, l, file, false));
		esg_set(a, "hreflang", r->langs[l].tag);
		esg_set(a, "lang", r->langs[l].tag);
		esg_set(a, "rel", "alternate");
	}
	return h;
}

/* A <details> that is open, so the list shows without JavaScript and on
 * wide screens; on phones styles/site.js folds it, and its <summary> (a
 * heading when HEADING is given) opens it again. */
static xmlNodePtr
fold(xmlNodePtr parent, const char *label, const char *heading)
{
	xmlNodePtr d = esg_el(parent, "details");
	esg_set(d, "class", "fold");
	esg_set(d, "open", "open");
	xmlNodePtr summary = esg_el(d, "summary");
	if (heading)
		esg_el_text(summary, heading, label);
	else
		esg_add_text(summary, label);
	esg_nl(d);
	return d;
}

static xmlNodePtr
site_nav(site *s, esg_render *rc, size_t current)
{
	xmlNodePtr h = esg_holder(rc->doc);
	xmlNodePtr ol = esg_el(fold(h, esg_ui_text(s->r->langs[rc->lang].tag,
	    ESG_UI_CHAPTERS), NULL), "ol");
	esg_nl(ol);
	for (size_t i = 0; i < s->npages; i++) {
		const page *p = &s->pages[i];
		if (p->kind == P_CHAPTER &&
		    !s->r->chapters[p->chapter].text[rc->lang].present)
			continue;
		xmlNodePtr li = esg_el(ol, "li");
		xmlNodePtr a = esg_el(li, "a");
		esg_set(a, "href", p->file);
		page_label(rc, a, p);
		if (i == current) {
			esg_set(li, "class", "current");
			esg_set(a, "aria-current", "page");
		}
		esg_nl(ol);
	}
	return h;
}

/* A nested <ol> of sections [from, to) of a chapter text with depth in
 * [min_depth, max_depth]. */
static void
section_list(esg_render *rc, xmlNodePtr parent, const esg_text *t,
    int min_depth, int max_depth)
{
	xmlNodePtr lists[9] = { 0 };
	xmlNodePtr items[9] = { 0 };
	int top = -1;
	for (size_t i = 0; i < t->nsections; i++) {
		const esg_section *s = &t->sections[i];
		if (s->depth < min_depth || s->depth > max_depth)
			continue;
		int level = s->depth - min_depth;
		while (top > level)
			top--;
		if (top < level) {
			/* Open lists down to this level (skipped levels nest in
			 * the last item, or in the parent). */
			while (top < level) {
				xmlNodePtr host = top >= 0 && items[top] ? items[top] :
				    (top < 0 ? parent : lists[top]);
				lists[top + 1] = esg_el(host, "ol");
				esg_nl(lists[top + 1]);
				items[top + 1] = NULL;
				top++;
			}
		}
		xmlNodePtr li = esg_el(lists[top], "li");
		xmlNodePtr a = esg_el(li, "a");
		esg_set(a, "href", esg_href_section(rc, s));
		esg_render_label(a, s);
		esg_nl(lists[top]);
		items[top] = li;
	}
}

static xmlNodePtr
page_toc(esg_render *rc, const esg_text *t)
{
	if (t->nsections < 2)
		return NULL;
	xmlNodePtr h = esg_holder(rc->doc);
	section_list(rc, fold(h, esg_ui_text(rc->r->langs[rc->lang].tag,
	    ESG_UI_ON_THIS_PAGE), "h2"), t, 1, 3);
	return h;
}

static void
pager(site *s, esg_render *rc, xmlNodePtr parent, size_t current)
{
	const char *t = s->r->langs[rc->lang].tag;
	xmlNodePtr nav = esg_el(parent, "nav");
	esg_set(nav, "class", "pager");
	esg_set(nav, "aria-label", esg_ui_text(t, ESG_UI_CHAPTER_NAV));
	for (int dir = 0; dir < 2; dir++) {
		bool prev = dir == 0;
		if ((prev && current == 0) || (!prev && current + 1 >= s->npages))
			continue;
		const page *p = &s->pages[prev ? current - 1 : current + 1];
		xmlNodePtr a = esg_el(nav, "a");
		esg_set(a, "class", prev ? "pager-prev" : "pager-next");
		esg_set(a, "rel", prev ? "prev" : "next");
		esg_set(a, "href", p->file);
		xmlNodePtr l = esg_el_text(a, "span", esg_ui_text(t,
		    prev ? ESG_UI_PREVIOUS : ESG_UI_NEXT));
		esg_set(l, "class", "pager-label");
		esg_add_text(a, " ");
		xmlNodePtr tt = esg_el(a, "span");
		esg_set(tt, "class", "pager-title");
		page_label(rc, tt, p);
		esg_nl(nav);
	}
	esg_nl(parent);
}

static void
cover_block(esg_render *rc, xmlNodePtr parent)
{
	esg_report *r = rc->r;
	int l = rc->lang;
	const char *t = r->langs[l].tag;
	xmlNodePtr div = esg_el(parent, "div");
	esg_set(div, "class", "cover");
	esg_nl(div);
	esg_set(esg_el_text(div, "p", esg_lstr_get(&r->company, l)), "class",
	    "cover-company");
	esg_nl(div);
	esg_set(esg_el_text(div, "h1", esg_lstr_get(&r->title, l)), "class",
	    "cover-title");
	esg_nl(div);
	if (r->period_start) {
		xmlNodePtr p = esg_el(div, "p");
		esg_set(p, "class", "cover-period");
		esg_add_text(p, esg_ui_text(t, ESG_UI_PERIOD));
		esg_add_text(p, esg_script_of(t) == ESG_SCRIPT_EN ? ": " : "：");
		esg_add_text(p, esg_format_period(&r->arena, t, r->period_start,
		    r->period_end));
		esg_nl(div);
	}
	if (r->pdf && !rc->single) {
		xmlNodePtr p = esg_el(div, "p");
		esg_set(p, "class", "cover-pdf");
		xmlNodePtr a = esg_el_text(p, "a", esg_ui_text(t, ESG_UI_DOWNLOAD_PDF));
		esg_set(a, "href", "report.pdf");
		esg_set(a, "type", "application/pdf");
		esg_nl(div);
	}
	if (r->stock_code) {
		xmlNodePtr p = esg_el(div, "p");
		esg_set(p, "class", "cover-stock-code");
		esg_add_text(p, esg_ui_text(t, ESG_UI_STOCK_CODE));
		esg_add_text(p, esg_script_of(t) == ESG_SCRIPT_EN ? ": " : "：");
		esg_add_text(p, r->stock_code);
		esg_nl(div);
	}
	esg_nl(parent);
}

/* The highlights named "cover", when the data has them. */
static void
cover_highlights(esg_render *rc, xmlNodePtr parent)
{
	esg_data *data = rc->r->data;
	const esg_highlights *h = data ?
	    esg_strmap_get(&data->highlights_map, "cover") : NULL;
	if (h)
		esg_render_highlights(rc, h, parent);
}

/* The full contents: every chapter with its sections two levels deep,
 * then the index pages. */
static void
contents(site *s, esg_render *rc, xmlNodePtr parent)
{
	esg_report *r = rc->r;
	const char *t = r->langs[rc->lang].tag;
	xmlNodePtr nav = esg_el(parent, "nav");
	esg_set(nav, "class", "contents");
	esg_set(nav, "aria-labelledby", "contents-title");
	esg_nl(nav);
	xmlNodePtr h = esg_el_text(nav, "h2", esg_ui_text(t, ESG_UI_CONTENTS));
	esg_set(h, "id", "contents-title");
	esg_nl(nav);
	xmlNodePtr ol = esg_el(nav, "ol");
	esg_set(ol, "class", "toc");
	esg_nl(ol);
	for (size_t i = 0; i < s->npages; i++) {
		const page *p = &s->pages[i];
		if (p->kind == P_COVER)
			continue;
		xmlNodePtr li = esg_el(ol, "li");
		xmlNodePtr a = esg_el(li, "a");
		esg_set(a, "href", page_href(rc, p));
		page_label(rc, a, p);
		if (p->kind == P_CHAPTER)
			section_list(rc, li, &r->chapters[p->chapter].text[rc->lang],
			    1, 2);
		esg_nl(ol);
	}
	esg_nl(nav);
	esg_nl(parent);
}

/* The article of an index page: its title and the index (which brings
 * its edition line). */
static xmlNodePtr
index_article(esg_render *rc, esg_framework *fw)
{
	esg_report *r = rc->r;
	const char *tag = r->langs[rc->lang].tag;
	xmlNodePtr art = xmlNewDocNode(rc->doc, NULL, (const xmlChar *)"article",
	    NULL);
	esg_set(art, "class", "chapter framework-index");
	esg_set(art, "id", esg_arena_printf(&r->arena, "chapter-%s-index",
	    fw->key));
	esg_nl(art);
	const char *fallback;
	xmlNodePtr h1 = esg_el_text(art, "h1", esg_ctext_get(
	    &fw->cat->index_title, tag, &fallback));
	esg_set(h1, "id", esg_arena_printf(&r->arena, "%s-index", fw->key));
	if (fallback)
		esg_set(h1, "lang", fallback);
	esg_nl(art);
	esg_render_index(rc, fw, art);
	return art;
}

/* ------------------------------------------------------------------ */
/* Pages                                                               */

/* report.yaml's description, or else one made of the company, the title
 * and the period. */
static const char *
report_description(esg_report *r, int lang)
{
	const char *d = esg_lstr_get(&r->description, lang);
	if (d && *d)
		return d;
	const char *tag = r->langs[lang].tag;
	bool en = esg_script_of(tag) == ESG_SCRIPT_EN;
	const char *period = r->period_start ? esg_format_period(&r->arena, tag,
	    r->period_start, r->period_end) : NULL;
	const char *base = esg_arena_printf(&r->arena, en ? "%s: %s" : "%s%s",
	    esg_lstr_get(&r->company, lang), esg_lstr_get(&r->title, lang));
	if (period == NULL)
		return en ? esg_arena_printf(&r->arena, "%s.", base) :
		    esg_arena_printf(&r->arena, "%s。", base);
	return esg_arena_printf(&r->arena, en ? "%s, %s." : "%s（%s）。", base,
	    period);
}

/* The variables every page of a language has. TITLE is the page's own
 * title (for sharing), DESCRIPTION its description or NULL for the
 * report's. */
static void
common_vars(site *s, esg_tvars *v, xmlDocPtr doc, int lang, const char *file,
    bool is_cover, const char *title, const char *description)
{
	esg_report *r = s->r;
	const char *t = r->langs[lang].tag;
	if (description == NULL || !*description)
		description = report_description(r, lang);
	esg_tvars_text(v, "lang", t);
	esg_tvars_text(v, "company", esg_lstr_get(&r->company, lang));
	esg_tvars_text(v, "report-title", esg_lstr_get(&r->title, lang));
	esg_tvars_text(v, "description", description);
	esg_tvars_text(v, "search-page", "search.html");
	esg_tvars_text(v, "site-script", "../assets/site.js");
	esg_tvars_nodes(v, "social", social(s, doc, lang, r->base_url ?
	    page_url(s, lang, file, true) : NULL, title, description));
	esg_tvars_text(v, "stylesheet", "../assets/screen.css");
	esg_tvars_text(v, "print-stylesheet", "../assets/print.css");
	if (r->pdf)
		esg_tvars_text(v, "pdf", "report.pdf");
	esg_tvars_text(v, "home", "index.html");
	esg_tvars_text(v, "print-page", "print.html");
	esg_tvars_text(v, "stock-code", r->stock_code ? r->stock_code : "");
	if (r->period_start)
		esg_tvars_text(v, "period", esg_format_period(&r->arena, t,
		    r->period_start, r->period_end));
	if (r->base_url)
		esg_tvars_text(v, "canonical", page_url(s, lang, file, true));
	for (int i = 0; i < ESG_UI_COUNT; i++)
		esg_tvars_text(v, esg_arena_printf(&r->arena, "ui.%s",
		    esg_ui_name((esg_ui)i)), esg_ui_text(t, (esg_ui)i));
	esg_tvars_nodes(v, "alternates", alternates(s, doc, file, is_cover));
	esg_tvars_nodes(v, "language-switcher",
	    language_switcher(s, doc, lang, file));
}

/* A page's entries go to its part of the language's search index
 * (see task). */
static void
search_add(site *s, const char *file, const char *title, xmlNodePtr article)
{
	if (s->out->dry)
		return;
	esg_search_add(s->search, file, title, article);
}

static int
emit(site *s, xmlDocPtr doc, const char *rel)
{
	if (s->out->dry) {   /* `check`: rendering found the problems */
		xmlFreeDoc(doc);
		return 0;
	}
	esg_buf_clear(&s->html);
	esg_write_html(doc, &s->html);
	xmlFreeDoc(doc);
	return esg_output_write(s->out, rel, s->html.ptr, s->html.len);
}

/* Where print.html's articles go: an element no template or author can
 * write (author text is escaped), replaced after serialising. */
#define PRINT_SLOT "esg-print-articles"

/* How libxml2 writes an empty element named by a string literal, as the
 * places above and below are found in serialised pages. */
#define SLOT_TAG(name) "<" name "></" name ">"

/* For each page of the language, where print.html shows it. */
static void
print_anchors(site *s, int lang, esg_strmap *anchors)
{
	esg_render rc = { s->r, s->d, lang, NULL, ESG_NO_CHAPTER, NULL, true };
	for (size_t i = 0; i < s->npages; i++)
		esg_strmap_set(anchors, s->pages[i].file,
		    (void *)page_href(&rc, &s->pages[i]));
}

/* In print.html, links to other pages of the language are links within
 * the one document: "climate.html" -> "#chapter-climate", and
 * "climate.html#ghg" -> "#ghg". */
static const char *
print_href(void *ctx, xmlNodePtr el, const char *v)
{
	(void)el;
	site *s = ctx;
	if (v[0] == '#')
		return NULL;
	const char *hash = strchr(v, '#');
	size_t flen = hash ? (size_t)(hash - v) : strlen(v);
	char file[256];
	if (flen >= sizeof file)
		return NULL;
	memcpy(file, v, flen);
	file[flen] = '\0';
	const char *anchor = esg_strmap_get(s->print_anchor, file);
	return anchor ? (hash ? hash : anchor) : NULL;
}

/* Writes the page in s->html to rel with the k-th `tag` (a SLOT_TAG)
 * replaced by parts [ends[k-1], ends[k]) (from 0 for the first): for the
 * parts of a page serialised apart from it. An element no template or
 * author can write (author text is escaped) marks each place; places the
 * template left out leave their parts out. */
static int
emit_spliced(site *s, const char *rel, const char *tag,
    const esg_buf *parts, const size_t *ends, size_t nparts)
{
	const char *html = esg_buf_cstr(&s->html), *at;
	size_t done = 0, from = 0;
	esg_output_file f;
	int rc = esg_output_open(s->out, rel, &f);
	for (size_t k = 0; rc == 0 && k < nparts &&
	    (at = strstr(html + done, tag)) != NULL; k++) {
		size_t head = (size_t)(at - html);
		if (esg_output_append(s->out, &f, html + done, head - done) != 0 ||
		    esg_output_append(s->out, &f, parts->ptr + from,
		    ends[k] - from) != 0)
			rc = -1;
		done = head + strlen(tag);
		from = ends[k];
	}
	if (rc == 0 && esg_output_append(s->out, &f, html + done,
	    s->html.len - done) != 0)
		rc = -1;
	if (esg_output_close(s->out, &f) != 0)
		rc = -1;
	return rc;
}

/* Writes the page, and its article once more to print.html. The article
 * is written out once for both (esg_write_html_twice): the page around
 * it is written with an empty element in its place, which no template or
 * author can write (author text is escaped), and the article goes there. */
#define ARTICLE_SLOT "esg-article-here"

static int
emit_with_print(site *s, xmlDocPtr doc, xmlNodePtr article, const char *rel)
{
	if (s->out->dry)
		return emit(s, doc, rel);
	xmlNodePtr slot = xmlNewDocNode(doc, NULL,
	    (const xmlChar *)ARTICLE_SLOT, NULL);
	xmlReplaceNode(article, slot);
	esg_buf_clear(&s->html);
	esg_write_html(doc, &s->html);
	esg_buf_clear(&s->article);
	esg_write_html_twice(doc, article, "href", print_href, s, &s->article,
	    s->print);
	xmlFreeNode(article);
	xmlFreeDoc(doc);
	esg_buf_putc(s->print, '\n');
	return emit_spliced(s, rel, SLOT_TAG(ARTICLE_SLOT), &s->article,
	    &s->article.len, 1);
}

static int
chapter_page(site *s, int lang, size_t pi)
{
	esg_report *r = s->r;
	size_t c = s->pages[pi].chapter;
	const esg_chapter *ch = &r->chapters[c];
	const esg_text *t = &ch->text[lang];
	if (!t->present)
		return 0;   /* reported by the loader; the build fails */
	/* `check` wants only what rendering the article finds: the page
	 * around it reports nothing. */
	bool article_only = s->out->dry;
	xmlDocPtr doc = article_only ? xmlNewDoc((const xmlChar *)"1.0") :
	    esg_template_page(&s->tpl[T_PAGE], s->dict);
	esg_render rc = { r, s->d, lang, doc, c, NULL, false };
	const char *file = s->pages[pi].file;
	esg_tvars v = ESG_TVARS_INIT;
	/* Parsed again for this page and freed at once: the loader keeps no
	 * trees (see esg_tree). */
	esg_tree tree;
	esg_parse_text(r, c, t, &tree, s->d);
	xmlNodePtr article = esg_render_chapter(&rc, c, &tree);
	esg_tree_free(&tree);
	if (article_only) {
		xmlFreeNode(article);
		xmlFreeDoc(doc);
		return 0;
	}
	/* Without a description in the front matter, the chapter's opening
	 * words: every page a search engine lists needs its own. */
	const char *description = t->description;
	if (description == NULL || !*description) {
		esg_buf_clear(&s->html);
		esg_search_summary(article, &s->html);
		description = esg_arena_strdup(&r->arena, esg_buf_cstr(&s->html));
	}
	common_vars(s, &v, doc, lang, file, false, t->title, description);
	esg_tvars_text(&v, "page-kind", "page-chapter");
	esg_tvars_text(&v, "page-title", esg_arena_printf(&r->arena, "%s | %s",
	    t->title, esg_lstr_get(&r->title, lang)));
	xmlNodePtr content = esg_holder(doc);
	xmlAddChild(content, article);
	search_add(s, file, t->title, article);
	esg_nl(content);
	pager(s, &rc, content, pi);
	esg_tvars_nodes(&v, "content", content);
	esg_tvars_nodes(&v, "site-nav", site_nav(s, &rc, pi));
	xmlNodePtr toc = page_toc(&rc, t);
	if (toc)
		esg_tvars_nodes(&v, "page-toc", toc);
	esg_template_fill(doc, &v);
	esg_tvars_free(&v);
	return emit_with_print(s, doc, article, esg_arena_printf(&r->arena,
	    "%s/%s", r->langs[lang].key, file));
}

static int
index_page(site *s, int lang, size_t pi)
{
	esg_report *r = s->r;
	esg_framework *fw = s->pages[pi].fw;
	xmlDocPtr doc = esg_template_page(&s->tpl[T_PAGE], s->dict);
	esg_render rc = { r, s->d, lang, doc, ESG_NO_CHAPTER, fw, false };
	const char *file = s->pages[pi].file;
	esg_tvars v = ESG_TVARS_INIT;
	const char *title = page_plain_title(&rc, &s->pages[pi]);
	common_vars(s, &v, doc, lang, file, false, title, NULL);
	esg_tvars_text(&v, "page-kind", "page-index");
	esg_tvars_text(&v, "page-title", esg_arena_printf(&r->arena, "%s | %s",
	    title, esg_lstr_get(&r->title, lang)));
	xmlNodePtr content = esg_holder(doc);
	xmlNodePtr article = index_article(&rc, fw);
	xmlAddChild(content, article);
	search_add(s, file, title, article);
	esg_nl(content);
	pager(s, &rc, content, pi);
	esg_tvars_nodes(&v, "content", content);
	esg_tvars_nodes(&v, "site-nav", site_nav(s, &rc, pi));
	esg_template_fill(doc, &v);
	esg_tvars_free(&v);
	return emit_with_print(s, doc, article, esg_arena_printf(&r->arena,
	    "%s/%s", r->langs[lang].key, file));
}

static int
cover_page(site *s, int lang)
{
	esg_report *r = s->r;
	xmlDocPtr doc = esg_template_page(&s->tpl[T_PAGE], s->dict);
	esg_render rc = { r, s->d, lang, doc, ESG_NO_CHAPTER, NULL, false };
	esg_tvars v = ESG_TVARS_INIT;
	common_vars(s, &v, doc, lang, "index.html", true,
	    esg_lstr_get(&r->title, lang), NULL);
	esg_tvars_text(&v, "page-kind", "page-cover");
	esg_tvars_text(&v, "page-title", esg_arena_printf(&r->arena, "%s | %s",
	    esg_lstr_get(&r->title, lang), esg_lstr_get(&r->company, lang)));
	xmlNodePtr content = esg_holder(doc);
	cover_block(&rc, content);
	cover_highlights(&rc, content);
	contents(s, &rc, content);
	esg_tvars_nodes(&v, "content", content);
	esg_tvars_nodes(&v, "site-nav", site_nav(s, &rc, 0));
	esg_template_fill(doc, &v);
	esg_tvars_free(&v);
	return emit(s, doc, esg_arena_printf(&r->arena, "%s/index.html",
	    r->langs[lang].key));
}

/* print.html around its articles: its cover and contents, up to where
 * the articles go, into head, and what follows them into tail; each page
 * adds its article (emit_with_print) in between. */
static int
print_parts(site *s, int lang, esg_buf *head, esg_buf *tail)
{
	esg_report *r = s->r;
	xmlDocPtr doc = esg_template_page(&s->tpl[T_PRINT], s->dict);
	/* Cover and contents once more: what they report was reported
	 * on the cover page. */
	esg_diag quiet = ESG_DIAG_INIT;
	esg_render rc = { r, &quiet, lang, doc, ESG_NO_CHAPTER, NULL, true };
	esg_tvars v = ESG_TVARS_INIT;
	common_vars(s, &v, doc, lang, "print.html", false,
	    esg_lstr_get(&r->title, lang), NULL);
	esg_tvars_text(&v, "page-kind", "page-print");
	/* The chapter pages are what a search engine should offer; this is
	 * the same text again, for printing. */
	esg_tvars_text(&v, "robots", "noindex, follow");
	esg_tvars_text(&v, "page-title", esg_arena_printf(&r->arena, "%s | %s",
	    esg_lstr_get(&r->title, lang), esg_lstr_get(&r->company, lang)));
	xmlNodePtr content = esg_holder(doc);
	cover_block(&rc, content);
	cover_highlights(&rc, content);
	contents(s, &rc, content);
	/* The articles go where this element is: no tree of the whole
	 * report is built, and no copy of it is kept. */
	esg_el(content, PRINT_SLOT);
	esg_tvars_nodes(&v, "content", content);
	esg_template_fill(doc, &v);
	esg_tvars_free(&v);
	esg_diag_free(&quiet);
	esg_buf_clear(&s->html);
	esg_write_html(doc, &s->html);
	xmlFreeDoc(doc);
	const char *slot = SLOT_TAG(PRINT_SLOT);
	const char *at = strstr(esg_buf_cstr(&s->html), slot);
	if (at == NULL) {
		esg_error(s->d, ESG_K_SYNTAX, (esg_pos){ s->tpl[T_PRINT].name,
		    0, 0 }, "print.xhtml has no element for the content "
		    "(data-esg-insert=\"content\")");
		return -1;
	}
	size_t at_slot = (size_t)(at - s->html.ptr), slot_len = strlen(slot);
	esg_buf_put(head, s->html.ptr, at_slot);
	esg_buf_put(tail, s->html.ptr + at_slot + slot_len,
	    s->html.len - at_slot - slot_len);
	return 0;
}

/* OUT/<key>/search.html: the search form, filled by styles/search.js from
 * search-index.js. Without JavaScript the page says so and points to the
 * one-page version, where the browser's own Find searches everything. */
static int
search_page(site *s, int lang)
{
	esg_report *r = s->r;
	const char *t = r->langs[lang].tag;
	xmlDocPtr doc = esg_template_page(&s->tpl[T_PAGE], s->dict);
	esg_render rc = { r, s->d, lang, doc, ESG_NO_CHAPTER, NULL, false };
	esg_tvars v = ESG_TVARS_INIT;
	const char *title = esg_ui_text(t, ESG_UI_SEARCH_LABEL);
	common_vars(s, &v, doc, lang, "search.html", false, title, NULL);
	esg_tvars_text(&v, "page-kind", "page-search");
	esg_tvars_text(&v, "page-title", esg_arena_printf(&r->arena, "%s | %s",
	    title, esg_lstr_get(&r->title, lang)));
	esg_tvars_text(&v, "is-search", "yes");
	esg_tvars_text(&v, "robots", "noindex, follow");

	xmlNodePtr content = esg_holder(doc);
	xmlNodePtr art = esg_el(content, "article");
	esg_set(art, "class", "chapter search");
	esg_nl(art);
	esg_set(esg_el_text(art, "h1", title), "id", "search-title");
	esg_nl(art);
	xmlNodePtr form = esg_el(art, "form");
	esg_set(form, "id", "search-form");
	esg_set(form, "class", "search-form");
	esg_set(form, "role", "search");
	esg_set(form, "action", "search.html");
	esg_set(form, "aria-labelledby", "search-title");
	esg_set(form, "hidden", "hidden");   /* shown by the script */
	esg_nl(form);
	xmlNodePtr label = esg_el_text(form, "label", esg_ui_text(t,
	    ESG_UI_SEARCH));
	esg_set(label, "for", "search-q");
	esg_nl(form);
	xmlNodePtr row = esg_el(form, "div");
	esg_set(row, "class", "search-row");
	xmlNodePtr input = esg_el(row, "input");
	esg_set(input, "type", "search");
	esg_set(input, "id", "search-q");
	esg_set(input, "name", "q");
	esg_set(input, "autocomplete", "off");
	esg_set(input, "aria-describedby", "search-hint");
	esg_set(esg_el_text(row, "button", esg_ui_text(t, ESG_UI_SEARCH)),
	    "type", "submit");
	esg_nl(form);
	xmlNodePtr hint = esg_el_text(form, "p", esg_ui_text(t,
	    ESG_UI_SEARCH_HINT));
	esg_set(hint, "id", "search-hint");
	esg_set(hint, "class", "search-hint");
	esg_nl(form);
	esg_nl(art);
	xmlNodePtr ns = esg_el(art, "noscript");
	xmlNodePtr p = esg_el_text(ns, "p", esg_ui_text(t,
	    ESG_UI_SEARCH_NO_SCRIPT));
	esg_add_text(p, " ");
	esg_set(esg_el_text(p, "a", esg_ui_text(t, ESG_UI_PRINT_VERSION)),
	    "href", "print.html");
	esg_nl(art);
	xmlNodePtr status = esg_el(art, "p");
	esg_set(status, "id", "search-status");
	esg_set(status, "class", "search-status");
	esg_set(status, "role", "status");
	esg_set(status, "data-none", esg_ui_text(t, ESG_UI_SEARCH_NONE));
	esg_set(status, "data-one", esg_ui_text(t, ESG_UI_SEARCH_ONE));
	esg_set(status, "data-some", esg_ui_text(t, ESG_UI_SEARCH_SOME));
	esg_nl(art);
	xmlNodePtr ol = esg_el(art, "ol");
	esg_set(ol, "id", "search-results");
	esg_set(ol, "class", "search-results");
	esg_nl(art);
	/* The scripts belong to the content, so that a report's own page
	 * template gets a working search page too. */
	const char *const scripts[] = { "search-index.js", "../assets/search.js" };
	for (int i = 0; i < 2; i++) {
		xmlNodePtr js = esg_el(art, "script");
		esg_set(js, "src", scripts[i]);
		esg_set(js, "defer", "defer");
		esg_nl(art);
	}
	esg_tvars_nodes(&v, "content", content);
	esg_tvars_nodes(&v, "site-nav", site_nav(s, &rc, s->npages));
	esg_template_fill(doc, &v);
	esg_tvars_free(&v);
	return emit(s, doc, esg_arena_printf(&r->arena, "%s/search.html",
	    r->langs[lang].key));
}

/* robots.txt: the sitemap, and what is not for search engines (the
 * reviewers' dashboard, the search pages). Crawlers read it only at the
 * root of a host, so on a sub-path its lines belong in the host's own. */
static int
robots(site *s)
{
	esg_report *r = s->r;
	esg_buf *b = &s->html;
	esg_buf_clear(b);
	esg_buf_puts(b, "# Generated by esgsite. Crawlers read robots.txt only at "
	    "the root of a host:\n# when this report is published under a "
	    "sub-path, copy these lines into\n# the host's own robots.txt.\n"
	    "User-agent: *\n");
	/* The path part of base_url ("/esg/2024/"), or "/" without one. */
	const char *path = "/";
	if (r->base_url) {
		const char *p = strstr(r->base_url, "://");
		p = p ? strchr(p + 3, '/') : NULL;
		if (p)
			path = p;
	}
	esg_buf_printf(b, "Disallow: %sreview/\n", path);
	for (int l = 0; l < r->nlangs; l++)
		esg_buf_printf(b, "Disallow: %s%s/search.html\n", path,
		    r->langs[l].key);
	if (r->base_url)
		esg_buf_printf(b, "\nSitemap: %ssitemap.xml\n", r->base_url);
	return esg_output_write(s->out, "robots.txt", b->ptr, b->len);
}

static int
chooser_page(site *s)
{
	esg_report *r = s->r;
	xmlDocPtr doc = esg_template_page(&s->tpl[T_CHOOSER], s->dict);
	esg_tvars v = ESG_TVARS_INIT;
	esg_tvars_text(&v, "lang", r->langs[0].tag);
	esg_tvars_text(&v, "stylesheet", "assets/screen.css");
	esg_tvars_text(&v, "company", esg_lstr_get(&r->company, 0));
	esg_tvars_text(&v, "report-title", esg_lstr_get(&r->title, 0));
	esg_tvars_text(&v, "page-title", esg_arena_printf(&r->arena, "%s | %s",
	    esg_lstr_get(&r->title, 0), esg_lstr_get(&r->company, 0)));
	esg_tvars_text(&v, "page-kind", "page-chooser");
	esg_tvars_text(&v, "description", report_description(r, 0));
	esg_tvars_nodes(&v, "social", social(s, doc, 0, r->base_url,
	    esg_lstr_get(&r->title, 0), report_description(r, 0)));
	if (r->base_url)
		esg_tvars_text(&v, "canonical", r->base_url);
	for (int i = 0; i < ESG_UI_COUNT; i++)
		esg_tvars_text(&v, esg_arena_printf(&r->arena, "ui.%s",
		    esg_ui_name((esg_ui)i)), esg_ui_text(r->langs[0].tag, (esg_ui)i));

	xmlNodePtr alt = esg_holder(doc);
	for (int l = 0; l < r->nlangs; l++) {
		xmlNodePtr link = esg_el(alt, "link");
		esg_set(link, "rel", "alternate");
		esg_set(link, "hreflang", r->langs[l].tag);
		esg_set(link, "href", r->base_url ?
		    esg_arena_printf(&r->arena, "%s%s/index.html", r->base_url,
		    r->langs[l].key) :
		    esg_arena_printf(&r->arena, "%s/index.html", r->langs[l].key));
		esg_nl(alt);
	}
	xmlNodePtr xd = esg_el(alt, "link");
	esg_set(xd, "rel", "alternate");
	esg_set(xd, "hreflang", "x-default");
	esg_set(xd, "href", r->base_url ? r->base_url : "index.html");
	esg_tvars_nodes(&v, "alternates", alt);

	xmlNodePtr content = esg_holder(doc);
	xmlNodePtr inner = esg_el(content, "div");
	esg_set(inner, "class", "chooser-inner");
	esg_nl(inner);
	esg_set(esg_el_text(inner, "p", esg_lstr_get(&r->company, 0)), "class",
	    "chooser-company");
	esg_nl(inner);
	esg_set(esg_el_text(inner, "h1", esg_lstr_get(&r->title, 0)), "class",
	    "chooser-title");
	esg_nl(inner);
	esg_nl(content);
	xmlNodePtr ul = esg_el(content, "ul");
	esg_set(ul, "class", "chooser-languages");
	esg_nl(ul);
	for (int l = 0; l < r->nlangs; l++) {
		xmlNodePtr li = esg_el(ul, "li");
		xmlNodePtr a = esg_el(li, "a");
		esg_set(a, "href", esg_arena_printf(&r->arena, "%s/index.html",
		    r->langs[l].key));
		esg_set(a, "hreflang", r->langs[l].tag);
		esg_set(a, "lang", r->langs[l].tag);
		esg_set(esg_el_text(a, "span", r->langs[l].name), "class",
		    "chooser-language");
		esg_add_text(a, " ");
		esg_set(esg_el_text(a, "span", esg_lstr_get(&r->title, l)),
		    "class", "chooser-report");
		esg_nl(ul);
	}
	esg_nl(content);
	esg_tvars_nodes(&v, "content", content);
	esg_template_fill(doc, &v);
	esg_tvars_free(&v);
	return emit(s, doc, "index.html");
}

static void
sitemap_url(site *s, xmlNodePtr urlset, xmlNsPtr xhtml, const char *file,
    const char *single)
{
	esg_report *r = s->r;
	for (int l = 0; l < (single ? 1 : r->nlangs); l++) {
		xmlNodePtr url = esg_el(urlset, "url");
		esg_el_text(url, "loc", single ? single :
		    page_url(s, l, file, true));
		for (int k = 0; k < r->nlangs; k++) {
			xmlNodePtr link = xmlNewChild(url, xhtml,
			    (const xmlChar *)"link", NULL);
			esg_set(link, "rel", "alternate");
			esg_set(link, "hreflang", r->langs[k].tag);
			esg_set(link, "href", single ?
			    esg_arena_printf(&r->arena, "%s%s/index.html",
			    r->base_url, r->langs[k].key) :
			    page_url(s, k, file, true));
		}
		xmlNodePtr link = xmlNewChild(url, xhtml, (const xmlChar *)"link",
		    NULL);
		esg_set(link, "rel", "alternate");
		esg_set(link, "hreflang", "x-default");
		esg_set(link, "href", single ? single :
		    strcmp(file, "index.html") == 0 ? r->base_url :
		    page_url(s, 0, file, true));
	}
}

static int
sitemap(site *s)
{
	esg_report *r = s->r;
	if (r->base_url == NULL)
		return 0;
	xmlDocPtr doc = xmlNewDoc((const xmlChar *)"1.0");
	xmlNodePtr urlset = xmlNewDocNode(doc, NULL, (const xmlChar *)"urlset",
	    NULL);
	xmlDocSetRootElement(doc, urlset);
	xmlNsPtr ns = xmlNewNs(urlset, (const xmlChar *)
	    "http://www.sitemaps.org/schemas/sitemap/0.9", NULL);
	xmlSetNs(urlset, ns);
	xmlNsPtr xhtml = xmlNewNs(urlset,
	    (const xmlChar *)"http://www.w3.org/1999/xhtml",
	    (const xmlChar *)"xhtml");
	sitemap_url(s, urlset, xhtml, NULL, r->base_url);
	for (size_t i = 0; i < s->npages; i++)
		sitemap_url(s, urlset, xhtml, s->pages[i].file, NULL);
	esg_buf_clear(&s->html);
	esg_write_xml(doc, &s->html);
	xmlFreeDoc(doc);
	return esg_output_write(s->out, "sitemap.xml", s->html.ptr, s->html.len);
}

/* ------------------------------------------------------------------ */
/* Downloads                                                           */

/* A text field of the CSV. Excel and LibreOffice run a field that starts
 * with = + - @ (or a tab or carriage return before one) as a formula,
 * which can fetch URLs or start programs ("CSV injection"): such a label
 * is written after a ', which makes it text, as OWASP advises. */
static void
csv_field(esg_buf *b, const char *s)
{
	bool formula = *s != '\0' && strchr("=+-@\t\r", *s) != NULL;
	if (!formula && strpbrk(s, ",\"\r\n") == NULL) {
		esg_buf_puts(b, s);
		return;
	}
	esg_buf_putc(b, '"');
	if (formula)
		esg_buf_putc(b, '\'');
	for (; *s; s++) {
		if (*s == '"')
			esg_buf_putc(b, '"');
		esg_buf_putc(b, *s);
	}
	esg_buf_putc(b, '"');
}

/* OUT/data/kpi.csv: UTF-8 with a byte order mark (so Excel reads the
 * Chinese labels), one row per metric and year. */
static int
kpi_csv(site *s)
{
	esg_report *r = s->r;
	esg_buf b = ESG_BUF_INIT;
	esg_buf_puts(&b, "\xEF\xBB\xBFmetric,year,value,unit");
	for (int l = 0; l < r->nlangs; l++)
		esg_buf_printf(&b, ",label_%s", r->langs[l].key);
	for (int l = 0; l < r->nlangs; l++)
		esg_buf_printf(&b, ",unit_%s", r->langs[l].key);
	esg_buf_puts(&b, "\r\n");
	esg_data *data = r->data;
	for (size_t i = 0; data && i < data->nmetrics; i++) {
		const esg_metric *m = data->metrics[i];
		for (size_t k = 0; k < m->nvalues; k++) {
			csv_field(&b, m->id);
			esg_buf_printf(&b, ",%d,", m->values[k].year);
			esg_number_plain(&b, m->values[k].value, m->decimals);
			esg_buf_putc(&b, ',');
			csv_field(&b, m->unit ? m->unit->key : "");
			for (int l = 0; l < r->nlangs; l++) {
				esg_buf_putc(&b, ',');
				csv_field(&b, esg_lstr_get(&m->label, l));
			}
			for (int l = 0; l < r->nlangs; l++) {
				esg_buf_putc(&b, ',');
				csv_field(&b, esg_unit_symbol(m->unit, r->langs[l].tag,
				    NULL));
			}
			esg_buf_puts(&b, "\r\n");
		}
	}
	int rc = esg_output_write(s->out, "data/kpi.csv", b.ptr, b.len);
	esg_buf_free(&b);
	return rc;
}

static void
json_lstr(esg_buf *b, const esg_report *r, const esg_lstr *t)
{
	esg_buf_putc(b, '{');
	for (int l = 0; l < r->nlangs; l++) {
		esg_buf_puts(b, l ? ", " : "");
		esg_json_string(b, r->langs[l].key);
		esg_buf_puts(b, ": ");
		esg_json_string(b, esg_lstr_get(t, l));
	}
	esg_buf_putc(b, '}');
}

static int
kpi_json(site *s)
{
	esg_report *r = s->r;
	esg_data *data = r->data;
	static const char *const derivations[] = { "null", "\"sum\"",
	    "\"ratio\"", "\"share\"", "\"change\"" };
	esg_buf b = ESG_BUF_INIT;
	esg_buf_printf(&b, "{\n  \"reporting_year\": %d,\n  \"metrics\": [",
	    data ? data->reporting_year : 0);
	for (size_t i = 0; data && i < data->nmetrics; i++) {
		const esg_metric *m = data->metrics[i];
		esg_buf_puts(&b, i ? ",\n    {" : "\n    {");
		esg_buf_puts(&b, "\"id\": ");
		esg_json_string(&b, m->id);
		esg_buf_puts(&b, ", \"label\": ");
		json_lstr(&b, r, &m->label);
		esg_buf_puts(&b, ", \"unit\": ");
		esg_json_string(&b, m->unit ? m->unit->key : "");
		esg_buf_printf(&b, ", \"decimals\": %d, \"derived\": %s, "
		    "\"values\": {", m->decimals, derivations[m->derive]);
		for (size_t k = 0; k < m->nvalues; k++) {
			esg_buf_printf(&b, "%s\"%d\": ", k ? ", " : "",
			    m->values[k].year);
			esg_number_plain(&b, m->values[k].value, m->decimals);
		}
		esg_buf_puts(&b, "}}");
	}
	esg_buf_puts(&b, data && data->nmetrics ? "\n  ]\n}\n" : "]\n}\n");
	int rc = esg_output_write(s->out, "data/kpi.json", b.ptr, b.len);
	esg_buf_free(&b);
	return rc;
}

/* ------------------------------------------------------------------ */
/* Assets and media                                                    */

static int
copy_assets(site *s)
{
	esg_report *r = s->r;
	int rc = 0;
	char *own_dir = esg_path_join(&r->arena, r->source, "styles");
	for (size_t i = 0; i < esg_resource_count; i++) {
		const esg_resource *res = &esg_resources[i];
		if (strncmp(res->name, "styles/", 7) != 0)
			continue;
		char *own = esg_path_join(&r->arena, own_dir, res->name + 7);
		if (esg_exists(own))
			continue;   /* copied below with the report's own */
		if (esg_output_write(s->out, esg_arena_printf(&r->arena,
		    "assets/%s", res->name + 7), res->data, res->len) != 0)
			rc = -1;
	}
	char **names;
	size_t count;
	/* What SOURCE/styles/ holds is published: like media/, it may not
	 * lead out of SOURCE (a link to /etc/passwd would be served). */
	if (!esg_is_dir(own_dir))
		return rc;
	if (!esg_within_source(r, own_dir, "not copied", s->d))
		return -1;
	if (esg_list_dir(own_dir, &names, &count) != 0)
		return rc;
	for (size_t i = 0; i < count; i++) {
		char *path = esg_path_join(&r->arena, own_dir, names[i]);
		if (names[i][0] == '.')
			continue;
		if (!esg_entry_within_source(r, path, "not copied", s->d)) {
			rc = -1;
			continue;
		}
		if (!esg_is_file(path)) {
			esg_warning(s->d, ESG_K_SYNTAX, (esg_pos){ path, 0, 0 },
			    "not copied: styles/ holds files only (a folder, a "
			    "device or a broken link is left out)");
			continue;
		}
		if (esg_output_copy(s->out, esg_arena_printf(&r->arena,
		    "assets/%s", names[i]), path) != 0)
			rc = -1;
	}
	esg_free_names(names, count);
	return rc;
}

/* Whether an attribute's value, as a browser reads it, holds a
 * javascript: URL: entities expanded (libxml2 kept them as references),
 * and the tabs and line breaks a URL parser drops ("java&#9;script:")
 * taken out. Anywhere in the value: <set to="…"> and <animate
 * values="a;…"> put it into an href as much as href itself. */
static bool
holds_javascript(xmlDocPtr doc, xmlAttrPtr a)
{
	xmlChar *v = xmlNodeListGetString(doc, a->children, 1);
	if (v == NULL)
		return false;
	size_t j = 0;
	for (size_t i = 0; v[i]; i++)
		if (v[i] != '\t' && v[i] != '\n' && v[i] != '\r')
			v[j++] = (xmlChar)((v[i] >= 'A' && v[i] <= 'Z') ?
			    v[i] + 32 : v[i]);
	v[j] = '\0';
	bool found = strstr((const char *)v, "javascript:") != NULL;
	xmlFree(v);
	return found;
}

/* svg_script's answer for markup it cannot see into. */
static const char SCRIPT_MAYBE[] = "markup in an entity";

/* What in an SVG runs when the file is opened: the element or attribute
 * and its line, or NULL. Browsers expand the entities an SVG's DOCTYPE
 * declares; libxml2 here does not (an external one could name any file),
 * so one whose text holds markup, which may be a <script>, is reported as
 * such. */
static const char *
svg_script(xmlDocPtr doc, xmlNodePtr top, long *line)
{
	for (xmlNodePtr n = top; n;
	    n = esg_dom_next(n, top, n->type == XML_ELEMENT_NODE)) {
		if (n->type == XML_ENTITY_REF_NODE) {
			xmlEntityPtr ent = xmlGetDocEntity(doc, n->name);
			if (ent && ent->content &&
			    strchr((const char *)ent->content, '<')) {
				*line = n->parent ? xmlGetLineNo(n->parent) : 0;
				return SCRIPT_MAYBE;
			}
			continue;
		}
		if (n->type != XML_ELEMENT_NODE)
			continue;
		*line = xmlGetLineNo(n);
		const char *name = (const char *)n->name;
		if (strcasecmp(name, "script") == 0)
			return "a <script>";
		if (strcasecmp(name, "foreignObject") == 0)
			return "a <foreignObject> (HTML inside)";
		for (xmlAttrPtr a = n->properties; a; a = a->next) {
			if (strncasecmp((const char *)a->name, "on", 2) == 0)
				return "an on… attribute";
			if (holds_javascript(doc, a))
				return "a javascript: link";
		}
	}
	return NULL;
}

/* A page, a script, or an SVG with a script in it, opened from media/,
 * runs as part of the site, as raw HTML in a chapter would; esgsite
 * drops that unless unsafe_html is set. Media are copied as they are, so
 * these are warnings (errors in `check`). The name decides how a browser
 * opens the file, so each name is looked at; an SVG's content is read
 * only when *svg_read is false, and sets it. */
static void
check_active_media(site *s, const char *path, const char *name,
    bool *svg_read)
{
	if (s->r->unsafe_html)
		return;
	const char *ext = strrchr(name, '.');
	if (ext == NULL)
		return;
	static const char *const runs[] = { ".html", ".htm", ".xhtml", ".shtml",
	    ".js", ".mjs", NULL };
	for (int i = 0; runs[i]; i++)
		if (strcasecmp(ext, runs[i]) == 0) {
			esg_warning(s->d, ESG_K_SYNTAX, (esg_pos){ path, 0, 0 },
			    "a web page or script in media/ runs as part of the site "
			    "when opened, as raw HTML would: publish a PDF instead, "
			    "or set unsafe_html: true in report.yaml");
			return;
		}
	if (strcasecmp(ext, ".svg") != 0 || *svg_read)
		return;
	*svg_read = true;
	char *data;
	size_t len;
	if (esg_read_file(path, ESG_MAX_FILE_SIZE, &data, &len) != 0)
		return;   /* copying it reports what is wrong */
	xmlDocPtr doc = xmlReadMemory(data, (int)len, path, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	free(data);
	if (doc == NULL)
		return;   /* not XML: browsers show nothing of it either */
	long line = 0;
	const char *what = svg_script(doc, xmlDocGetRootElement(doc), &line);
	if (what == SCRIPT_MAYBE)
		esg_warning(s->d, ESG_K_SYNTAX, (esg_pos){ path, (int)line, 0 },
		    "the SVG has markup in an entity its DOCTYPE declares, "
		    "which browsers expand and esgsite does not look into: it "
		    "may be a script that runs as part of the site; write the "
		    "markup itself, or set unsafe_html: true in report.yaml");
	else if (what)
		esg_warning(s->d, ESG_K_SYNTAX, (esg_pos){ path, (int)line, 0 },
		    "the SVG has %s, which runs as part of the site when the "
		    "file is opened: remove it, or set unsafe_html: true in "
		    "report.yaml", what);
	xmlFreeDoc(doc);
}

/* A file's or folder's identity, whatever the path that leads to it. */
static const char *
stat_key(esg_arena *a, const struct stat *st)
{
	return esg_arena_printf(a, "%llx:%llx", (unsigned long long)st->st_dev,
	    (unsigned long long)st->st_ino);
}

static const char *
node_key(esg_arena *a, const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? stat_key(a, &st) : NULL;
}

/* A symbolic link to a folder, met in media/ and followed later. */
typedef struct media_link {
	const char *path, *rel;
	int depth;
} media_link;

/* Media are copied as they are, except what could leak files from
 * outside the source (symbolic links that point out of it), what is not
 * a file (a FIFO would block the copy), and a folder reached a second
 * time through a link: a loop would never end, and links that each lead
 * to two others would copy 2^32 folders within the depth limit. Links to
 * folders are followed only once every real folder is copied, so that
 * the problem is reported at the link, not at the folder it names. */
typedef struct media_walk {
	esg_strmap copied;   /* folders: node_key -> itself */
	esg_strmap files;    /* node_key -> media_file */
	media_link *links;   /* to follow, in the order met */
	size_t nlinks, cap;
} media_walk;

/* A file met under several names (links, symbolic or hard) is copied and
 * read once; its other names are hard links to that copy. Otherwise a
 * 64 MB file and 100,000 links to it, a few megabytes of SOURCE, would
 * write 6.4 TB (and read an SVG 100,000 times). */
typedef struct media_file {
	const char *rel;      /* its copy in OUT */
	bool svg_read;        /* its content was checked for scripts */
} media_file;

static int
copy_media_file(site *s, media_walk *w, const char *path, const char *rel,
    const char *name, const char *key)
{
	esg_report *r = s->r;
	media_file *f = esg_strmap_get(&w->files, key);
	bool svg_read = f && f->svg_read;
	check_active_media(s, path, name, &svg_read);
	if (f) {
		f->svg_read = svg_read;
		if (esg_output_link(s->out, rel, f->rel) == 0)
			return 0;
	}
	if (esg_output_copy(s->out, rel, path) != 0)
		return -1;
	if (f == NULL) {
		f = esg_arena_alloc(&r->arena, sizeof *f);
		f->svg_read = svg_read;
		esg_strmap_put(&w->files, key, f);
	}
	/* Where the first copy has all the links the file system allows,
	 * the next names link to this one. */
	f->rel = rel;
	return 0;
}

static int
copy_media_dir(site *s, const char *dir, const char *rel, int depth,
    media_walk *w)
{
	esg_report *r = s->r;
	if (depth > 32) {
		esg_error(s->d, ESG_K_SYNTAX, (esg_pos){ dir, 0, 0 },
		    "media folders nest more than 32 levels deep");
		return -1;
	}
	char **names;
	size_t count;
	if (esg_list_dir(dir, &names, &count) != 0) {
		esg_input_error(s->d, (esg_pos){ dir, 0, 0 }, "cannot list: %s",
		    strerror(errno));
		return -1;
	}
	int rc = 0;
	for (size_t i = 0; i < count; i++) {
		if (names[i][0] == '.')
			continue;
		char *path = esg_path_join(&r->arena, dir, names[i]);
		char *sub = esg_path_join(&r->arena, rel, names[i]);
		/* One lstat and one stat per entry: media/ may hold tens of
		 * thousands of files. */
		struct stat link_st, st;
		if (lstat(path, &link_st) != 0)
			continue;   /* gone since listed */
		bool is_link = S_ISLNK(link_st.st_mode);
		if (is_link && !esg_within_source(r, path, "not copied",
		    s->d)) {
			rc = -1;
			continue;
		}
		st = link_st;
		if (is_link && stat(path, &st) != 0) {
			esg_warning(s->d, ESG_K_SYNTAX, (esg_pos){ path, 0, 0 },
			    "symbolic link leads nowhere; not copied");
			continue;
		}
		if (S_ISDIR(st.st_mode)) {
			/* An earlier output written into media/ is not media. */
			if (esg_exists(esg_path_join(&r->arena, path,
			    ESG_OUTPUT_MARKER)))
				continue;
			if (is_link) {
				if (w->nlinks == w->cap) {
					w->cap = w->cap ? 2 * w->cap : 16;
					w->links = esg_xrealloc(w->links,
					    w->cap * sizeof *w->links);
				}
				w->links[w->nlinks++] = (media_link){ path, sub,
				    depth + 1 };
				continue;
			}
			const char *key = stat_key(&r->arena, &st);
			if (esg_strmap_get(&w->copied, key)) {
				/* Inside a linked folder: the link led back. */
				esg_error(s->d, ESG_K_SYNTAX, (esg_pos){ path, 0, 0 },
				    "folder reached again through a symbolic link "
				    "(a loop); not copied");
				rc = -1;
				continue;
			}
			esg_strmap_put(&w->copied, key, (void *)key);
			if (copy_media_dir(s, path, sub, depth + 1, w) != 0)
				rc = -1;
		} else if (S_ISREG(st.st_mode)) {
			if (copy_media_file(s, w, path, sub, names[i],
			    stat_key(&r->arena, &st)) != 0)
				rc = -1;
		} else {
			esg_warning(s->d, ESG_K_SYNTAX, (esg_pos){ path, 0, 0 },
			    "not a regular file (a FIFO, socket or device); not "
			    "copied");
		}
	}
	esg_free_names(names, count);
	return rc;
}

static int
copy_media(site *s)
{
	esg_report *r = s->r;
	char *dir = esg_path_join(&r->arena, r->source, "media");
	if (!esg_is_dir(dir))
		return 0;
	if (!esg_within_source(r, dir, "not copied", s->d))
		return -1;
	media_walk w = { ESG_STRMAP_INIT, ESG_STRMAP_INIT, NULL, 0, 0 };
	const char *key = node_key(&r->arena, dir);
	if (key)
		esg_strmap_put(&w.copied, key, (void *)key);
	int rc = copy_media_dir(s, dir, "media", 0, &w);
	/* Following a link may add more: w.links grows as this goes. */
	for (size_t i = 0; i < w.nlinks; i++) {
		media_link link = w.links[i];
		key = node_key(&r->arena, link.path);
		if (key && esg_strmap_get(&w.copied, key)) {
			esg_error(s->d, ESG_K_SYNTAX, (esg_pos){ link.path, 0, 0 },
			    "symbolic link leads to a folder that is copied "
			    "already (a loop, or a second name for it); not "
			    "copied");
			rc = -1;
			continue;
		}
		if (key)
			esg_strmap_put(&w.copied, key, (void *)key);
		if (copy_media_dir(s, link.path, link.rel, link.depth, &w) != 0)
			rc = -1;
	}
	free(w.links);
	esg_strmap_free(&w.copied);
	esg_strmap_free(&w.files);
	return rc;
}

/* ------------------------------------------------------------------ */

/* The dashboard, showing the problems in shown. Its tables' rows come
 * as HTML apart from the page (see esg_render_review). */
static int
review_page(site *s, const esg_diag *shown)
{
	if (s->out->dry)
		return 0;   /* it shows what was found; it finds nothing */
	esg_report *r = s->r;
	xmlDocPtr doc = esg_template_page(&s->tpl[T_REVIEW], s->dict);
	esg_tvars v = ESG_TVARS_INIT;
	esg_tvars_text(&v, "lang", r->langs[0].tag);
	esg_tvars_text(&v, "company", esg_lstr_get(&r->company, 0));
	esg_tvars_text(&v, "report-title", esg_lstr_get(&r->title, 0));
	esg_tvars_text(&v, "page-title", esg_arena_printf(&r->arena, "%s | %s",
	    esg_review_title(r->langs[0].tag), esg_lstr_get(&r->title, 0)));
	xmlNodePtr content = esg_holder(doc);
	esg_buf rows = ESG_BUF_INIT;
	size_t *ends = esg_xcalloc(r->nfws + 1, sizeof *ends);
	size_t ntables = esg_render_review(r, doc, content, shown, s->review,
	    &rows, ends);
	esg_tvars_nodes(&v, "content", content);
	esg_template_fill(doc, &v);
	esg_tvars_free(&v);
	esg_buf_clear(&s->html);
	esg_write_html(doc, &s->html);
	xmlFreeDoc(doc);
	int rc = emit_spliced(s, "review/index.html", SLOT_TAG(ESG_REVIEW_ROWS),
	    &rows, ends, ntables);
	esg_buf_free(&rows);
	free(ends);
	return rc;
}

/* Rendering is split into tasks, run on every core: each page of each
 * language is one, and so are the dashboard and the site-wide files. A
 * task writes only to what it owns: a shallow copy of the report (its own
 * arena and list of external links), its own problems, the output's
 * error reporting, and its parts of print.html and search-index.js; the
 * model itself is only read. Scratch buffers and the dictionary of names
 * belong to the worker.
 *
 * print.html and search-index.js hold every page of a language in order,
 * and are written as the pages are done, never held whole: a finished
 * task's parts are appended by whichever worker finishes the last task
 * before it (commit_ready). Afterwards the tasks' problems, links and
 * arenas are merged in task order. So the output and the messages are
 * the same whatever ran where, and the same as from one thread. */
typedef enum task_kind {
	K_BEGIN,        /* a language: print.html's head, the files opened */
	K_PAGE,         /* a page of a language */
	K_END,          /* a language: the files finished, its search page */
	K_SITE,         /* the language chooser, sitemap, robots.txt, KPI files */
	K_REVIEW,       /* the reviewers' dashboard */
	K_COPIES        /* stylesheets, scripts and media */
} task_kind;

typedef struct task {
	task_kind kind;
	int lang;             /* K_BEGIN, K_PAGE, K_END */
	size_t page;          /* K_PAGE: in site.pages */
	esg_report r;         /* shallow copy: own arena, own external links */
	esg_output out;       /* copy: reports into d */
	esg_diag d;
	int rc;
	esg_buf print;        /* K_BEGIN: print.html up to the articles;
	                         K_PAGE: the page's article for it */
	esg_buf print_tail;   /* K_BEGIN: what follows the articles */
	esg_search search;    /* K_PAGE: its part of the search index */
	bool done, committed;
} task;

/* print.html and search-index.js of one language, and its tasks. */
typedef struct lang_files {
	esg_strmap print_anchor;
	esg_output_file print_file, search_file;
	esg_buf print_tail;
	esg_search search;      /* the pages joined so far */
	size_t end;             /* after its last task */
	size_t next;            /* the first not yet committed */
} lang_files;

/* Parts waiting for an earlier page are held in memory; past this much a
 * worker that has finished waits before taking another task, so that a
 * long chapter followed by many short ones holds little. (The
 * ThreadSanitizer build sets 0, so that its tests wait every time.) */
#ifndef ESG_PENDING_MAX
#define ESG_PENDING_MAX ((size_t)64 << 20)
#endif

typedef struct render_plan {
	site *base;
	site worker[ESG_POOL_MAX];
	task *tasks;
	size_t ntasks;
	size_t *order;          /* the order tasks are taken in */
	size_t review_task;
	size_t problems_before; /* in base->d, when the tasks began */
	lang_files *langs;
	pthread_mutex_t lock;   /* the fields below, tasks' done/committed,
	                           and the files of lang_files */
	pthread_cond_t progress;
	size_t pending;         /* bytes of parts not yet committed */
	esg_buf entries;        /* scratch for joining search entries */
} render_plan;

static int
page_task(site *s, int lang, size_t pi)
{
	switch (s->pages[pi].kind) {
	case P_COVER:
		return cover_page(s, lang);
	case P_CHAPTER:
		return chapter_page(s, lang, pi);
	case P_INDEX:
		return index_page(s, lang, pi);
	}
	return 0;
}

static int
site_files(site *s)
{
	int rc = 0;
	if (chooser_page(s) != 0 || sitemap(s) != 0 || robots(s) != 0)
		rc = -1;
	if (kpi_csv(s) != 0 || kpi_json(s) != 0)
		rc = -1;
	return rc;
}

/* Tasks of a language, whose parts go to its print.html and search index
 * in order. */
static bool
of_language(const task *t)
{
	return t->kind == K_BEGIN || t->kind == K_PAGE || t->kind == K_END;
}

static size_t
part_size(const task *t)
{
	return t->print.len + t->search.json.len;
}

/* Appends a finished task's parts to its language's files, in page order
 * (the caller holds the lock). Problems go to the task's own list. */
static void
commit(render_plan *p, lang_files *lf, task *t)
{
	esg_output *out = &t->out;
	esg_report *r = &t->r;
	const char *key = r->langs[t->lang].key;
	int rc = 0;
	switch (t->kind) {
	case K_BEGIN:
		if (t->rc != 0)
			break;   /* print.xhtml has no place for the articles */
		if (esg_output_open(out, esg_arena_printf(&r->arena,
		    "%s/print.html", key), &lf->print_file) != 0 ||
		    esg_output_append(out, &lf->print_file, t->print.ptr,
		    t->print.len) != 0)
			rc = -1;
		lf->print_tail = t->print_tail;
		t->print_tail = (esg_buf)ESG_BUF_INIT;
		if (out->dry)
			break;
		esg_buf_clear(&p->entries);
		esg_search_script_head(r->langs[t->lang].tag, &p->entries);
		if (esg_output_open(out, esg_arena_printf(&r->arena,
		    "%s/search-index.js", key), &lf->search_file) != 0 ||
		    esg_output_append(out, &lf->search_file, p->entries.ptr,
		    p->entries.len) != 0)
			rc = -1;
		break;
	case K_PAGE:
		if (t->print.len && esg_output_append(out, &lf->print_file,
		    t->print.ptr, t->print.len) != 0)
			rc = -1;
		if (out->dry)
			break;
		esg_buf_clear(&p->entries);
		esg_search_join(&lf->search, &t->search, &p->entries);
		if (esg_output_append(out, &lf->search_file, p->entries.ptr,
		    p->entries.len) != 0)
			rc = -1;
		break;
	case K_END:
		if (esg_output_append(out, &lf->print_file, lf->print_tail.ptr,
		    lf->print_tail.len) != 0)
			rc = -1;
		if (esg_output_close(out, &lf->print_file) != 0)
			rc = -1;
		if (out->dry)
			break;
		esg_buf_clear(&p->entries);
		esg_search_script_tail(&lf->search, &p->entries);
		if (esg_output_append(out, &lf->search_file, p->entries.ptr,
		    p->entries.len) != 0 ||
		    esg_output_close(out, &lf->search_file) != 0)
			rc = -1;
		break;
	default:
		break;
	}
	if (rc != 0)
		t->rc = -1;
	esg_buf_free(&t->print);
	esg_search_free(&t->search);
	t->search = (esg_search)ESG_SEARCH_INIT;
}

/* t is done: commits it and every done task after it, if the tasks
 * before it are committed; then waits while too much is held. The first
 * task of a language not yet done is always being run by a worker that is
 * not waiting (a worker waits only between tasks, and tasks are taken in
 * order), so the commits always go on. */
static void
commit_ready(render_plan *p, task *t)
{
	lang_files *lf = &p->langs[t->lang];
	pthread_mutex_lock(&p->lock);
	t->done = true;
	p->pending += part_size(t);
	while (lf->next < lf->end && p->tasks[lf->next].done) {
		task *c = &p->tasks[lf->next++];
		p->pending -= part_size(c);
		commit(p, lf, c);
		c->committed = true;
	}
	pthread_cond_broadcast(&p->progress);
	while (!t->committed && p->pending > ESG_PENDING_MAX)
		pthread_cond_wait(&p->progress, &p->lock);
	pthread_mutex_unlock(&p->lock);
}

static void
run_task(void *ctx, size_t job, size_t worker)
{
	render_plan *p = ctx;
	task *t = &p->tasks[p->order[job]];
	site *s = &p->worker[worker];
	s->r = &t->r;
	s->out = &t->out;
	s->d = &t->d;
	s->print = &t->print;
	s->search = &t->search;
	s->print_anchor = of_language(t) ? &p->langs[t->lang].print_anchor :
	    NULL;
	switch (t->kind) {
	case K_BEGIN:
		t->rc = print_parts(s, t->lang, &t->print, &t->print_tail);
		break;
	case K_PAGE:
		t->rc = page_task(s, t->lang, t->page);
		break;
	case K_END:
		t->rc = search_page(s, t->lang);
		break;
	case K_SITE:
		t->rc = site_files(s);
		break;
	case K_REVIEW:
		/* With the problems found before rendering: the other tasks
		 * do not change base->d, which is merged into afterwards. */
		t->rc = review_page(s, p->base->d);
		break;
	case K_COPIES:
		t->rc = copy_assets(s) != 0 || copy_media(s) != 0 ? -1 : 0;
		break;
	}
	if (of_language(t))
		commit_ready(p, t);
}

static task *
add_task(render_plan *p, task_kind kind, int lang, size_t pi)
{
	const site *s = p->base;
	task *t = &p->tasks[p->ntasks++];
	*t = (task){ .kind = kind, .lang = lang, .page = pi,
	    .print = ESG_BUF_INIT, .print_tail = ESG_BUF_INIT,
	    .search = ESG_SEARCH_INIT };
	t->r = *s->r;
	t->r.arena = (esg_arena)ESG_ARENA_INIT;
	t->r.external_seen = (esg_strmap)ESG_STRMAP_INIT;
	t->r.external = NULL;
	t->r.external_pos = NULL;
	t->r.nexternal = t->r.external_cap = 0;
	t->d = (esg_diag)ESG_DIAG_INIT;
	t->d.check = s->d->check;
	t->out = *s->out;
	t->out.d = &t->d;
	return t;
}

/* Whether a page of a language adds itself to the search index: the
 * number of those before a page is its number there. */
static bool
searched(const site *s, int lang, size_t pi)
{
	switch (s->pages[pi].kind) {
	case P_CHAPTER:
		return s->r->chapters[s->pages[pi].chapter].text[lang].present;
	case P_INDEX:
		return true;
	default:
		return false;
	}
}

/* The tasks in the order their problems are reported (each language's
 * pages, then the site-wide files), and the order they are taken in: the
 * dashboard first, as it is the longest task that waits for no other. */
static void
plan_tasks(render_plan *p)
{
	site *s = p->base;
	esg_report *r = s->r;
	size_t n = (size_t)r->nlangs * (s->npages + 2) + 3;
	p->tasks = esg_xcalloc(n, sizeof *p->tasks);
	p->order = esg_xcalloc(n, sizeof *p->order);
	p->langs = esg_xcalloc((size_t)r->nlangs + 1, sizeof *p->langs);
	for (int l = 0; l < r->nlangs; l++) {
		lang_files *lf = &p->langs[l];
		*lf = (lang_files){ .print_anchor = ESG_STRMAP_INIT,
		    .print_file = { -1, NULL }, .search_file = { -1, NULL },
		    .print_tail = ESG_BUF_INIT, .search = ESG_SEARCH_INIT };
		print_anchors(s, l, &lf->print_anchor);
		lf->next = p->ntasks;
		add_task(p, K_BEGIN, l, 0);
		int before = 0;
		for (size_t i = 0; i < s->npages; i++) {
			task *t = add_task(p, K_PAGE, l, i);
			esg_search_part(&t->search, before);
			before += searched(s, l, i);
		}
		add_task(p, K_END, l, 0);
		lf->end = p->ntasks;
	}
	size_t site_task = p->ntasks;
	add_task(p, K_SITE, 0, 0);
	size_t review_task = p->review_task = p->ntasks;
	add_task(p, K_REVIEW, 0, 0);
	add_task(p, K_COPIES, 0, 0);
	size_t k = 0;
	p->order[k++] = review_task;
	for (size_t i = 0; i < site_task; i++)
		p->order[k++] = i;
	p->order[k++] = site_task;
	p->order[k++] = review_task + 1;
}

static int
merge_task(task *t, site *s)
{
	esg_report *r = s->r;
	esg_diag_merge(s->d, &t->d);
	for (size_t i = 0; i < t->r.nexternal; i++)
		esg_report_external(r, t->r.external[i], t->r.external_pos[i]);
	free(t->r.external);
	free(t->r.external_pos);
	esg_strmap_free(&t->r.external_seen);
	/* Strings made while rendering may be referred to until the report
	 * is freed. */
	esg_arena_adopt(&r->arena, &t->r.arena);
	esg_buf_free(&t->print);
	esg_buf_free(&t->print_tail);
	esg_search_free(&t->search);
	return t->rc;
}

static int
render_tasks(site *s)
{
	render_plan p = { .base = s, .entries = ESG_BUF_INIT };
	pthread_mutex_init(&p.lock, NULL);
	pthread_cond_init(&p.progress, NULL);
	p.problems_before = s->d->count;
	plan_tasks(&p);
	size_t nworkers = esg_pool_workers(p.ntasks);
	for (size_t w = 0; w < nworkers; w++) {
		p.worker[w] = *s;
		p.worker[w].dict = xmlDictCreate();
		p.worker[w].html = (esg_buf)ESG_BUF_INIT;
		p.worker[w].article = (esg_buf)ESG_BUF_INIT;
	}
	esg_pool_run(p.ntasks, nworkers, run_task, &p);
	int rc = 0;
	for (size_t i = 0; i < p.ntasks; i++) {
		/* The dashboard shows every problem found before it, as it
		 * is made after the pages: if the pages (or the site's other
		 * files) reported any, it is made again, showing them. */
		if (i == p.review_task && s->d->count != p.problems_before) {
			esg_diag_free(&p.tasks[i].d);
			p.tasks[i].d = (esg_diag)ESG_DIAG_INIT;
			site *again = &p.worker[0];   /* idle now */
			again->r = s->r;
			again->out = s->out;
			again->d = s->d;
			p.tasks[i].rc = review_page(again, s->d);
		}
		if (merge_task(&p.tasks[i], s) != 0)
			rc = -1;
	}
	for (size_t w = 0; w < nworkers; w++) {
		esg_buf_free(&p.worker[w].html);
		esg_buf_free(&p.worker[w].article);
		xmlDictFree(p.worker[w].dict);
	}
	for (int l = 0; l < s->r->nlangs; l++) {
		esg_strmap_free(&p.langs[l].print_anchor);
		esg_buf_free(&p.langs[l].print_tail);
		esg_search_free(&p.langs[l].search);
	}
	esg_buf_free(&p.entries);
	free(p.langs);
	free(p.order);
	free(p.tasks);
	pthread_cond_destroy(&p.progress);
	pthread_mutex_destroy(&p.lock);
	return rc;
}

int
esg_render_site(esg_report *r, esg_output *out, esg_diag *d,
    const esg_diag *review)
{
	site s = { .r = r, .out = out, .d = d, .review = review };
	int rc = load_templates(&s);
	if (rc == 0)
		check_template_ids(&s);
	list_pages(&s);
	if (rc == 0 && render_tasks(&s) != 0)
		rc = -1;
	for (int i = 0; i < T_COUNT; i++)
		esg_template_free(&s.tpl[i]);
	return rc;
}
