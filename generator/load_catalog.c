/* load_catalog.c — frameworks/KEY.yaml into an esg_catalog. */
#include "buf.h"
#include "catalog.h"
#include "yamldoc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const script_keys[3] = {
	[ESG_SCRIPT_EN] = "en",
	[ESG_SCRIPT_HANS] = "zh-Hans",
	[ESG_SCRIPT_HANT] = "zh-Hant",
};

static const char *const label_keys[ESG_L_COUNT] = {
	[ESG_L_CODE] = "code", [ESG_L_TITLE] = "title",
	[ESG_L_STATUS] = "status", [ESG_L_LOCATION] = "location",
	[ESG_L_DISCLOSED] = "disclosed", [ESG_L_MISSING] = "missing",
	[ESG_L_STANDARD] = "standard", [ESG_L_OMISSION] = "omission",
	[ESG_L_REQUIREMENTS] = "requirements_omitted", [ESG_L_REASON] = "reason",
	[ESG_L_EXPLANATION] = "explanation", [ESG_L_GRI1_USED] = "gri1_used",
	[ESG_L_GRI1] = "gri1", [ESG_L_SECTORS] = "sector_standards",
	[ESG_L_NONE] = "none", [ESG_L_GENERAL] = "general_disclosures",
	[ESG_L_MATERIAL] = "material_topics", [ESG_L_OTHER] = "other_disclosures",
	[ESG_L_STATEMENT] = "statement_of_use", [ESG_L_GOAL] = "goal",
};

/* esgsite's own words when a catalog sets no label: en, zh-Hans, zh-Hant. */
static const char *const label_defaults[ESG_L_COUNT][3] = {
	[ESG_L_CODE] = { "Code", "编号", "編號" },
	[ESG_L_TITLE] = { "Disclosure", "内容", "內容" },
	[ESG_L_STATUS] = { "Status", "状态", "狀態" },
	[ESG_L_LOCATION] = { "Location", "位置", "位置" },
	[ESG_L_DISCLOSED] = { "Disclosed", "已披露", "已披露" },
	[ESG_L_MISSING] = { "Missing", "未披露", "未披露" },
	[ESG_L_STANDARD] = { "Standard", "标准", "標準" },
	[ESG_L_OMISSION] = { "Omission", "省略", "省略" },
	[ESG_L_REQUIREMENTS] = { "Requirement(s) omitted", "省略的要求",
	    "省略的要求" },
	[ESG_L_REASON] = { "Reason", "原因", "原因" },
	[ESG_L_EXPLANATION] = { "Explanation", "解释", "解釋" },
	[ESG_L_GRI1_USED] = { "GRI 1 used", "使用的GRI 1", "使用的GRI 1" },
	[ESG_L_GRI1] = { "GRI 1: Foundation 2021", "GRI 1：基础 2021",
	    "GRI 1：基礎 2021" },
	[ESG_L_SECTORS] = { "Applicable GRI Sector Standard(s)",
	    "适用的GRI行业标准", "適用的GRI行業標準" },
	[ESG_L_NONE] = { "None", "无", "無" },
	[ESG_L_GENERAL] = { "General disclosures", "一般披露", "一般披露" },
	[ESG_L_MATERIAL] = { "Material topics", "实质性议题", "實質性議題" },
	[ESG_L_OTHER] = { "Other disclosures", "其他披露", "其他披露" },
	[ESG_L_STATEMENT] = { "Statement of use", "使用声明", "使用聲明" },
	[ESG_L_GOAL] = { "Goal", "目标", "目標" },
};

typedef struct loader {
	esg_catalog *c;
	esg_arena *a;
	const esg_yaml *y;
	esg_diag *d;
	int errors;
	/* growing arrays, moved into the arena at the end */
	esg_cat_group *groups;
	size_t ngroups, gcap;
	esg_cat_item *items;
	size_t nitems, icap;
} loader;

static void
fail(loader *L, const yaml_node_t *n, const char *fmt, const char *arg)
{
	esg_input_error(L->d, esg_yaml_pos(L->y, n), fmt, arg);
	L->errors++;
}

/* A text in each script: a map {en: …, zh-Hans: …, zh-Hant: …} or one
 * plain value for all. With required set, every script the catalog
 * declares must be there. */
