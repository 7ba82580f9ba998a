/* Serialising: an element written twice, once with changed attributes. */
#include "dom.h"
#include "harness.h"
#include "write.h"

#include <libxml/HTMLparser.h>
#include <stdlib.h>
#include <string.h>

/* "x.html..." -> "#...", as print.html does with links to other pages. */
static const char *
local(void *ctx, xmlNodePtr el, const char *value)
{
	int *calls = ctx;
	(*calls)++;
	(void)el;
	if (strncmp(value, "x.html", 6) != 0)
		return NULL;
	return value[6] == '#' ? value + 6 : "#x";
}

static xmlNodePtr
article_of(xmlDocPtr doc)
{
	xmlNodePtr body = xmlDocGetRootElement(doc)->children;
	while (body && strcmp((const char *)body->name, "body") != 0)
		body = body->next;
	return body ? body->children : NULL;
}

static void
twice_case(const char *html, const char *want_b)
{
	htmlDocPtr doc = htmlReadMemory(html, (int)strlen(html), NULL, "UTF-8",
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NOBLANKS);
	xmlNodePtr article = article_of(doc);
	esg_buf want_a = ESG_BUF_INIT, a = ESG_BUF_INIT, b = ESG_BUF_INIT;
	esg_write_html_node(doc, article, &want_a);
	int calls = 0;
	esg_write_html_twice(doc, article, "href", local, &calls, &a, &b);
	CHECK_STR(esg_buf_cstr(&a), esg_buf_cstr(&want_a));
	CHECK_STR(esg_buf_cstr(&b), want_b);
	CHECK(calls > 0);
	/* The element keeps the changes, and nothing of the marks. */
	esg_buf again = ESG_BUF_INIT;
	esg_write_html_node(doc, article, &again);
	CHECK_STR(esg_buf_cstr(&again), want_b);
	int marked = 0;
	for (xmlNodePtr n = article; n; n = esg_dom_next(n, article, true))
		marked += n->_private != NULL;
	CHECK_INT(marked, 0);
	esg_buf_free(&want_a);
	esg_buf_free(&a);
	esg_buf_free(&b);
	esg_buf_free(&again);
	xmlFreeDoc(doc);
}

/* Document order within a subtree, skipping what descend says. */
static void
walk_case(void)
{
	const char *html = "<html><body><div id=\"top\"><p>a<b>b</b></p>"
	    "<ul><li>c</li></ul></div><p>after</p></body></html>";
	htmlDocPtr doc = htmlReadMemory(html, (int)strlen(html), NULL, "UTF-8",
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
	xmlNodePtr top = article_of(doc);
	esg_buf seen = ESG_BUF_INIT;
	for (xmlNodePtr n = top; n; n = esg_dom_next(n, top, true))
		esg_buf_puts(&seen, n->type == XML_ELEMENT_NODE ?
		    (const char *)n->name : (const char *)n->content);
	CHECK_STR(esg_buf_cstr(&seen), "divpabbullic");
	esg_buf_clear(&seen);
	for (xmlNodePtr n = top; n; n = esg_dom_next(n, top,
	    !xmlStrEqual(n->name, (const xmlChar *)"p")))
		esg_buf_puts(&seen, n->type == XML_ELEMENT_NODE ?
		    (const char *)n->name : (const char *)n->content);
	CHECK_STR(esg_buf_cstr(&seen), "divpullic");
	CHECK(esg_dom_next(top, top, false) == NULL);
	esg_buf_free(&seen);
	xmlFreeDoc(doc);
}

void
test_write(void)
{
	walk_case();
	/* Nothing to change: one copy, twice. */
	twice_case("<html><body><article><p>a &amp; b <a href=\"y.html\">y"
	    "</a></p></article></body></html>",
	    "<article><p>a &amp; b <a href=\"y.html\">y</a></p></article>");
	/* Changes deep down and side by side; escaping, void elements and
	 * the text around them as the writer makes them. */
	twice_case("<html><body><article id=\"c\"><h1>T</h1>"
	    "<section class=\"s\"><p>see <a href=\"x.html#e\">e &lt;1&gt;</a>"
	    " and <a href=\"x.html\" class=\"k\"><em>x</em></a><br>"
	    "<img src=\"x.html\" alt=\"\"></p><ul><li><a href=\"z.html\">z</a>"
	    "</li></ul></section><p>tail \xe4\xb8\xad</p></article></body></html>",
	    "<article id=\"c\"><h1>T</h1><section class=\"s\"><p>see "
	    "<a href=\"#e\">e &lt;1&gt;</a> and <a href=\"#x\" class=\"k\">"
	    "<em>x</em></a><br><img src=\"x.html\" alt=\"\"></p><ul><li>"
	    "<a href=\"z.html\">z</a></li></ul></section><p>tail \xe4\xb8\xad"
	    "</p></article>");
	/* The element itself changes. */
	twice_case("<html><body><a href=\"x.html#top\">top <b>b</b></a>"
	    "</body></html>", "<a href=\"#top\">top <b>b</b></a>");
	/* A void element that changes cannot be split: written whole. */
	twice_case("<html><body><link href=\"x.html\"></body></html>",
	    "<link href=\"#x\">");
}
