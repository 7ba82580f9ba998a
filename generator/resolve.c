/* resolve.c — numbers, ids and parity. */
#include "resolve.h"
#include "buf.h"
#include "catalog.h"
#include "data.h"
#include "text.h"

#include <string.h>

/* Whether a chapter is numbered is a property of the chapter, not of one
 * language: the primary language decides, the others must agree. */
static void
number_chapters(esg_report *r, esg_diag *d)
{
	int next = 1;
	for (size_t c = 0; c < r->nchapters; c++) {
		esg_chapter *ch = &r->chapters[c];
		const esg_text *primary = NULL;
		for (int l = 0; l < r->nlangs && primary == NULL; l++)
			if (ch->text[l].present)
				primary = &ch->text[l];
		if (primary == NULL)
			continue;
		for (int l = 0; l < r->nlangs; l++) {
			const esg_text *t = &ch->text[l];
			if (t->present && t != primary &&
			    t->numbered != primary->numbered)
				esg_diag_add(d, ESG_WARNING, ESG_K_PARITY, 1,
				    t->has_numbered ? t->numbered_pos :
				    (esg_pos){ t->path, 1, 1 }, r->langs[l].key,
				    "numbered: differs from %s; the %s setting "
				    "(%s) is used", primary->path, primary->path,
				    primary->numbered ? "true" : "false");
		}
		ch->number = primary->numbered ? next++ : 0;
	}
}

static void
number_sections(esg_report *r, esg_chapter *ch, esg_text *t)
{
	if (t->nsections == 0)
		return;
	if (ch->number == 0) {
		for (size_t i = 0; i < t->nsections; i++)
			t->sections[i].number = NULL;
		return;
	}
	t->sections[0].number = esg_arena_printf(&r->arena, "%d", ch->number);
	/* Children are numbered per parent; a parent's counter lives in a
	 * small array indexed by depth, reset whenever a shallower section
	 * opens. */
	int counters[9] = { 0 };
	for (size_t i = 1; i < t->nsections; i++) {
		esg_section *s = &t->sections[i];
		for (int k = s->depth + 1; k < 9; k++)
			counters[k] = 0;
		if (s->unnumbered) {
			s->number = NULL;
			continue;
		}
		counters[s->depth]++;
		const esg_section *parent = &t->sections[s->parent];
		s->number = parent->number ?
		    esg_arena_printf(&r->arena, "%s.%d", parent->number,
		    counters[s->depth]) : NULL;
	}
}

/* Length of id without a trailing "-N" (N digits), or 0 when it has none. */
static size_t
without_number(const char *id, size_t n)
{
	size_t digits = esg_trailing_digits(id, n);
	if (digits == 0 || digits == n || id[n - 1 - digits] != '-')
		return 0;
	return n - digits - 1;
}

/* Whether id is SLUG SUFFIX-N for a chapter's SLUG (N digits); with an
 * empty suffix also SLUG-N-rK, a footnote's Kth reference. */
static bool
numbered_slug(const esg_report *r, const char *id, const char *suffix)
{
	size_t n = strlen(id), k = strlen(suffix);
	if (k == 0 && n > 2) {
		size_t digits = esg_trailing_digits(id, n);
		if (digits > 0 && n > digits + 2 && id[n - 1 - digits] == 'r' &&
		    id[n - 2 - digits] == '-')
			n -= digits + 2;
	}
	n = without_number(id, n);
	if (n <= k || n - k >= 200 || memcmp(id + n - k, suffix, k) != 0)
		return false;
	char slug[200];
	memcpy(slug, id, n - k);
	slug[n - k] = '\0';
	return esg_strmap_get(&r->slugs, slug) != NULL;
}

/* What else on the pages has id, an id esgsite made for a heading from
 * its chapter's file name, or NULL. An author's own id is held to the
 * stricter reserved forms (load_chapters.c); a generated one clashes only
 * with an element that is there: a chapter named sdg.md numbers its
 * headings sdg-1, sdg-2 …, and sdg-13 is the row of SDG 13 in the index. */