static void
load_ctext(loader *L, const yaml_node_t *n, const char *what, bool required,
    esg_ctext *out)
{
	memset(out, 0, sizeof *out);
	if (n == NULL) {
		if (required)
			fail(L, NULL, "catalog: %s is missing", what);
		return;
	}
	const char *plain = esg_yaml_str(n);
	if (plain) {
		for (int s = 0; s < 3; s++)
			out->v[s] = esg_arena_strdup(L->a, plain);
		return;
	}
	if (!esg_yaml_is_map(n)) {
		fail(L, n, "catalog: %s must be a text or {en: …, zh-Hans: …, "
		    "zh-Hant: …}", what);
		return;
	}
	size_t count = esg_yaml_map_size(n);
	for (size_t i = 0; i < count; i++) {
		yaml_node_t *k = esg_yaml_map_key(L->y, n, i);
		const char *key = esg_yaml_str(k);
		int script = -1;
		for (int s = 0; s < 3; s++)
			if (key && strcmp(key, script_keys[s]) == 0)
				script = s;
		const char *v = esg_yaml_str(esg_yaml_map_value(L->y, n, i));
		if (script < 0 || v == NULL) {
			fail(L, k, "catalog: texts are keyed en, zh-Hans or zh-Hant "
			    "and are single values (in %s)", what);
			continue;
		}
		out->v[script] = esg_arena_strdup(L->a, v);
	}
	if (!required)
		return;
	for (int s = 0; s < 3; s++) {
		if ((L->c->scripts & (1u << s)) && out->v[s] == NULL) {
			esg_buf m = ESG_BUF_INIT;
			esg_buf_printf(&m, "catalog: %s has no %s text (the catalog "
			    "declares languages: that include it)", what,
			    script_keys[s]);
			esg_input_error(L->d, esg_yaml_pos(L->y, n), "%s",
			    esg_buf_cstr(&m));
			esg_buf_free(&m);
			L->errors++;
		}
	}
}

static esg_level
parse_level(loader *L, const yaml_node_t *n, esg_level inherited)
{
	if (n == NULL)
		return inherited;
	static const struct { const char *name; esg_level level; } levels[] = {
		{ "mandatory", ESG_LEVEL_MANDATORY },
		{ "comply-or-explain", ESG_LEVEL_COMPLY },
		{ "required", ESG_LEVEL_REQUIRED },
		{ "voluntary", ESG_LEVEL_VOLUNTARY },
	};
	const char *s = esg_yaml_str(n);
	for (size_t i = 0; s && i < sizeof levels / sizeof levels[0]; i++)
		if (strcmp(s, levels[i].name) == 0)
			return levels[i].level;
	fail(L, n, "catalog: level must be mandatory, comply-or-explain, "
	    "required or voluntary, not '%s'", s ? s : "?");
	return inherited;
}

static bool
get_bool(loader *L, const yaml_node_t *map, const char *key, bool dflt)
{
	yaml_node_t *n = esg_yaml_get(L->y, map, key);
	bool v = dflt;
	if (n && !esg_yaml_want_bool(L->y, n, key, &v, L->d))
		L->errors++;
	return v;
}

static void load_group(loader *L, const yaml_node_t *n, int parent,
    int depth, esg_level level, bool verified);

static void
load_item(loader *L, const yaml_node_t *n, int group, esg_level level,
    bool verified)
{
	if (!esg_yaml_is_map(n)) {
		fail(L, n, "catalog: an item must be a mapping with code: and "
		    "title:%s", "");
		return;
	}
	static const char *const known[] = { "code", "title", "text", "level",
	    "omittable", "verified", NULL };
	esg_yaml_warn_unknown_keys(L->y, n, known, "a catalog item", L->d);
	yaml_node_t *code = esg_yaml_get(L->y, n, "code");
	const char *cs = esg_yaml_str(code);
	if (cs == NULL || *cs == '\0') {
		fail(L, n, "catalog: an item needs code:%s", "");
		return;
	}
	if (L->nitems == L->icap) {
		L->icap = L->icap ? L->icap * 2 : 64;
		L->items = esg_xrealloc(L->items, L->icap * sizeof *L->items);
	}
	esg_cat_item *it = &L->items[L->nitems];
	memset(it, 0, sizeof *it);
	it->code = esg_arena_strdup(L->a, cs);
	it->pos = esg_yaml_pos(L->y, code);
	it->group = group;
	it->index = L->nitems;
	it->level = parse_level(L, esg_yaml_get(L->y, n, "level"), level);
	it->omittable = get_bool(L, n, "omittable", true);
	it->verified = get_bool(L, n, "verified", verified);
	load_ctext(L, esg_yaml_get(L->y, n, "title"), it->code, true, &it->title);
	yaml_node_t *text = esg_yaml_get(L->y, n, "text");
	if (text)
		load_ctext(L, text, it->code, true, &it->text);
	const esg_cat_group *g = &L->groups[group];
	it->key = g->qualified_only ?
	    esg_arena_printf(L->a, "%s@%d", it->code, g->year) : it->code;
	L->nitems++;
}

