/* render_index_list.c — the HKEX index (and any list-kind catalog):
 * code | official wording | status | locations or explanation, grouped by
 * the catalog's parts, subject areas and aspects. */
#include "dom.h"
#include "index.h"

#include <string.h>

static void
status_cell(ix *x, xmlNodePtr tr, const esg_entry *e)
{
	xmlNodePtr td = esg_el(tr, "td");
	switch (e->status) {
	case ESG_STATUS_DISCLOSED:
		esg_set(td, "class", "index-status status-disclosed");
		ix_add_label(x, td, ESG_L_DISCLOSED);
		break;
	case ESG_STATUS_OMITTED:
		esg_set(td, "class", "index-status status-omitted");
		ix_reason(x, td, e->omit);
		break;
	case ESG_STATUS_MISSING:
		esg_set(td, "class", "index-status status-missing");
		ix_add_label(x, td, ESG_L_MISSING);
		break;
	case ESG_STATUS_NONE:
		esg_set(td, "class", "index-status");
		esg_add_text(td, "—");
		break;
	}
}

void
esg_render_index_list(ix *x, xmlNodePtr parent)
{
	const esg_catalog *c = x->cat;
	esg_coverage *cov = x->fw->cov;
	xmlNodePtr table = ix_table(x, parent, x->fw->key);
	xmlNodePtr thead = esg_el(table, "thead");
	xmlNodePtr tr = esg_el(thead, "tr");
	esg_set(ix_th(x, tr, ESG_L_CODE), "class", "index-code");
	ix_th(x, tr, ESG_L_TITLE);
	ix_th(x, tr, ESG_L_STATUS);
	ix_th(x, tr, ESG_L_LOCATION);
	esg_nl(table);

	/* Group heading rows are written when an item enters groups the
	 * previous item was not in; each top-level group is a <tbody>. */
	int open[18];
	int depth = -1;
	xmlNodePtr tbody = NULL;
	for (size_t i = 0; i < cov->nentries; i++) {
		esg_entry *e = cov->entries[i];
		if (!e->listed)
			continue;
		int chain[18], n = 0;
		for (int g = e->item->group; g >= 0 && n < 18;
		    g = c->groups[g].parent)
			chain[n++] = g;
		int common = 0;
		while (common <= depth && common < n &&
		    open[common] == chain[n - 1 - common])
			common++;
		if (common == 0 || tbody == NULL) {
			tbody = esg_el(table, "tbody");
			esg_nl(tbody);
			esg_nl(table);
		}
		for (int k = common; k < n; k++) {
			const esg_cat_group *g = &c->groups[chain[n - 1 - k]];
			char cls[40];
			snprintf(cls, sizeof cls, "index-group index-depth-%d", k);
			ix_group_row(x, tbody, 4, &g->title, NULL, cls);
			open[k] = chain[n - 1 - k];
		}
		depth = n - 1;

		tr = ix_row(x, tbody, e, NULL);
		xmlNodePtr code = esg_el_text(tr, "th", e->code);
		esg_set(code, "scope", "row");
		esg_set(code, "class", "index-code");
		xmlNodePtr td = esg_el(tr, "td");
		esg_set(td, "class", "index-title");
		if (e->item->text.v[0]) {
			xmlNodePtr name = ix_ctext(x, td, "span", &e->item->title);
			esg_set(name, "class", "index-name");
			esg_add_text(td, " ");
			xmlNodePtr text = ix_ctext(x, td, "span", &e->item->text);
			esg_set(text, "class", "index-text");
		} else {
			ix_add_ctext(x, td, &e->item->title);
		}
		status_cell(x, tr, e);
		td = esg_el(tr, "td");
		esg_set(td, "class", "index-location");
		if (e->status == ESG_STATUS_OMITTED)
			ix_explanation(x, td, e->omit);
		else if (e->nlocs)
			ix_locations(x, td, e);
		else
			esg_add_text(td, "—");
		esg_nl(tbody);
	}
}
