/* resolve_coverage.c — catalogs, codes, omissions, statuses. */
#include "buf.h"
#include "coverage.h"
#include "data.h"
#include "fsutil.h"
#include "load.h"
#include "resolve.h"
#include "resources.h"
#include "shortcode.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

const char *
esg_status_name(esg_status s)
{
	switch (s) {
	case ESG_STATUS_DISCLOSED:
		return "disclosed";
	case ESG_STATUS_OMITTED:
		return "omitted";
	default:
		return "missing";
	}
}

const char *
esg_index_page(esg_report *r, const esg_framework *fw)
{
	return esg_arena_printf(&r->arena, "%s-index.html", fw->key);
}

/* ------------------------------------------------------------------ */
/* Catalogs                                                            */

static int
load_catalog(esg_report *r, esg_framework *fw, esg_diag *d)
{
	char *own = esg_path_join(&r->arena, esg_path_join(&r->arena,
	    r->source, "frameworks"), esg_arena_printf(&r->arena, "%s.yaml",
	    fw->key));
	char *text;
	size_t len;
	const char *display;
	bool builtin = !esg_exists(own);
	if (!builtin) {
		if (esg_load_source_file(r, own, &text, &len, d) != 0)
			return -1;
		display = own;
	} else {
		const esg_resource *res = esg_resource_find(
		    esg_arena_printf(&r->arena, "frameworks/%s.yaml", fw->key));
		if (res == NULL) {
			esg_error(d, ESG_K_UNKNOWN_CODE, fw->pos, "no catalog for "
			    "framework '%s': esgsite knows hkex, gri and sdg; add "
			    "%s", fw->key, own);
			return -1;
		}
		text = esg_xmalloc(res->len + 1);
		memcpy(text, res->data, res->len + 1);
		len = res->len;
		display = esg_arena_printf(&r->arena, "(built-in) frameworks/%s.yaml",
		    fw->key);
	}
	fw->cat = esg_arena_alloc(&r->arena, sizeof *fw->cat);
	int rc = esg_catalog_load(fw->cat, &r->arena, display, text, len,
	    builtin, fw->edition, fw->edition_pos, d);
	free(text);
	if (rc == 0 && strcmp(fw->cat->key, fw->key) != 0) {
		esg_input_error(d, (esg_pos){ display, 1, 1 }, "catalog key '%s' "
		    "does not match its file name (%s.yaml)", fw->cat->key, fw->key);
		rc = -1;
	}
	if (rc != 0) {
		esg_catalog_free(fw->cat);
		fw->cat = NULL;
	}
	return rc;
}

/* ------------------------------------------------------------------ */
/* Entries                                                             */

static esg_entry *
new_entry(esg_report *r, esg_framework *fw, const esg_cat_item *item,
    const esg_topic *topic)
{
	esg_coverage *cov = fw->cov;
	esg_entry *e = esg_arena_alloc(&r->arena, sizeof *e);
	e->fw = fw;
	e->item = item;
	e->topic = topic;
	e->code = item->code;
	e->status = ESG_STATUS_NONE;
	const esg_cat_group *g = &fw->cat->groups[item->group];
	if (topic) {
		e->key = esg_arena_printf(&r->arena, "%s/%s", item->code, topic->id);
		e->anchor = esg_arena_printf(&r->arena, "%s-%s-%s", fw->key,
		    item->code, topic->id);
	} else if (g->qualified_only) {
		e->key = item->key;
		e->anchor = esg_arena_printf(&r->arena, "%s-%d-%s", fw->key,
		    g->year, item->code);
	} else {
		e->key = item->key;
		e->anchor = esg_arena_printf(&r->arena, "%s-%s", fw->key,
		    item->code);
	}
	esg_strmap_put(&cov->by_key, e->key, e);
	return e;
}

/* A code every section of a long report cites (say GRI 2-1) has
 * thousands of locations: past a few, they are looked up in a set, or
 * adding them would take time quadratic in the report's size. */
#define LOCS_SCANNED 8

static void
add_loc(esg_entry *e, const char *id)
{
	if (e->nlocs < LOCS_SCANNED) {
		for (size_t i = 0; i < e->nlocs; i++)
			if (strcmp(e->locs[i], id) == 0)
				return;
	} else {
		if (e->loc_set.count == 0)
			for (size_t i = 0; i < e->nlocs; i++)
				esg_strmap_put(&e->loc_set, e->locs[i], e);
		size_t before = e->loc_set.count;
		esg_strmap_put(&e->loc_set, id, e);
		if (e->loc_set.count == before)
			return;
	}
	if (e->nlocs == e->locs_cap) {
		e->locs_cap = e->locs_cap ? e->locs_cap * 2 : 4;
		e->locs = esg_xrealloc(e->locs, e->locs_cap * sizeof *e->locs);
	}
	e->locs[e->nlocs++] = id;
}

static bool
gri_standard_is(const esg_catalog *c, const esg_cat_item *it, const char *num)
{
	const esg_cat_group *g = &c->groups[it->group];
	return g->standard && strcmp(g->standard, num) == 0 && !g->qualified_only;
}

