/* render_review.c — the review dashboard, OUT/review/index.html: per
 * framework a completeness bar and every required item with its locations
 * in each language; a parity matrix; data problems; a coverage matrix of
 * items by chapter; every finding. In the primary language. */
#include "buf.h"
#include "coverage.h"
#include "data.h"
#include "dom.h"
#include "i18n.h"
#include "render.h"
#include "write.h"
#include "resolve.h"

#include <string.h>

enum word {
	W_TITLE, W_LEAD, W_COMPLETENESS, W_REQUIRED, W_DISCLOSED, W_OMITTED,
	W_MISSING, W_CODE, W_ITEM, W_STATUS, W_LOCATIONS, W_OMISSION,
	W_PARITY, W_CHAPTER, W_SECTIONS, W_ABSENT, W_DATA, W_NONE,
	W_MATRIX, W_FINDINGS, W_SUPPORTED, W_ERRORS, W_WARNINGS, W_ERROR,
	W_WARNING, W_COUNT
};

static const char *const words[3][W_COUNT] = {
	[ESG_SCRIPT_EN] = { "Review dashboard", "Completeness, language parity "
	    "and data consistency of the report, for reviewers. Every link "
	    "opens the page in the site.", "Completeness", "required",
	    "disclosed", "omitted", "missing", "Code", "Disclosure", "Status",
	    "Locations", "Omission", "Language parity", "Chapter", "sections",
	    "Sections missing", "Data", "No problems.", "Coverage by chapter",
	    "All findings", "supported", "errors", "warnings", "error",
	    "warning" },
	[ESG_SCRIPT_HANS] = { "审阅看板", "报告的完整性、语言一致性与数据一致性"
	    "检查结果，供审阅者使用。所有链接均指向网站页面。", "完整性", "须披露",
	    "已披露", "已省略", "缺失", "编号", "披露项", "状态", "位置", "省略",
	    "语言一致性", "章节", "节", "缺少的节", "数据", "未发现问题。",
	    "各章节覆盖情况", "全部问题", "已支持", "错误", "警告", "错误",
	    "警告" },
	[ESG_SCRIPT_HANT] = { "審閱看板", "報告的完整性、語言一致性與數據一致性"
	    "檢查結果，供審閱者使用。所有連結均指向網站頁面。", "完整性", "須披露",
	    "已披露", "已省略", "缺失", "編號", "披露項", "狀態", "位置", "省略",
	    "語言一致性", "章節", "節", "缺少的節", "數據", "未發現問題。",
	    "各章節覆蓋情況", "全部問題", "已支持", "錯誤", "警告", "錯誤",
	    "警告" },
};

const char *
esg_review_title(const char *tag)
{
	return words[esg_script_of(tag)][W_TITLE];
}

typedef struct rv {
	esg_report *r;
	esg_render rc;          /* for hrefs: a page of language 0 */
	const char *tag;
	esg_script script;
	const esg_diag *build, *review;
	xmlDocPtr doc;
	esg_buf *rows;          /* see esg_render_review */
	size_t *ends;
	size_t ntables;
} rv;

/* The entries in the index's reading order: coverage keeps a GRI 3-3
 * per material topic after the whole catalog; a reader expects them
 * with GRI 3, right after 3-2. Returns a malloc'd array of nentries. */
static const esg_entry **
reading_order(const esg_coverage *cov)
{
	const esg_entry **v = esg_xcalloc(cov->nentries + 1, sizeof *v);
	size_t n = 0;
	bool placed = false;
	for (size_t i = 0; i < cov->nentries; i++) {
		const esg_entry *e = cov->entries[i];
		if (e->topic)
			continue;
		v[n++] = e;
		if (!placed && strcmp(e->code, "3-2") == 0) {
			for (size_t j = 0; j < cov->nentries; j++)
				if (cov->entries[j]->topic)
					v[n++] = cov->entries[j];
			placed = true;
		}
	}
	for (size_t j = 0; !placed && j < cov->nentries; j++)
		if (cov->entries[j]->topic)
			v[n++] = cov->entries[j];
	return v;
}

static const char *
w(const rv *x, enum word k)
{
	return words[x->script][k];
}

