/* render_index_gri.c — the GRI content index of GRI 1 Requirement 7: the
 * statement of use, GRI 1 used, Sector Standards, then general
 * disclosures and material topics (3-1, 3-2, and per topic its 3-3 and
 * the disclosures of its Topic Standards), with locations and omissions.
 * A "with reference" index is the reduced form: standard, disclosure,
 * location of each disclosure cited. */
#include "buf.h"
#include "dom.h"
#include "i18n.h"
#include "index.h"

#include <string.h>

/* A block of rows under one heading: entries in order, each with the
 * standard group it shows. */
typedef struct block {
	esg_entry **v;
	size_t n, cap;
} block;

static void
block_add(block *b, esg_entry *e)
{
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 16;
		b->v = esg_xrealloc(b->v, b->cap * sizeof *b->v);
	}
	b->v[b->n++] = e;
}

/* Appends the statement tmpl to parent with its placeholders filled.
 * org_tag, when not NULL, is the language of the company's name, which
 * differs from the statement's when the catalog lacks the statement in
 * the page's script: the name is then marked with its own language. */
static void
fill(xmlNodePtr parent, const char *tmpl, const char *org,
    const char *org_tag, const char *start, const char *end)
{
	esg_buf b = ESG_BUF_INIT;
	for (const char *p = tmpl; *p;) {
		if (strncmp(p, "{organization}", 14) == 0) {
			if (org_tag) {
				esg_add_text(parent, esg_buf_cstr(&b));
				esg_buf_clear(&b);
				esg_set(esg_el_text(parent, "span", org), "lang",
				    org_tag);
			} else {
				esg_buf_puts(&b, org);
			}
			p += 14;
		} else if (strncmp(p, "{start}", 7) == 0) {
			esg_buf_puts(&b, start);
			p += 7;
		} else if (strncmp(p, "{end}", 5) == 0) {
			esg_buf_puts(&b, end);
			p += 5;
		} else {
			esg_buf_putc(&b, *p++);
		}
	}
	esg_add_text(parent, esg_buf_cstr(&b));
	esg_buf_free(&b);
}

/* "1 January 2024" / "2024年1月1日" */
static const char *
long_date(esg_arena *a, const char *tag, const char *ymd)
{
	static const char *const months[] = { "January", "February", "March",
	    "April", "May", "June", "July", "August", "September", "October",
	    "November", "December" };
	int y = 0, m = 1, d = 1;
	if (ymd == NULL || sscanf(ymd, "%d-%d-%d", &y, &m, &d) != 3 || m < 1 ||
	    m > 12)
		return ymd ? ymd : "";
	if (esg_script_of(tag) != ESG_SCRIPT_EN)
		return esg_arena_printf(a, "%d年%d月%d日", y, m, d);
	return esg_arena_printf(a, "%d %s %d", d, months[m - 1], y);
}

static void
statements(ix *x, xmlNodePtr parent)
{
	esg_report *r = x->rc->r;
	esg_framework *fw = x->fw;
	xmlNodePtr dl = esg_el(parent, "dl");
	esg_set(dl, "class", "index-statements");
	esg_nl(dl);
	if (fw->claim != ESG_CLAIM_NONE) {
		ix_add_label(x, esg_el(dl, "dt"), ESG_L_STATEMENT);
		const char *fallback;
		const char *tmpl = esg_ctext_get(&x->cat->statements[fw->claim],
		    x->tag, &fallback);
		const char *dtag = fallback ? fallback : x->tag;
		int lang = x->rc->lang;
		xmlNodePtr dd = esg_el(dl, "dd");
		if (fallback)
			esg_set(dd, "lang", fallback);
		const char *org_tag = r->company.v[lang] ? x->tag : r->langs[0].tag;
		if (fallback == NULL || esg_script_of(org_tag) == ESG_SCRIPT_EN)
			org_tag = NULL;
		fill(dd, tmpl, esg_lstr_get(&r->company, lang), org_tag,
		    long_date(&r->arena, dtag, r->period_start),
		    long_date(&r->arena, dtag, r->period_end));
		esg_nl(dl);
	}
	ix_add_label(x, esg_el(dl, "dt"), ESG_L_GRI1_USED);
	ix_add_label(x, esg_el(dl, "dd"), ESG_L_GRI1);
	esg_nl(dl);
	ix_add_label(x, esg_el(dl, "dt"), ESG_L_SECTORS);
	xmlNodePtr dd = esg_el(dl, "dd");
	if (fw->nsectors == 0)
		ix_add_label(x, dd, ESG_L_NONE);
	for (size_t s = 0; s < fw->nsectors; s++) {
		int g = esg_catalog_standard(x->cat, fw->sectors[s], ESG_STD_SECTOR);
		if (g < 0)
			continue;
		if (s)
			esg_add_text(dd, "; ");
		ix_add_ctext(x, dd, &x->cat->groups[g].title);
	}
	esg_nl(dl);
	esg_nl(parent);
}