static bool
topic_has_standard(const esg_topic *t, const esg_catalog *c,
    const esg_cat_item *it)
{
	for (size_t i = 0; i < t->nstandards; i++)
		if (gri_standard_is(c, it, t->standards[i]))
			return true;
	return false;
}

/* A standard named twice in one list is a typo: the index would name it
 * twice. Reported at the repetition. */
static bool
named_before(esg_strmap *seen, const char *number, esg_pos pos,
    const esg_topic *tp, esg_diag *d)
{
	if (esg_strmap_put(seen, number, (void *)number) == number)
		return false;
	if (tp)
		esg_error(d, ESG_K_SYNTAX, pos, "material topic '%s': standard "
		    "'%s' is listed twice", tp->id, number);
	else
		esg_error(d, ESG_K_SYNTAX, pos, "sector standard '%s' is listed "
		    "twice", number);
	return true;
}

static void
check_gri_settings(esg_framework *fw, esg_diag *d)
{
	const esg_catalog *c = fw->cat;
	if (fw->claim == ESG_CLAIM_NONE)
		esg_error(d, ESG_K_SYNTAX, fw->pos, "%s needs claim: in-accordance "
		    "or with-reference", fw->key);
	if (fw->claim == ESG_CLAIM_IN_ACCORDANCE && fw->ntopics == 0)
		esg_error(d, ESG_K_MISSING, fw->pos, "a report in accordance with "
		    "the GRI Standards lists its material_topics:");
	for (size_t t = 0; t < fw->ntopics; t++) {
		const esg_topic *tp = &fw->topics[t];
		if (tp->nstandards == 0 && fw->claim == ESG_CLAIM_IN_ACCORDANCE)
			esg_warning(d, ESG_K_MISSING, tp->pos, "material topic '%s' "
			    "names no Topic Standard (standards: [\"305\"]); only "
			    "its 3-3 is reported", tp->id);
		esg_strmap seen = ESG_STRMAP_INIT;
		for (size_t s = 0; s < tp->nstandards; s++) {
			if (named_before(&seen, tp->standards[s],
			    tp->standard_pos[s], tp, d))
				continue;
			if (esg_catalog_standard(c, tp->standards[s],
			    ESG_STD_TOPIC) < 0)
				esg_error(d, ESG_K_UNKNOWN_CODE, tp->standard_pos[s],
				    "material topic '%s': '%s' is not a GRI Topic "
				    "Standard in %s", tp->id, tp->standards[s], c->file);
		}
		esg_strmap_free(&seen);
	}
	esg_strmap seen = ESG_STRMAP_INIT;
	for (size_t s = 0; s < fw->nsectors; s++) {
		if (named_before(&seen, fw->sectors[s], fw->sector_pos[s], NULL,
		    d))
			continue;
		if (esg_catalog_standard(c, fw->sectors[s], ESG_STD_SECTOR) < 0)
			esg_error(d, ESG_K_UNKNOWN_CODE, fw->sector_pos[s],
			    "'%s' is not a GRI Sector Standard in %s (e.g. \"11\" "
			    "for Oil and Gas)", fw->sectors[s], c->file);
	}
	esg_strmap_free(&seen);
}

static void
warn_not_gri(esg_framework *fw, esg_diag *d)
{
	if (fw->claim != ESG_CLAIM_NONE)
		esg_warning(d, ESG_K_SYNTAX, fw->claim_pos, "claim: applies to GRI "
		    "only; ignored for %s", fw->key);
	if (fw->ntopics)
		esg_warning(d, ESG_K_SYNTAX, fw->topics[0].pos, "material_topics: "
		    "applies to GRI only; ignored for %s", fw->key);
	if (fw->nsectors)
		esg_warning(d, ESG_K_SYNTAX, fw->sector_pos[0], "sector_standards: "
		    "applies to GRI only; ignored for %s", fw->key);
}

static void
create_entries(esg_report *r, esg_framework *fw)
{
	const esg_catalog *c = fw->cat;
	esg_coverage *cov = fw->cov;
	size_t max = c->nitems + fw->ntopics;
	cov->entries = esg_arena_array(&r->arena, max, sizeof *cov->entries);
	for (size_t i = 0; i < c->nitems; i++) {
		const esg_cat_item *it = &c->items[i];
		esg_entry *e = new_entry(r, fw, it, NULL);
		cov->entries[cov->nentries++] = e;
		switch (c->kind) {
		case ESG_FW_HKEX:
		case ESG_FW_LIST:
			e->required = it->level == ESG_LEVEL_MANDATORY ||
			    it->level == ESG_LEVEL_COMPLY ||
			    it->level == ESG_LEVEL_REQUIRED;
			break;
		case ESG_FW_GRI:
			if (fw->claim != ESG_CLAIM_IN_ACCORDANCE)
				break;
			if (gri_standard_is(c, it, "2") ||
			    strcmp(it->key, "3-1") == 0 ||
			    strcmp(it->key, "3-2") == 0) {
				e->required = true;
				break;
			}
			for (size_t t = 0; t < fw->ntopics; t++)
				if (topic_has_standard(&fw->topics[t], c, it))
					e->required = true;
			break;
		case ESG_FW_SDG:
			break;
		}
	}
	if (c->kind == ESG_FW_GRI) {
		const esg_cat_item *m = esg_catalog_find(c, "3-3");
		for (size_t t = 0; m && t < fw->ntopics; t++) {
			if (fw->topics[t].id == NULL)
				continue;
			esg_entry *e = new_entry(r, fw, m, &fw->topics[t]);
			e->required = fw->claim == ESG_CLAIM_IN_ACCORDANCE;
			cov->entries[cov->nentries++] = e;
		}
	}
}