static const char *
generated_clash(const esg_report *r, const char *id)
{
	/* The templates' own ids ("main") are checked with them. */
	if (strcmp(id, "contents-title") == 0)
		return "the title of the contents";
	if (strncmp(id, "fn-", 3) == 0 || strncmp(id, "fnref-", 6) == 0)
		if (numbered_slug(r, strchr(id, '-') + 1, ""))
			return "footnotes (fn-CHAPTER-N, fnref-CHAPTER-N)";
	if (strncmp(id, "chapter-", 8) == 0) {
		if (esg_strmap_get(&r->slugs, id + 8))
			return "the text of that chapter";
		for (size_t f = 0; f < r->nfws; f++) {
			size_t n = strlen(r->fws[f].key);
			if (strncmp(id + 8, r->fws[f].key, n) == 0 &&
			    strcmp(id + 8 + n, "-index") == 0)
				return "the page of that content index";
		}
	}
	/* The data's elements: kpi-M (and kpi-M--T… in other tables),
	 * table-T (and table-T-note-N), chart-C (-title, -desc). */
	if (r->data) {
		static const struct {
			const char *prefix, *what;
			const char *const suffixes[3];
		} forms[] = {
			{ "kpi-", "that metric's KPI rows", { "--", NULL, NULL } },
			{ "table-", "that KPI table", { "-note-", NULL, NULL } },
			{ "chart-", "that chart", { "-title", "-desc", NULL } },
		};
		const esg_strmap *maps[] = { &r->data->metric_map,
		    &r->data->table_map, &r->data->chart_map };
		for (size_t k = 0; k < 3; k++) {
			size_t n = strlen(forms[k].prefix);
			if (strncmp(id, forms[k].prefix, n) != 0)
				continue;
			if (esg_strmap_get(maps[k], id + n))
				return forms[k].what;
			for (size_t j = 0; forms[k].suffixes[j]; j++) {
				const char *at = strstr(id + n, forms[k].suffixes[j]);
				if (at && at - id < 300) {
					char base[300];
					memcpy(base, id + n, (size_t)(at - id) - n);
					base[(size_t)(at - id) - n] = '\0';
					if (esg_strmap_get(maps[k], base))
						return forms[k].what;
				}
			}
		}
	}
	/* Every id a content index writes (its rows, repeated rows of a
	 * shared standard, its heading): resolve_coverage.c. */
	if (esg_strmap_get(&r->anchors, id))
		return "a content index's row or heading";
	/* A Markdown table's caption is CHAPTER-table-N (render_md.c). */
	if (numbered_slug(r, id, "-table"))
		return "that chapter's tables (CHAPTER-table-N)";
	return NULL;
}

void
esg_resolve_generated_ids(esg_report *r, esg_diag *d)
{
	for (int l = 0; l < r->nlangs; l++)
		for (size_t c = 0; c < r->nchapters; c++) {
			const esg_text *t = &r->chapters[c].text[l];
			if (!t->present)
				continue;
			for (size_t i = 0; i < t->nsections; i++) {
				const esg_section *s = &t->sections[i];
				const char *clash;
				/* Once, in the first language with the heading. */
				if (!s->id_generated || (l > 0 &&
				    esg_find_section(r, 0, s->id)) ||
				    (clash = generated_clash(r, s->id)) == NULL)
					continue;
				esg_diag_add(d, ESG_ERROR, ESG_K_LINK, 1, s->pos,
				    r->langs[l].key, "this heading would get the "
				    "id '%s' (made from the chapter's file name), "
				    "which esgsite also gives to %s; give the "
				    "heading an {#id}", s->id, clash);
			}
		}
}

/* The ids of raw HTML (unsafe_html): link targets, each once in the
 * report. One that is a section's is reported by the renderer. */
