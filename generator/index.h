/*
 * index.h — what the framework index renderers share (internal to
 * render_index*.c).
 */
#ifndef ESG_INDEX_H
#define ESG_INDEX_H

#include "coverage.h"
#include "render.h"

typedef struct ix {
	esg_render *rc;
	esg_framework *fw;
	const esg_catalog *cat;
	const char *tag;        /* the page's BCP 47 tag */
	/* Rows already written: a later row of the same entry (a GRI
	 * standard under two material topics) gets its own id. */
	esg_strmap written;
	/* GRI: the index has the omission columns (always in accordance;
	 * with reference, when the report omits something). */
	bool omissions;
} ix;

/* A catalog text as the content of a new element; marked lang="en" when
 * the catalog has no text in the page's script. */
xmlNodePtr ix_ctext(ix *x, xmlNodePtr parent, const char *name,
    const esg_ctext *t);
/* Appends a catalog text (with a lang span when it falls back). */
void ix_add_ctext(ix *x, xmlNodePtr parent, const esg_ctext *t);
/* Appends a label (a catalog word or esgsite's default). */
void ix_add_label(ix *x, xmlNodePtr parent, esg_label l);
/* <tr id data-code data-status> for an entry; group is the GRI material
 * topic the row is listed under (for the id of a repeated row). */
xmlNodePtr ix_row(ix *x, xmlNodePtr tbody, esg_entry *e, const char *group);
/* The location cell content: links to every covering section. */
void ix_locations(ix *x, xmlNodePtr cell, const esg_entry *e);
/* The localized explanation of an omission. */
void ix_explanation(ix *x, xmlNodePtr parent, const esg_omit *o);
/* The label of an omission reason. */
void ix_reason(ix *x, xmlNodePtr parent, const esg_omit *o);
/* <div class="table-wrap"><table class="index index-KIND"><caption>. */
xmlNodePtr ix_table(ix *x, xmlNodePtr parent, const char *kind);
/* A header cell <th scope="col">label</th>. */
xmlNodePtr ix_th(ix *x, xmlNodePtr tr, esg_label l);
/* A full-width group heading row in tbody. */
void ix_group_row(ix *x, xmlNodePtr tbody, int colspan, const esg_ctext *t,
    const char *plain, const char *cls);

void esg_render_index_list(ix *x, xmlNodePtr parent);   /* hkex, list */
void esg_render_index_gri(ix *x, xmlNodePtr parent);
void esg_render_index_sdg(ix *x, xmlNodePtr parent);

#endif