/* "2-15-b" -> "2-15"; "305-1-a-ii@2016" -> "305-1@2016". Returns NULL
 * when code is not a requirement path. */
static char *
gri_disclosure_of(esg_arena *a, const char *code)
{
	const char *at = strchr(code, '@');
	size_t n = at ? (size_t)(at - code) : strlen(code);
	int dashes = 0;
	size_t cut = 0;
	for (size_t i = 0; i < n; i++)
		if (code[i] == '-' && ++dashes == 2)
			cut = i;
	if (cut == 0 || cut + 1 >= n || !(code[cut + 1] >= 'a' &&
	    code[cut + 1] <= 'z'))
		return NULL;
	return esg_arena_printf(a, "%.*s%s", (int)cut, code, at ? at : "");
}

/* The entry a code names, or NULL after reporting at pos. With
 * allow_requirement, a GRI requirement path names its disclosure and
 * *requirement is set. */
static esg_entry *
resolve_code(esg_report *r, esg_framework *fw, const char *code, esg_pos pos,
    bool *requirement, esg_diag *d)
{
	const esg_catalog *c = fw->cat;
	esg_coverage *cov = fw->cov;
	if (requirement)
		*requirement = false;
	if (c->kind == ESG_FW_GRI && strncmp(code, "3-3", 3) == 0 &&
	    (code[3] == '\0' || code[3] == '/')) {
		if (code[3] == '/') {
			esg_entry *e = esg_strmap_get(&cov->by_key, code);
			if (e == NULL) {
				esg_buf ids = ESG_BUF_INIT;
				for (size_t t = 0; t < fw->ntopics; t++)
					esg_buf_printf(&ids, "%s%s", t ? ", " : "",
					    fw->topics[t].id);
				esg_error(d, ESG_K_UNKNOWN_CODE, pos, "%s: '%s' is not a "
				    "material topic of report.yaml (topics: %s)", code,
				    code + 4, fw->ntopics ? esg_buf_cstr(&ids) : "none");
				esg_buf_free(&ids);
			}
			return e;
		}
		if (fw->ntopics == 1)
			return esg_strmap_get(&cov->by_key, esg_arena_printf(
			    &r->arena, "3-3/%s", fw->topics[0].id));
		if (fw->ntopics > 1) {
			esg_error(d, ESG_K_UNKNOWN_CODE, pos, "3-3 is reported per "
			    "material topic: write 3-3/%s (or another topic id)",
			    fw->topics[0].id);
			return NULL;
		}
		esg_error(d, ESG_K_UNKNOWN_CODE, pos, "3-3 is reported per "
		    "material topic, and report.yaml lists none: add "
		    "material_topics: under frameworks: %s: and write 3-3/TOPIC",
		    fw->key);
		return NULL;
	}
	const char *key = code;
	if (c->kind == ESG_FW_SDG && strncasecmp(code, "sdg", 3) == 0)
		key = code + 3;
	esg_entry *e = esg_strmap_get(&cov->by_key, key);
	if (e == NULL && c->kind == ESG_FW_GRI) {
		const esg_cat_item *it = esg_catalog_find(c, key);
		if (it == NULL) {
			char *disc = gri_disclosure_of(&r->arena, key);
			if (disc && requirement) {
				*requirement = true;
				key = disc;
			} else if (disc) {
				key = disc;
			}
			it = esg_catalog_find(c, key);
		}
		if (it)
			e = esg_strmap_get(&cov->by_key, it->key);
	}
	if (e)
		return e;
	/* A near miss in case is the likeliest slip: say so. */
	const char *hint = NULL;
	for (size_t i = 0; i < c->nitems && hint == NULL; i++)
		if (strcasecmp(c->items[i].key, code) == 0)
			hint = c->items[i].key;
	if (hint)
		esg_error(d, ESG_K_UNKNOWN_CODE, pos, "unknown %s code '%s' (did "
		    "you mean %s?)", fw->key, code, hint);
	else
		esg_error(d, ESG_K_UNKNOWN_CODE, pos, "unknown %s code '%s' (not in "
		    "%s, edition %s)", fw->key, code, c->file, c->edition);
	return NULL;
}

/* A requirement path as the key of its disclosure and the requirement
 * ("2-15-b", "306-3@2016-a"): however the author qualified the code, the
 * same requirement gets the same key. */
