/* render_kpi.c — KPI data on pages: inline figures, tables, highlights. */
#include "buf.h"
#include "coverage.h"
#include "data.h"
#include "dom.h"
#include "i18n.h"
#include "number.h"
#include "render.h"
#include "resolve.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

static const char *
page_tag(const esg_render *rc)
{
	return rc->r->langs[rc->lang].tag;
}

const char *
esg_href_kpi(esg_render *rc, const esg_metric *m)
{
	esg_report *r = rc->r;
	const esg_table *t = m->home;
	if (t == NULL || t->place.chapter == ESG_NO_CHAPTER)
		return NULL;
	if (rc->single || rc->page_chapter == t->place.chapter)
		return esg_arena_printf(&r->arena, "#kpi-%s", m->id);
	return esg_arena_printf(&r->arena, "%s.html#kpi-%s",
	    r->chapters[t->place.chapter].slug, m->id);
}

/* The number as text, or "—" when the metric has no value that year. */
static bool
format_value(esg_buf *b, const esg_metric *m, int year, double factor,
    int decimals)
{
	double v;
	if (!esg_metric_value(m, year, &v)) {
		esg_buf_puts(b, "—");
		return false;
	}
	esg_number(b, factor ? v / factor : v, decimals);
	return true;
}

void
esg_render_kpi(esg_render *rc, const esg_metric *m, int year,
    xmlNodePtr parent)
{
	const char *tag = page_tag(rc);
	esg_buf b = ESG_BUF_INIT;
	xmlNodePtr span = esg_el(parent, "span");
	esg_set(span, "class", "kpi");
	esg_metric_quantity(&b, m, year, tag);
	esg_add_text(span, esg_buf_cstr(&b));
	const char *fallback;
	(void)esg_unit_symbol(m->unit, tag, &fallback);
	if (fallback)   /* a unit with no symbol in the page's script */
		esg_set(span, "lang", fallback);
	esg_buf_clear(&b);
	esg_buf_printf(&b, "%s, %d", esg_lstr_get(&m->label, rc->lang), year);
	esg_set(span, "title", esg_buf_cstr(&b));
	esg_buf_free(&b);
}

/* ------------------------------------------------------------------ */
/* Tables                                                              */

/* A metric shown in Chinese magnitudes: amounts only, not percentages or
 * ratios. */
static bool
magnitude_applies(const esg_table *t, const esg_metric *m, const char *tag)
{
	if (t->magnitude == NULL || esg_script_of(tag) == ESG_SCRIPT_EN)
		return false;
	if (m->derive == ESG_DERIVE_RATIO || m->derive == ESG_DERIVE_SHARE ||
	    m->derive == ESG_DERIVE_CHANGE)
		return false;
	if (m->unit == NULL || strcmp(m->unit->key, "%") == 0 ||
	    strchr(m->unit->key, '/') != NULL)
		return false;
	/* A unit that is already a magnitude or a proportion (千元, 万元,
	 * 百万元, ‰) would read 万千元, 万万元, 万‰. */
	static const char *const scaled[] = { "千", "万", "萬", "亿", "億",
	    "‰", "‱", NULL };
	const char *sym = esg_unit_symbol(m->unit, tag, NULL);
	for (size_t i = 0; scaled[i]; i++)
		if (strstr(sym, scaled[i]))
			return false;
	/* Only figures that reach the magnitude: 44 sites stay 44, not
	 * 0.00万; and none that would show as zero in it, two decimals
	 * on: a fine of 30 next to one of 120,000 must not read 0.00万. */
	double factor = esg_magnitude_factor(t->magnitude);
	bool reaches = false;
	for (size_t i = 0; i < m->nvalues; i++) {
		double v = fabs(m->values[i].value);
		if (v >= factor)
			reaches = true;
		else if (v > 0 && v < factor * 0.005)
			return false;
	}
	return reaches;
}

typedef struct note {
	const esg_lstr *text;
	const esg_metric *metric;
} note;

static void
note_marker(esg_render *rc, xmlNodePtr parent, const esg_table *t, size_t n)
{
	esg_report *r = rc->r;
	xmlNodePtr sup = esg_el(parent, "sup");
	esg_set(sup, "class", "note-ref");
	xmlNodePtr a = esg_el_text(sup, "a", esg_arena_printf(&r->arena, "%zu", n));
	esg_set(a, "href", esg_arena_printf(&r->arena, "#table-%s-note-%zu", t->id,
	    n));
}

static const char *
row_label(esg_render *rc, const esg_row *row)
{
	if (row->has_label)
		return esg_lstr_get(&row->label, rc->lang);
	return esg_lstr_get(&row->metric.metric->label, rc->lang);
}

