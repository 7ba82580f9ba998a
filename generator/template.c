#include "template.h"
#include "dom.h"
#include "write.h"
#include "buf.h"

#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef enum tattr {
	TA_TEXT,
	TA_INSERT,
	TA_REPLACE,
	TA_ATTR,
	TA_IF,
	TA_UNLESS,
	TA_COUNT
} tattr;

static const char *const tattr_names[TA_COUNT] = {
	[TA_TEXT] = "data-esg-text",
	[TA_INSERT] = "data-esg-insert",
	[TA_REPLACE] = "data-esg-replace",
	[TA_ATTR] = "data-esg-attr",
	[TA_IF] = "data-esg-if",
	[TA_UNLESS] = "data-esg-unless",
};

#define PREFIX "data-esg-"

static int
tattr_lookup(const char *name)
{
	for (int i = 0; i < TA_COUNT; i++)
		if (strcmp(tattr_names[i], name) == 0)
			return i;
	return -1;
}

/* ------------------------------------------------------------------ */
/* Loading and checking                                                */

/* How often a template may put one variable's content into a page. Each
 * use of the article or the navigation copies it, so a template repeating
 * "content" a thousand times made every page a thousand times its size. */
#define MAX_USES 8

typedef struct checker {
	const esg_template *t;
	const char *const *known;
	int (*known_ui)(const char *);
	esg_diag *d;
	int errors;
	int *uses;          /* per known variable: text, insert, replace */
} checker;

static int
var_known(const checker *c, const char *name)
{
	if (strncmp(name, "ui.", 3) == 0)
		return c->known_ui && c->known_ui(name + 3);
	for (size_t i = 0; c->known[i]; i++)
		if (strcmp(c->known[i], name) == 0)
			return 1;
	return 0;
}

static void
check_var(checker *c, xmlNodePtr el, const char *name)
{
	if (var_known(c, name))
		return;
	esg_input_error(c->d, (esg_pos){ c->t->name, (int)xmlGetLineNo(el), 0 },
	    "template: unknown variable '%s'", name);
	c->errors++;
}

static void
count_use(checker *c, xmlNodePtr el, const char *name)
{
	for (size_t i = 0; c->known[i]; i++) {
		if (strcmp(c->known[i], name) != 0)
			continue;
		if (++c->uses[i] == MAX_USES + 1) {
			esg_input_error(c->d, (esg_pos){ c->t->name,
			    (int)xmlGetLineNo(el), 0 }, "template: '%s' is put into "
			    "the page more than %d times (each time copies it)",
			    name, MAX_USES);
			c->errors++;
		}
		return;
	}
}

/* "href home; title page-title": pairs of attribute and variable. Calls
 * fn for each pair; returns -1 when the list is malformed. */
static int
each_attr_pair(const char *spec, void (*fn)(void *, const char *,
    const char *), void *arg)
{
	char buf[256];
	const char *p = spec;
	while (*p) {
		while (*p == ' ' || *p == ';' || *p == '\t' || *p == '\n')
			p++;
		if (*p == '\0')
			break;
		const char *end = strchr(p, ';');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (n >= sizeof buf)
			return -1;
		memcpy(buf, p, n);
		buf[n] = '\0';
		char attr[128], var[128], extra[2];
		if (sscanf(buf, "%127s %127s %1s", attr, var, extra) != 2)
			return -1;
		fn(arg, attr, var);
		p += n;
	}
	return 0;
}

typedef struct pair_check {
	checker *c;
	xmlNodePtr el;
} pair_check;

/* An attribute name an HTML page can carry: letters, digits, '-', '_' and
 * '.', starting with a letter (no namespace prefix: pages have none). */
static bool
valid_attr_name(const char *a)
{
	if (!((*a >= 'a' && *a <= 'z') || (*a >= 'A' && *a <= 'Z')))
		return false;
	for (; *a; a++)
		if (!((*a >= 'a' && *a <= 'z') || (*a >= 'A' && *a <= 'Z') ||
		    (*a >= '0' && *a <= '9') || *a == '-' || *a == '_' ||
		    *a == '.'))
			return false;
	return true;
}