static void
index_raw_ids(esg_report *r, int lang, esg_diag *d)
{
	for (size_t c = 0; c < r->nchapters; c++) {
		esg_text *t = &r->chapters[c].text[lang];
		if (!t->present)
			continue;
		for (size_t i = 0; i < t->nraw_ids; i++) {
			esg_raw_id *raw = &t->raw_ids[i];
			if (esg_find_section(r, lang, raw->id))
				continue;
			esg_raw_id *old = esg_strmap_put(&r->raw_ids[lang], raw->id,
			    raw);
			if (old != raw)
				esg_diag_add(d, ESG_ERROR, ESG_K_LINK, 1, raw->pos,
				    r->langs[lang].key, "id '%s' in raw HTML is also "
				    "at %s:%d: ids are unique in the report (print.html "
				    "holds every chapter)", raw->id, old->pos.file,
				    old->pos.line);
		}
	}
}

static void
index_ids(esg_report *r, int lang, esg_diag *d)
{
	for (size_t c = 0; c < r->nchapters; c++) {
		esg_text *t = &r->chapters[c].text[lang];
		if (!t->present)
			continue;
		for (size_t i = 0; i < t->nsections; i++) {
			esg_section *s = &t->sections[i];
			esg_section *old = esg_strmap_put(&r->ids[lang], s->id, s);
			if (old == s)
				continue;
			const esg_text *ot =
			    &r->chapters[old->chapter].text[lang];
			esg_diag_add(d, ESG_ERROR, ESG_K_LINK, 1, s->pos,
			    r->langs[lang].key, "duplicate id '%s'%s (also used "
			    "at %s:%d)", s->id, s->id_generated ?
			    " (generated; give this heading an {#id})" : "",
			    ot->path, old->pos.line);
		}
	}
}

/* Section-level parity: the same ids in every language. A gap is a
 * warning for `build` (authors may still be translating) and an error for
 * `check`. */
static void
compare_sections(esg_report *r, esg_chapter *ch, esg_diag *d)
{
	const esg_text *p = &ch->text[0];
	if (!p->present)
		return;
	for (int l = 1; l < r->nlangs; l++) {
		const esg_text *t = &ch->text[l];
		if (!t->present)
			continue;
		for (size_t i = 1; i < p->nsections; i++) {
			const esg_section *s = esg_find_section(r, l,
			    p->sections[i].id);
			if (s == NULL || s->chapter != p->sections[i].chapter)
				esg_diag_add(d, ESG_WARNING, ESG_K_PARITY, 1,
				    (esg_pos){ t->path, 0, 0 }, r->langs[l].key,
				    "section #%s (%s:%d) has no %s counterpart%s",
				    p->sections[i].id, p->path,
				    p->sections[i].pos.line, r->langs[l].key,
				    p->sections[i].id_generated ? "; give both "
				    "headings the same {#id}" : "");
		}
		for (size_t i = 1; i < t->nsections; i++) {
			const esg_section *s = esg_find_section(r, 0,
			    t->sections[i].id);
			if (s == NULL || s->chapter != t->sections[i].chapter)
				esg_diag_add(d, ESG_WARNING, ESG_K_PARITY, 1,
				    t->sections[i].pos, r->langs[l].key,
				    "section #%s has no %s counterpart%s",
				    t->sections[i].id, r->langs[0].key,
				    t->sections[i].id_generated ? "; give both "
				    "headings the same {#id}" : "");
		}
	}
}

const esg_section *
esg_find_section(const esg_report *r, int lang, const char *id)
{
	return esg_strmap_get(&r->ids[lang], id);
}

void
esg_resolve(esg_report *r, esg_diag *d)
{
	number_chapters(r, d);
	for (size_t c = 0; c < r->nchapters; c++)
		for (int l = 0; l < r->nlangs; l++)
			if (r->chapters[c].text[l].present)
				number_sections(r, &r->chapters[c],
				    &r->chapters[c].text[l]);
	for (int l = 0; l < r->nlangs; l++) {
		index_ids(r, l, d);
		index_raw_ids(r, l, d);
	}
	for (size_t c = 0; c < r->nchapters; c++)
		compare_sections(r, &r->chapters[c], d);
}
