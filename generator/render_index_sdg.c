/* render_index_sdg.c — the SDG index: each goal the report supports, with
 * the sections that support it. */
#include "dom.h"
#include "index.h"

void
esg_render_index_sdg(ix *x, xmlNodePtr parent)
{
	esg_coverage *cov = x->fw->cov;
	size_t rows = 0;
	for (size_t i = 0; i < cov->nentries; i++)
		rows += cov->entries[i]->listed;
	if (rows == 0) {
		xmlNodePtr p = esg_el_text(parent, "p",
		    esg_ui_text(x->tag, ESG_UI_INDEX_EMPTY));
		esg_set(p, "class", "index-empty");
		esg_nl(parent);
		return;
	}
	xmlNodePtr table = ix_table(x, parent, x->fw->key);
	xmlNodePtr tr = esg_el(esg_el(table, "thead"), "tr");
	ix_th(x, tr, ESG_L_GOAL);
	ix_th(x, tr, ESG_L_LOCATION);
	esg_nl(table);
	xmlNodePtr tbody = esg_el(table, "tbody");
	esg_nl(tbody);
	esg_nl(table);
	const char *fallback;
	const char *prefix = esg_ctext_get(&x->cat->short_name, x->tag,
	    &fallback);
	for (size_t i = 0; i < cov->nentries; i++) {
		esg_entry *e = cov->entries[i];
		if (!e->listed)
			continue;
		tr = ix_row(x, tbody, e, NULL);
		xmlNodePtr th = esg_el(tr, "th");
		esg_set(th, "scope", "row");
		xmlNodePtr code = esg_el(th, "span");
		esg_set(code, "class", "index-code");
		esg_add_text(code, prefix);
		esg_add_text(code, " ");
		esg_add_text(code, e->code);
		esg_add_text(th, " ");
		ix_add_ctext(x, th, &e->item->title);
		xmlNodePtr td = esg_el(tr, "td");
		esg_set(td, "class", "index-location");
		ix_locations(x, td, e);
		esg_nl(tbody);
	}
}