static void
check_pair(void *arg, const char *attr, const char *var)
{
	pair_check *pc = arg;
	/* data-esg-* never reach a page, and are not set from a page's
	 * values either: that would let a report's text run the template. */
	if (!valid_attr_name(attr) || strncasecmp(attr, PREFIX,
	    strlen(PREFIX)) == 0 || strncasecmp(attr, "xmlns", 5) == 0) {
		esg_input_error(pc->c->d, (esg_pos){ pc->c->t->name,
		    (int)xmlGetLineNo(pc->el), 0 }, "template: data-esg-attr "
		    "cannot set '%s'%s", attr, !valid_attr_name(attr) ?
		    ": not an attribute name" : strncasecmp(attr, "xmlns", 5) == 0 ?
		    " (pages have no namespaces)" : " (a data-esg- attribute)");
		pc->c->errors++;
	}
	check_var(pc->c, pc->el, var);
}

/* Entities a template's DTD declares are not expanded (an external one
 * could name any file on the machine, and nested ones grow
 * exponentially), and kept as references they would reach the pages as
 * text such as "&nbsp;", which HTML reads as something else or nothing. */
static void
check_entities(checker *c, xmlNodePtr el, xmlNodePtr first)
{
	for (xmlNodePtr n = first; n; n = n->next) {
		if (n->type != XML_ENTITY_REF_NODE)
			continue;
		esg_input_error(c->d, (esg_pos){ c->t->name, (int)xmlGetLineNo(el),
		    0 }, "template: the entity &%s; is not expanded: write the "
		    "character itself, or a character reference (&#160;)",
		    (const char *)n->name);
		c->errors++;
	}
}

static void
check_element(checker *c, xmlNodePtr el)
{
	check_entities(c, el, el->children);
	for (xmlAttrPtr a = el->properties; a; a = a->next) {
		check_entities(c, el, a->children);
		const char *name = (const char *)a->name;
		/* HTML reads DATA-ESG-IF as data-esg-if: not for the page. */
		if (strncasecmp(name, PREFIX, strlen(PREFIX)) != 0)
			continue;
		int kind = tattr_lookup(name);
		esg_pos pos = { c->t->name, (int)xmlGetLineNo(el), 0 };
		if (kind < 0) {
			esg_input_error(c->d, pos, "template: unknown attribute "
			    "%s (known: data-esg-text, -insert, -replace, -attr, "
			    "-if, -unless)", name);
			c->errors++;
			continue;
		}
		xmlChar *value = xmlNodeGetContent((xmlNodePtr)a);
		if (kind == TA_ATTR) {
			pair_check pc = { c, el };
			if (each_attr_pair((const char *)value, check_pair, &pc)) {
				esg_input_error(c->d, pos, "template: %s must be "
				    "\"attribute variable; …\"", name);
				c->errors++;
			}
		} else {
			check_var(c, el, (const char *)value);
			if (kind == TA_TEXT || kind == TA_INSERT ||
			    kind == TA_REPLACE)
				count_use(c, el, (const char *)value);
		}
		xmlFree(value);
	}
	for (xmlNodePtr ch = el->children; ch; ch = ch->next)
		if (ch->type == XML_ELEMENT_NODE)
			check_element(c, ch);
}

/* Comments and processing instructions in a template document it; they
 * are not part of the pages. */
static void
remove_comments(xmlNodePtr parent)
{
	xmlNodePtr ch = parent->children;
	while (ch) {
		xmlNodePtr next = ch->next;
		if (ch->type == XML_COMMENT_NODE || ch->type == XML_PI_NODE) {
			xmlUnlinkNode(ch);
			xmlFreeNode(ch);
		} else if (ch->type == XML_ELEMENT_NODE) {
			remove_comments(ch);
		}
		ch = next;
	}
}

