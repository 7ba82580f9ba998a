/* review.c — reviewers' checks: completeness item by item (in
 * resolve_coverage), structural parity, untranslated text, typed figures
 * and data consistency. */
#include "buf.h"
#include "coverage.h"
#include "data.h"
#include "i18n.h"
#include "load.h"
#include "number.h"
#include "resolve.h"
#include "review.h"
#include "shortcode.h"
#include "text.h"

#include <math.h>
#include <stdlib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Structural parity                                                   */

static void
add_use(esg_buf *uses, size_t *nuses, const esg_shortcode *sc)
{
	esg_buf_put(uses, sc->name.ptr, sc->name.len);
	for (int i = 0; i < sc->nargs; i++) {
		esg_buf_putc(uses, ' ');
		esg_buf_put(uses, sc->args[i].ptr, sc->args[i].len);
	}
	esg_buf_putc(uses, '\0');
	(*nuses)++;
}

static int
compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* What must be the same in every language's version of a chapter: its
 * footnotes, tables and shortcode uses, noted in the text node by node
 * (note_shape) and then as a sorted list (note_uses). */
static void
note_shape(esg_text *t, cmark_node *n, esg_buf *uses, size_t *nuses)
{
	cmark_node_type ty = cmark_node_get_type(n);
	if (ty == CMARK_NODE_TEXT) {
		const char *lit = cmark_node_get_literal(n);
		size_t len = strlen(lit), from = 0, off;
		esg_shortcode sc;
		const char *msg;
		while (esg_shortcode_next(lit, len, from, &sc, &off, &msg) == 1) {
			/* {{lang}} marks words of another language, which one
			 * language has and the other need not. */
			if (!esg_slice_is(sc.name, "lang"))
				add_use(uses, nuses, &sc);
			from = sc.end;
		}
	} else if (ty == CMARK_NODE_FOOTNOTE_DEFINITION) {
		t->nfootnotes++;
	} else if ((ty & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK &&
	    ty > CMARK_NODE_FOOTNOTE_DEFINITION &&   /* not a built-in block */
	    strcmp(cmark_node_get_type_string(n), "table") == 0) {
		t->ntables++;
	}
}

static void
note_uses(esg_report *r, esg_text *t, const esg_buf *uses, size_t nuses)
{
	char *all = esg_arena_alloc(&r->arena, uses->len + 1);
	memcpy(all, uses->ptr ? uses->ptr : "", uses->len);
	t->uses = esg_arena_array(&r->arena, nuses ? nuses : 1, sizeof *t->uses);
	t->nuses = nuses;
	for (size_t i = 0, at = 0; i < nuses; i++) {
		t->uses[i] = all + at;
		at += strlen(all + at) + 1;
	}
	if (nuses > 1)
		qsort(t->uses, nuses, sizeof *t->uses, compare_strings);
}

/* Differences between two sorted lists of uses, counted per use. */
static void
compare_uses(esg_report *r, const esg_text *p, int l, const esg_text *t,
    esg_diag *d)
{
	const char *const *pu = p->uses, *const *tu = t->uses;
	size_t i = 0, j = 0;
	while (i < p->nuses || j < t->nuses) {
		const char *u = i < p->nuses && (j >= t->nuses ||
		    strcmp(pu[i], tu[j]) <= 0) ? pu[i] : tu[j];
		size_t a = 0, b = 0;
		while (i < p->nuses && strcmp(pu[i], u) == 0)
			i++, a++;
		while (j < t->nuses && strcmp(tu[j], u) == 0)
			j++, b++;
		if (a != b)
			esg_diag_add(d, ESG_ERROR, ESG_K_PARITY, 1,
			    (esg_pos){ t->path, 0, 0 }, r->langs[l].key,
			    "{{%s}} is used %zu time%s in %s but %zu time%s in %s", u, b,
			    b == 1 ? "" : "s", r->langs[l].key, a, a == 1 ? "" : "s",
			    p->path);
	}
}

static void
structural_parity(esg_report *r, esg_diag *d)
{
	for (size_t c = 0; c < r->nchapters; c++) {
		const esg_text *p = &r->chapters[c].text[0];
		if (!p->present)
			continue;
		for (int l = 1; l < r->nlangs; l++) {
			const esg_text *t = &r->chapters[c].text[l];
			if (!t->present)
				continue;
			/* The same section carries the same number everywhere. */
			for (size_t i = 0; i < t->nsections; i++) {
				const esg_section *s = &t->sections[i];
				const esg_section *o = esg_find_section(r, 0, s->id);
				if (o == NULL || o->chapter != c)
					continue;
				const char *a = s->number ? s->number : "no number";
				const char *b = o->number ? o->number : "no number";
				if (strcmp(a, b) != 0)
					esg_diag_add(d, ESG_ERROR, ESG_K_PARITY, 1, s->pos,
					    r->langs[l].key, "section #%s is %s in %s but %s "
					    "in %s", s->id, a, r->langs[l].key, b, p->path);
			}
			if (t->nfootnotes != p->nfootnotes)
				esg_diag_add(d, ESG_ERROR, ESG_K_PARITY, 1,
				    (esg_pos){ t->path, 0, 0 }, r->langs[l].key, "%zu "
				    "footnote%s here, %zu in %s", t->nfootnotes,
				    t->nfootnotes == 1 ? "" : "s", p->nfootnotes, p->path);
			if (t->ntables != p->ntables)
				esg_diag_add(d, ESG_ERROR, ESG_K_PARITY, 1,
				    (esg_pos){ t->path, 0, 0 }, r->langs[l].key, "%zu "
				    "table%s here, %zu in %s", t->ntables,
				    t->ntables == 1 ? "" : "s", p->ntables, p->path);
			compare_uses(r, p, l, t, d);
		}
	}
}

/* ------------------------------------------------------------------ */
/* Paragraph text                                                      */

/* The words of a paragraph as a reader sees them, without shortcodes
 * (their output is data, not typed text) and without code. */
static void
paragraph_text(cmark_node *para, esg_buf *b)
{
	esg_buf_clear(b);
	/* A walk by hand: paragraphs are many and small, an iterator each
	 * would be an allocation each. */
	cmark_node *n = cmark_node_first_child(para);
	while (n) {
		bool descend = true;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT: {
			const char *lit = cmark_node_get_literal(n);
			size_t len = strlen(lit), from = 0, off;
			esg_shortcode sc;
			const char *msg;
			while (esg_shortcode_next(lit, len, from, &sc, &off, &msg) == 1) {
				esg_buf_put(b, lit + from, sc.start - from);
				esg_buf_putc(b, ' ');
				from = sc.end;
			}
			esg_buf_put(b, lit + from, len - from);
			break;
		}
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			esg_buf_putc(b, ' ');
			break;
		case CMARK_NODE_IMAGE:
			descend = false;
			break;
		default:
			break;
		}
		cmark_node *child = descend ? cmark_node_first_child(n) : NULL;
		if (child) {
			n = child;
			continue;
		}
		while (n != para && cmark_node_next(n) == NULL)
			n = cmark_node_parent(n);
		n = n == para ? NULL : cmark_node_next(n);
	}
}