static void
load_group(loader *L, const yaml_node_t *n, int parent, int depth,
    esg_level level, bool verified)
{
	if (!esg_yaml_is_map(n)) {
		fail(L, n, "catalog: a group must be a mapping with title: and "
		    "items: or groups:%s", "");
		return;
	}
	if (depth > 16) {
		fail(L, n, "catalog: groups nest more than 16 levels deep%s", "");
		return;
	}
	static const char *const known[] = { "title", "level", "items", "groups",
	    "standard", "year", "type", "qualified_only", "verified", NULL };
	esg_yaml_warn_unknown_keys(L->y, n, known, "a catalog group", L->d);
	if (L->ngroups == L->gcap) {
		L->gcap = L->gcap ? L->gcap * 2 : 32;
		L->groups = esg_xrealloc(L->groups, L->gcap * sizeof *L->groups);
	}
	int gi = (int)L->ngroups++;
	esg_cat_group *g = &L->groups[gi];
	memset(g, 0, sizeof *g);
	g->parent = parent;
	g->depth = depth;
	g->first = L->nitems;
	load_ctext(L, esg_yaml_get(L->y, n, "title"), "a group title", true,
	    &g->title);
	level = parse_level(L, esg_yaml_get(L->y, n, "level"), level);
	verified = get_bool(L, n, "verified", verified);
	yaml_node_t *v;
	if ((v = esg_yaml_get(L->y, n, "standard"))) {
		const char *s = esg_yaml_str(v);
		if (s == NULL)
			fail(L, v, "catalog: standard: must be a number like \"305\"%s",
			    "");
		else
			g->standard = esg_arena_strdup(L->a, s);
	} else if (parent >= 0) {
		g->standard = L->groups[parent].standard;
	}
	if ((v = esg_yaml_get(L->y, n, "year"))) {
		const char *s = esg_yaml_str(v);
		g->year = s ? atoi(s) : 0;
		if (g->year < 1990 || g->year > 2100)
			fail(L, v, "catalog: year must be a year like 2016%s", "");
	} else if (parent >= 0) {
		g->year = L->groups[parent].year;
	}
	if ((v = esg_yaml_get(L->y, n, "type"))) {
		const char *s = esg_yaml_str(v);
		if (s && strcmp(s, "universal") == 0)
			g->type = ESG_STD_UNIVERSAL;
		else if (s && strcmp(s, "topic") == 0)
			g->type = ESG_STD_TOPIC;
		else if (s && strcmp(s, "sector") == 0)
			g->type = ESG_STD_SECTOR;
		else
			fail(L, v, "catalog: type must be universal, topic or "
			    "sector%s", "");
	} else if (parent >= 0) {
		g->type = L->groups[parent].type;
	}
	g->qualified_only = get_bool(L, n, "qualified_only",
	    parent >= 0 && L->groups[parent].qualified_only);
	if (g->qualified_only && g->year == 0)
		fail(L, n, "catalog: a qualified_only group needs year:%s", "");

	yaml_node_t *items = esg_yaml_get(L->y, n, "items");
	yaml_node_t *groups = esg_yaml_get(L->y, n, "groups");
	if (items && esg_yaml_want_seq(L->y, items, "items", L->d)) {
		size_t count = esg_yaml_seq_size(items);
		for (size_t i = 0; i < count; i++)
			load_item(L, esg_yaml_seq_item(L->y, items, i), gi, level,
			    verified);
	} else if (items) {
		L->errors++;
	}
	if (groups && esg_yaml_want_seq(L->y, groups, "groups", L->d)) {
		size_t count = esg_yaml_seq_size(groups);
		for (size_t i = 0; i < count; i++)
			load_group(L, esg_yaml_seq_item(L->y, groups, i), gi,
			    depth + 1, level, verified);
	} else if (groups) {
		L->errors++;
	}
	/* The array may have moved while subgroups were added. */
	L->groups[gi].count = L->nitems - L->groups[gi].first;
}