/* Between the counts of a list: "，" in Chinese, ", " in English. */
static const char *
list_comma(const rv *x)
{
	return x->script == ESG_SCRIPT_EN ? ", " : "，";
}

static const char *
pr(const rv *x, const char *fmt, size_t n)
{
	return esg_arena_printf(&x->r->arena, fmt, n);
}

/* A link from review/ into language l's page for a location id. */
static void
location_links(rv *x, xmlNodePtr cell, const char *id)
{
	esg_report *r = x->r;
	xmlNodePtr ul = esg_el(cell, "ul");
	esg_set(ul, "class", "locs");
	for (int l = 0; l < r->nlangs; l++) {
		xmlNodePtr li = esg_el(ul, "li");
		esg_set(esg_el_text(li, "span", r->langs[l].key), "class", "lang");
		esg_add_text(li, " ");
		if (strncmp(id, "kpi-", 4) == 0) {
			const esg_metric *m = esg_metric_find(r, id + 4);
			if (m == NULL || m->home == NULL ||
			    m->home->place.chapter == ESG_NO_CHAPTER) {
				esg_add_text(li, id);
				continue;
			}
			xmlNodePtr a = esg_el_text(li, "a", esg_lstr_get(&m->label, l));
			esg_set(a, "href", esg_arena_printf(&r->arena, "../%s/%s.html#%s",
			    r->langs[l].key, r->chapters[m->home->place.chapter].slug, id));
			esg_set(a, "lang", r->langs[l].tag);
			continue;
		}
		const esg_section *s = esg_find_section(r, l, id);
		if (s == NULL) {
			esg_add_text(li, "—");
			continue;
		}
		xmlNodePtr a = esg_el(li, "a");
		esg_set(a, "href", esg_arena_printf(&r->arena, "../%s/%s.html%s%s",
		    r->langs[l].key, r->chapters[s->chapter].slug, s->depth ? "#" : "",
		    s->depth ? s->id : ""));
		esg_set(a, "lang", r->langs[l].tag);
		esg_render_label(a, s);
	}
}

static void
bar(rv *x, xmlNodePtr parent, const esg_coverage *cov)
{
	size_t total = cov->required ? cov->required : 1;
	xmlNodePtr div = esg_el(parent, "div");
	esg_set(div, "class", "bar");
	esg_set(div, "role", "img");
	const char *sep = list_comma(x);
	const char *label = esg_arena_printf(&x->r->arena, "%zu %s%s%zu %s%s"
	    "%zu %s%s%zu %s", cov->required, w(x, W_REQUIRED), sep,
	    cov->disclosed, w(x, W_DISCLOSED), sep, cov->omitted,
	    w(x, W_OMITTED), sep, cov->missing, w(x, W_MISSING));
	esg_set(div, "aria-label", label);
	size_t parts[3] = { cov->disclosed, cov->omitted, cov->missing };
	static const char *const cls[3] = { "ok", "omit", "miss" };
	for (int i = 0; i < 3; i++) {
		if (parts[i] == 0)
			continue;
		xmlNodePtr span = esg_el(div, "span");
		esg_set(span, "class", cls[i]);
		esg_set(span, "style", esg_arena_printf(&x->r->arena,
		    "width:%.2f%%", 100.0 * (double)parts[i] / (double)total));
	}
	esg_nl(parent);
	esg_set(esg_el_text(parent, "p", label), "class", "counts");
	esg_nl(parent);
}