static char *
requirement_key(esg_arena *a, const esg_entry *e, const char *code)
{
	const char *at = strchr(code, '@');
	size_t n = at ? (size_t)(at - code) : strlen(code);
	int dashes = 0;
	size_t cut = n;
	for (size_t i = 0; i < n; i++)
		if (code[i] == '-' && ++dashes == 2)
			cut = i;
	return esg_arena_printf(a, "%s%.*s", e->key, (int)(n - cut), code + cut);
}

/* A covered requirement that is omitted, or lies inside an omitted one
 * (2-15-b-i inside 2-15-b), contradicts the omission: note the first
 * location on it, to be reported at the omission. */
static void
cover_requirement(esg_report *r, esg_framework *fw, esg_entry *e,
    const char *code, const char *id, const char *file)
{
	if (fw->cov->omitted_reqs.count == 0)
		return;
	char *key = requirement_key(&r->arena, e, code);
	size_t base = strlen(e->key);
	while (strlen(key) > base) {
		esg_omit *o = esg_strmap_get(&fw->cov->omitted_reqs, key);
		if (o) {
			if (o->covered_by == NULL)
				o->covered_by = esg_arena_printf(&r->arena, "#%s in %s",
				    id, file);
			return;
		}
		*strrchr(key, '-') = '\0';
	}
}

static void
resolve_omissions(esg_report *r, esg_framework *fw, esg_diag *d)
{
	const esg_catalog *c = fw->cat;
	for (size_t i = 0; i < fw->nomits; i++) {
		esg_omit *o = &fw->omits[i];
		bool requirement = false;
		esg_entry *e = resolve_code(r, fw, o->code, o->pos,
		    c->kind == ESG_FW_GRI ? &requirement : NULL, d);
		if (e == NULL)
			continue;
		o->entry = e;
		o->requirement = requirement;
		if (c->nreasons == 0) {
			esg_error(d, ESG_K_OMISSION, o->pos, "%s allows no omissions",
			    fw->key);
			continue;
		}
		if (o->reason && esg_catalog_reason(c, o->reason) == NULL) {
			esg_buf list = ESG_BUF_INIT;
			for (size_t k = 0; k < c->nreasons; k++)
				esg_buf_printf(&list, "%s%s", k ? ", " : "",
				    c->reasons[k].key);
			esg_error(d, ESG_K_OMISSION, o->pos, "omission of %s: reason "
			    "'%s' is not allowed for %s (allowed: %s)", o->code,
			    o->reason, fw->key, esg_buf_cstr(&list));
			esg_buf_free(&list);
		}
		if (!e->item->omittable && !e->topic) {
			esg_error(d, ESG_K_OMISSION, o->pos, "%s %s cannot be omitted "
			    "(GRI 1 requires it in every report)", fw->key, e->code);
			continue;
		}
		/* A mandatory requirement (HKEX Part B) admits no "comply or
		 * explain": only a comply-or-explain or voluntary item may be
		 * omitted with a reason. */
		if (e->item->level == ESG_LEVEL_MANDATORY) {
			esg_error(d, ESG_K_OMISSION, o->pos, "%s %s cannot be omitted "
			    "(it is a mandatory disclosure in %s, edition %s)",
			    fw->key, e->code, c->file, c->edition);
			continue;
		}
		if (requirement) {
			if (e->npartial == e->partial_cap) {
				e->partial_cap = e->partial_cap ? e->partial_cap * 2 : 2;
				e->partial = esg_xrealloc(e->partial,
				    e->partial_cap * sizeof *e->partial);
			}
			e->partial[e->npartial++] = o;
			esg_strmap_put(&fw->cov->omitted_reqs,
			    requirement_key(&r->arena, e, o->code), o);
		} else if (e->omit) {
			esg_error(d, ESG_K_OMISSION, o->pos, "%s is omitted twice "
			    "(also as %s)", e->code, e->omit->code);
		} else {
			e->omit = o;
		}
	}
}

/* ------------------------------------------------------------------ */
/* Merging the languages                                               */

/* One framework's codes as one language declares them on a section. */
typedef struct declared {
	esg_entry **v;
	size_t n;
	const esg_section *s;
	const esg_text *t;
	int lang;
	esg_pos pos;
} declared;

static int
compare_entries(const void *a, const void *b)
{
	const esg_entry *x = *(esg_entry *const *)a, *y = *(esg_entry *const *)b;
	if (x->item->index != y->item->index)
		return x->item->index < y->item->index ? -1 : 1;
	if (x->topic != y->topic)
		return x->topic < y->topic ? -1 : 1;
	return 0;
}

/* Resolves the covers of one language's section (and, for a chapter
 * heading, the front matter's) for one framework, deduplicated and in
 * catalog order. */