static bool
is_han(uint32_t cp)
{
	return (cp >= 0x3400 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
	    (cp >= 0x20000 && cp <= 0x3FFFD);
}

typedef struct letters {
	size_t han, latin, longest_han_run;
} letters;

static letters
count_letters(const char *s, size_t len)
{
	letters c = { 0, 0, 0 };
	size_t run = 0, used;
	for (size_t i = 0; i < len; i += used) {
		uint32_t cp = esg_utf8_next(s + i, len - i, &used);
		if (is_han(cp)) {
			c.han++;
			if (++run > c.longest_han_run)
				c.longest_han_run = run;
		} else {
			run = 0;
			if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z'))
				c.latin++;
		}
	}
	return c;
}

/* ------------------------------------------------------------------ */
/* Paragraph notes                                                     */

/* The paragraph heuristics read the trees while the loader has them, but
 * typed figures can only be judged against the values, which are known
 * (derived, summed) after resolving. So what the paragraphs say is noted
 * per chapter, in order, and turned into findings by esg_review(). */
typedef enum note_kind {
	NOTE_CHINESE_IN_ENGLISH,
	NOTE_ENGLISH_IN_CHINESE,
	NOTE_SAME_AS_PRIMARY,
	NOTE_FIGURE,          /* a number in a sentence naming a metric */
} note_kind;

typedef struct esg_paragraph_note {
	note_kind kind;
	int lang;
	esg_pos pos;
	/* NOTE_FIGURE: */
	const esg_metric *metric;
	double value;         /* the number with its 万/million applied */
	double tolerance;     /* half its last typed digit, scaled alike */
	const char *typed;    /* as written (arena) */
} esg_paragraph_note;

typedef struct notes {
	esg_paragraph_note *v;
	size_t n, cap;
} notes;

static esg_paragraph_note *
add_note(notes *ns, note_kind kind, int lang, esg_pos pos)
{
	if (ns->n == ns->cap) {
		ns->cap = ns->cap ? ns->cap * 2 : 16;
		ns->v = esg_xrealloc(ns->v, ns->cap * sizeof *ns->v);
	}
	esg_paragraph_note *note = &ns->v[ns->n++];
	memset(note, 0, sizeof *note);
	note->kind = kind;
	note->lang = lang;
	note->pos = pos;
	return note;
}

/* ------------------------------------------------------------------ */
/* Untranslated text (heuristic)                                       */

/* A Chinese name inside English text is normal; six Han characters in a
 * row rarely is. A Chinese paragraph of forty Latin letters and no Han
 * character is English. A paragraph identical in two languages, with real
 * words in it, was not translated. */
#define HAN_RUN_IN_ENGLISH 6
#define LATIN_IN_CHINESE 40
#define IDENTICAL_MIN_LETTERS 12

/* The primary language's paragraphs of a chapter, by fingerprint: the
 * other languages' are looked up once they are all in. */
typedef struct paragraph_set {
	uint64_t *v;
	size_t n, cap;
	bool sorted;
} paragraph_set;

static int
compare_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static void
set_add(paragraph_set *set, uint64_t h)
{
	if (set->n == set->cap) {
		set->cap = set->cap ? set->cap * 2 : 64;
		set->v = esg_xrealloc(set->v, set->cap * sizeof *set->v);
	}
	set->v[set->n++] = h;
	set->sorted = false;
}

static bool
set_has(paragraph_set *set, uint64_t h)
{
	if (!set->sorted && set->n > 1)
		qsort(set->v, set->n, sizeof *set->v, compare_u64);
	set->sorted = true;
	return set->n && bsearch(&h, set->v, set->n, sizeof h, compare_u64);
}

static void
untranslated(esg_report *r, notes *ns, const esg_text *t, cmark_node *n,
    int l, const esg_buf *b, paragraph_set *primary)
{
	esg_script script = esg_script_of(r->langs[l].tag);
	const char *text = esg_buf_cstr(b);
	letters lt = count_letters(text, b->len);
	esg_pos pos = esg_node_pos(t, n);
	if (script == ESG_SCRIPT_EN && lt.longest_han_run >= HAN_RUN_IN_ENGLISH)
		add_note(ns, NOTE_CHINESE_IN_ENGLISH, l, pos);
	else if (script != ESG_SCRIPT_EN && lt.han == 0 &&
	    lt.latin >= LATIN_IN_CHINESE)
		add_note(ns, NOTE_ENGLISH_IN_CHINESE, l, pos);
	if (lt.han + lt.latin < IDENTICAL_MIN_LETTERS)
		return;
	/* 64-bit fingerprints: two different paragraphs share one about
	 * once in 10^19 pairs. */
	uint64_t h = esg_hash64(text, b->len);
	if (l == 0)
		set_add(primary, h);
	else if (set_has(primary, h))
		add_note(ns, NOTE_SAME_AS_PRIMARY, l, pos);
}

/* ------------------------------------------------------------------ */
/* Figures typed instead of {{kpi}} (heuristic)                        */

/* A number written in a sentence that names a metric, close to one of the
 * metric's values (within a factor of two, after 万/亿/thousand/million
 * words): either the same figure typed by hand, which will drift, or a
 * stale one. Numbers far from the metric's values are other quantities
 * and left alone; so are years and numbers under 100 without decimals. */
typedef struct typed_number {
	double value;
	int decimals;
	size_t start, end;
} typed_number;

static double
magnitude_after(const char *s, size_t len)
{
	while (len > 0 && *s == ' ')
		s++, len--;
	static const struct { const char *word; double factor; } words[] = {
		{ "万", 1e4 }, { "萬", 1e4 }, { "亿", 1e8 }, { "億", 1e8 },
		{ "千", 1e3 }, { "thousand", 1e3 }, { "million", 1e6 },
		{ "billion", 1e9 }, { "百万", 1e6 }, { "百萬", 1e6 },
	};
	for (size_t i = 0; i < sizeof words / sizeof words[0]; i++) {
		size_t n = strlen(words[i].word);
		if (len >= n && strncmp(s, words[i].word, n) == 0)
			return words[i].factor;
	}
	return 1;
}

/* The next number in s[from..len): digits with thousands commas and a
 * decimal part. */
static bool
next_number(const char *s, size_t len, size_t *from, typed_number *out)
{
	size_t i = *from;
	while (i < len && !(s[i] >= '0' && s[i] <= '9'))
		i++;
	if (i >= len)
		return false;
	size_t start = i, digits = 0;
	char buf[64];
	size_t k = 0;
	int decimals = -1;
	while (i < len && k + 1 < sizeof buf) {
		char ch = s[i];
		if (ch >= '0' && ch <= '9') {
			buf[k++] = ch;
			digits++;
			if (decimals >= 0)
				decimals++;
		} else if (ch == ',' && decimals < 0 && i + 1 < len &&
		    s[i + 1] >= '0' && s[i + 1] <= '9') {
			/* a thousands separator */
		} else if (ch == '.' && decimals < 0 && i + 1 < len &&
		    s[i + 1] >= '0' && s[i + 1] <= '9') {
			buf[k++] = '.';
			decimals = 0;
		} else {
			break;
		}
		i++;
	}
	buf[k] = '\0';
	*from = i;
	out->value = strtod(buf, NULL);
	out->decimals = decimals < 0 ? 0 : decimals;
	/* A minus sign before it (ASCII, U+2212 as the pages write it, or
	 * the full-width one): -420,000 is not the 420,000 of the data. */
	static const char *const minus[] = { "-", "\u2212", "\uff0d", NULL };
	for (size_t m = 0; minus[m]; m++) {
		size_t ml = strlen(minus[m]);
		/* Any minus right after a digit is a range's dash
		 * ("400,000－420,000"). The ASCII hyphen is a minus only
		 * where a sign can stand: at the start, after a space, an
		 * opening bracket, '=' or a colon; after anything else
		 * ("400,000吨-420,000吨", "2024年-") it is a dash. */
		bool dash = start > ml && s[start - ml - 1] >= '0' &&
		    s[start - ml - 1] <= '9';
		if (!dash && m == 0 && start >= 2) {
			unsigned char c = (unsigned char)s[start - 2];
			dash = !(c == ' ' || c == '\t' || c == '\n' || c == '(' ||
			    c == '[' || c == '=' || c == ':');
			/* （ and ： (U+FF08, U+FF1A: EF BC 88, EF BC 9A) */
			if (dash && start >= 4 && (unsigned char)s[start - 4] == 0xEF &&
			    (unsigned char)s[start - 3] == 0xBC && (c == 0x88 ||
			    c == 0x9A))
				dash = false;
		}
		if (!dash && start >= ml &&
		    memcmp(s + start - ml, minus[m], ml) == 0) {
			out->value = -out->value;
			start -= ml;
			break;
		}
	}
	out->start = start;
	out->end = i;
	(void)digits;
	return true;
}

static bool
worth_checking(const typed_number *n)
{
	if (n->decimals == 0 && fabs(n->value) < 100)
		return false;
	if (n->decimals == 0 && n->value >= 1900 && n->value <= 2100 &&
	    n->end - n->start == 4)
		return false;   /* a year */
	return true;
}

/* Metric labels by their first LABEL_KEY bytes, so that finding which
 * labels a sentence names costs a lookup per position, not a search per
 * metric: the check stays linear in the size of the report. */
#define LABEL_KEY 6

typedef struct label_index {
	uint64_t *keys;       /* 0 = empty slot */
	size_t *first;        /* first metric (index into next[]) per slot */
	size_t *next;         /* next metric with the same key, or SIZE_MAX */
	size_t cap;
} label_index;

static uint64_t
label_key(const char *s)
{
	uint64_t k = 1;   /* never 0 */
	for (int i = 0; i < LABEL_KEY; i++)
		k = (k << 8) | (unsigned char)s[i];
	return k;
}

static size_t
slot_of(const label_index *x, uint64_t key)
{
	size_t i = (size_t)((key * 0x9E3779B97F4A7C15ull) >> 20) & (x->cap - 1);
	while (x->keys[i] && x->keys[i] != key)
		i = (i + 1) & (x->cap - 1);
	return i;
}

static void
label_index_build(label_index *x, const esg_data *data, int lang)
{
	x->cap = 16;
	while (x->cap < 2 * data->nmetrics + 2)
		x->cap *= 2;
	x->keys = calloc(x->cap, sizeof *x->keys);
	x->first = malloc(x->cap * sizeof *x->first);
	x->next = malloc((data->nmetrics + 1) * sizeof *x->next);
	if (!x->keys || !x->first || !x->next)
		abort();
	/* Backwards, so each chain lists metrics in data order. */
	for (size_t k = data->nmetrics; k-- > 0; ) {
		const char *label = esg_lstr_get(&data->metrics[k]->label, lang);
		x->next[k] = SIZE_MAX;
		if (strlen(label) < LABEL_KEY)
			continue;
		size_t i = slot_of(x, label_key(label));
		if (x->keys[i])
			x->next[k] = x->first[i];
		x->keys[i] = label_key(label);
		x->first[i] = k;
	}
}

static void
label_index_free(label_index *x)
{
	free(x->keys);
	free(x->first);
	free(x->next);
}

static bool
has_number_worth_checking(const char *s, size_t len)
{
	size_t from = 0;
	typed_number num;
	while (next_number(s, len, &from, &num))
		if (worth_checking(&num))
			return true;
	return false;
}

/* One sentence: for each metric it names (in data order), each number in
 * it worth checking, noted to be judged against the metric's values. */
static void
check_sentence(esg_report *r, notes *ns, const esg_text *t, cmark_node *n,
    int l, const char *sentence, size_t slen, const label_index *x,
    bool *named, size_t *list)
{
	const esg_data *data = r->data;
	size_t nlist = 0;
	for (size_t i = 0; i + LABEL_KEY <= slen; i++) {
		if (((unsigned char)sentence[i] & 0xC0) == 0x80)
			continue;   /* labels start at a character */
		size_t slot = slot_of(x, label_key(sentence + i));
		if (x->keys[slot] == 0)
			continue;
		for (size_t k = x->first[slot]; k != SIZE_MAX; k = x->next[k]) {
			const char *label = esg_lstr_get(&data->metrics[k]->label, l);
			size_t ll = strlen(label);
			if (!named[k] && i + ll <= slen &&
			    memcmp(sentence + i, label, ll) == 0) {
				named[k] = true;
				list[nlist++] = k;
			}
		}
	}
	/* In data order, as a search metric by metric would find them. */
	for (size_t a = 1; a < nlist; a++)
		for (size_t b = a; b > 0 && list[b - 1] > list[b]; b--) {
			size_t tmp = list[b];
			list[b] = list[b - 1];
			list[b - 1] = tmp;
		}
	for (size_t j = 0; j < nlist; j++) {
		size_t k = list[j];
		named[k] = false;
		size_t from = 0;
		typed_number num;
		while (next_number(sentence, slen, &from, &num)) {
			if (!worth_checking(&num))
				continue;
			double v = num.value * magnitude_after(sentence + num.end,
			    slen - num.end);
			esg_paragraph_note *note = add_note(ns, NOTE_FIGURE, l,
			    esg_node_pos(t, n));
			note->metric = data->metrics[k];
			note->value = v;
			note->tolerance = 0.5 * pow(10, -num.decimals) *
			    (v / num.value);
			note->typed = esg_arena_strndup(&r->arena,
			    sentence + num.start, num.end - num.start);
		}
	}
}

/* A figure noted in a sentence, judged against the metric's values: the
 * same figure typed by hand, or close to a value (within a factor of two)
 * but different. */
static void
judge_figure(esg_report *r, esg_diag *d, const esg_paragraph_note *note,
    esg_buf *q)
{
	const esg_metric *m = note->metric;
	int l = note->lang;
	const char *label = esg_lstr_get(&m->label, l);
	double v = note->value;
	bool same = false, near = false;
	int near_year = 0;
	double near_value = 0, best = 0;
	for (size_t y = 0; y < m->nvalues; y++) {
		double mv = m->values[y].value;
		if (fabs(mv - v) <= note->tolerance + 1e-9 * fabs(mv))
			same = true;
		else if (mv != 0 && fabs(v / mv) >= 0.5 && fabs(v / mv) <= 2 &&
		    (!near || fabs(log(fabs(v / mv))) < best)) {
			/* The closest value is the one the figure was probably
			 * meant to be (its sign too: -420,000 for 420,000). */
			near = true;
			best = fabs(log(fabs(v / mv)));
			near_year = m->values[y].year;
			near_value = mv;
		}
	}
	if (same)
		esg_hint(d, ESG_K_DATA, note->pos, r->langs[l].key, "'%s' next to "
		    "'%s' is typed by hand: write {{kpi %s}} so it follows the "
		    "data", note->typed, label, m->id);
	else if (near) {
		esg_buf_clear(q);
		esg_quantity(q, near_value, m->decimals, m->unit, r->langs[l].tag);
		esg_hint(d, ESG_K_DATA, note->pos, r->langs[l].key, "'%s' next to "
		    "'%s' differs from the data (%s in %d): write {{kpi %s}}",
		    note->typed, label, esg_buf_cstr(q), near_year, m->id);
	}
}

/* A paragraph, sentence by sentence. */
static void
typed_figures(esg_report *r, notes *ns, const esg_text *t, cmark_node *n,
    int l, const esg_buf *b, const label_index *x, bool *named, size_t *list)
{
	const char *text = esg_buf_cstr(b);
	size_t s0 = 0, len = b->len;
	if (memchr(text, '0', len) == NULL && strpbrk(text, "123456789") == NULL)
		return;
	while (s0 < len) {
		size_t s1 = s0;
		while (s1 < len) {
			size_t used;
			uint32_t cp = esg_utf8_next(text + s1, len - s1, &used);
			s1 += used;
			if (cp == 0x3002 || cp == 0xFF01 || cp == 0xFF1F ||
			    cp == '!' || cp == '?' || cp == ';' || cp == 0xFF1B ||
			    (cp == '.' && (s1 >= len || text[s1] == ' ')))
				break;
		}
		if (has_number_worth_checking(text + s0, s1 - s0))
			check_sentence(r, ns, t, n, l, text + s0, s1 - s0, x, named,
			    list);
		s0 = s1;
	}
}

/* ------------------------------------------------------------------ */
/* Data consistency                                                    */

static void
data_checks(esg_report *r, esg_diag *d)
{
	esg_data *data = r->data;
	if (data == NULL)
		return;
	int year = data->reporting_year;
	double v;
	/* A year of a shown table given as null: a gap the author knows of.
	 * (One that is not written down is a warning of esg_resolve_data.) */
	for (size_t i = 0; i < data->ntables; i++) {
		const esg_table *t = data->tables[i];
		if (t->place.chapter == ESG_NO_CHAPTER)
			continue;
		for (size_t k = 0; k < t->nrows; k++) {
			const esg_metric *m = t->rows[k].metric.metric;
			if (t->rows[k].kind != ESG_ROW_METRIC || m == NULL)
				continue;
			for (size_t y = 0; y < t->nyears; y++)
				if (!esg_metric_value(m, t->years[y], &v) &&
				    esg_metric_gap_known(m, t->years[y]))
					esg_hint(d, ESG_K_DATA, t->rows[k].metric.pos, NULL,
					    "table %s: %s has no value for %d (null: shown "
					    "as — with a note)", t->id, m->id, t->years[y]);
		}
	}
	/* A metric that is an index location needs a value for the year the
	 * report is about; an omission as not applicable contradicts a value. */
	for (size_t i = 0; i < data->nmetrics; i++) {
		const esg_metric *m = data->metrics[i];
		if (m->ncovers == 0)
			continue;
		bool has = esg_metric_value(m, year, &v);
		if (m->nlinks && !has)
			esg_error(d, ESG_K_DATA, m->covers[0].pos, "%s is an index "
			    "location but has no value for %d", m->id, year);
		for (size_t k = 0; k < m->ncovers; k++) {
			const esg_framework *fw = esg_report_framework(r,
			    m->covers[k].framework);
			const esg_entry *e = fw && fw->cov ?
			    esg_strmap_get(&fw->cov->by_key, m->covers[k].code) : NULL;
			if (e && e->omit && has && e->omit->reason &&
			    strcmp(e->omit->reason, "not-applicable") == 0)
				esg_error(d, ESG_K_DATA, e->omit->pos, "%s %s is omitted as "
				    "not applicable, but %s, which covers it, has a value "
				    "for %d", fw->key, e->key, m->id, year);
		}
	}
	/* The same metric twice: one label, two units; in any language (a
	 * translator may give two metrics one name). */
	for (int l = 0; l < r->nlangs; l++) {
		esg_strmap labels = ESG_STRMAP_INIT;
		for (size_t i = 0; i < data->nmetrics; i++) {
			const esg_metric *m = data->metrics[i];
			const char *label = m->label.v[l];
			if (label == NULL || *label == '\0')
				continue;
			const esg_metric *o = esg_strmap_put(&labels, label,
			    (void *)m);
			if (o != m && o->unit && m->unit && o->unit != m->unit)
				esg_diag_add(d, ESG_ERROR, ESG_K_DATA, 1, m->pos,
				    r->nlangs > 1 ? r->langs[l].key : NULL, "%s and %s "
				    "have the same label '%s' but different units "
				    "(%s, %s)", o->id, m->id, label, o->unit->key,
				    m->unit->key);
		}
		esg_strmap_free(&labels);
	}
}

/* The heuristics that read paragraphs, run by the loader on each chapter
 * while its trees exist (esg_review_visit): each paragraph's words are
 * taken once, the primary language's first, to spot a copy. */
typedef struct esg_review_reader {
	bool figures;
	label_index *labels;          /* per language; read only */
	size_t nmetrics;
} esg_review_reader;

static esg_review_reader *
reader_new(const esg_report *r)
{
	esg_review_reader *rr = esg_xcalloc(1, sizeof *rr);
	const esg_data *data = r->data;
	rr->figures = data && data->nmetrics;
	if (rr->figures) {
		rr->nmetrics = data->nmetrics;
		rr->labels = esg_xcalloc((size_t)r->nlangs, sizeof *rr->labels);
		for (int l = 0; l < r->nlangs; l++)
			label_index_build(&rr->labels[l], data, l);
	}
	return rr;
}

static void
reader_free(esg_review_reader *rr, const esg_report *r)
{
	if (rr == NULL)
		return;
	for (int l = 0; rr->figures && l < r->nlangs; l++)
		label_index_free(&rr->labels[l]);
	free(rr->labels);
	free(rr);
}

static void
read_chapter(void *ctx, esg_report *r, size_t c, const esg_tree *trees)
{
	esg_review_reader *rr = ctx;
	esg_chapter *ch = &r->chapters[c];
	notes ns = { NULL, 0, 0 };
	esg_buf b = ESG_BUF_INIT;
	bool *named = rr->figures ? esg_xcalloc(rr->nmetrics, sizeof *named) :
	    NULL;
	size_t *list = rr->figures ? esg_xcalloc(rr->nmetrics, sizeof *list) :
	    NULL;
	paragraph_set primary = { NULL, 0, 0, false };
	esg_buf uses = ESG_BUF_INIT;   /* NUL-separated */
	for (int l = 0; l < r->nlangs; l++) {
		esg_text *t = &ch->text[l];
		if (!t->present || trees[l].doc == NULL)
			continue;
		size_t nuses = 0;
		esg_buf_clear(&uses);
		t->nfootnotes = t->ntables = 0;
		cmark_iter *it = cmark_iter_new(trees[l].doc);
		cmark_event_type ev;
		while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
			cmark_node *n = cmark_iter_get_node(it);
			if (ev != CMARK_EVENT_ENTER)
				continue;
			if (cmark_node_get_type(n) != CMARK_NODE_PARAGRAPH) {
				note_shape(t, n, &uses, &nuses);
				continue;
			}
			paragraph_text(n, &b);
			untranslated(r, &ns, t, n, l, &b, &primary);
			if (rr->figures)
				typed_figures(r, &ns, t, n, l, &b, &rr->labels[l], named,
				    list);
		}
		cmark_iter_free(it);
		note_uses(r, t, &uses, nuses);
	}
	free(primary.v);
	esg_buf_free(&uses);
	esg_buf_free(&b);
	free(named);
	free(list);
	ch->notes = esg_arena_array(&r->arena, ns.n ? ns.n : 1, sizeof *ns.v);
	if (ns.n)
		memcpy(ch->notes, ns.v, ns.n * sizeof *ns.v);
	ch->nnotes = ns.n;
	free(ns.v);
}