static void
framework_section(rv *x, xmlNodePtr main, const esg_framework *fw)
{
	const esg_coverage *cov = fw->cov;
	const esg_catalog *c = fw->cat;
	xmlNodePtr sec = esg_el(main, "section");
	esg_set(sec, "id", esg_arena_printf(&x->r->arena, "review-%s", fw->key));
	esg_nl(sec);
	const char *fallback;
	xmlNodePtr h = esg_el_text(sec, "h3", esg_ctext_get(&c->name, x->tag,
	    &fallback));
	if (fallback)
		esg_set(h, "lang", fallback);
	esg_nl(sec);
	if (c->kind == ESG_FW_SDG) {
		size_t n = 0;
		for (size_t i = 0; i < cov->nentries; i++)
			n += cov->entries[i]->listed;
		esg_el_text(sec, "p", esg_arena_printf(&x->r->arena, "%zu %s", n,
		    w(x, W_SUPPORTED)));
		esg_nl(sec);
	} else {
		bar(x, sec, cov);
	}
	xmlNodePtr wrap = esg_el(sec, "div");
	esg_set(wrap, "class", "wrap");
	xmlNodePtr table = esg_el(wrap, "table");
	xmlNodePtr tr = esg_el(esg_el(table, "thead"), "tr");
	static const enum word cols[] = { W_CODE, W_ITEM, W_STATUS, W_LOCATIONS,
	    W_OMISSION };
	for (size_t i = 0; i < 5; i++)
		esg_set(esg_el_text(tr, "th", w(x, cols[i])), "scope", "col");
	xmlNodePtr tbody = esg_el(table, "tbody");
	esg_nl(tbody);
	esg_el(tbody, ESG_REVIEW_ROWS);
	/* Each row is made apart, written out and freed. */
	xmlNodePtr holder = xmlNewDocNode(x->doc, NULL, BAD_CAST "tbody", NULL);
	const esg_entry **order = reading_order(cov);
	for (size_t i = 0; i < cov->nentries; i++) {
		const esg_entry *e = order[i];
		if (!(e->required || (e->listed && c->kind == ESG_FW_SDG)))
			continue;
		tr = esg_el(holder, "tr");
		esg_set(tr, "data-status", esg_status_name(e->status));
		xmlNodePtr th = esg_el_text(tr, "th", e->key);
		esg_set(th, "scope", "row");
		xmlNodePtr td = esg_el(tr, "td");
		if (e->topic) {
			esg_add_text(td, esg_lstr_get(&e->topic->title, 0));
		} else {
			const char *t = esg_ctext_get(&e->item->title, x->tag, &fallback);
			if (fallback)
				esg_set(esg_el_text(td, "span", t), "lang", fallback);
			else
				esg_add_text(td, t);
		}
		enum word st = e->status == ESG_STATUS_DISCLOSED ? W_DISCLOSED :
		    e->status == ESG_STATUS_OMITTED ? W_OMITTED : W_MISSING;
		esg_set(esg_el_text(tr, "td", w(x, st)), "class", esg_arena_printf(
		    &x->r->arena, "status-%s", esg_status_name(e->status)));
		td = esg_el(tr, "td");
		for (size_t k = 0; k < e->nlocs; k++)
			location_links(x, td, e->locs[k]);
		td = esg_el(tr, "td");
		const esg_omit *om = e->omit ? e->omit :
		    e->npartial ? e->partial[0] : NULL;
		if (om) {
			const esg_reason *reason = om->reason ?
			    esg_catalog_reason(c, om->reason) : NULL;
			esg_add_text(td, om->code);
			esg_add_text(td, ": ");
			esg_add_text(td, reason ? esg_ctext_get(&reason->label, x->tag,
			    NULL) : om->reason ? om->reason : "");
			esg_el_text(td, "br", NULL);
			esg_add_text(td, esg_lstr_get(&om->explanation, 0));
		}
		esg_write_html_node(x->doc, tr, x->rows);
		esg_buf_putc(x->rows, '\n');
		xmlUnlinkNode(tr);
		xmlFreeNode(tr);
	}
	xmlFreeNode(holder);
	free(order);
	x->ends[x->ntables++] = x->rows->len;
	esg_nl(sec);
}