static bool
full_form(const ix *x)
{
	return x->fw->claim == ESG_CLAIM_IN_ACCORDANCE;
}

static int
columns(const ix *x)
{
	return x->omissions ? 6 : 3;
}

static void
head(ix *x, xmlNodePtr table)
{
	xmlNodePtr thead = esg_el(table, "thead");
	xmlNodePtr tr = esg_el(thead, "tr");
	xmlNodePtr th[3] = { ix_th(x, tr, ESG_L_STANDARD),
	    ix_th(x, tr, ESG_L_TITLE), ix_th(x, tr, ESG_L_LOCATION) };
	if (x->omissions) {
		for (int i = 0; i < 3; i++)
			esg_set(th[i], "rowspan", "2");
		xmlNodePtr om = ix_th(x, tr, ESG_L_OMISSION);
		esg_set(om, "scope", "colgroup");
		esg_set(om, "colspan", "3");
		esg_nl(thead);
		tr = esg_el(thead, "tr");
		ix_th(x, tr, ESG_L_REQUIREMENTS);
		ix_th(x, tr, ESG_L_REASON);
		ix_th(x, tr, ESG_L_EXPLANATION);
	}
	esg_nl(table);
}

static void
omission_cells(ix *x, xmlNodePtr tr, const esg_entry *e)
{
	xmlNodePtr req = esg_el(tr, "td");
	xmlNodePtr why = esg_el(tr, "td");
	xmlNodePtr expl = esg_el(tr, "td");
	esg_set(req, "class", "index-omitted");
	const esg_omit *all[17];
	size_t n = 0;
	if (e->omit)
		all[n++] = e->omit;
	for (size_t i = 0; i < e->npartial && n < 17; i++)
		all[n++] = e->partial[i];
	for (size_t i = 0; i < n; i++) {
		if (i) {
			esg_add_text(req, "; ");
			esg_add_text(why, "; ");
		}
		esg_add_text(req, all[i]->code);
		ix_reason(x, why, all[i]);
		ix_explanation(x, expl, all[i]);
	}
}

/* The rows of one block; the standard cell spans the consecutive rows of
 * the same standard. */
static void
rows(ix *x, xmlNodePtr tbody, const block *b, const char *topic)
{
	const esg_catalog *c = x->cat;
	for (size_t i = 0; i < b->n; i++) {
		esg_entry *e = b->v[i];
		xmlNodePtr tr = ix_row(x, tbody, e, topic);
		int g = e->item->group;
		if (i == 0 || b->v[i - 1]->item->group != g) {
			size_t span = 1;
			while (i + span < b->n && b->v[i + span]->item->group == g)
				span++;
			xmlNodePtr td = esg_el(tr, "td");
			esg_set(td, "class", "index-standard");
			if (span > 1) {
				char s[24];
				snprintf(s, sizeof s, "%zu", span);
				esg_set(td, "rowspan", s);
			}
			ix_add_ctext(x, td, &c->groups[g].title);
		}
		xmlNodePtr th = esg_el(tr, "th");
		esg_set(th, "scope", "row");
		esg_set(th, "class", "index-disclosure");
		xmlNodePtr code = esg_el_text(th, "span", e->code);
		esg_set(code, "class", "index-code");
		esg_add_text(th, " ");
		ix_add_ctext(x, th, &e->item->title);
		/* With reference, the 3-3 rows of several topics stand side
		 * by side: only the topic tells them apart. In accordance, the
		 * topic's group row above says it. */
		if (e->topic && !full_form(x)) {
			esg_add_text(th, esg_script_of(x->tag) == ESG_SCRIPT_EN ?
			    ": " : "：");
			xmlNodePtr name = esg_el_text(th, "span",
			    esg_lstr_get(&e->topic->title, x->rc->lang));
			esg_set(name, "class", "index-topic-name");
		}
		xmlNodePtr loc = esg_el(tr, "td");
		if (e->nlocs) {
			esg_set(loc, "class", "index-location");
			ix_locations(x, loc, e);
		} else if (e->status == ESG_STATUS_MISSING) {
			esg_set(loc, "class", "index-location status-missing");
			ix_add_label(x, loc, ESG_L_MISSING);
		} else {
			esg_set(loc, "class", "index-location");
			esg_add_text(loc, "—");
		}
		if (x->omissions)
			omission_cells(x, tr, e);
		esg_nl(tbody);
	}
}

static xmlNodePtr
section(ix *x, xmlNodePtr table, const esg_ctext *t, const char *plain,
    const char *cls)
{
	xmlNodePtr tbody = esg_el(table, "tbody");
	esg_nl(tbody);
	esg_nl(table);
	ix_group_row(x, tbody, columns(x), t, plain, cls);
	return tbody;
}