static void
declared_codes(esg_report *r, esg_framework *fw, const esg_section *s,
    const esg_text *t, declared *out, esg_diag *d)
{
	size_t max = s->ncovers + (s->depth == 0 ? t->ncovers : 0);
	out->v = esg_xcalloc(max + 1, sizeof *out->v);
	out->n = 0;
	out->pos = s->pos;
	for (int pass = 0; pass < 2; pass++) {
		const esg_cover *cv = pass == 0 ? s->covers : t->covers;
		size_t n = pass == 0 ? s->ncovers : (s->depth == 0 ? t->ncovers : 0);
		for (size_t i = 0; i < n; i++) {
			if (strcmp(cv[i].framework, fw->key) != 0)
				continue;
			if (out->n == 0)
				out->pos = cv[i].pos;
			bool requirement = false;
			esg_entry *e = resolve_code(r, fw, cv[i].code, cv[i].pos,
			    &requirement, d);
			if (e == NULL)
				continue;
			if (requirement)
				cover_requirement(r, fw, e, cv[i].code, s->id, t->path);
			bool dup = false;
			for (size_t k = 0; k < out->n; k++)
				if (out->v[k] == e)
					dup = true;
			if (!dup)
				out->v[out->n++] = e;
		}
	}
	if (out->n > 1)
		qsort(out->v, out->n, sizeof *out->v, compare_entries);
}

static void
codes_text(esg_buf *b, const declared *x)
{
	if (x->n == 0)
		esg_buf_puts(b, "nothing");
	for (size_t i = 0; i < x->n; i++)
		esg_buf_printf(b, "%s%s", i ? " " : "", x->v[i]->key);
}

/* Framework order of report.yaml, then catalog order. */
static int
compare_entries_fw(const void *a, const void *b)
{
	const esg_entry *x = *(esg_entry *const *)a, *y = *(esg_entry *const *)b;
	if (x->fw != y->fw)
		return x->fw < y->fw ? -1 : 1;
	return compare_entries(a, b);
}

typedef struct section_links {
	esg_entry **v;
	size_t n, cap;
} section_links;

static void
link_section(section_links *sl, esg_entry *e)
{
	for (size_t i = 0; i < sl->n; i++)
		if (sl->v[i] == e)
			return;
	if (sl->n == sl->cap) {
		sl->cap = sl->cap ? sl->cap * 2 : 8;
		sl->v = esg_xrealloc(sl->v, sl->cap * sizeof *sl->v);
	}
	sl->v[sl->n++] = e;
}

/* Coverage is a property of a section, not of a language: the languages
 * that declare codes for a section id must agree; a language that declares
 * none inherits them. */
static void
merge_section(esg_report *r, size_t c, const char *id, esg_diag *d)
{
	const esg_section *per_lang[ESG_MAX_LANGS] = { 0 };
	bool any = false;
	for (int l = 0; l < r->nlangs; l++) {
		const esg_section *s = esg_find_section(r, l, id);
		if (s && s->chapter == c) {
			per_lang[l] = s;
			any = any || s->ncovers ||
			    (s->depth == 0 && r->chapters[c].text[l].ncovers);
		}
	}
	if (!any)
		return;
	section_links sl = { 0 };
	for (size_t f = 0; f < r->nfws; f++) {
		esg_framework *fw = &r->fws[f];
		if (fw->cat == NULL)
			continue;
		declared dl[ESG_MAX_LANGS];
		int first = -1;
		for (int l = 0; l < r->nlangs; l++) {
			dl[l] = (declared){ 0 };
			if (per_lang[l] == NULL)
				continue;
			declared_codes(r, fw, per_lang[l], &r->chapters[c].text[l],
			    &dl[l], d);
			dl[l].lang = l;
			if (dl[l].n && first < 0)
				first = l;
		}
		for (int l = first + 1; first >= 0 && l < r->nlangs; l++) {
			if (per_lang[l] == NULL || dl[l].n == 0)
				continue;
			bool same = dl[l].n == dl[first].n;
			for (size_t k = 0; same && k < dl[l].n; k++)
				same = dl[l].v[k] == dl[first].v[k];
			if (same)
				continue;
			esg_buf a = ESG_BUF_INIT, b = ESG_BUF_INIT;
			codes_text(&a, &dl[first]);
			codes_text(&b, &dl[l]);
			esg_diag_add(d, ESG_ERROR, ESG_K_PARITY, 1, dl[l].pos,
			    r->langs[l].key, "%s coverage of #%s differs between "
			    "languages: %s:%d has %s, %s:%d has %s", fw->key, id,
			    r->chapters[c].text[first].path, dl[first].pos.line,
			    esg_buf_cstr(&a), r->chapters[c].text[l].path,
			    dl[l].pos.line, esg_buf_cstr(&b));
			esg_buf_free(&a);
			esg_buf_free(&b);
		}
		for (int l = 0; l < r->nlangs; l++) {
			for (size_t k = 0; k < dl[l].n; k++) {
				add_loc(dl[l].v[k], per_lang[l]->id);
				link_section(&sl, dl[l].v[k]);
			}
			free(dl[l].v);
		}
	}
	if (sl.n == 0) {
		free(sl.v);
		return;
	}
	esg_entry **links = esg_arena_array(&r->arena, sl.n, sizeof *links);
	memcpy(links, sl.v, sl.n * sizeof *links);
	for (int l = 0; l < r->nlangs; l++) {
		if (per_lang[l] == NULL)
			continue;
		esg_section *s = (esg_section *)per_lang[l];
		s->links = links;
		s->nlinks = sl.n;
	}
	free(sl.v);
}

