/* The search index read off a rendered article; Open Graph locales; JSON
 * escapes that matter inside a script. */
#include "harness.h"

#include "i18n.h"
#include "json.h"
#include "search.h"

#include <libxml/parser.h>

static xmlDocPtr
parse(const char *xml)
{
	return xmlReadMemory(xml, (int)strlen(xml), "t.xhtml", "UTF-8",
	    XML_PARSE_NONET);
}

static void
search_entries(void)
{
	xmlDocPtr doc = parse(
	    "<article><h1 id=\"env\"><span class=\"secnum\">4</span> 环境</h1>"
	    "<p class=\"covers\">回应指标 A1</p>"
	    "<p>引言<sup class=\"note-ref\">1</sup>文字</p>"
	    "<section class=\"section\"><h2 id=\"ghg\"><span class=\"secnum\">"
	    "4.1</span> 温室气体</h2><p>排放\n下降</p>"
	    "<figure><svg><text>9999</text></svg><div class=\"visually-hidden\">"
	    "<table><tr><td>隐藏</td></tr></table></div>"
	    "<figcaption>图一</figcaption></figure>"
	    "<section class=\"section\"><h3 id=\"s1\">范围一</h3><p>\"引号\"</p>"
	    "</section></section>"
	    "<table><tr id=\"hkex-A1.1\" data-code=\"A1.1\"><th>A1.1</th>"
	    "<td class=\"index-title\">排放物种类</td><td>已披露</td></tr></table>"
	    "</article>");
	CHECK(doc != NULL);
	if (doc == NULL)
		return;
	esg_search s = ESG_SEARCH_INIT;
	esg_search_add(&s, "env.html", "环境", xmlDocGetRootElement(doc));
	esg_buf out = ESG_BUF_INIT;
	esg_search_script(&s, "zh-Hans", &out);
	const char *js = esg_buf_cstr(&out);
	CHECK(strstr(js, "window.ESGSITE_SEARCH = {\"lang\": \"zh-Hans\"") != NULL);
	CHECK(strstr(js, "[\"env.html\",\"环境\"]") != NULL);
	/* The chapter: its own text, without the codes it covers, footnote
	 * markers, or its subsections. */
	CHECK(strstr(js, "[0,\"env\",\"4\",\"环境\",\"引言文字\"]") != NULL);
	/* A section: white space collapsed, no SVG text, nothing hidden. */
	CHECK(strstr(js, "[0,\"ghg\",\"4.1\",\"温室气体\",\"排放 下降 图一\"]")
	    != NULL);
	CHECK(strstr(js, "9999") == NULL);
	CHECK(strstr(js, "隐藏") == NULL);
	CHECK(strstr(js, "[0,\"s1\",\"\",\"范围一\",\"\\\"引号\\\"\"]") != NULL);
	/* An index row is an entry of its own, found by its code. */
	CHECK(strstr(js, "[0,\"hkex-A1.1\",\"A1.1\",\"排放物种类\",") != NULL);
	esg_buf_free(&out);
	esg_search_free(&s);
	xmlFreeDoc(doc);
}

/* Pages rendered apart and joined in page order give the index one
 * thread adding every page would: the same entries, page numbers and
 * commas, whichever pages have no entries. */
static void
search_parts_joined(void)
{
	static const char *const pages[] = {
	    "<article><h1 id=\"a\">甲</h1><p>一</p>"
	    "<section class=\"section\"><h2 id=\"a2\">乙</h2><p>二</p>"
	    "</section></article>",
	    "<article></article>",
	    "<article><h1 id=\"c\">丙</h1><p>三</p></article>" };
	xmlDocPtr doc[3];
	for (int i = 0; i < 3; i++)
		doc[i] = parse(pages[i]);
	esg_search one = ESG_SEARCH_INIT, whole = ESG_SEARCH_INIT, part;
	esg_buf want = ESG_BUF_INIT, got = ESG_BUF_INIT;
	esg_search_script_head("zh-Hans", &want);
	esg_search_script_head("zh-Hans", &got);
	for (int i = 0; i < 3; i++) {
		const char *file = i == 0 ? "a.html" : i == 1 ? "b.html" : "c.html";
		esg_search_add(&one, file, file, xmlDocGetRootElement(doc[i]));
		esg_search_part(&part, i);
		esg_search_add(&part, file, file, xmlDocGetRootElement(doc[i]));
		esg_search_join(&whole, &part, &got);
		esg_search_free(&part);
	}
	esg_buf_put(&want, one.json.ptr, one.json.len);
	esg_search_script_tail(&one, &want);
	esg_search_script_tail(&whole, &got);
	CHECK_STR(esg_buf_cstr(&got), esg_buf_cstr(&want));
	CHECK(strstr(esg_buf_cstr(&got), "[2,\"c\",") != NULL);
	esg_buf_free(&want);
	esg_buf_free(&got);
	esg_search_free(&one);
	esg_search_free(&whole);
	for (int i = 0; i < 3; i++)
		xmlFreeDoc(doc[i]);
}