void
esg_render_table(esg_render *rc, const esg_table *t, xmlNodePtr parent)
{
	esg_report *r = rc->r;
	const char *tag = page_tag(rc);
	int cols = 2 + (int)t->nyears;
	const char *caption = esg_lstr_get(&t->caption, rc->lang);
	xmlNodePtr wrap = esg_el(parent, "div");
	esg_set(wrap, "class", "table-wrap");
	esg_set(wrap, "tabindex", "0");
	esg_set(wrap, "role", "region");
	esg_set(wrap, "aria-label", caption);
	xmlNodePtr table = esg_el(wrap, "table");
	esg_set(table, "class", "kpi");
	esg_set(table, "id", esg_arena_printf(&r->arena, "table-%s", t->id));
	esg_nl(table);
	esg_el_text(table, "caption", caption);
	esg_nl(table);
	xmlNodePtr tr = esg_el(esg_el(table, "thead"), "tr");
	esg_set(esg_el_text(tr, "th", esg_ui_text(tag, ESG_UI_INDICATOR)), "scope",
	    "col");
	xmlNodePtr th = esg_el_text(tr, "th", esg_ui_text(tag, ESG_UI_UNIT));
	esg_set(th, "scope", "col");
	esg_set(th, "class", "unit");
	for (size_t y = 0; y < t->nyears; y++) {
		th = esg_el_text(tr, "th", esg_arena_printf(&r->arena, "%d",
		    t->years[y]));
		esg_set(th, "scope", "col");
		esg_set(th, "class", "align-right");
	}
	esg_nl(table);

	note *notes = esg_xcalloc(2 * t->nrows + 1, sizeof *notes);
	size_t nnotes = 0;
	/* Looked up, not searched for: a table may have many rows. */
	esg_strmap note_of = ESG_STRMAP_INIT;    /* text -> its number */
	esg_strmap rows_of = ESG_STRMAP_INIT;    /* metric id -> rows so far */
	bool dash = false;
	xmlNodePtr tbody = esg_el(table, "tbody");
	esg_nl(tbody);
	esg_nl(table);
	for (size_t i = 0; i < t->nrows; i++) {
		const esg_row *row = &t->rows[i];
		if (row->kind == ESG_ROW_GROUP) {
			tr = esg_el(tbody, "tr");
			esg_set(tr, "class", "group");
			th = esg_el_text(tr, "th", esg_lstr_get(&row->label, rc->lang));
			esg_set(th, "scope", "rowgroup");
			esg_set(th, "colspan", esg_arena_printf(&r->arena, "%d", cols));
			esg_nl(tbody);
			continue;
		}
		const esg_metric *m = row->metric.metric;
		if (m == NULL)
			continue;
		tr = esg_el(tbody, "tr");
		if (row->level > 0)
			esg_set(tr, "class", "sub");
		/* The first row of a metric in its home table is its location;
		 * every other row (another table, or the same metric again above
		 * another breakdown) gets an id of its own. */
		size_t before = (uintptr_t)esg_strmap_get(&rows_of, m->id);
		esg_strmap_set(&rows_of, m->id, (void *)(uintptr_t)(before + 1));
		if (m->home == t && before == 0)
			esg_set(tr, "id", esg_arena_printf(&r->arena, "kpi-%s", m->id));
		else if (before == 0)
			esg_set(tr, "id", esg_arena_printf(&r->arena, "kpi-%s--%s",
			    m->id, t->id));
		else
			esg_set(tr, "id", esg_arena_printf(&r->arena, "kpi-%s--%s--%zu",
			    m->id, t->id, before + 1));
		th = esg_el(tr, "th");
		esg_set(th, "scope", "row");
		esg_add_text(th, row_label(rc, row));
		const esg_lstr *texts[2] = { &m->notes, &m->scope };
		for (int k = 0; k < 2; k++) {
			const char *text = esg_lstr_get(texts[k], rc->lang);
			if (text == NULL || *text == '\0')
				continue;
			/* One note per text, however many rows share it. */
			size_t n = (uintptr_t)esg_strmap_get(&note_of, text);
			if (n == 0) {
				notes[nnotes] = (note){ texts[k], m };
				n = ++nnotes;
				esg_strmap_set(&note_of, text, (void *)(uintptr_t)n);
			}
			note_marker(rc, th, t, n);
		}
		if (m->home == t && before == 0)
			esg_render_covers(rc, th, m->links, m->nlinks, true);
		bool mag = magnitude_applies(t, m, tag);
		double factor = mag ? esg_magnitude_factor(t->magnitude) : 0;
		int decimals = mag ? 2 : m->decimals;
		xmlNodePtr unit = esg_el(tr, "td");
		esg_set(unit, "class", "unit");
		const char *fallback;
		const char *sym = esg_unit_symbol(m->unit, tag, &fallback);
		if (mag)
			sym = esg_arena_printf(&r->arena, "%s%s",
			    esg_magnitude_char(t->magnitude, tag), sym);
		esg_add_text(unit, sym);
		if (fallback)
			esg_set(unit, "lang", fallback);
		esg_buf b = ESG_BUF_INIT;
		for (size_t y = 0; y < t->nyears; y++) {
			esg_buf_clear(&b);
			if (!format_value(&b, m, t->years[y], factor, decimals))
				dash = true;
			xmlNodePtr td = esg_el_text(tr, "td", esg_buf_cstr(&b));
			esg_set(td, "class", "align-right");
		}
		esg_buf_free(&b);
		esg_nl(tbody);
	}
	esg_nl(wrap);
	esg_nl(parent);

	const char *tnote = esg_lstr_get(&t->notes, rc->lang);
	if (nnotes || dash || (tnote && *tnote)) {
		xmlNodePtr div = esg_el(parent, "div");
		esg_set(div, "class", "table-notes");
		esg_nl(div);
		if (nnotes) {
			xmlNodePtr ol = esg_el(div, "ol");
			esg_nl(ol);
			for (size_t j = 0; j < nnotes; j++) {
				xmlNodePtr li = esg_el_text(ol, "li",
				    esg_lstr_get(notes[j].text, rc->lang));
				esg_set(li, "id", esg_arena_printf(&r->arena,
				    "table-%s-note-%zu", t->id, j + 1));
				esg_nl(ol);
			}
			esg_nl(div);
		}
		if (tnote && *tnote) {
			esg_el_text(div, "p", tnote);
			esg_nl(div);
		}
		if (dash) {
			esg_set(esg_el_text(div, "p", esg_ui_text(tag,
			    ESG_UI_NOT_AVAILABLE)), "class", "table-legend");
			esg_nl(div);
		}
		esg_nl(parent);
	}
	free(notes);
	esg_strmap_free(&note_of);
	esg_strmap_free(&rows_of);
}