/* A metric's coverage makes its table row a location: added when the
 * section holding the table is merged, so locations stay in reading
 * order. Metrics are language-neutral: nothing to compare. */
static void
merge_metrics_at(esg_report *r, size_t c, const char *id, esg_diag *d)
{
	for (esg_table *t = esg_tables_placed(r, c, id); t; t = t->next_here) {
		for (size_t i = 0; i < t->nrows; i++) {
			esg_metric *m = t->rows[i].metric.metric;
			if (t->rows[i].kind != ESG_ROW_METRIC || m == NULL ||
			    m->home != t || m->ncovers == 0 || m->links)
				continue;
			section_links sl = { 0 };
			for (size_t j = 0; j < m->ncovers; j++) {
				esg_framework *fw = esg_report_framework(r,
				    m->covers[j].framework);
				if (fw == NULL || fw->cat == NULL)
					continue;
				bool requirement = false;
				esg_entry *e = resolve_code(r, fw, m->covers[j].code,
				    m->covers[j].pos, &requirement, d);
				if (e == NULL)
					continue;
				if (requirement)
					cover_requirement(r, fw, e, m->covers[j].code,
					    esg_arena_printf(&r->arena, "kpi-%s", m->id),
					    m->covers[j].pos.file);
				add_loc(e, esg_arena_printf(&r->arena, "kpi-%s", m->id));
				link_section(&sl, e);
			}
			if (sl.n > 1)
				qsort(sl.v, sl.n, sizeof *sl.v, compare_entries_fw);
			m->links = esg_arena_array(&r->arena, sl.n, sizeof *m->links);
			if (sl.n)
				memcpy(m->links, sl.v, sl.n * sizeof *sl.v);
			m->nlinks = sl.n;
			free(sl.v);
		}
	}
}

static void
warn_homeless_metrics(esg_report *r, esg_diag *d)
{
	esg_data *data = r->data;
	for (size_t i = 0; data && i < data->nmetrics; i++) {
		esg_metric *m = data->metrics[i];
		if (m->ncovers && m->home == NULL)
			esg_warning(d, ESG_K_DATA, m->covers[0].pos, "metric %s covers "
			    "framework codes, but no {{table}} shows it: it cannot be "
			    "a location in the index", m->id);
	}
}

static void
merge_coverage(esg_report *r, esg_diag *d)
{
	esg_strmap done = ESG_STRMAP_INIT;
	/* Primary language order first, so locations list in report order;
	 * then sections that exist only in another language. */
	for (int l = 0; l < r->nlangs; l++) {
		for (size_t c = 0; c < r->nchapters; c++) {
			const esg_text *t = &r->chapters[c].text[l];
			if (!t->present)
				continue;
			for (size_t i = 0; i < t->nsections; i++) {
				const char *id = t->sections[i].id;
				char *key = esg_arena_printf(&r->arena, "%zu/%s", c, id);
				if (esg_strmap_get(&done, key))
					continue;
				esg_strmap_put(&done, key, key);
				merge_section(r, c, id, d);
				merge_metrics_at(r, c, id, d);
			}
		}
	}
	esg_strmap_free(&done);
}

/* ------------------------------------------------------------------ */
/* Index placement                                                     */

/* The chapter of language l whose paragraph is exactly {{index KEY}},
 * for each framework; ESG_NO_CHAPTER where there is none. */
static void
placements_in(esg_report *r, int l, size_t *placed, esg_diag *d)
{
	for (size_t f = 0; f < r->nfws; f++)
		placed[f] = ESG_NO_CHAPTER;
	for (size_t c = 0; c < r->nchapters; c++) {
		const esg_text *t = &r->chapters[c].text[l];
		if (!t->present)
			continue;
		for (size_t b = 0; b < t->nblocks; b++) {
			const char *s = t->blocks[b].text;
			esg_shortcode sc;
			size_t off;
			const char *msg;
			if (esg_shortcode_next(s, strlen(s), 0, &sc, &off, &msg) != 1 ||
			    !esg_slice_is(sc.name, "index") || sc.nargs != 1)
				continue;
			for (size_t f = 0; f < r->nfws; f++) {
				if (!esg_slice_is(sc.args[0], r->fws[f].key))
					continue;
				if (placed[f] != ESG_NO_CHAPTER)
					esg_error(d, ESG_K_LINK, t->blocks[b].pos,
					    "{{index %s}} is placed twice; an index "
					    "appears once", r->fws[f].key);
				else
					placed[f] = c;
			}
		}
	}
}

/* An index is placed in the same chapter in every language: its rows are
 * link targets, and links are language-neutral. */