/* The findings in chapter c's paragraphs, in the order they were read. */
static void
paragraph_findings(esg_report *r, esg_diag *d, size_t c, esg_buf *q)
{
	const esg_chapter *ch = &r->chapters[c];
	for (size_t i = 0; i < ch->nnotes; i++) {
		const esg_paragraph_note *note = &ch->notes[i];
		const char *key = r->langs[note->lang].key;
		switch (note->kind) {
		case NOTE_CHINESE_IN_ENGLISH:
			esg_hint(d, ESG_K_PARITY, note->pos, key, "Chinese text in "
			    "the %s edition: not translated?", key);
			break;
		case NOTE_ENGLISH_IN_CHINESE:
			esg_hint(d, ESG_K_PARITY, note->pos, key, "English text in "
			    "the %s edition: not translated?", key);
			break;
		case NOTE_SAME_AS_PRIMARY:
			esg_hint(d, ESG_K_PARITY, note->pos, key, "this paragraph is "
			    "the same as in %s: not translated?", ch->text[0].path);
			break;
		case NOTE_FIGURE:
			judge_figure(r, d, note, q);
			break;
		}
	}
}

void
esg_review_load(esg_report *r, esg_diag *d)
{
	/* The data first, as the paragraphs are read against it; its
	 * problems are still reported after the chapters'. */
	esg_diag data_d = ESG_DIAG_INIT;
	data_d.check = d->check;
	esg_load_data(r, &data_d);
	esg_review_reader *rr = reader_new(r);
	esg_load_chapters(r, d, read_chapter, rr);
	reader_free(rr, r);
	esg_diag_merge(d, &data_d);
}

void
esg_review(esg_report *r, esg_diag *d)
{
	structural_parity(r, d);
	data_checks(r, d);
	esg_buf q = ESG_BUF_INIT;
	for (size_t c = 0; c < r->nchapters; c++)
		paragraph_findings(r, d, c, &q);
	esg_buf_free(&q);
}