static void
parity_matrix(rv *x, xmlNodePtr main)
{
	esg_report *r = x->r;
	xmlNodePtr wrap = esg_el(main, "div");
	esg_set(wrap, "class", "wrap");
	xmlNodePtr table = esg_el(wrap, "table");
	xmlNodePtr tr = esg_el(esg_el(table, "thead"), "tr");
	esg_set(esg_el_text(tr, "th", w(x, W_CHAPTER)), "scope", "col");
	for (int l = 0; l < r->nlangs; l++) {
		xmlNodePtr th = esg_el_text(tr, "th", esg_arena_printf(&r->arena,
		    "%s (%s)", r->langs[l].name, w(x, W_SECTIONS)));
		esg_set(th, "scope", "col");
	}
	esg_set(esg_el_text(tr, "th", w(x, W_ABSENT)), "scope", "col");
	xmlNodePtr tbody = esg_el(table, "tbody");
	for (size_t c = 0; c < r->nchapters; c++) {
		tr = esg_el(tbody, "tr");
		xmlNodePtr th = esg_el(tr, "th");
		esg_set(th, "scope", "row");
		esg_render_label(th, esg_chapter_heading(&r->chapters[c], 0));
		esg_buf absent = ESG_BUF_INIT;
		for (int l = 0; l < r->nlangs; l++) {
			const esg_text *t = &r->chapters[c].text[l];
			esg_el_text(tr, "td", t->present ? pr(x, "%zu", t->nsections) :
			    "—");
			for (int o = 0; o < r->nlangs; o++) {
				const esg_text *ot = &r->chapters[c].text[o];
				if (o == l || !ot->present)
					continue;
				for (size_t i = 0; i < ot->nsections; i++) {
					const esg_section *s = esg_find_section(r, l,
					    ot->sections[i].id);
					if (s == NULL || s->chapter != c)
						esg_buf_printf(&absent, "%s%s: #%s", absent.len ?
						    "; " : "", r->langs[l].key, ot->sections[i].id);
				}
			}
		}
		xmlNodePtr td = esg_el(tr, "td");
		if (absent.len)
			esg_add_text(td, esg_buf_cstr(&absent));
		else
			esg_set(esg_el_text(td, "span", "✓"), "class", "none");
		esg_buf_free(&absent);
	}
}

static void
problem_list(rv *x, xmlNodePtr parent, int kind)
{
	const esg_diag *lists[2] = { x->build, x->review };
	xmlNodePtr ul = esg_el(parent, "ul");
	esg_set(ul, "class", "problems");
	size_t n = 0;
	for (int k = 0; k < 2; k++) {
		for (size_t i = 0; lists[k] && i < lists[k]->count; i++) {
			const esg_problem *p = &lists[k]->items[i];
			if (kind >= 0 && (int)p->kind != kind)
				continue;
			xmlNodePtr li = esg_el(ul, "li");
			bool error = p->severity == ESG_ERROR;
			esg_set(esg_el_text(li, "span", w(x, error ? W_ERROR :
			    W_WARNING)), "class", error ? "sev-error" : "sev-warning");
			esg_add_text(li, " ");
			if (p->file) {
				esg_add_text(li, p->file);
				if (p->line > 0)
					esg_add_text(li, esg_arena_printf(&x->r->arena, ":%d",
					    p->line));
				esg_add_text(li, " ");
			}
			esg_add_text(li, p->message);
			n++;
		}
	}
	if (n == 0) {
		xmlUnlinkNode(ul);
		xmlFreeNode(ul);
		esg_set(esg_el_text(parent, "p", w(x, W_NONE)), "class", "none");
	}
	esg_nl(parent);
}

/* Which chapters carry which disclosures: a row per item, a column per
 * chapter, the count of locations in the cell. */
