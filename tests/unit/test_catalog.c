/* The built-in catalogs and the catalog loader. */
#include "catalog.h"
#include "harness.h"
#include "resources.h"

#include <stdbool.h>
#include <stdlib.h>

static int
load(esg_catalog *c, esg_arena *a, const char *name, const char *edition,
    esg_diag *d)
{
	const esg_resource *res = esg_resource_find(name);
	CHECK(res != NULL);
	if (res == NULL)
		return -1;
	return esg_catalog_load(c, a, name, res->data, res->len, true, edition,
	    (esg_pos){ 0 }, d);
}

static size_t
count_level(const esg_catalog *c, esg_level level)
{
	size_t n = 0;
	for (size_t i = 0; i < c->nitems; i++)
		n += c->items[i].level == level;
	return n;
}

/* Every title, text and group title of a catalog in each of its scripts
 * (the scripts its languages: declares). */
#define CHECK_TEXTS(cat) check_texts((cat), __LINE__)

static bool
present(const char *s)
{
	return s != NULL && *s != '\0';
}

static void
check_texts(const esg_catalog *c, int line)
{
	for (int s = 0; s < 3; s++) {
		if (!(c->scripts & (1u << s)))
			continue;
		for (size_t i = 0; i < c->nitems; i++) {
			const esg_cat_item *it = &c->items[i];
			harness_checks++;
			if (!present(it->title.v[s]) || (it->text.v[ESG_SCRIPT_EN] &&
			    !present(it->text.v[s]))) {
				harness_failures++;
				fprintf(stderr, "%s:%d: %s lacks a text in script %d\n",
				    __FILE__, line, it->code, s);
			}
		}
		for (size_t g = 0; g < c->ngroups; g++) {
			harness_checks++;
			if (!present(c->groups[g].title.v[s])) {
				harness_failures++;
				fprintf(stderr, "%s:%d: group %zu lacks a title in "
				    "script %d\n", __FILE__, line, g, s);
			}
		}
	}
}

static int
parse(esg_catalog *c, esg_arena *a, const char *yaml, esg_diag *d)
{
	return esg_catalog_load(c, a, "t.yaml", yaml, strlen(yaml), false, NULL,
	    (esg_pos){ 0 }, d);
}

