/*
 * template.h — XHTML templates with a small attribute language.
 *
 * A template is a well-formed XHTML file parsed by libxml2's XML parser.
 * Elements carry data-esg-* attributes that name variables:
 *
 *   data-esg-text="VAR"      replace the element's children with VAR's text
 *   data-esg-insert="VAR"    replace the element's children with VAR
 *   data-esg-replace="VAR"   replace the whole element with VAR
 *   data-esg-attr="A VAR; B VAR2"  set attribute A to VAR's text (removed
 *                            when VAR is empty)
 *   data-esg-if="VAR"        keep the element only when VAR is not empty
 *   data-esg-unless="VAR"    keep the element only when VAR is empty
 *
 * A variable is either text or a fragment of nodes. The data-esg-*
 * attributes never reach the output. Unknown attributes and unknown
 * variables are errors at template load, with the template's line.
 */
#ifndef ESG_TEMPLATE_H
#define ESG_TEMPLATE_H

#include <libxml/tree.h>
#include <stddef.h>

#include "diag.h"

typedef struct esg_template {
	const char *name;   /* display name for messages; not owned */
	xmlDocPtr doc;
} esg_template;

/* Largest template: each is copied into every page it makes, so a large
 * one multiplies (a 20 MB template made a two-chapter report 225 MB and
 * took 1.9 GB). The built-in ones have 1 to 4 KB; an inline SVG logo a
 * few dozen. */
#define ESG_MAX_TEMPLATE_BYTES (256u * 1024)

/* Parses a template. known_vars is a NULL-terminated list of variable
 * names; "ui.NAME" names are checked by known_ui (may be NULL). Returns 0,
 * or -1 after reporting to d (exit 2 for XML errors). */
int esg_template_parse(esg_template *t, const char *name, const char *data,
    size_t len, const char *const *known_vars,
    int (*known_ui)(const char *name), esg_diag *d);
/* Checks that the page can always hold var (the page's content): it is
 * put in exactly once, by data-esg-insert or data-esg-replace, on an
 * element that can hold it and that no data-esg-if or -unless (its own
 * or an ancestor's) may remove; and that nothing removes or empties the
 * root. Returns 0, or -1 after reporting (exit 2). */
int esg_template_require(const esg_template *t, const char *var,
    esg_diag *d);
void esg_template_free(esg_template *t);

typedef struct esg_tvar {
	const char *name;
	const char *text;     /* text value, or NULL */
	xmlNodePtr holder;    /* fragment: the holder's children, or NULL */
} esg_tvar;

/* The variables of one page. Text is not copied and must outlive
 * esg_template_fill(); holders belong to the esg_tvars. */
typedef struct esg_tvars {
	esg_tvar *v;
	size_t n, cap;
} esg_tvars;

#define ESG_TVARS_INIT { NULL, 0, 0 }

void esg_tvars_text(esg_tvars *vars, const char *name, const char *text);
/* holder is an unlinked element of the page's document whose children
 * are the fragment. */
void esg_tvars_nodes(esg_tvars *vars, const char *name, xmlNodePtr holder);
void esg_tvars_free(esg_tvars *vars);

/* A new page document: a deep copy of the template. Build fragments with
 * this document, then call esg_template_fill(). The caller frees the page
 * with xmlFreeDoc(). Names of the nodes added to it are interned in dict
 * (the page takes a reference; NULL for none): libxml2 dictionaries are
 * not locked, so one dict serves the pages of one thread only. */
xmlDocPtr esg_template_page(const esg_template *t, xmlDictPtr dict);
/* Applies every data-esg-* attribute of the page. A fragment used once is
 * moved into the page, used again it is copied. */
void esg_template_fill(xmlDocPtr page, esg_tvars *vars);

#endif