static void
find_placements(esg_report *r, esg_diag *d)
{
	size_t *placed = esg_xcalloc((size_t)r->nlangs * (r->nfws + 1),
	    sizeof *placed);
	for (int l = 0; l < r->nlangs; l++)
		placements_in(r, l, placed + (size_t)l * r->nfws, d);
	for (size_t f = 0; f < r->nfws; f++) {
		esg_framework *fw = &r->fws[f];
		int from = -1;
		for (int l = 0; l < r->nlangs && from < 0; l++)
			if (placed[(size_t)l * r->nfws + f] != ESG_NO_CHAPTER)
				from = l;
		fw->index_chapter = from < 0 ? ESG_NO_CHAPTER :
		    placed[(size_t)from * r->nfws + f];
		for (int l = 0; from >= 0 && l < r->nlangs; l++) {
			size_t c = placed[(size_t)l * r->nfws + f];
			if (c == fw->index_chapter ||
			    !r->chapters[fw->index_chapter].text[l].present)
				continue;
			if (c == ESG_NO_CHAPTER)
				esg_diag_add(d, ESG_ERROR, ESG_K_PARITY, 1, (esg_pos){
				    r->chapters[fw->index_chapter].text[l].path, 0, 0 },
				    r->langs[l].key, "{{index %s}} is in %s but not in "
				    "its %s version", fw->key,
				    r->chapters[fw->index_chapter].text[from].path,
				    r->langs[l].key);
			else
				esg_diag_add(d, ESG_ERROR, ESG_K_PARITY, 1, (esg_pos){
				    r->chapters[c].text[l].path, 0, 0 }, r->langs[l].key,
				    "{{index %s}} is placed in %s, but in %s in %s; "
				    "place it in the same chapter in every language",
				    fw->key, r->chapters[c].file,
				    r->chapters[fw->index_chapter].file,
				    r->langs[from].key);
		}
	}
	free(placed);
}

/* ------------------------------------------------------------------ */
/* Statuses                                                            */

static void
list_entries(esg_framework *fw)
{
	const esg_catalog *c = fw->cat;
	esg_coverage *cov = fw->cov;
	for (size_t i = 0; i < cov->nentries; i++) {
		esg_entry *e = cov->entries[i];
		bool covered = e->nlocs > 0 || e->omit || e->npartial;
		switch (c->kind) {
		case ESG_FW_HKEX:
		case ESG_FW_LIST:
			e->listed = true;
			break;
		case ESG_FW_SDG:
			e->listed = e->nlocs > 0;
			break;
		case ESG_FW_GRI:
			/* The bare 3-3 stands for the per-topic rows when the
			 * report has topics. */
			if (e->topic == NULL && strcmp(e->key, "3-3") == 0 &&
			    fw->ntopics > 0) {
				e->listed = false;
				break;
			}
			if (fw->claim == ESG_CLAIM_WITH_REFERENCE) {
				e->required = covered;
				e->listed = covered;
			} else {
				e->listed = e->required || covered;
			}
			break;
		}
	}
}

static void
compute_status(esg_report *r, esg_framework *fw, esg_diag *d)
{
	esg_coverage *cov = fw->cov;
	esg_buf missing = ESG_BUF_INIT;
	for (size_t i = 0; i < cov->nentries; i++) {
		esg_entry *e = cov->entries[i];
		if (e->omit && e->nlocs) {
			const esg_section *s = esg_find_section(r, 0, e->locs[0]);
			esg_error(d, ESG_K_OMISSION, e->omit->pos, "%s is omitted here "
			    "but covered by #%s%s%s", e->key, e->locs[0],
			    s ? " in " : "",
			    s ? r->chapters[s->chapter].text[0].path : "");
		}
		for (size_t k = 0; k < e->npartial; k++)
			if (e->partial[k]->covered_by)
				esg_error(d, ESG_K_OMISSION, e->partial[k]->pos, "%s is "
				    "omitted here but covered by %s",
				    e->partial[k]->code, e->partial[k]->covered_by);
		if (e->omit)
			e->status = ESG_STATUS_OMITTED;
		else if (e->nlocs)
			e->status = ESG_STATUS_DISCLOSED;
		else if (e->required)
			e->status = ESG_STATUS_MISSING;
		else
			e->status = ESG_STATUS_NONE;
		if (!e->required)
			continue;
		cov->required++;
		if (e->status == ESG_STATUS_DISCLOSED)
			cov->disclosed++;
		else if (e->status == ESG_STATUS_OMITTED)
			cov->omitted++;
		else {
			/* `check` lists every missing item; `build` sums them up. */
			if (d->check)
				esg_error(d, ESG_K_MISSING, fw->pos, "%s %s is neither "
				    "covered nor omitted: %s", fw->key, e->key,
				    e->topic ? esg_lstr_get(&e->topic->title, 0) :
				    esg_ctext_get(&e->item->title, "en", NULL));
			if (cov->missing < 12)
				esg_buf_printf(&missing, "%s%s", cov->missing ? ", " : "",
				    e->key);
			cov->missing++;
		}
	}
	if (cov->missing && !d->check)
		esg_warning(d, ESG_K_MISSING, fw->pos, "%s: %zu of %zu required "
		    "disclosures are neither covered by a section nor omitted: "
		    "%s%s (listed as missing in the index)", fw->key, cov->missing,
		    cov->required, esg_buf_cstr(&missing),
		    cov->missing > 12 ? ", …" : "");
	esg_buf_free(&missing);
}