int
esg_template_parse(esg_template *t, const char *name, const char *data,
    size_t len, const char *const *known_vars,
    int (*known_ui)(const char *name), esg_diag *d)
{
	t->name = name;
	t->doc = NULL;
	if (len > ESG_MAX_TEMPLATE_BYTES) {
		esg_input_error(d, (esg_pos){ name, 0, 0 }, "a template of %zu "
		    "bytes: templates have at most %u KiB, as each is copied into "
		    "every page it makes", len, ESG_MAX_TEMPLATE_BYTES / 1024);
		return -1;
	}
	xmlParserCtxtPtr ctxt = xmlNewParserCtxt();
	if (ctxt == NULL) {
		esg_input_error(d, (esg_pos){ name, 0, 0 }, "out of memory");
		return -1;
	}
	/* No network, no external entities, no huge documents: a template is
	 * a plain, self-contained XHTML file. */
	xmlDocPtr doc = xmlCtxtReadMemory(ctxt, data, (int)len, name, "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	if (doc == NULL) {
		const xmlError *e = xmlCtxtGetLastError(ctxt);
		/* libxml2's message ends in a newline: left out, for one-line
		 * diagnostics. */
		const char *why = e && e->message ? e->message : "parse error";
		int n = (int)strlen(why);
		while (n && (why[n - 1] == '\n' || why[n - 1] == ' '))
			n--;
		esg_input_error(d, (esg_pos){ name, e ? e->line : 0,
		    e ? e->int2 : 0 }, "template is not well-formed XHTML: %.*s",
		    n, why);
		xmlFreeParserCtxt(ctxt);
		return -1;
	}
	xmlFreeParserCtxt(ctxt);
	esg_html_strip_namespaces(xmlDocGetRootElement(doc));
	t->doc = doc;
	remove_comments((xmlNodePtr)doc);
	xmlNodePtr root = xmlDocGetRootElement(doc);
	if (root == NULL || strcmp((const char *)root->name, "html") != 0) {
		esg_input_error(d, (esg_pos){ name, root ? (int)xmlGetLineNo(root) : 0, 0 },
		    "template: the root element must be <html>");
		return -1;
	}
	size_t nknown = 0;
	while (known_vars[nknown])
		nknown++;
	checker c = { t, known_vars, known_ui, d, 0,
	    esg_xcalloc(nknown + 1, sizeof *c.uses) };
	check_element(&c, root);
	free(c.uses);
	return c.errors ? -1 : 0;
}

/* Elements HTML writes without content: what is put into them is lost. */
static bool
void_element(const char *name)
{
	static const char *const voids[] = { "area", "base", "br", "col",
	    "embed", "hr", "img", "input", "link", "meta", "source", "track",
	    "wbr", NULL };
	for (size_t i = 0; voids[i]; i++)
		if (strcmp(name, voids[i]) == 0)
			return true;
	return false;
}

static bool
names_var(xmlNodePtr el, int kind, const char *var)
{
	xmlChar *v = xmlGetProp(el, (const xmlChar *)tattr_names[kind]);
	bool yes = v && strcmp((const char *)v, var) == 0;
	xmlFree(v);
	return yes;
}

/* Whether something on the way from the root to el, which puts var in,
 * may take var's place: a data-esg-if or -unless that removes it, an
 * enclosing text, insert or replace that fills it with something else, a
 * second one of them on el. Reports the first (1), or returns 0. */
