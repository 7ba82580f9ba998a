/*
 * render.h — turning the model into libxml2 trees.
 *
 * render_md.c walks each chapter's cmark tree into elements (sections,
 * numbered headings, resolved links, shortcodes, footnotes);
 * render_site.c builds the pages around them through the templates.
 */
#ifndef ESG_RENDER_H
#define ESG_RENDER_H

#include <libxml/tree.h>
#include <stdbool.h>

#include "buf.h"
#include "diag.h"
#include "model.h"

/* What is being rendered, for whom, and where links must point. */
typedef struct esg_render {
	esg_report *r;
	esg_diag *d;
	int lang;
	xmlDocPtr doc;          /* nodes are created in this document */
	size_t page_chapter;    /* the chapter this page shows, or ESG_NO_CHAPTER */
	const esg_framework *page_fw;   /* the index page shown, or NULL */
	bool single;            /* print.html: every section is on this page */
} esg_render;

/* <article class="chapter"> with the chapter's content in rc->lang, made
 * from tree (esg_parse_text()), unlinked, in rc->doc. Broken links and
 * shortcodes are reported to rc->d. */
xmlNodePtr esg_render_chapter(esg_render *rc, size_t chapter,
    const esg_tree *tree);

/* The href from the page being rendered to a section (arena string). */
const char *esg_href_section(esg_render *rc, const esg_section *s);
/* The href of a page of the current language from the page being
 * rendered: "climate.html", or "#climate" in the single document. */
const char *esg_href_chapter(esg_render *rc, size_t chapter);
/* The href from the page being rendered to an index row (an entry's own
 * anchor, or another one of its rows). */
struct esg_entry;
const char *esg_href_anchor(esg_render *rc, const esg_framework *fw,
    const char *anchor);
/* The "indicator response" line of a section (a <p>) or of a KPI row (a
 * <span>, inline): links to its index rows. Nothing for no links. */
void esg_render_covers(esg_render *rc, xmlNodePtr parent,
    struct esg_entry *const *links, size_t nlinks, bool inline_span);
/* A framework's content index (the table, and for GRI its statements),
 * appended to parent. */
void esg_render_index(esg_render *rc, esg_framework *fw, xmlNodePtr parent);

/* KPI data (render_kpi.c, render_chart.c). */
struct esg_metric;
struct esg_table;
struct esg_chart;
struct esg_highlights;
/* The href of a metric's row in the first table that shows it; NULL when
 * no table does. */
const char *esg_href_kpi(esg_render *rc, const struct esg_metric *m);
/* {{kpi}}: the value for year with its unit, as a <span class="kpi">. */
void esg_render_kpi(esg_render *rc, const struct esg_metric *m, int year,
    xmlNodePtr parent);
void esg_render_table(esg_render *rc, const struct esg_table *t,
    xmlNodePtr parent);
void esg_render_chart(esg_render *rc, const struct esg_chart *c,
    xmlNodePtr parent);
void esg_render_highlights(esg_render *rc, const struct esg_highlights *h,
    xmlNodePtr parent);

/* Appends "<span class="secnum">4.2</span> Title" to parent. */
void esg_render_label(xmlNodePtr parent, const esg_section *s);
/* The same with another title: a chapter's front matter title, which
 * names it in the navigation, the contents and the pager. */
void esg_render_label_titled(xmlNodePtr parent, const esg_section *s,
    const char *title);

/* "Review dashboard" in the script of the language tag: the page's title. */
const char *esg_review_title(const char *tag);

/* The review dashboard's content (render_review.c): the problems `build`
 * found and those of the review analyses. The rows of its completeness
 * tables, the bulk of the page (a row per disclosure, with every place
 * that covers it), are not kept as nodes: each is written out as HTML to
 * rows as soon as it is made. Each table's body holds an empty
 * ESG_REVIEW_ROWS element where its rows go, and ends[k] is where the k-th
 * table's rows end in rows; ends has room for r->nfws. Returns the number
 * of tables. Author text is escaped, so the element's tag is found only
 * where it was put. */
#define ESG_REVIEW_ROWS "esg-review-rows"
size_t esg_render_review(esg_report *r, xmlDocPtr doc, xmlNodePtr content,
    const esg_diag *build, const esg_diag *review, esg_buf *rows,
    size_t *ends);

/* The whole site; see render_site.c. review holds the findings of
 * esg_review() for the dashboard (may be NULL). */
struct esg_output;
int esg_render_site(esg_report *r, struct esg_output *out, esg_diag *d,
    const esg_diag *review);

#endif
