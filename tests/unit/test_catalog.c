/* The built-in catalogs and the catalog loader. */
#include "catalog.h"
#include "harness.h"
#include "resources.h"

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
	for (size_t i = 0; i < c.nitems; i++)
		for (int s = 0; s < 3; s++)
			CHECK(c.items[i].title.v[s] && *c.items[i].title.v[s]);
	/* Catalog order is index order: A1.6 before A2. */
	CHECK(esg_catalog_find(&c, "A1.6")->index <
	    esg_catalog_find(&c, "A2")->index);
	esg_catalog_free(&c);

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
	/* No Traditional Chinese in the GRI catalog: English, marked. */
	CHECK_STR(esg_ctext_get(&esg_catalog_find(&c, "305-1")->title, "zh-Hant",
	    &fallback), "Direct (Scope 1) GHG emissions");
	CHECK_STR(fallback, "en");
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