static void
label_text(ix *x, esg_label l, esg_ctext *out)
{
	memset(out, 0, sizeof *out);
	for (int s = 0; s < 3; s++) {
		static const char *const tags[] = { "en", "zh-Hans", "zh-Hant" };
		/* A script the label falls back in stays empty, so that the
		 * row shows the English marked lang="en". */
		const char *fallback;
		const char *text = esg_catalog_label(x->cat, l, tags[s], &fallback);
		out->v[s] = fallback ? NULL : text;
	}
}

void
esg_render_index_gri(ix *x, xmlNodePtr parent)
{
	esg_framework *fw = x->fw;
	const esg_catalog *c = x->cat;
	esg_coverage *cov = fw->cov;
	x->omissions = full_form(x);
	for (size_t i = 0; i < cov->nentries && !x->omissions; i++)
		x->omissions = cov->entries[i]->listed &&
		    (cov->entries[i]->omit || cov->entries[i]->npartial);
	statements(x, parent);
	xmlNodePtr table = ix_table(x, parent, "gri");
	head(x, table);
	esg_ctext t;
	/* Each listed entry is placed once (or, for a standard shared by
	 * several topics, under each of them); what no block takes goes
	 * under "Other disclosures". */
	bool *placed = esg_xcalloc(cov->nentries + 1, sizeof *placed);
	block b = { 0 };

	if (!full_form(x)) {
		/* Catalog order, with the 3-3 of each topic where GRI 3 has
		 * its 3-3. */
		for (size_t i = 0; i < c->nitems; i++) {
			esg_entry *e = cov->entries[i];
			if (e->listed)
				block_add(&b, e);
			if (strcmp(e->key, "3-3") != 0)
				continue;
			for (size_t k = c->nitems; k < cov->nentries; k++)
				if (cov->entries[k]->listed)
					block_add(&b, cov->entries[k]);
		}
		if (b.n)
			rows(x, esg_el(table, "tbody"), &b, NULL);
		else
			section(x, table, NULL, esg_ui_text(x->tag,
			    ESG_UI_INDEX_EMPTY), "index-group");
		free(b.v);
		free(placed);
		return;
	}

	/* General disclosures: GRI 2. */
	for (size_t i = 0; i < cov->nentries; i++) {
		esg_entry *e = cov->entries[i];
		const esg_cat_group *g = &c->groups[e->item->group];
		if (e->listed && g->standard && strcmp(g->standard, "2") == 0) {
			block_add(&b, e);
			placed[i] = true;
		}
	}
	label_text(x, ESG_L_GENERAL, &t);
	rows(x, section(x, table, &t, NULL, "index-group"), &b, NULL);
	b.n = 0;

	/* Material topics: 3-1, 3-2, then each topic. */
	for (size_t i = 0; i < cov->nentries; i++) {
		esg_entry *e = cov->entries[i];
		if (e->listed && e->topic == NULL &&
		    (strcmp(e->key, "3-1") == 0 || strcmp(e->key, "3-2") == 0)) {
			block_add(&b, e);
			placed[i] = true;
		}
	}
	label_text(x, ESG_L_MATERIAL, &t);
	rows(x, section(x, table, &t, NULL, "index-group"), &b, NULL);
	size_t max = 0;
	for (size_t k = 0; k < fw->ntopics; k++)
		if (fw->topics[k].nstandards > max)
			max = fw->topics[k].nstandards;
	int *groups = esg_xcalloc(max + 1, sizeof *groups);
	for (size_t k = 0; k < fw->ntopics; k++) {
		const esg_topic *tp = &fw->topics[k];
		b.n = 0;
		for (size_t i = 0; i < cov->nentries; i++) {
			esg_entry *e = cov->entries[i];
			if (e->topic == tp) {
				block_add(&b, e);
				placed[i] = true;
			}
		}
		size_t n = esg_gri_topic_groups(fw, tp, groups);
		for (size_t j = 0; j < n; j++) {
			const esg_cat_group *g = &c->groups[groups[j]];
			for (size_t i = g->first; i < g->first + g->count; i++) {
				if (!cov->entries[i]->listed)
					continue;
				block_add(&b, cov->entries[i]);
				placed[i] = true;
			}
		}
		xmlNodePtr tbody = section(x, table, NULL,
		    esg_lstr_get(&tp->title, x->rc->lang), "index-group index-topic");
		rows(x, tbody, &b, tp->id);
	}
	free(groups);
	b.n = 0;
	for (size_t i = 0; i < cov->nentries; i++)
		if (cov->entries[i]->listed && !placed[i])
			block_add(&b, cov->entries[i]);
	if (b.n) {
		label_text(x, ESG_L_OTHER, &t);
		rows(x, section(x, table, &t, NULL, "index-group"), &b, NULL);
	}
	free(b.v);
	free(placed);
}