size_t
esg_gri_topic_groups(const esg_framework *fw, const esg_topic *tp,
    int *groups)
{
	const esg_catalog *c = fw->cat;
	bool *seen = esg_xcalloc(c->ngroups + 1, sizeof *seen);
	size_t n = 0;
	for (size_t s = 0; s < tp->nstandards; s++) {
		int g = esg_catalog_standard(c, tp->standards[s], ESG_STD_TOPIC);
		if (g < 0 || seen[g])
			continue;
		seen[g] = true;
		groups[n++] = g;
	}
	free(seen);
	return n;
}

/* Every id the framework's index writes is a link target (SPEC 3.2): its
 * page's heading (or a placed index's edition line), its rows, and the rows a GRI standard shared by several
 * material topics repeats under each topic after the first, which the
 * renderer names ROW-in-TOPIC. */
static void
register_anchors(esg_report *r, esg_framework *fw)
{
	const esg_catalog *c = fw->cat;
	esg_coverage *cov = fw->cov;
	esg_strmap_put(&r->anchors, esg_arena_printf(&r->arena, "%s-index",
	    fw->key), fw);
	for (size_t i = 0; i < cov->nentries; i++)
		if (cov->entries[i]->listed)
			esg_strmap_put(&r->anchors, cov->entries[i]->anchor, fw);
	if (c->kind != ESG_FW_GRI || fw->claim != ESG_CLAIM_IN_ACCORDANCE)
		return;
	bool *listed = esg_xcalloc(c->ngroups + 1, sizeof *listed);
	size_t max = 0;
	for (size_t k = 0; k < fw->ntopics; k++)
		if (fw->topics[k].nstandards > max)
			max = fw->topics[k].nstandards;
	int *groups = esg_xcalloc(max + 1, sizeof *groups);
	for (size_t k = 0; k < fw->ntopics; k++) {
		const esg_topic *tp = &fw->topics[k];
		size_t n = esg_gri_topic_groups(fw, tp, groups);
		for (size_t j = 0; j < n; j++) {
			const esg_cat_group *g = &c->groups[groups[j]];
			if (!listed[groups[j]]) {
				listed[groups[j]] = true;
				continue;
			}
			for (size_t i = g->first; i < g->first + g->count; i++)
				if (cov->entries[i]->listed)
					esg_strmap_put(&r->anchors, esg_arena_printf(
					    &r->arena, "%s-in-%s",
					    cov->entries[i]->anchor,
					    tp->id ? tp->id : "index"), fw);
		}
	}
	free(groups);
	free(listed);
}

/* Catalogs nobody asked for are probably a typo in report.yaml. */
static void
warn_unused_catalogs(esg_report *r, esg_diag *d)
{
	char *dir = esg_path_join(&r->arena, r->source, "frameworks");
	char **names;
	size_t count;
	if (!esg_is_dir(dir) || esg_list_dir(dir, &names, &count) != 0)
		return;
	for (size_t i = 0; i < count; i++) {
		size_t n = strlen(names[i]);
		if (n < 6 || strcmp(names[i] + n - 5, ".yaml") != 0)
			continue;
		names[i][n - 5] = '\0';
		if (esg_report_framework(r, names[i]) == NULL)
			esg_warning(d, ESG_K_SYNTAX, (esg_pos){ esg_path_join(
			    &r->arena, dir, esg_arena_printf(&r->arena, "%s.yaml",
			    names[i])), 0, 0 }, "catalog is not used: add %s: under "
			    "frameworks: in report.yaml", names[i]);
	}
	esg_free_names(names, count);
}

void
esg_resolve_coverage(esg_report *r, esg_diag *d)
{
	for (size_t f = 0; f < r->nfws; f++) {
		esg_framework *fw = &r->fws[f];
		if (load_catalog(r, fw, d) != 0)
			continue;
		fw->cov = esg_arena_alloc(&r->arena, sizeof *fw->cov);
		if (fw->cat->kind == ESG_FW_GRI)
			check_gri_settings(fw, d);
		else
			warn_not_gri(fw, d);
		create_entries(r, fw);
		resolve_omissions(r, fw, d);
	}
	merge_coverage(r, d);
	warn_homeless_metrics(r, d);
	find_placements(r, d);
	for (size_t f = 0; f < r->nfws; f++) {
		esg_framework *fw = &r->fws[f];
		if (fw->cat == NULL)
			continue;
		list_entries(fw);
		compute_status(r, fw, d);
		register_anchors(r, fw);
	}
	warn_unused_catalogs(r, d);
}

void
esg_coverage_free(esg_report *r)
{
	for (size_t f = 0; f < r->nfws; f++) {
		esg_framework *fw = &r->fws[f];
		if (fw->cov) {
			for (size_t i = 0; i < fw->cov->nentries; i++) {
				free(fw->cov->entries[i]->locs);
				esg_strmap_free(&fw->cov->entries[i]->loc_set);
				free(fw->cov->entries[i]->partial);
			}
			esg_strmap_free(&fw->cov->by_key);
			esg_strmap_free(&fw->cov->omitted_reqs);
		}
		if (fw->cat)
			esg_catalog_free(fw->cat);
	}
}