void
test_catalog(void)
{
	esg_arena a = ESG_ARENA_INIT;
	esg_diag d = ESG_DIAG_INIT;
	esg_catalog c;

	/* HKEX 2020: 3 mandatory Part B items, 12 general disclosures and 36
	 * KPIs comply-or-explain; every text in all three scripts. */
	CHECK_INT(load(&c, &a, "frameworks/hkex.yaml", NULL, &d), 0);
	CHECK_INT(d.count, 0);
	CHECK_STR(c.edition, "2020");
	CHECK_INT(c.kind, ESG_FW_HKEX);
	CHECK_INT(c.nitems, 51);
	CHECK_INT(count_level(&c, ESG_LEVEL_MANDATORY), 3);
	CHECK_INT(count_level(&c, ESG_LEVEL_COMPLY), 48);
	size_t general = 0;
	for (size_t i = 0; i < c.nitems; i++)
		general += strchr(c.items[i].code, '.') == NULL;
	CHECK_INT(general, 12);
	CHECK(esg_catalog_find(&c, "A1.2") != NULL);
	CHECK(esg_catalog_find(&c, "MDR.1") != NULL);
	CHECK(esg_catalog_find(&c, "a1.2") == NULL);
	CHECK(esg_catalog_reason(&c, "explained") != NULL);
	CHECK(esg_catalog_reason(&c, "confidentiality") == NULL);
	const char *fallback;
	CHECK_STR(esg_ctext_get(&esg_catalog_find(&c, "B8")->title, "zh-Hant-HK",
	    &fallback), "一般披露");
	CHECK(fallback == NULL);
	CHECK_TEXTS(&c);
	CHECK(strstr(c.name.v[ESG_SCRIPT_EN], "Reporting Guide") != NULL);
	CHECK(esg_catalog_find(&c, "D1") == NULL);
	/* Catalog order is index order: A1.6 before A2. */
	CHECK(esg_catalog_find(&c, "A1.6")->index <
	    esg_catalog_find(&c, "A2")->index);
	esg_catalog_free(&c);

	/* HKEX 2025, the ESG Reporting Code: Parts B and C of 2020 unchanged
	 * (aliases), then Part D's 12 items, D8 (Scope 1 and 2) mandatory. */
	esg_catalog c20;
	CHECK_INT(load(&c20, &a, "frameworks/hkex.yaml", "2020", &d), 0);
	CHECK_INT(load(&c, &a, "frameworks/hkex.yaml", "2025", &d), 0);
	CHECK_INT(d.count, 0);
	CHECK_STR(c.edition, "2025");
	CHECK_INT(c.nitems, 51 + 12);
	CHECK_INT(count_level(&c, ESG_LEVEL_MANDATORY), 3 + 1);
	CHECK_INT(count_level(&c, ESG_LEVEL_COMPLY), 48 + 11);
	CHECK_TEXTS(&c);
	for (size_t i = 0; i < c20.nitems && i < c.nitems; i++) {
		CHECK_STR(c.items[i].code, c20.items[i].code);
		CHECK_INT(c.items[i].level, c20.items[i].level);
		for (int s = 0; s < 3; s++)
			CHECK_STR(c.items[i].title.v[s], c20.items[i].title.v[s]);
	}
	for (int k = 1; k <= 12; k++) {
		char code[8];
		snprintf(code, sizeof code, "D%d", k);
		const esg_cat_item *it = esg_catalog_find(&c, code);
		CHECK(it != NULL);
		if (it == NULL)
			continue;
		CHECK_INT(it->index, 51 + k - 1);
		CHECK_INT(it->level, k == 8 ? ESG_LEVEL_MANDATORY :
		    ESG_LEVEL_COMPLY);
		CHECK(!it->verified);
		CHECK(it->text.v[ESG_SCRIPT_EN] != NULL);
		/* Part D > area > item. */
		CHECK_INT(c.groups[it->group].depth, 1);
	}
	CHECK_STR(esg_catalog_find(&c, "D6")->title.v[ESG_SCRIPT_HANT],
	    "氣候韌性");
	/* The Code names itself: no "Guide" on a 2025 index. */
	for (int s = 0; s < 3; s++) {
		CHECK(strstr(c.name.v[s], "Guide") == NULL &&
		    strstr(c.name.v[s], "指引") == NULL);
		CHECK(strstr(c.index_title.v[s], "Guide") == NULL &&
		    strstr(c.index_title.v[s], "指引") == NULL);
	}
	CHECK(strstr(c.name.v[ESG_SCRIPT_EN], "Reporting Code") != NULL);
	CHECK_STR(c.edition_title.v[ESG_SCRIPT_HANT],
	    "《環境、社會及管治報告守則》（主板上市規則附錄C2，2025年）");
	esg_catalog_free(&c);
	esg_catalog_free(&c20);

	/* GRI: keyed by (standard, code). */
	CHECK_INT(load(&c, &a, "frameworks/gri.yaml", NULL, &d), 0);
	CHECK_INT(d.count, 0);
	CHECK_INT(c.kind, ESG_FW_GRI);
	const esg_cat_item *waste = esg_catalog_find(&c, "306-3");
	const esg_cat_item *spills = esg_catalog_find(&c, "306-3@2016");
	CHECK(waste && spills && waste != spills);
	CHECK(esg_catalog_find(&c, "306-3@2020") == waste);
	CHECK_STR(waste->title.v[ESG_SCRIPT_EN], "Waste generated");
	CHECK_STR(spills->title.v[ESG_SCRIPT_EN], "Significant spills");
	size_t gri2 = 0, fixed = 0;
	for (size_t i = 0; i < c.nitems; i++) {
		const esg_cat_group *g = &c.groups[c.items[i].group];
		gri2 += g->standard && strcmp(g->standard, "2") == 0;
		fixed += !c.items[i].omittable;
	}
	CHECK_INT(gri2, 30);
	CHECK_INT(fixed, 7);   /* 2-1 … 2-5, 3-1, 3-2 */
	CHECK(!esg_catalog_find(&c, "2-4")->omittable);
	CHECK(esg_catalog_find(&c, "2-21")->omittable);
	CHECK(esg_catalog_standard(&c, "305", ESG_STD_TOPIC) >= 0);
	CHECK(esg_catalog_standard(&c, "11", ESG_STD_SECTOR) >= 0);
	CHECK(esg_catalog_standard(&c, "999", ESG_STD_TOPIC) < 0);
	CHECK_INT(c.nreasons, 4);
	/* Traditional Chinese (converted, with Hong Kong's 溫): no fallback. */
	CHECK_STR(esg_ctext_get(&esg_catalog_find(&c, "305-1")->title, "zh-Hant",
	    &fallback), "直接（範圍1）溫室氣體排放");
	CHECK(fallback == NULL);
	CHECK(c.statements[ESG_CLAIM_IN_ACCORDANCE].v[ESG_SCRIPT_EN] != NULL);
	esg_catalog_free(&c);

	CHECK_INT(load(&c, &a, "frameworks/sdg.yaml", NULL, &d), 0);
	CHECK_INT(c.nitems, 17);
	CHECK_STR(esg_catalog_find(&c, "13")->title.v[ESG_SCRIPT_HANS], "气候行动");
	esg_catalog_free(&c);
	CHECK_INT(d.count, 0);

	/* The loader: order is the catalog's (A1.10 after A1.9), texts must
	 * be complete, codes unique, editions selectable. */
	const char *yaml =
	    "key: t\nkind: list\nlanguages: [en, zh-Hans]\n"
	    "name: {en: T, zh-Hans: 甲}\nshort: T\nindex_title: {en: I, zh-Hans: 乙}\n"
	    "default_edition: one\n"
	    "editions:\n"
	    "  one:\n"
	    "    title: One\n"
	    "    groups: &g\n"
	    "      - &g1\n"
	    "        title: G\n"
	    "        level: required\n"
	    "        items:\n"
	    "          - {code: A1.9, title: {en: nine, zh-Hans: 九}}\n"
	    "          - {code: A1.10, title: {en: ten, zh-Hans: 十}}\n"
	    "  two:\n"
	    "    title: Two\n"
	    "    groups: *g\n"
	    "  four:\n"
	    "    title: Four\n"
	    "    groups:\n"
	    "      - &g2 {title: H, level: mandatory, items: [{code: B, title: B}]}\n"
	    "  three:\n"
	    "    title: Three\n"
	    "    name: {en: Three, zh-Hans: 三}\n"
	    "    groups: [*g1, *g2]\n";
	CHECK_INT(parse(&c, &a, yaml, &d), 0);
	CHECK(esg_catalog_find(&c, "A1.9")->index <
	    esg_catalog_find(&c, "A1.10")->index);
	CHECK_INT(esg_catalog_find(&c, "A1.10")->level, ESG_LEVEL_REQUIRED);
	esg_catalog_free(&c);
	CHECK_INT(esg_catalog_load(&c, &a, "t.yaml", yaml, strlen(yaml), false, "two",
	    (esg_pos){ 0 }, &d), 0);
	CHECK_STR(c.edition, "two");
	CHECK_INT(c.nitems, 2);
	CHECK_STR(c.name.v[ESG_SCRIPT_HANS], "甲");
	esg_catalog_free(&c);
	/* An edition may list groups anchored in other editions, and rename
	 * the framework. */
	CHECK_INT(esg_catalog_load(&c, &a, "t.yaml", yaml, strlen(yaml), false,
	    "three", (esg_pos){ 0 }, &d), 0);
	CHECK_INT(c.nitems, 3);
	CHECK_STR(c.items[1].code, "A1.10");
	CHECK_INT(c.items[2].level, ESG_LEVEL_MANDATORY);
	CHECK_STR(c.name.v[ESG_SCRIPT_HANS], "三");
	CHECK_STR(c.index_title.v[ESG_SCRIPT_HANS], "乙");
	esg_catalog_free(&c);
	CHECK_INT(esg_catalog_load(&c, &a, "t.yaml", yaml, strlen(yaml), false, "five",
	    (esg_pos){ 0 }, &d), -1);
	esg_catalog_free(&c);
	CHECK(strstr(d.items[d.count - 1].message,
	    "editions: one, two, four, three") != NULL);

	size_t before = d.count;
	const char *missing = "key: t\nlanguages: [en, zh-Hant]\nname: N\nshort: S\n"
	    "index_title: I\neditions: {x: {title: X, groups: [{title: G, items: "
	    "[{code: a, title: {en: only English}}]}]}}\n";
	CHECK_INT(parse(&c, &a, missing, &d), -1);
	esg_catalog_free(&c);
	CHECK_INT(d.count, before + 1);
	CHECK(strstr(d.items[before].message, "no zh-Hant text") != NULL);

	const char *dup = "key: t\nlanguages: [en]\nname: N\nshort: S\n"
	    "index_title: I\neditions: {x: {title: X, groups: [{title: G, items: "
	    "[{code: a, title: A}, {code: a, title: B}]}]}}\n";
	CHECK_INT(parse(&c, &a, dup, &d), -1);
	esg_catalog_free(&c);
	CHECK(strstr(d.items[d.count - 1].message, "appears twice") != NULL);

	const char *badlevel = "key: t\nlanguages: [en]\nname: N\nshort: S\n"
	    "index_title: I\neditions: {x: {title: X, groups: [{title: G, "
	    "level: must, items: [{code: a, title: A}]}]}}\n";
	CHECK_INT(parse(&c, &a, badlevel, &d), -1);
	esg_catalog_free(&c);
	esg_diag_free(&d);
	esg_arena_free(&a);
}
