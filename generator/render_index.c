/* render_index.c — framework indexes: shared cells, links, dispatch. */
#include "buf.h"
#include "data.h"
#include "dom.h"
#include "index.h"
#include "resolve.h"

#include <string.h>

const char *
esg_href_anchor(esg_render *rc, const esg_framework *fw, const char *anchor)
{
	esg_report *r = rc->r;
	if (rc->single)
		return esg_arena_printf(&r->arena, "#%s", anchor);
	if (fw->index_chapter != ESG_NO_CHAPTER) {
		if (rc->page_chapter == fw->index_chapter)
			return esg_arena_printf(&r->arena, "#%s", anchor);
		return esg_arena_printf(&r->arena, "%s.html#%s",
		    r->chapters[fw->index_chapter].slug, anchor);
	}
	if (rc->page_fw == fw)
		return esg_arena_printf(&r->arena, "#%s", anchor);
	return esg_arena_printf(&r->arena, "%s#%s", esg_index_page(r, fw),
	    anchor);
}

/* "306-3 (2016)" for a code of an older standard, else the code. */
static const char *
shown_code(esg_report *r, const esg_entry *e)
{
	const esg_cat_group *g = &e->fw->cat->groups[e->item->group];
	if (g->qualified_only)
		return esg_arena_printf(&r->arena, "%s (%d)", e->code, g->year);
	return e->code;
}

void
esg_render_covers(esg_render *rc, xmlNodePtr parent,
    esg_entry *const *links, size_t nlinks, bool inline_span)
{
	if (nlinks == 0)
		return;
	esg_report *r = rc->r;
	const char *tag = r->langs[rc->lang].tag;
	xmlNodePtr p = esg_el(parent, inline_span ? "span" : "p");
	esg_set(p, "class", "covers");
	if (!inline_span) {
		xmlNodePtr title = esg_el_text(p, "span",
		    esg_ui_text(tag, ESG_UI_COVERS));
		esg_set(title, "class", "covers-title");
	}
	const esg_framework *last = NULL;
	for (size_t i = 0; i < nlinks; i++) {
		const esg_entry *e = links[i];
		if (e->fw != last) {
			esg_add_text(p, " ");
			const char *fallback;
			const char *label = esg_ctext_get(&e->fw->cat->short_name, tag,
			    &fallback);
			xmlNodePtr span = esg_el_text(p, "span", label);
			esg_set(span, "class", "covers-label");
			if (fallback)
				esg_set(span, "lang", fallback);
			last = e->fw;
		}
		esg_add_text(p, " ");
		xmlNodePtr a = esg_el_text(p, "a", shown_code(r, e));
		esg_set(a, "class", "covers");
		esg_set(a, "href", esg_href_anchor(rc, e->fw, e->anchor));
		const char *hint = e->topic ?
		    esg_lstr_get(&e->topic->title, rc->lang) :
		    esg_ctext_get(&e->item->title, tag, NULL);
		if (hint && *hint)
			esg_set(a, "title", hint);
	}
	if (!inline_span)
		esg_nl(parent);
}

/* ------------------------------------------------------------------ */
/* Cells                                                               */

void
ix_add_ctext(ix *x, xmlNodePtr parent, const esg_ctext *t)
{
	const char *fallback;
	const char *s = esg_ctext_get(t, x->tag, &fallback);
	if (fallback) {
		xmlNodePtr span = esg_el_text(parent, "span", s);
		esg_set(span, "lang", fallback);
	} else {
		esg_add_text(parent, s);
	}
}

xmlNodePtr
ix_ctext(ix *x, xmlNodePtr parent, const char *name, const esg_ctext *t)
{
	xmlNodePtr el = esg_el(parent, name);
	const char *fallback;
	esg_add_text(el, esg_ctext_get(t, x->tag, &fallback));
	if (fallback)
		esg_set(el, "lang", fallback);
	return el;
}

void
ix_add_label(ix *x, xmlNodePtr parent, esg_label l)
{
	const char *fallback;
	const char *s = esg_catalog_label(x->cat, l, x->tag, &fallback);
	if (fallback) {
		xmlNodePtr span = esg_el_text(parent, "span", s);
		esg_set(span, "lang", fallback);
	} else {
		esg_add_text(parent, s);
	}
}

xmlNodePtr
ix_th(ix *x, xmlNodePtr tr, esg_label l)
{
	xmlNodePtr th = esg_el(tr, "th");
	esg_set(th, "scope", "col");
	ix_add_label(x, th, l);
	return th;
}

xmlNodePtr
ix_row(ix *x, xmlNodePtr tbody, esg_entry *e, const char *group)
{
	esg_report *r = x->rc->r;
	xmlNodePtr tr = esg_el(tbody, "tr");
	const char *id = e->anchor;
	if (esg_strmap_get(&x->written, e->anchor))
		id = esg_arena_printf(&r->arena, "%s-in-%s", e->anchor,
		    group ? group : "index");
	else
		esg_strmap_put(&x->written, e->anchor, e);
	esg_set(tr, "id", id);
	esg_set(tr, "data-code", e->topic ? e->key : e->code);
	esg_set(tr, "data-status", esg_status_name(e->status));
	return tr;
}

/* A KPI row as a location: the number of the section that shows its
 * table, and the metric's label. */