/* ------------------------------------------------------------------ */
/* Highlights                                                          */

void
esg_render_highlights(esg_render *rc, const esg_highlights *h,
    xmlNodePtr parent)
{
	esg_report *r = rc->r;
	const char *tag = page_tag(rc);
	xmlNodePtr ul = esg_el(parent, "ul");
	esg_set(ul, "class", "highlights");
	esg_nl(ul);
	esg_buf b = ESG_BUF_INIT;
	for (size_t i = 0; i < h->nitems; i++) {
		const esg_highlight *hl = &h->items[i];
		const esg_metric *m = hl->metric.metric;
		if (m == NULL)
			continue;
		int year = hl->year ? hl->year : r->data->reporting_year;
		xmlNodePtr li = esg_el(ul, "li");
		esg_set(li, "class", "highlight");
		esg_buf_clear(&b);
		format_value(&b, m, year, 0, m->decimals);
		xmlNodePtr v = esg_el_text(li, "span", esg_buf_cstr(&b));
		esg_set(v, "class", "highlight-value");
		const char *fallback;
		const char *sym = esg_unit_symbol_counted(m->unit, tag,
		    esg_buf_cstr(&b), &fallback);
		if (*sym) {
			bool first = m->unit->prefix &&
			    esg_script_of(tag) == ESG_SCRIPT_EN;
			if (!first && esg_unit_spaced(m->unit, tag))
				esg_add_text(li, " ");
			xmlNodePtr u = esg_el_text(li, "span", sym);
			esg_set(u, "class", "highlight-unit");
			if (fallback)
				esg_set(u, "lang", fallback);
			if (first) {    /* HK$ before the figure, as in text */
				xmlUnlinkNode(u);
				xmlAddPrevSibling(v, u);
			}
		}
		xmlNodePtr l = esg_el_text(li, "span", hl->has_label ?
		    esg_lstr_get(&hl->label, rc->lang) :
		    esg_lstr_get(&m->label, rc->lang));
		esg_set(l, "class", "highlight-label");
		double now, before;
		if (hl->change && esg_metric_value(m, year, &now) &&
		    esg_metric_value(m, year - 1, &before) && before != 0) {
			double pct = (now - before) / fabs(before) * 100;
			esg_buf_clear(&b);
			if (esg_script_of(tag) != ESG_SCRIPT_EN)
				esg_buf_printf(&b, esg_ui_text(tag, ESG_UI_CHANGE_ON),
				    year - 1);
			if (pct > 0.05)
				esg_buf_putc(&b, '+');
			esg_number(&b, pct, 1);
			esg_buf_putc(&b, '%');
			if (esg_script_of(tag) == ESG_SCRIPT_EN) {
				esg_buf_putc(&b, ' ');
				esg_buf_printf(&b, esg_ui_text(tag, ESG_UI_CHANGE_ON),
				    year - 1);
			}
			xmlNodePtr c = esg_el_text(li, "span", esg_buf_cstr(&b));
			esg_set(c, "class", "highlight-change");
		}
		esg_nl(ul);
	}
	esg_buf_free(&b);
	esg_nl(parent);
}