static int
placement_blocked(const esg_template *t, xmlNodePtr el, const char *var,
    esg_diag *d)
{
	static const int filling[] = { TA_TEXT, TA_INSERT, TA_REPLACE };
	esg_pos pos = { t->name, (int)xmlGetLineNo(el), 0 };
	for (xmlNodePtr a = el; a && a->type == XML_ELEMENT_NODE;
	    a = a->parent) {
		if (xmlHasProp(a, (const xmlChar *)tattr_names[TA_IF]) ||
		    xmlHasProp(a, (const xmlChar *)tattr_names[TA_UNLESS])) {
			esg_input_error(d, pos, "template: the %s is inside an "
			    "element data-esg-if or -unless may remove (line %d): "
			    "it must be on every page", var, (int)xmlGetLineNo(a));
			return 1;
		}
		int others = 0;
		for (size_t f = 0; f < 3; f++)
			others += xmlHasProp(a, (const xmlChar *)
			    tattr_names[filling[f]]) != NULL;
		if (others > (a == el ? 1 : 0)) {
			esg_input_error(d, pos, "template: %s puts something else "
			    "where the %s goes (line %d): only one of "
			    "data-esg-text, -insert and -replace on the way to it",
			    a == el ? "this element also" : "an enclosing element",
			    var, (int)xmlGetLineNo(a));
			return 1;
		}
	}
	return 0;
}

int
esg_template_require(const esg_template *t, const char *var, esg_diag *d)
{
	xmlNodePtr root = t->doc ? xmlDocGetRootElement(t->doc) : NULL;
	if (root == NULL)
		return -1;
	int errors = 0;
	static const int removing[] = { TA_IF, TA_UNLESS, TA_REPLACE, TA_TEXT,
	    TA_INSERT };
	for (size_t k = 0; k < sizeof removing / sizeof removing[0]; k++)
		if (xmlHasProp(root, (const xmlChar *)tattr_names[removing[k]])) {
			esg_input_error(d, (esg_pos){ t->name,
			    (int)xmlGetLineNo(root), 0 }, "template: %s on <html> "
			    "would remove or empty the whole page; put it on an "
			    "element inside", tattr_names[removing[k]]);
			errors++;
		}
	size_t placed = 0;
	for (xmlNodePtr n = root; n; n = esg_dom_next(n, root, true)) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		esg_pos pos = { t->name, (int)xmlGetLineNo(n), 0 };
		bool insert = names_var(n, TA_INSERT, var);
		if (insert || names_var(n, TA_REPLACE, var)) {
			placed++;
			if (insert && void_element((const char *)n->name)) {
				esg_input_error(d, pos, "template: <%s> cannot hold "
				    "the %s", (const char *)n->name, var);
				errors++;
			}
			errors += placement_blocked(t, n, var, d);
		}
		if (names_var(n, TA_TEXT, var)) {
			esg_input_error(d, pos, "template: the %s is markup: put it "
			    "in with data-esg-insert or -replace, not data-esg-text",
			    var);
			errors++;
		}
	}
	if (placed == 0) {
		esg_input_error(d, (esg_pos){ t->name, (int)xmlGetLineNo(root),
		    0 }, "template: no element holds the %s "
		    "(data-esg-insert=\"%s\")", var, var);
		errors++;
	} else if (placed > 1) {
		esg_input_error(d, (esg_pos){ t->name, 0, 0 }, "template: the %s "
		    "is put in %zu times; put it in once (its ids would repeat)",
		    var, placed);
		errors++;
	}
	return errors ? -1 : 0;
}

void
esg_template_free(esg_template *t)
{
	if (t->doc)
		xmlFreeDoc(t->doc);
	t->doc = NULL;
}

/* ------------------------------------------------------------------ */
/* Variables                                                           */

static esg_tvar *
tvar_slot(esg_tvars *vars, const char *name)
{
	for (size_t i = 0; i < vars->n; i++)
		if (strcmp(vars->v[i].name, name) == 0) {
			if (vars->v[i].holder)
				xmlFreeNode(vars->v[i].holder);
			vars->v[i].holder = NULL;
			vars->v[i].text = NULL;
			return &vars->v[i];
		}
	if (vars->n == vars->cap) {
		vars->cap = vars->cap ? vars->cap * 2 : 32;
		vars->v = esg_xrealloc(vars->v, vars->cap * sizeof *vars->v);
	}
	esg_tvar *v = &vars->v[vars->n++];
	*v = (esg_tvar){ name, NULL, NULL };
	return v;
}

