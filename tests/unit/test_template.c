/* The template attribute language and HTML5 output. */
#include "dom.h"
#include "harness.h"
#include "template.h"
#include "write.h"

static const char *const vars[] = { "title", "body", "klass", "none",
	"links", NULL };

static int
known_ui(const char *name)
{
	return strcmp(name, "skip") == 0;
}

static int
parse(esg_template *t, const char *xml, esg_diag *d)
{
	return esg_template_parse(t, "t.xhtml", xml, strlen(xml), vars,
	    known_ui, d);
}

void
test_template(void)
{
	esg_diag d = ESG_DIAG_INIT;
	esg_template t;
	const char *xml =
	    "<?xml version=\"1.0\"?>\n<!-- a comment -->\n"
	    "<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"x\">"
	    "<head><meta charset=\"utf-8\"/><title data-esg-text=\"title\">T</title>"
	    "<link data-esg-replace=\"links\"/></head>"
	    "<body data-esg-attr=\"class klass; title none\">"
	    "<p data-esg-if=\"none\">gone</p><p data-esg-unless=\"none\">kept</p>"
	    "<main data-esg-insert=\"body\">placeholder</main>"
	    "<aside data-esg-insert=\"body\"/><br/><span data-esg-text=\"ui.skip\"/>"
	    "</body></html>";
	CHECK_INT(parse(&t, xml, &d), 0);
	CHECK_INT(d.errors, 0);

	xmlDocPtr page = esg_template_page(&t, NULL);
	esg_tvars v = ESG_TVARS_INIT;
	esg_tvars_text(&v, "title", "A & B <中>");
	esg_tvars_text(&v, "klass", "k\"q");
	esg_tvars_text(&v, "ui.skip", "Skip");
	xmlNodePtr body = esg_holder(page);
	xmlNodePtr p = esg_el_text(body, "p", "x");
	esg_set(p, "class", "c");
	xmlNodePtr links = esg_holder(page);
	esg_set(esg_el(links, "link"), "rel", "a");
	esg_set(esg_el(links, "link"), "rel", "b");
	esg_tvars_nodes(&v, "body", body);
	esg_tvars_nodes(&v, "links", links);
	esg_template_fill(page, &v);
	esg_tvars_free(&v);
	esg_buf out = ESG_BUF_INIT;
	esg_write_html(page, &out);
	xmlFreeDoc(page);
	CHECK_STR(out.ptr,
	    "<!DOCTYPE html>\n"
	    "<html lang=\"x\"><head><meta charset=\"utf-8\">"
	    "<title>A &amp; B &lt;中&gt;</title><link rel=\"a\"><link rel=\"b\">"
	    "</head><body class='k\"q'><p>kept</p>"
	    "<main><p class=\"c\">x</p></main><aside><p class=\"c\">x</p></aside>"
	    "<br><span>Skip</span></body></html>\n");
	esg_buf_free(&out);
	esg_template_free(&t);

	/* Errors: not well-formed, unknown attribute, unknown variable. */
	CHECK_INT(parse(&t, "<html><p></html>", &d), -1);
	esg_template_free(&t);
	CHECK_INT(d.items[d.count - 1].line, 1);
	CHECK(strstr(d.items[d.count - 1].message, "not well-formed") != NULL);
	CHECK_INT(d.status, 2);
	CHECK_INT(parse(&t, "<html>\n<p data-esg-bogus=\"x\"/></html>", &d), -1);
	esg_template_free(&t);
	CHECK_INT(d.items[d.count - 1].line, 2);
	CHECK_INT(parse(&t, "<html><p data-esg-text=\"nope\"/></html>", &d), -1);
	esg_template_free(&t);
	CHECK(strstr(d.items[d.count - 1].message, "'nope'") != NULL);
	CHECK_INT(parse(&t, "<html><p data-esg-text=\"ui.nope\"/></html>", &d), -1);
	esg_template_free(&t);
	CHECK_INT(parse(&t, "<html><p data-esg-attr=\"href\"/></html>", &d), -1);
	esg_template_free(&t);
	CHECK_INT(parse(&t, "<div/>", &d), -1);
	esg_template_free(&t);
	/* An entity "billion laughs" is refused by libxml2 before anything is
	 * expanded: an error, not a hang. */
	CHECK_INT(parse(&t, "<!DOCTYPE html [<!ENTITY a \"aaaaaaaaaa\">"
	    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
	    "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]>"
	    "<html><p>&c;</p></html>", &d), -1);
	esg_template_free(&t);

	/* Size: a template is copied into every page, so at most 256 KiB;
	 * one byte more is refused before it is parsed. */
	static const char head[] = "<html><body><p>";
	static const char tail[] = "</p></body></html>";
	size_t most = ESG_MAX_TEMPLATE_BYTES;
	char *big = malloc(most + 2);
	memcpy(big, head, sizeof head - 1);
	memset(big + sizeof head - 1, 'x', most - (sizeof head - 1) -
	    (sizeof tail - 1));
	memcpy(big + most - (sizeof tail - 1), tail, sizeof tail);
	CHECK_INT(esg_template_parse(&t, "big.xhtml", big, most, vars, known_ui,
	    &d), 0);
	esg_template_free(&t);
	size_t before = d.count;
	memcpy(big + most - (sizeof tail - 1), "x", 1);
	memcpy(big + most - (sizeof tail - 1) + 1, tail, sizeof tail);
	CHECK_INT(esg_template_parse(&t, "big.xhtml", big, most + 1, vars,
	    known_ui, &d), -1);
	esg_template_free(&t);
	CHECK_INT(d.count, before + 1);
	CHECK(strstr(d.items[before].message, "a template of 262145 bytes") !=
	    NULL);
	CHECK_INT(d.status, 2);
	free(big);
	esg_diag_free(&d);
}
