#include "dom.h"
#include "buf.h"

#include <string.h>

xmlNodePtr
esg_el(xmlNodePtr parent, const char *name)
{
	xmlNodePtr el = xmlNewDocNode(parent->doc, NULL, (const xmlChar *)name,
	    NULL);
	return xmlAddChild(parent, el);
}

xmlNodePtr
esg_el_text(xmlNodePtr parent, const char *name, const char *text)
{
	xmlNodePtr el = esg_el(parent, name);
	esg_add_text(el, text);
	return el;
}

xmlNodePtr
esg_holder(xmlDocPtr doc)
{
	return xmlNewDocNode(doc, NULL, (const xmlChar *)"div", NULL);
}

void
esg_set(xmlNodePtr el, const char *name, const char *value)
{
	xmlSetProp(el, (const xmlChar *)name, (const xmlChar *)value);
}

/* Linked as a node of its own after a text node: xmlAddChild would merge
 * the two, and each merge measures all the text merged so far
 * (xmlStrncat), so a paragraph of a million short lines would take time
 * quadratic in its length. Adjacent text nodes are written out as one
 * text. */
static void
append_text(xmlNodePtr parent, xmlNodePtr text)
{
	xmlNodePtr last = parent->last;
	if (last == NULL || last->type != XML_TEXT_NODE) {
		xmlAddChild(parent, text);
		return;
	}
	text->parent = parent;
	text->prev = last;
	last->next = text;
	parent->last = text;
}

void
esg_add_text(xmlNodePtr parent, const char *text)
{
	if (text && *text)
		append_text(parent, xmlNewDocText(parent->doc,
		    (const xmlChar *)text));
}

void
esg_add_text_n(xmlNodePtr parent, const char *text, size_t len)
{
	if (len)
		append_text(parent, xmlNewDocTextLen(parent->doc,
		    (const xmlChar *)text, (int)len));
}

void
esg_nl(xmlNodePtr parent)
{
	esg_add_text(parent, "\n");
}

void
esg_add_class(xmlNodePtr el, const char *cls)
{
	xmlChar *old = xmlGetProp(el, (const xmlChar *)"class");
	if (old == NULL) {
		esg_set(el, "class", cls);
		return;
	}
	esg_buf b = ESG_BUF_INIT;
	esg_buf_printf(&b, "%s %s", (const char *)old, cls);
	esg_set(el, "class", esg_buf_cstr(&b));
	esg_buf_free(&b);
	xmlFree(old);
}

xmlNodePtr
esg_dom_next(xmlNodePtr n, xmlNodePtr top, bool descend)
{
	if (descend && n->children)
		return n->children;
	while (n != top && n->next == NULL)
		n = n->parent;
	return n == top ? NULL : n->next;
}