void
esg_tvars_text(esg_tvars *vars, const char *name, const char *text)
{
	tvar_slot(vars, name)->text = text;
}

void
esg_tvars_nodes(esg_tvars *vars, const char *name, xmlNodePtr holder)
{
	tvar_slot(vars, name)->holder = holder;
}

void
esg_tvars_free(esg_tvars *vars)
{
	for (size_t i = 0; i < vars->n; i++)
		if (vars->v[i].holder)
			xmlFreeNode(vars->v[i].holder);
	free(vars->v);
	*vars = (esg_tvars)ESG_TVARS_INIT;
}

static esg_tvar *
tvar_find(esg_tvars *vars, const char *name)
{
	for (size_t i = 0; i < vars->n; i++)
		if (strcmp(vars->v[i].name, name) == 0)
			return &vars->v[i];
	return NULL;
}

static int
tvar_empty(const esg_tvar *v)
{
	if (v == NULL)
		return 1;
	if (v->holder)
		return v->holder->children == NULL;
	return v->text == NULL || v->text[0] == '\0';
}

/* ------------------------------------------------------------------ */
/* Filling                                                             */

xmlDocPtr
esg_template_page(const esg_template *t, xmlDictPtr dict)
{
	xmlDocPtr page = xmlCopyDoc(t->doc, 1);
	if (page == NULL) {
		fputs("esgsite: out of memory\n", stderr);
		abort();
	}
	/* Element and attribute names of the nodes rendering adds are
	 * interned in the dictionary instead of copied one by one: a page
	 * has tens of thousands of them. (The copied template's own names
	 * are not in it; libxml2 frees each name the way it was made.) */
	if (dict && page->dict == NULL && xmlDictReference(dict) == 0)
		page->dict = dict;
	return page;
}

/* The nodes for a variable, ready to insert into page. The last use of a
 * fragment takes the holder's nodes; earlier uses get copies. */
typedef struct filler {
	xmlDocPtr page;
	esg_tvars *vars;
	size_t *uses;   /* per variable: uses still to come in the page */
} filler;

static xmlNodePtr
var_nodes(filler *f, const char *name)
{
	esg_tvar *v = tvar_find(f->vars, name);
	if (v == NULL)
		return NULL;
	if (v->holder == NULL)
		return v->text && *v->text ? xmlNewDocText(f->page,
		    (const xmlChar *)v->text) : NULL;
	size_t idx = (size_t)(v - f->vars->v);
	if (f->uses[idx] > 1) {
		f->uses[idx]--;
		return xmlDocCopyNodeList(f->page, v->holder->children);
	}
	f->uses[idx] = 0;
	xmlNodePtr list = v->holder->children;
	for (xmlNodePtr n = list; n; n = n->next)
		n->parent = NULL;
	v->holder->children = v->holder->last = NULL;
	return list;
}

static void
count_uses(filler *f, xmlNodePtr el)
{
	static const int kinds[] = { TA_INSERT, TA_REPLACE };
	for (size_t k = 0; k < 2; k++) {
		xmlChar *v = xmlGetProp(el, (const xmlChar *)tattr_names[kinds[k]]);
		if (v == NULL)
			continue;
		esg_tvar *tv = tvar_find(f->vars, (const char *)v);
		if (tv)
			f->uses[tv - f->vars->v]++;
		xmlFree(v);
	}
	for (xmlNodePtr ch = el->children; ch; ch = ch->next)
		if (ch->type == XML_ELEMENT_NODE)
			count_uses(f, ch);
}

static void
set_children(xmlNodePtr el, xmlNodePtr list)
{
	xmlNodePtr ch = el->children;
	while (ch) {
		xmlNodePtr next = ch->next;
		xmlUnlinkNode(ch);
		xmlFreeNode(ch);
		ch = next;
	}
	while (list) {
		xmlNodePtr next = list->next;
		list->next = list->prev = NULL;
		xmlAddChild(el, list);
		list = next;
	}
}