static void
og_locales(void)
{
	esg_arena a = ESG_ARENA_INIT;
	CHECK_STR(esg_og_locale(&a, "zh-Hans"), "zh_CN");
	CHECK_STR(esg_og_locale(&a, "zh-Hant"), "zh_TW");
	CHECK_STR(esg_og_locale(&a, "zh-Hant-HK"), "zh_HK");
	CHECK_STR(esg_og_locale(&a, "zh-HK"), "zh_HK");
	CHECK_STR(esg_og_locale(&a, "zh-TW"), "zh_TW");
	CHECK_STR(esg_og_locale(&a, "en"), "en_US");
	CHECK_STR(esg_og_locale(&a, "en-GB"), "en_GB");
	CHECK_STR(esg_og_locale(&a, "EN-gb"), "en_GB");
	CHECK_STR(esg_og_locale(&a, "it"), "it_IT");
	CHECK_STR(esg_og_locale(&a, "x"), "en_US");
	esg_arena_free(&a);
}

static void
json_line_separators(void)
{
	esg_buf b = ESG_BUF_INIT;
	esg_json_string(&b, "a\xe2\x80\xa8" "b\xe2\x80\xa9" "c\xe2\x80\x94");
	CHECK_STR(esg_buf_cstr(&b), "\"a\\u2028b\\u2029c\xe2\x80\x94\"");
	esg_buf_free(&b);
}

static void
summary_of(const char *xml, const char *want)
{
	xmlDocPtr doc = parse(xml);
	CHECK(doc != NULL);
	if (doc == NULL)
		return;
	esg_buf b = ESG_BUF_INIT;
	esg_search_summary(xmlDocGetRootElement(doc), &b);
	CHECK_STR(esg_buf_cstr(&b), want);
	esg_buf_free(&b);
	xmlFreeDoc(doc);
}

static void
summaries(void)
{
	/* The quoted note, the bold label and the codes are skipped; a short
	 * opening is joined by the next paragraph. */
	summary_of("<article><h1>T</h1><p class=\"covers\">A1</p>"
	    "<blockquote><p>This chapter responds to A1.</p></blockquote>"
	    "<p><strong>Key figures</strong></p><ul><li>1</li></ul>"
	    "<p>Dear all,</p><section><p>We  did\nwell.</p></section></article>",
	    "Dear all, We did well.");
	/* Only a quotation: better than nothing. */
	summary_of("<article><blockquote><p>Quoted.</p></blockquote></article>",
	    "Quoted.");
	summary_of("<article><h1>T</h1></article>", "");
	/* Latin text is cut at a space, within 160 columns. */
	summary_of("<article><p>aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa "
	    "aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa "
	    "aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa bbbbbbbbbbbb</p></article>",
	    "aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa "
	    "aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa aaaa "
	    "aaaa aaaa aaaa aaaa aaaa aaaa\xe2\x80\xa6");
	/* Han characters count two columns: 80 of them, then the ellipsis. */
	char han[3 * 90 + 32], want[3 * 80 + 4];
	strcpy(han, "<article><p>");
	want[0] = 0;
	for (int i = 0; i < 90; i++) {
		strcat(han, "\xe6\xb0\xb4");
		if (i < 80)
			strcat(want, "\xe6\xb0\xb4");
	}
	strcat(han, "</p></article>");
	strcat(want, "\xe2\x80\xa6");
	summary_of(han, want);
}

void
test_search(void)
{
	summaries();
	search_entries();
	search_parts_joined();
	og_locales();
	json_line_separators();
}