static void
load_scripts(loader *L, const yaml_node_t *root)
{
	yaml_node_t *n = esg_yaml_get(L->y, root, "languages");
	if (n == NULL || !esg_yaml_is_seq(n)) {
		fail(L, n ? n : root, "catalog: languages: must list the scripts "
		    "it provides, e.g. [en, zh-Hant, zh-Hans]%s", "");
		return;
	}
	size_t count = esg_yaml_seq_size(n);
	for (size_t i = 0; i < count; i++) {
		yaml_node_t *item = esg_yaml_seq_item(L->y, n, i);
		const char *s = esg_yaml_str(item);
		int found = -1;
		for (int k = 0; k < 3; k++)
			if (s && strcmp(s, script_keys[k]) == 0)
				found = k;
		if (found < 0)
			fail(L, item, "catalog: '%s' is not en, zh-Hans or zh-Hant",
			    s ? s : "?");
		else
			L->c->scripts |= 1u << found;
	}
	if (!(L->c->scripts & (1u << ESG_SCRIPT_EN)))
		fail(L, n, "catalog: languages: must include en (the fallback "
		    "for every other script)%s", "");
}

static void
load_reasons(loader *L, const yaml_node_t *n)
{
	if (n == NULL)
		return;
	if (!esg_yaml_is_map(n)) {
		fail(L, n, "catalog: omission_reasons must map reason keys to "
		    "labels%s", "");
		return;
	}
	size_t count = esg_yaml_map_size(n);
	L->c->reasons = esg_arena_array(L->a, count, sizeof *L->c->reasons);
	for (size_t i = 0; i < count; i++) {
		esg_reason *r = &L->c->reasons[L->c->nreasons++];
		r->key = esg_arena_strdup(L->a,
		    esg_yaml_str(esg_yaml_map_key(L->y, n, i)));
		load_ctext(L, esg_yaml_map_value(L->y, n, i), r->key, true,
		    &r->label);
	}
}

static void
load_labels(loader *L, const yaml_node_t *n)
{
	if (n == NULL)
		return;
	if (!esg_yaml_want_map(L->y, n, "labels", L->d)) {
		L->errors++;
		return;
	}
	size_t count = esg_yaml_map_size(n);
	for (size_t i = 0; i < count; i++) {
		yaml_node_t *k = esg_yaml_map_key(L->y, n, i);
		const char *key = esg_yaml_str(k);
		int which = -1;
		for (int l = 0; l < ESG_L_COUNT; l++)
			if (key && strcmp(key, label_keys[l]) == 0)
				which = l;
		if (which < 0) {
			esg_warning(L->d, ESG_K_SYNTAX, esg_yaml_pos(L->y, k),
			    "catalog: unknown label '%s' is ignored", key ? key : "?");
			continue;
		}
		load_ctext(L, esg_yaml_map_value(L->y, n, i), key, true,
		    &L->c->labels[which]);
	}
}

static void
load_statements(loader *L, const yaml_node_t *n)
{
	if (n == NULL)
		return;
	if (!esg_yaml_want_map(L->y, n, "statements", L->d)) {
		L->errors++;
		return;
	}
	static const char *const names[] = { [ESG_CLAIM_IN_ACCORDANCE] =
	    "in-accordance", [ESG_CLAIM_WITH_REFERENCE] = "with-reference" };
	for (int k = ESG_CLAIM_IN_ACCORDANCE; k <= ESG_CLAIM_WITH_REFERENCE; k++)
		load_ctext(L, esg_yaml_get(L->y, n, names[k]), names[k], true,
		    &L->c->statements[k]);
}