static void
apply_attr_pair(void *arg, const char *attr, const char *var)
{
	void **a = arg;
	filler *f = a[0];
	xmlNodePtr el = a[1];
	esg_tvar *v = tvar_find(f->vars, var);
	if (tvar_empty(v) || v->holder) {
		xmlUnsetProp(el, (const xmlChar *)attr);
		return;
	}
	xmlSetProp(el, (const xmlChar *)attr, (const xmlChar *)v->text);
}

static xmlChar *
take_attr(xmlNodePtr el, int kind)
{
	xmlAttrPtr a = xmlHasProp(el, (const xmlChar *)tattr_names[kind]);
	if (a == NULL)
		return NULL;
	xmlChar *value = xmlNodeGetContent((xmlNodePtr)a);
	xmlRemoveProp(a);
	return value;
}

static void fill_element(filler *f, xmlNodePtr el);

static void
fill_children(filler *f, xmlNodePtr el)
{
	xmlNodePtr ch = el->children;
	while (ch) {
		xmlNodePtr next = ch->next;
		if (ch->type == XML_ELEMENT_NODE)
			fill_element(f, ch);
		ch = next;
	}
}

/* Removes an element and the indentation before it, so a template line
 * that disappears leaves no blank line in the page. */
static void
drop_element(xmlNodePtr el)
{
	xmlNodePtr prev = el->prev;
	if (prev && prev->type == XML_TEXT_NODE && xmlIsBlankNode(prev)) {
		xmlUnlinkNode(prev);
		xmlFreeNode(prev);
	}
	xmlUnlinkNode(el);
	xmlFreeNode(el);
}

static void
fill_element(filler *f, xmlNodePtr el)
{
	xmlChar *v;
	if ((v = take_attr(el, TA_IF)) != NULL) {
		int empty = tvar_empty(tvar_find(f->vars, (const char *)v));
		xmlFree(v);
		if (empty) {
			drop_element(el);
			return;
		}
	}
	if ((v = take_attr(el, TA_UNLESS)) != NULL) {
		int empty = tvar_empty(tvar_find(f->vars, (const char *)v));
		xmlFree(v);
		if (!empty) {
			drop_element(el);
			return;
		}
	}
	if ((v = take_attr(el, TA_REPLACE)) != NULL) {
		xmlNodePtr list = var_nodes(f, (const char *)v);
		xmlFree(v);
		while (list) {
			xmlNodePtr next = list->next;
			list->next = list->prev = NULL;
			xmlAddPrevSibling(el, list);
			list = next;
		}
		if (el->prev == NULL || el->prev->type != XML_ELEMENT_NODE)
			drop_element(el);
		else {
			xmlUnlinkNode(el);
			xmlFreeNode(el);
		}
		return;
	}
	if ((v = take_attr(el, TA_ATTR)) != NULL) {
		void *arg[2] = { f, el };
		each_attr_pair((const char *)v, apply_attr_pair, arg);
		xmlFree(v);
	}
	if ((v = take_attr(el, TA_TEXT)) != NULL) {
		esg_tvar *tv = tvar_find(f->vars, (const char *)v);
		xmlFree(v);
		set_children(el, tv && tv->text && *tv->text ?
		    xmlNewDocText(f->page, (const xmlChar *)tv->text) : NULL);
		return;
	}
	if ((v = take_attr(el, TA_INSERT)) != NULL) {
		set_children(el, var_nodes(f, (const char *)v));
		xmlFree(v);
		return;
	}
	fill_children(f, el);
}

void
esg_template_fill(xmlDocPtr page, esg_tvars *vars)
{
	filler f = { page, vars, esg_xcalloc(vars->n + 1, sizeof(size_t)) };
	xmlNodePtr root = xmlDocGetRootElement(page);
	if (root) {
		count_uses(&f, root);
		fill_element(&f, root);
	}
	free(f.uses);
}