static void
coverage_matrix(rv *x, xmlNodePtr main, const esg_framework *fw)
{
	esg_report *r = x->r;
	const esg_coverage *cov = fw->cov;
	const char *fallback;
	xmlNodePtr h = esg_el_text(main, "h3", esg_ctext_get(&fw->cat->name,
	    x->tag, &fallback));
	if (fallback)
		esg_set(h, "lang", fallback);
	xmlNodePtr wrap = esg_el(main, "div");
	esg_set(wrap, "class", "wrap");
	xmlNodePtr table = esg_el(wrap, "table");
	esg_set(table, "class", "matrix");
	xmlNodePtr tr = esg_el(esg_el(table, "thead"), "tr");
	esg_set(esg_el_text(tr, "th", w(x, W_CODE)), "scope", "col");
	for (size_t c = 0; c < r->nchapters; c++) {
		const esg_section *s0 = esg_chapter_heading(&r->chapters[c], 0);
		xmlNodePtr th = esg_el_text(tr, "th", s0->number ? s0->number :
		    esg_arena_printf(&r->arena, "·%zu", c + 1));
		esg_set(th, "scope", "col");
		esg_set(th, "title", s0->title);
	}
	xmlNodePtr tbody = esg_el(table, "tbody");
	size_t *count = esg_xcalloc(r->nchapters + 1, sizeof *count);
	const esg_entry **order = reading_order(cov);
	for (size_t i = 0; i < cov->nentries; i++) {
		const esg_entry *e = order[i];
		if (!e->listed && !e->required)
			continue;
		memset(count, 0, (r->nchapters + 1) * sizeof *count);
		for (size_t k = 0; k < e->nlocs; k++) {
			const char *id = e->locs[k];
			size_t c = ESG_NO_CHAPTER;
			if (strncmp(id, "kpi-", 4) == 0) {
				const esg_metric *m = esg_metric_find(r, id + 4);
				if (m && m->home)
					c = m->home->place.chapter;
			} else {
				const esg_section *s = esg_find_section(r, 0, id);
				if (s)
					c = s->chapter;
			}
			if (c < r->nchapters)
				count[c]++;
		}
		tr = esg_el(tbody, "tr");
		xmlNodePtr th = esg_el_text(tr, "th", e->key);
		esg_set(th, "scope", "row");
		esg_set(th, "title", e->topic ? esg_lstr_get(&e->topic->title, 0) :
		    esg_ctext_get(&e->item->title, x->tag, NULL));
		for (size_t c = 0; c < r->nchapters; c++) {
			xmlNodePtr td = esg_el_text(tr, "td", count[c] ?
			    pr(x, "%zu", count[c]) : "");
			if (count[c])
				esg_set(td, "class", "hit");
		}
	}
	free(count);
	free(order);
}

size_t
esg_render_review(esg_report *r, xmlDocPtr doc, xmlNodePtr content,
    const esg_diag *build, const esg_diag *review, esg_buf *rows,
    size_t *ends)
{
	rv x = { .r = r, .tag = r->langs[0].tag, .build = build,
	    .review = review, .doc = doc, .rows = rows, .ends = ends };
	x.script = esg_script_of(x.tag);
	x.rc = (esg_render){ r, NULL, 0, doc, ESG_NO_CHAPTER, NULL, false };
	xmlNodePtr main = content;
	esg_el_text(main, "h1", esg_arena_printf(&r->arena, "%s · %s",
	    w(&x, W_TITLE), esg_lstr_get(&r->title, 0)));
	esg_nl(main);
	esg_set(esg_el_text(main, "p", esg_arena_printf(&r->arena, "%s — %s",
	    esg_lstr_get(&r->company, 0), w(&x, W_LEAD))), "class", "lead");
	esg_nl(main);
	size_t errors = 0, warnings = 0;
	const esg_diag *lists[2] = { build, review };
	for (int k = 0; k < 2; k++)
		for (size_t i = 0; lists[k] && i < lists[k]->count; i++)
			*(lists[k]->items[i].severity == ESG_ERROR ? &errors :
			    &warnings) += 1;
	esg_el_text(main, "p", esg_arena_printf(&r->arena, "%zu %s%s%zu %s",
	    errors, w(&x, W_ERRORS), list_comma(&x), warnings,
	    w(&x, W_WARNINGS)));
	esg_nl(main);

	esg_el_text(main, "h2", w(&x, W_COMPLETENESS));
	esg_nl(main);
	for (size_t f = 0; f < r->nfws; f++)
		if (r->fws[f].cov)
			framework_section(&x, main, &r->fws[f]);
	esg_el_text(main, "h2", w(&x, W_PARITY));
	esg_nl(main);
	parity_matrix(&x, main);
	problem_list(&x, main, ESG_K_PARITY);
	esg_el_text(main, "h2", w(&x, W_DATA));
	esg_nl(main);
	problem_list(&x, main, ESG_K_DATA);
	esg_el_text(main, "h2", w(&x, W_MATRIX));
	esg_nl(main);
	for (size_t f = 0; f < r->nfws; f++)
		if (r->fws[f].cov)
			coverage_matrix(&x, main, &r->fws[f]);
	esg_el_text(main, "h2", w(&x, W_FINDINGS));
	esg_nl(main);
	problem_list(&x, main, -1);
	return x.ntables;
}