static void
check_codes(loader *L)
{
	esg_catalog *c = L->c;
	for (size_t i = 0; i < c->nitems; i++) {
		esg_cat_item *it = &c->items[i];
		esg_cat_item *old = esg_strmap_put(&c->by_key, it->key, it);
		if (old != it) {
			esg_buf m = ESG_BUF_INIT;
			esg_buf_printf(&m, "catalog: code %s appears twice in the same "
			    "standard (mark an older standard qualified_only: true)",
			    it->key);
			esg_input_error(L->d, it->pos, "%s", esg_buf_cstr(&m));
			esg_buf_free(&m);
			L->errors++;
		}
		/* Every item is also reachable as CODE@YEAR when it has a year. */
		const esg_cat_group *g = &c->groups[it->group];
		if (g->year && !g->qualified_only)
			esg_strmap_put(&c->by_key, esg_arena_printf(L->a, "%s@%d",
			    it->code, g->year), it);
	}
}

int
esg_catalog_load(esg_catalog *c, esg_arena *a, const char *file,
    const char *text, size_t len, bool builtin, const char *edition,
    esg_pos edition_pos, esg_diag *d)
{
	memset(c, 0, sizeof *c);
	c->file = file;
	c->verified = true;
	esg_yaml y;
	if ((builtin ? esg_yaml_parse_builtin(&y, file, text, len, d) :
	    esg_yaml_parse(&y, file, text, len, 0, d)) != 0) {
		esg_yaml_free(&y);
		return -1;
	}
	loader L = { .c = c, .a = a, .y = &y, .d = d };
	yaml_node_t *root = esg_yaml_root(&y);
	if (!esg_yaml_is_map(root)) {
		fail(&L, root, "catalog must be a mapping (see docs/catalogs.md)%s",
		    "");
		goto done;
	}
	static const char *const known[] = { "key", "kind", "languages", "name",
	    "short", "index_title", "verified", "omission_reasons", "labels",
	    "statements", "default_edition", "editions", NULL };
	esg_yaml_warn_unknown_keys(&y, root, known, "a catalog", d);
	const char *key = esg_yaml_str(esg_yaml_get(&y, root, "key"));
	c->key = esg_arena_strdup(a, key ? key : "");
	const char *kind = esg_yaml_str(esg_yaml_get(&y, root, "kind"));
	if (kind == NULL || strcmp(kind, "list") == 0)
		c->kind = ESG_FW_LIST;
	else if (strcmp(kind, "hkex") == 0)
		c->kind = ESG_FW_HKEX;
	else if (strcmp(kind, "gri") == 0)
		c->kind = ESG_FW_GRI;
	else if (strcmp(kind, "sdg") == 0)
		c->kind = ESG_FW_SDG;
	else
		fail(&L, esg_yaml_get(&y, root, "kind"), "catalog: kind must be "
		    "hkex, gri, sdg or list, not '%s'", kind);
	load_scripts(&L, root);
	c->verified = get_bool(&L, root, "verified", true);
	load_ctext(&L, esg_yaml_get(&y, root, "name"), "name", true, &c->name);
	load_ctext(&L, esg_yaml_get(&y, root, "short"), "short", true,
	    &c->short_name);
	load_ctext(&L, esg_yaml_get(&y, root, "index_title"), "index_title",
	    true, &c->index_title);
	load_reasons(&L, esg_yaml_get(&y, root, "omission_reasons"));
	load_labels(&L, esg_yaml_get(&y, root, "labels"));
	load_statements(&L, esg_yaml_get(&y, root, "statements"));

	yaml_node_t *editions = esg_yaml_get(&y, root, "editions");
	if (!esg_yaml_is_map(editions) || esg_yaml_map_size(editions) == 0) {
		fail(&L, editions ? editions : root, "catalog: editions: must map "
		    "edition names to {title:, groups:}%s", "");
		goto done;
	}
	if (edition == NULL)
		edition = esg_yaml_str(esg_yaml_get(&y, root, "default_edition"));
	if (edition == NULL)
		edition = esg_yaml_str(esg_yaml_map_key(&y, editions, 0));
	yaml_node_t *ed = esg_yaml_get(&y, editions, edition);
	if (ed == NULL) {
		esg_buf list = ESG_BUF_INIT;
		for (size_t i = 0; i < esg_yaml_map_size(editions); i++)
			esg_buf_printf(&list, "%s%s", i ? ", " : "",
			    esg_yaml_str(esg_yaml_map_key(&y, editions, i)));
		esg_error(d, ESG_K_SYNTAX, edition_pos.file ? edition_pos :
		    (esg_pos){ file, 0, 0 }, "%s has no edition '%s' (editions: "
		    "%s)", file, edition, esg_buf_cstr(&list));
		esg_buf_free(&list);
		L.errors++;
		goto done;
	}
	c->edition = esg_arena_strdup(a, edition);
	if (!esg_yaml_want_map(&y, ed, "an edition", d)) {
		L.errors++;
		goto done;
	}
	static const char *const ed_known[] = { "title", "name", "index_title",
	    "groups", NULL };
	esg_yaml_warn_unknown_keys(&y, ed, ed_known, "an edition", d);
	load_ctext(&L, esg_yaml_get(&y, ed, "title"), "edition title", true,
	    &c->edition_title);
	/* An edition may rename the framework (HKEX's Reporting Guide became
	 * the Reporting Code in 2025): the index must not call the 2025
	 * edition by its predecessor's name. */
	yaml_node_t *v;
	if ((v = esg_yaml_get(&y, ed, "name")))
		load_ctext(&L, v, "name", true, &c->name);
	if ((v = esg_yaml_get(&y, ed, "index_title")))
		load_ctext(&L, v, "index_title", true, &c->index_title);
	yaml_node_t *groups = esg_yaml_get(&y, ed, "groups");
	if (!esg_yaml_want_seq(&y, groups, "an edition's groups", d)) {
		L.errors++;
		goto done;
	}
	for (size_t i = 0; i < esg_yaml_seq_size(groups); i++)
		load_group(&L, esg_yaml_seq_item(&y, groups, i), -1, 0,
		    ESG_LEVEL_UNSET, c->verified);
	c->groups = esg_arena_array(a, L.ngroups, sizeof *c->groups);
	if (L.ngroups)
		memcpy(c->groups, L.groups, L.ngroups * sizeof *c->groups);
	c->ngroups = L.ngroups;
	c->items = esg_arena_array(a, L.nitems, sizeof *c->items);
	if (L.nitems)
		memcpy(c->items, L.items, L.nitems * sizeof *c->items);
	c->nitems = L.nitems;
	check_codes(&L);
done:
	free(L.groups);
	free(L.items);
	esg_yaml_free(&y);
	return L.errors ? -1 : 0;
}