static void
kpi_location(ix *x, xmlNodePtr li, const char *id)
{
	esg_report *r = x->rc->r;
	const esg_metric *m = esg_metric_find(r, id);
	const char *href = m ? esg_href_kpi(x->rc, m) : NULL;
	if (href == NULL) {
		esg_add_text(li, id);
		return;
	}
	xmlNodePtr a = esg_el(li, "a");
	esg_set(a, "href", href);
	esg_set(a, "class", "kpi-location");
	const esg_section *s = esg_find_section(r, x->rc->lang,
	    m->home->place.section);
	if (s && s->number) {
		xmlNodePtr num = esg_el_text(a, "span", s->number);
		esg_set(num, "class", "secnum");
		esg_add_text(a, " ");
	}
	esg_add_text(a, esg_lstr_get(&m->label, x->rc->lang));
}

void
ix_locations(ix *x, xmlNodePtr cell, const esg_entry *e)
{
	esg_report *r = x->rc->r;
	if (e->nlocs == 0)
		return;
	xmlNodePtr ul = esg_el(cell, "ul");
	esg_set(ul, "class", "index-locations");
	for (size_t i = 0; i < e->nlocs; i++) {
		xmlNodePtr li = esg_el(ul, "li");
		if (strncmp(e->locs[i], "kpi-", 4) == 0) {
			kpi_location(x, li, e->locs[i] + 4);
			continue;
		}
		const esg_section *s = esg_find_section(r, x->rc->lang, e->locs[i]);
		if (s == NULL) {
			/* The section exists in another language only: a parity
			 * problem reported elsewhere. */
			esg_add_text(li, e->locs[i]);
			continue;
		}
		xmlNodePtr a = esg_el(li, "a");
		esg_set(a, "href", esg_href_section(x->rc, s));
		esg_render_label(a, s);
	}
}

void
ix_explanation(ix *x, xmlNodePtr parent, const esg_omit *o)
{
	const char *text = esg_lstr_get(&o->explanation, x->rc->lang);
	if (text && *text) {
		xmlNodePtr p = esg_el_text(parent, "p", text);
		esg_set(p, "class", "index-explanation");
	}
}

void
ix_reason(ix *x, xmlNodePtr parent, const esg_omit *o)
{
	const esg_reason *reason = o->reason ?
	    esg_catalog_reason(x->cat, o->reason) : NULL;
	if (reason)
		ix_add_ctext(x, parent, &reason->label);
	else if (o->reason)
		esg_add_text(parent, o->reason);
}

xmlNodePtr
ix_table(ix *x, xmlNodePtr parent, const char *kind)
{
	const char *fallback;
	const char *title = esg_ctext_get(&x->cat->index_title, x->tag,
	    &fallback);
	xmlNodePtr wrap = esg_el(parent, "div");
	esg_set(wrap, "class", "table-wrap");
	esg_set(wrap, "tabindex", "0");
	esg_set(wrap, "role", "region");
	esg_set(wrap, "aria-label", title);
	xmlNodePtr table = esg_el(wrap, "table");
	esg_set(table, "class", esg_arena_printf(&x->rc->r->arena,
	    "index index-%s", kind));
	esg_nl(table);
	xmlNodePtr cap = esg_el_text(table, "caption", title);
	if (fallback)
		esg_set(cap, "lang", fallback);
	esg_nl(table);
	esg_nl(parent);
	return table;
}

void
ix_group_row(ix *x, xmlNodePtr tbody, int colspan, const esg_ctext *t,
    const char *plain, const char *cls)
{
	xmlNodePtr tr = esg_el(tbody, "tr");
	esg_set(tr, "class", cls);
	xmlNodePtr th = esg_el(tr, "th");
	esg_set(th, "scope", "rowgroup");
	char span[16];
	snprintf(span, sizeof span, "%d", colspan);
	esg_set(th, "colspan", span);
	if (t)
		ix_add_ctext(x, th, t);
	else
		esg_add_text(th, plain);
	esg_nl(tbody);
}

/* The edition the index answers to, on the index's own page and where a
 * chapter places it alike. A placed index has no heading of its own: its
 * edition line carries the FW-index id, so links to the index work
 * wherever it is. */
static void
edition_line(ix *x, xmlNodePtr parent)
{
	xmlNodePtr ed = esg_el(parent, "p");
	if (x->fw->index_chapter != ESG_NO_CHAPTER)
		esg_set(ed, "id", esg_arena_printf(&x->rc->r->arena, "%s-index",
		    x->fw->key));
	esg_set(ed, "class", "index-edition");
	xmlNodePtr cite = esg_el(ed, "cite");
	esg_set(cite, "class", "index-edition-title");
	const char *fallback;
	esg_add_text(cite, esg_ctext_get(&x->cat->edition_title, x->tag,
	    &fallback));
	if (fallback)
		esg_set(cite, "lang", fallback);
	esg_nl(parent);
}

void
esg_render_index(esg_render *rc, esg_framework *fw, xmlNodePtr parent)
{
	if (fw->cat == NULL || fw->cov == NULL)
		return;
	ix x = { rc, fw, fw->cat, rc->r->langs[rc->lang].tag, ESG_STRMAP_INIT,
	    false };
	edition_line(&x, parent);
	switch (fw->cat->kind) {
	case ESG_FW_GRI:
		esg_render_index_gri(&x, parent);
		break;
	case ESG_FW_SDG:
		esg_render_index_sdg(&x, parent);
		break;
	case ESG_FW_HKEX:
	case ESG_FW_LIST:
		esg_render_index_list(&x, parent);
		break;
	}
	esg_strmap_free(&x.written);
}
