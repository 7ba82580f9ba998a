/*
 * dom.h — building libxml2 trees tersely.
 *
 * Every page is a libxml2 tree; these helpers create elements, attributes
 * and text in the document of the parent they are given. Text and
 * attribute values are escaped by libxml2 when the page is written, so any
 * string may be passed.
 */
#ifndef ESG_DOM_H
#define ESG_DOM_H

#include <libxml/tree.h>
#include <stdbool.h>
#include <stddef.h>

/* A new element appended to parent. */
xmlNodePtr esg_el(xmlNodePtr parent, const char *name);
/* A new element with one text child appended to parent. */
xmlNodePtr esg_el_text(xmlNodePtr parent, const char *name, const char *text);
/* An unlinked element in doc: a holder for a template fragment. */
xmlNodePtr esg_holder(xmlDocPtr doc);
void esg_set(xmlNodePtr el, const char *name, const char *value);
void esg_add_text(xmlNodePtr parent, const char *text);
void esg_add_text_n(xmlNodePtr parent, const char *text, size_t len);
/* A line break between block elements, for readable output. */
void esg_nl(xmlNodePtr parent);
/* Adds a class to the element's class attribute. */
void esg_add_class(xmlNodePtr el, const char *cls);

/* The node after n in document order within top's subtree, going into n's
 * children when descend is true; NULL after the last. A walk without
 * recursion or a stack: for (n = top; n; n = esg_dom_next(n, top, …)). */
xmlNodePtr esg_dom_next(xmlNodePtr n, xmlNodePtr top, bool descend);

#endif