void
esg_catalog_free(esg_catalog *c)
{
	esg_strmap_free(&c->by_key);
}

const char *
esg_ctext_get(const esg_ctext *t, const char *tag, const char **fallback_tag)
{
	esg_script s = esg_script_of(tag);
	if (fallback_tag)
		*fallback_tag = NULL;
	if (t->v[s])
		return t->v[s];
	if (fallback_tag && s != ESG_SCRIPT_EN)
		*fallback_tag = "en";
	return t->v[ESG_SCRIPT_EN] ? t->v[ESG_SCRIPT_EN] : "";
}

const char *
esg_catalog_label(const esg_catalog *c, esg_label l, const char *tag,
    const char **fallback_tag)
{
	const esg_ctext *t = &c->labels[l];
	if (fallback_tag)
		*fallback_tag = NULL;
	if (t->v[esg_script_of(tag)] || t->v[ESG_SCRIPT_EN])
		return esg_ctext_get(t, tag, fallback_tag);
	return label_defaults[l][esg_script_of(tag)];
}

const esg_cat_item *
esg_catalog_find(const esg_catalog *c, const char *code)
{
	return esg_strmap_get(&c->by_key, code);
}

int
esg_catalog_standard(const esg_catalog *c, const char *number,
    esg_std_type type)
{
	for (size_t i = 0; i < c->ngroups; i++) {
		const esg_cat_group *g = &c->groups[i];
		if (g->standard && strcmp(g->standard, number) == 0 &&
		    g->type == type && !g->qualified_only &&
		    (g->parent < 0 || c->groups[g->parent].standard == NULL ||
		    strcmp(c->groups[g->parent].standard, number) != 0))
			return (int)i;
	}
	return -1;
}

const esg_reason *
esg_catalog_reason(const esg_catalog *c, const char *key)
{
	for (size_t i = 0; i < c->nreasons; i++)
		if (strcmp(c->reasons[i].key, key) == 0)
			return &c->reasons[i];
	return NULL;
}
