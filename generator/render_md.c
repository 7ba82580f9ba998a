/* render_md.c — a chapter's cmark tree into a libxml2 <article>. */
#include "buf.h"
#include "coverage.h"
#include "data.h"
#include "dom.h"
#include "fsutil.h"
#include "i18n.h"
#include "load.h"
#include "render.h"
#include "resolve.h"
#include "shortcode.h"
#include "text.h"

#include <cmark-gfm-core-extensions.h>
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <stdlib.h>
#include <string.h>

typedef struct md {
	esg_render *rc;
	esg_report *r;
	size_t chapter;
	const esg_chapter *ch;
	const esg_text *t;
	const esg_tree *tree;   /* t parsed, with its section headings */
	esg_col_memo *col_memo; /* positions in tree, counted in reading order */
	int nfn;            /* footnote definitions, numbered 1..nfn */
	int *fn_total;      /* references to each footnote */
	int *fn_seen;       /* references rendered so far */
	int link_depth;     /* > 0 inside a link */
	int table_col;      /* column of the next table cell */
	uint8_t *table_align;
	uint16_t table_cols;
	int ntables;        /* tables so far: ids for their captions */
	esg_strmap shown;   /* "table/ID", "index/KEY": blocks shown so far */
	size_t titles_left; /* bytes of section titles it may still repeat */
	bool titles_spent;  /* and that they ran out has been reported */
	const esg_section *section;   /* the section being rendered */
	const esg_section *captioned; /* the section of the last made-up caption */
	int section_tables;           /* made-up captions in that section */
	cmark_node *caption;          /* the caption paragraph being rendered */
	/* unsafe_html: raw inline pieces of the block being spliced */
	bool splicing;
	const char **raw;
	size_t nraw, raw_cap;
} md;

static void render_tree(md *m, cmark_node *root, xmlNodePtr parent);

static const char *
lang_key(const md *m)
{
	return m->r->langs[m->rc->lang].key;
}

static const char *
tag(const md *m)
{
	return m->r->langs[m->rc->lang].tag;
}

static esg_pos
pos_of(const md *m, cmark_node *n)
{
	return esg_tree_pos(m->t, m->tree, n, m->col_memo);
}

/* ------------------------------------------------------------------ */
/* Links                                                               */

const char *
esg_href_section(esg_render *rc, const esg_section *s)
{
	const esg_chapter *ch = &rc->r->chapters[s->chapter];
	if (rc->single || s->chapter == rc->page_chapter)
		return esg_arena_printf(&rc->r->arena, "#%s", s->id);
	if (s->depth == 0)
		return esg_arena_printf(&rc->r->arena, "%s.html", ch->slug);
	return esg_arena_printf(&rc->r->arena, "%s.html#%s", ch->slug, s->id);
}

const char *
esg_href_chapter(esg_render *rc, size_t chapter)
{
	const esg_chapter *ch = &rc->r->chapters[chapter];
	if (rc->single) {
		const esg_text *t = &ch->text[rc->lang];
		return esg_arena_printf(&rc->r->arena, "#%s",
		    t->nsections ? t->sections[0].id : ch->slug);
	}
	return esg_arena_printf(&rc->r->arena, "%s.html", ch->slug);
}

void
esg_render_label(xmlNodePtr parent, const esg_section *s)
{
	esg_render_label_titled(parent, s, s->title);
}

void
esg_render_label_titled(xmlNodePtr parent, const esg_section *s,
    const char *title)
{
	if (s->number) {
		xmlNodePtr num = esg_el_text(parent, "span", s->number);
		esg_set(num, "class", "secnum");
		esg_add_text(parent, " ");
	}
	esg_add_text(parent, title);
}

static int
hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* cmark percent-encodes URLs; the file system wants the real name. */
static char *
percent_decode(esg_arena *a, const char *s, size_t n)
{
	char *out = esg_arena_alloc(a, n + 1), *o = out;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n &&
		    hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
			*o++ = (char)(hexval(s[i + 1]) * 16 + hexval(s[i + 2]));
			i += 2;
		} else {
			*o++ = s[i];
		}
	}
	*o = '\0';
	return out;
}

static bool
has_scheme(const char *url, size_t *len)
{
	const char *p = url;
	if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
		return false;
	while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
	    (*p >= '0' && *p <= '9') || *p == '+' || *p == '-' || *p == '.')
		p++;
	if (*p != ':')
		return false;
	*len = (size_t)(p - url);
	return true;
}

static const esg_chapter *
chapter_by_file(const esg_report *r, const char *file, size_t *index)
{
	for (size_t c = 0; c < r->nchapters; c++)
		if (strcmp(r->chapters[c].file, file) == 0) {
			*index = c;
			return &r->chapters[c];
		}
	return NULL;
}

/* A link to a chapter file: "07-climate.md#targets", "../en/07-climate.md". */
static const char *
resolve_md_link(md *m, const char *path, size_t plen, const char *frag,
    esg_pos pos)
{
	esg_report *r = m->r;
	int lang = m->rc->lang;
	char *p = percent_decode(&r->arena, path, plen);
	if (strncmp(p, "./", 2) == 0)
		p += 2;
	if (strncmp(p, "../", 3) == 0) {
		char *slash = strchr(p + 3, '/');
		if (slash == NULL) {
			esg_error(m->rc->d, ESG_K_LINK, pos, "link to '%s': write "
			    "chapter links as FILE.md or ../LANG/FILE.md", p);
			return NULL;
		}
		*slash = '\0';
		lang = esg_report_lang(r, p + 3);
		if (lang < 0) {
			esg_error(m->rc->d, ESG_K_LINK, pos, "link to '../%s/…': "
			    "'%s' is not a language of this report", p + 3, p + 3);
			return NULL;
		}
		p = slash + 1;
	}
	size_t c;
	if (strchr(p, '/') || chapter_by_file(r, p, &c) == NULL) {
		esg_error(m->rc->d, ESG_K_LINK, pos, "link to '%s': no chapter "
		    "file of that name", p);
		return NULL;
	}
	const char *prefix = lang == m->rc->lang ? "" :
	    esg_arena_printf(&r->arena, "../%s/", r->langs[lang].key);
	if (frag && *frag) {
		const esg_section *s = esg_find_section(r, lang, frag);
		if (s == NULL) {
			esg_error(m->rc->d, ESG_K_LINK, pos, "link to '%s#%s': no "
			    "section has id '%s' in %s", p, frag, frag,
			    r->langs[lang].key);
			return NULL;
		}
		if (lang == m->rc->lang)
			return esg_href_section(m->rc, s);
		return esg_arena_printf(&r->arena, "%s%s.html#%s", prefix,
		    r->chapters[s->chapter].slug, s->id);
	}
	if (lang == m->rc->lang)
		return esg_href_chapter(m->rc, c);
	return esg_arena_printf(&r->arena, "%s%s.html", prefix,
	    r->chapters[c].slug);
}

/* A file under SOURCE/media: "media/x.pdf" or "../media/x.pdf". */
static const char *
resolve_media(md *m, const char *url, esg_pos pos)
{
	esg_report *r = m->r;
	const char *rel = strncmp(url, "../", 3) == 0 ? url + 3 : url;
	rel += strlen("media/");
	size_t n = strcspn(rel, "?#");
	char *file = percent_decode(&r->arena, rel, n);
	bool bad = *file == '\0' || *file == '/' || strcmp(file, "..") == 0 ||
	    strncmp(file, "../", 3) == 0 || strstr(file, "/../") != NULL ||
	    (strlen(file) >= 3 && strcmp(file + strlen(file) - 3, "/..") == 0);
	if (bad) {
		esg_error(m->rc->d, ESG_K_LINK, pos, "'%s' must name a file "
		    "inside media/", url);
		return NULL;
	}
	char *path = esg_path_join(&r->arena,
	    esg_path_join(&r->arena, r->source, "media"), file);
	if (!esg_is_file(path)) {
		esg_error(m->rc->d, ESG_K_LINK, pos, "'%s': no such file %s",
		    url, path);
		return NULL;
	}
	return esg_arena_printf(&r->arena, "../media/%s", rel);
}

/* The href to write for a link or image URL as the author wrote it, or
 * NULL when the link cannot be kept (the problem is reported). */
static const char *
resolve_url(md *m, const char *url, esg_pos pos, bool image)
{
	esg_report *r = m->r;
	size_t slen;
	if (*url == '\0') {
		esg_warning(m->rc->d, ESG_K_LINK, pos, "empty link target");
		return NULL;
	}
	if (url[0] == '#') {
		if (image) {
			esg_error(m->rc->d, ESG_K_LINK, pos, "an image cannot be '%s'",
			    url);
			return NULL;
		}
		const esg_section *s = esg_find_section(r, m->rc->lang, url + 1);
		const esg_framework *owner = s ? NULL : esg_strmap_get(&r->anchors,
		    url + 1);
		if (owner)
			return esg_href_anchor(m->rc, owner, url + 1);
		const esg_metric *kpi = s == NULL && strncmp(url, "#kpi-", 5) == 0 ?
		    esg_metric_find(r, url + 5) : NULL;
		const char *kpi_href = kpi ? esg_href_kpi(m->rc, kpi) : NULL;
		if (kpi_href)
			return kpi_href;
		const esg_raw_id *raw = s ? NULL :
		    esg_strmap_get(&r->raw_ids[m->rc->lang], url + 1);
		if (raw)
			return m->rc->single || raw->chapter == m->rc->page_chapter ?
			    url : esg_arena_printf(&r->arena, "%s.html%s",
			    r->chapters[raw->chapter].slug, url);
		if (s == NULL) {
			esg_diag_add(m->rc->d, ESG_ERROR, ESG_K_LINK, 1, pos,
			    lang_key(m), "link target %s does not exist in %s "
			    "(no heading has {%s})", url, lang_key(m), url);
			return NULL;
		}
		return esg_href_section(m->rc, s);
	}
	if (has_scheme(url, &slen)) {
		static const char *const allowed[] = { "http", "https", "mailto",
		    "tel", NULL };
		for (size_t i = 0; allowed[i]; i++)
			if (strlen(allowed[i]) == slen &&
			    strncasecmp(url, allowed[i], slen) == 0) {
				if (i < 2)
					esg_report_external(r, url, pos);
				return url;
			}
		esg_error(m->rc->d, ESG_K_LINK, pos, "'%.*s:' links are not "
		    "allowed (only http, https, mailto and tel)", (int)slen, url);
		return NULL;
	}
	if (strncmp(url, "//", 2) == 0) {
		esg_report_external(r, esg_arena_printf(&r->arena, "https:%s", url),
		    pos);
		return url;
	}
	if (strncmp(url, "media/", 6) == 0 || strncmp(url, "../media/", 9) == 0)
		return resolve_media(m, url, pos);
	/* The downloads esgsite writes itself. */
	static const char *const downloads[] = { "data/kpi.csv",
	    "data/kpi.json", NULL };
	for (size_t i = 0; downloads[i]; i++)
		if (strcmp(url, downloads[i]) == 0 ||
		    (strncmp(url, "../", 3) == 0 && strcmp(url + 3, downloads[i]) == 0))
			return esg_arena_printf(&r->arena, "../%s", downloads[i]);
	size_t plen = strcspn(url, "?#");
	if (plen >= 3 && strncmp(url + plen - 3, ".md", 3) == 0 && !image) {
		const char *frag = url[plen] == '#' ? url + plen + 1 : NULL;
		return resolve_md_link(m, url, plen, frag, pos);
	}
	esg_error(m->rc->d, ESG_K_LINK, pos, "link to '%s' cannot be checked: "
	    "use #id, a chapter file (07-climate.md), media/FILE or a full "
	    "https:// address", url);
	return NULL;
}

/* ------------------------------------------------------------------ */
/* Shortcodes                                                          */

typedef enum shortcode_kind {
	SC_REF,
	SC_KPI,
	SC_TABLE,
	SC_CHART,
	SC_HIGHLIGHTS,
	SC_INDEX,
	SC_LANG,
	SC_COUNT,
	SC_UNKNOWN = -1
} shortcode_kind;

static const struct {
	const char *name;
	bool block;      /* must stand alone in its paragraph */
} shortcodes[SC_COUNT] = {
	[SC_REF] = { "ref", false },
	[SC_KPI] = { "kpi", false },
	[SC_TABLE] = { "table", true },
	[SC_CHART] = { "chart", true },
	[SC_HIGHLIGHTS] = { "highlights", true },
	[SC_INDEX] = { "index", true },
	[SC_LANG] = { "lang", false },
};

static shortcode_kind
shortcode_lookup(esg_slice name)
{
	for (int i = 0; i < SC_COUNT; i++)
		if (esg_slice_is(name, shortcodes[i].name))
			return (shortcode_kind)i;
	return SC_UNKNOWN;
}

static esg_pos
text_offset_pos(const md *m, cmark_node *n, const char *lit, size_t off,
    esg_lit_count *counted)
{
	esg_pos p = pos_of(m, n);
	size_t chars = esg_lit_chars(lit, off, counted);
	/* A text without a position of its own has its paragraph's, which
	 * it may not start at. */
	if (p.col > 0 && cmark_node_get_start_line(n) > 0)
		p.col += (int)chars;
	return p;
}

/* Section titles an article may repeat ({{ref}} labels, the captions of
 * tables without one): this much, or four times the chapter's size if
 * more. Bounded as cmark bounds what reference links expand to: without
 * it a short file could repeat one long heading into gigabytes. */
#define TITLE_REPEAT_MIN ((size_t)1 << 20)

static size_t
title_repeat_budget(const esg_text *t)
{
	return 4 * t->body_len > TITLE_REPEAT_MIN ? 4 * t->body_len :
	    TITLE_REPEAT_MIN;
}

/* Whether the article may repeat len more bytes of section titles; the
 * first time it may not is an error at pos. */
static bool
may_repeat_title(md *m, size_t len, esg_pos pos, const char *what)
{
	if (len <= m->titles_left) {
		m->titles_left -= len;
		return true;
	}
	if (!m->titles_spent) {
		m->titles_spent = true;
		esg_error(m->rc->d, ESG_K_SYNTAX, pos, "%s: this chapter repeats "
		    "section titles ({{ref}} labels, captions of tables without "
		    "one) beyond %zu KB, four times its size or 1 MB; shorten "
		    "the long headings or refer to them less", what,
		    title_repeat_budget(m->t) >> 10);
	}
	return false;
}

static void
render_ref(md *m, const esg_shortcode *sc, esg_pos pos, xmlNodePtr cur)
{
	if (sc->nargs != 1) {
		esg_error(m->rc->d, ESG_K_SYNTAX, pos, "{{ref}} takes one "
		    "section id: {{ref emissions}}");
		return;
	}
	char *id = esg_arena_strndup(&m->r->arena, sc->args[0].ptr,
	    sc->args[0].len);
	if (m->link_depth > 0) {
		esg_error(m->rc->d, ESG_K_LINK, pos, "{{ref %s}} is itself a "
		    "link and cannot be inside another link", id);
		return;
	}
	const esg_section *s = esg_find_section(m->r, m->rc->lang, id);
	if (s == NULL) {
		esg_diag_add(m->rc->d, ESG_ERROR, ESG_K_LINK, 1, pos, lang_key(m),
		    "{{ref %s}}: no section has id '%s' in %s", id, id,
		    lang_key(m));
		esg_add_text(cur, id);
		return;
	}
	xmlNodePtr a = esg_el(cur, "a");
	esg_set(a, "class", "ref");
	esg_set(a, "href", esg_href_section(m->rc, s));
	if (may_repeat_title(m, strlen(s->title) + (s->number ?
	    strlen(s->number) : 0), pos, esg_arena_printf(&m->r->arena,
	    "{{ref %s}}", id)))
		esg_render_label(a, s);
	else
		esg_add_text(a, id);
}

/* {{kpi METRIC [YEAR]}} */
static void
render_kpi_here(md *m, const esg_shortcode *sc, esg_pos pos, xmlNodePtr cur)
{
	int year;
	const esg_metric *metric = esg_kpi_checked(m->r, sc, pos, "", &year,
	    m->rc->d);
	if (metric)
		esg_render_kpi(m->rc, metric, year, cur);
	else
		esg_add_text(cur, "—");
}

/* Whether this is the first time the article shows the block. A block
 * shown twice is an error (resolve_data, resolve_coverage), but the
 * article is still rendered, to find more problems: rendering every copy
 * would let a short file repeat an index or a long table into gigabytes. */
static bool
first_showing(md *m, const char *kind, const char *id)
{
	char *key = esg_arena_printf(&m->r->arena, "%s/%s", kind, id);
	return esg_strmap_put(&m->shown, key, key) == key;
}

/* {{table ID}}, {{chart ID}}, {{highlights ID}}: shown where resolve_data
 * found them placed (an id shown twice is reported there). */
static void
render_data_block(md *m, shortcode_kind kind, const esg_shortcode *sc,
    esg_pos pos, xmlNodePtr cur)
{
	esg_report *r = m->r;
	const char *name = shortcodes[kind].name;
	if (sc->nargs != 1) {
		esg_error(m->rc->d, ESG_K_SYNTAX, pos, "{{%s}} takes one id", name);
		return;
	}
	char *id = esg_arena_strndup(&r->arena, sc->args[0].ptr, sc->args[0].len);
	esg_data *data = r->data;
	const void *obj = kind == SC_TABLE ? esg_strmap_get(&data->table_map, id) :
	    kind == SC_CHART ? esg_strmap_get(&data->chart_map, id) :
	    esg_strmap_get(&data->highlights_map, id);
	if (obj == NULL) {
		esg_error(m->rc->d, ESG_K_DATA, pos, "{{%s %s}}: no %s '%s' in "
		    "data/*.yaml", name, id, name, id);
		return;
	}
	if (!first_showing(m, name, id))
		return;
	switch (kind) {
	case SC_TABLE: {
		const esg_table *t = obj;
		if (t->place.chapter == m->chapter)
			esg_render_table(m->rc, t, cur);
		break;
	}
	case SC_CHART: {
		const esg_chart *c = obj;
		if (c->place.chapter == m->chapter)
			esg_render_chart(m->rc, c, cur);
		break;
	}
	default: {
		const esg_highlights *h = obj;
		if (h->place.chapter == m->chapter)
			esg_render_highlights(m->rc, h, cur);
		break;
	}
	}
}

/* {{index KEY}}: the framework's content index, here. */
static void
render_index_here(md *m, const esg_shortcode *sc, esg_pos pos,
    xmlNodePtr cur)
{
	char *key = sc->nargs == 1 ? esg_arena_strndup(&m->r->arena,
	    sc->args[0].ptr, sc->args[0].len) : NULL;
	esg_framework *fw = key ? esg_report_framework(m->r, key) : NULL;
	if (fw == NULL) {
		esg_buf keys = ESG_BUF_INIT;
		for (size_t f = 0; f < m->r->nfws; f++)
			esg_buf_printf(&keys, "%s%s", f ? ", " : "", m->r->fws[f].key);
		esg_error(m->rc->d, ESG_K_SYNTAX, pos, "{{index}} takes a framework "
		    "of report.yaml (%s)%s%s%s", m->r->nfws ? esg_buf_cstr(&keys) :
		    "none declared", key ? "; '" : "", key ? key : "",
		    key ? "' is not one" : "");
		esg_buf_free(&keys);
		return;
	}
	/* Placed twice: reported by coverage; the first placement wins. */
	if (fw->index_chapter != m->chapter || !first_showing(m, "index", key))
		return;
	esg_render_index(m->rc, fw, cur);
}

/* A BCP 47 tag as far as HTML needs one: a 2-3 letter language, then
 * subtags of 1-8 letters or digits. */
static bool
valid_lang_tag(esg_slice t)
{
	size_t i = 0, n = 0;
	while (i < t.len && ((t.ptr[i] | 0x20) >= 'a' && (t.ptr[i] | 0x20) <= 'z'))
		i++, n++;
	if (n < 2 || n > 3)
		return false;
	while (i < t.len) {
		if (t.ptr[i++] != '-')
			return false;
		n = 0;
		while (i < t.len && (((t.ptr[i] | 0x20) >= 'a' &&
		    (t.ptr[i] | 0x20) <= 'z') || (t.ptr[i] >= '0' &&
		    t.ptr[i] <= '9')))
			i++, n++;
		if (n < 1 || n > 8)
			return false;
	}
	return true;
}

/* {{lang en Beichuan Energy}}: words in another language, marked so that
 * screen readers pronounce them in it and browsers hyphenate them right. */
static void
render_lang(md *m, const esg_shortcode *sc, esg_pos pos, xmlNodePtr cur)
{
	if (sc->nargs < 2 || !valid_lang_tag(sc->args[0])) {
		esg_error(m->rc->d, ESG_K_SYNTAX, pos, "{{lang}} takes a language "
		    "tag and the words in that language, as in "
		    "{{lang en Beichuan Energy}}");
		return;
	}
	xmlNodePtr span = esg_el(cur, "span");
	esg_set(span, "lang", esg_arena_printf(&m->r->arena, "%.*s",
	    (int)sc->args[0].len, sc->args[0].ptr));
	esg_add_text_n(span, sc->args[1].ptr, sc->args[1].len);
}

/* text as it reads where markup cannot go: an image's description, a
 * link's or an image's title (attributes, a figure's caption). {{kpi}}
 * gives its figure and {{lang}} its words, as in a heading's title; any
 * other shortcode is an error at pos, the image or link. */
static const char *
plain_shortcodes(md *m, const char *text, esg_pos pos, const char *where)
{
	if (text == NULL || strstr(text, "{{") == NULL)
		return text;
	size_t len = strlen(text), from = 0;
	for (;;) {
		esg_shortcode sc;
		size_t err_off;
		const char *err_msg;
		int found = esg_shortcode_next(text, len, from, &sc, &err_off,
		    &err_msg);
		if (found == 0)
			break;
		if (found < 0) {
			esg_error(m->rc->d, ESG_K_SYNTAX, pos, "%s: %s", where,
			    err_msg);
			break;
		}
		shortcode_kind kind = shortcode_lookup(sc.name);
		int year;
		if (kind == SC_KPI)
			(void)esg_kpi_checked(m->r, &sc, pos, "", &year, m->rc->d);
		else if (kind == SC_LANG && (sc.nargs < 2 ||
		    !valid_lang_tag(sc.args[0])))
			esg_error(m->rc->d, ESG_K_SYNTAX, pos, "{{lang}} takes a "
			    "language tag and the words in that language, as in "
			    "{{lang en Beichuan Energy}}");
		else if (kind != SC_LANG)
			esg_error(m->rc->d, ESG_K_SYNTAX, pos, "{{%.*s}} cannot be "
			    "used in %s, which is plain text: only {{kpi}} and "
			    "{{lang}} can", (int)sc.name.len, sc.name.ptr, where);
		from = sc.end;
	}
	return esg_shortcodes_as_text(m->r, m->rc->lang, text);
}

static void
render_shortcode(md *m, const esg_shortcode *sc, esg_pos pos, xmlNodePtr cur,
    bool alone)
{
	shortcode_kind kind = shortcode_lookup(sc->name);
	if (kind == SC_UNKNOWN) {
		esg_error(m->rc->d, ESG_K_SYNTAX, pos, "unknown shortcode "
		    "{{%.*s}} (known: ref, kpi, table, chart, highlights, index, lang; "
		    "write a literal '{{' inside `backticks`)", (int)sc->name.len,
		    sc->name.ptr);
		return;
	}
	if (shortcodes[kind].block && !alone) {
		esg_error(m->rc->d, ESG_K_SYNTAX, pos, "{{%s}} must stand alone "
		    "in its own paragraph, outside lists, quotes and tables",
		    shortcodes[kind].name);
		return;
	}
	switch (kind) {
	case SC_REF:
		render_ref(m, sc, pos, cur);
		return;
	case SC_INDEX:
		render_index_here(m, sc, pos, cur);
		return;
	case SC_KPI:
		render_kpi_here(m, sc, pos, cur);
		return;
	case SC_TABLE:
	case SC_CHART:
	case SC_HIGHLIGHTS:
		render_data_block(m, kind, sc, pos, cur);
		return;
	case SC_LANG:
		render_lang(m, sc, pos, cur);
		return;
	default:
		return;
	}
}

/* Whether the text node n is in a heading: its inline ancestors lead to
 * one, not to a paragraph or another block. */
static bool
in_heading(cmark_node *n)
{
	for (n = cmark_node_parent(n); n; n = cmark_node_parent(n))
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_HEADING:
			return true;
		case CMARK_NODE_EMPH:
		case CMARK_NODE_STRONG:
		case CMARK_NODE_LINK:
			continue;
		default:
			if (strcmp(cmark_node_get_type_string(n),
			    "strikethrough") == 0)
				continue;
			return false;
		}
	return false;
}

static void
render_text(md *m, cmark_node *n, xmlNodePtr cur)
{
	const char *s = cmark_node_get_literal(n);
	size_t len = strlen(s), from = 0;
	esg_lit_count counted = ESG_LIT_COUNT_INIT;
	for (;;) {
		esg_shortcode sc;
		size_t err_off;
		const char *err_msg;
		int found = esg_shortcode_next(s, len, from, &sc, &err_off,
		    &err_msg);
		if (found == 0)
			break;
		if (found < 0) {
			esg_error(m->rc->d, ESG_K_SYNTAX,
			    text_offset_pos(m, n, s, err_off, &counted), "%s", err_msg);
			break;
		}
		esg_add_text_n(cur, s + from, sc.start - from);
		esg_pos at = text_offset_pos(m, n, s, sc.start, &counted);
		/* A heading's title is repeated as text (the contents, links
		 * to it, the search index), where a link cannot go. */
		if (shortcode_lookup(sc.name) == SC_REF && in_heading(n))
			esg_error(m->rc->d, ESG_K_SYNTAX, at, "{{ref}} cannot be "
			    "used in a heading: its title is repeated as plain "
			    "text; link from the text below it");
		else
			render_shortcode(m, &sc, at, cur, false);
		from = sc.end;
	}
	esg_add_text_n(cur, s + from, len - from);
}

/* A paragraph that is exactly one block shortcode: {{table env-kpis}}. */
static bool
lone_shortcode(cmark_node *para, esg_shortcode *sc, cmark_node **text)
{
	cmark_node *t = cmark_node_first_child(para);
	if (t == NULL || cmark_node_next(t) != NULL ||
	    cmark_node_get_type(t) != CMARK_NODE_TEXT)
		return false;
	const char *s = cmark_node_get_literal(t);
	size_t len = strlen(s), err_off;
	const char *err_msg;
	if (esg_shortcode_next(s, len, 0, sc, &err_off, &err_msg) != 1)
		return false;
	for (size_t i = 0; i < sc->start; i++)
		if (s[i] != ' ')
			return false;
	for (size_t i = sc->end; i < len; i++)
		if (s[i] != ' ')
			return false;
	shortcode_kind kind = shortcode_lookup(sc->name);
	*text = t;
	return kind != SC_UNKNOWN && shortcodes[kind].block;
}

/* ------------------------------------------------------------------ */
/* Soft breaks: the CSS Text 3 rule between CJK characters              */

static uint32_t
last_char(cmark_node *n)
{
	while (n) {
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE: {
			const char *s = cmark_node_get_literal(n);
			return esg_utf8_last(s, strlen(s));
		}
		case CMARK_NODE_EMPH:
		case CMARK_NODE_STRONG:
		case CMARK_NODE_LINK:
			n = cmark_node_last_child(n);
			continue;
		default:
			if (strcmp(cmark_node_get_type_string(n), "strikethrough") == 0) {
				n = cmark_node_last_child(n);
				continue;
			}
			return 0;
		}
	}
	return 0;
}

static uint32_t
first_char(cmark_node *n)
{
	while (n) {
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE: {
			const char *s = cmark_node_get_literal(n);
			return esg_utf8_first(s, strlen(s));
		}
		case CMARK_NODE_EMPH:
		case CMARK_NODE_STRONG:
		case CMARK_NODE_LINK:
			n = cmark_node_first_child(n);
			continue;
		default:
			if (strcmp(cmark_node_get_type_string(n), "strikethrough") == 0) {
				n = cmark_node_first_child(n);
				continue;
			}
			return 0;
		}
	}
	return 0;
}

static void
render_softbreak(cmark_node *n, xmlNodePtr cur)
{
	uint32_t before = last_char(cmark_node_previous(n));
	uint32_t after = first_char(cmark_node_next(n));
	if (!esg_softbreak_vanishes(before, after))
		esg_add_text(cur, " ");
}

/* ------------------------------------------------------------------ */
/* Raw HTML                                                            */

static bool
is_comment(const char *html)
{
	while (*html == ' ' || *html == '\n' || *html == '\t')
		html++;
	if (strncmp(html, "<!--", 4) != 0)
		return false;
	const char *end = strstr(html, "-->");
	if (end == NULL)
		return false;
	for (end += 3; *end; end++)
		if (*end != ' ' && *end != '\n' && *end != '\t' && *end != '\r')
			return false;
	return true;
}

/* Marks the elements esgsite made in a block that is spliced with raw
 * HTML and parsed again (render_spliced): they were checked already. The
 * mark's value is this render's own (the md's address), so an author
 * who writes the attribute does not switch the checks off. */
#define MADE_HERE "data-esg-made"

static const char *
made_mark(md *m)
{
	return esg_arena_printf(&m->r->arena, "%p", (void *)m);
}

static bool
made_here(const char *mark, xmlNodePtr n)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)MADE_HERE);
	bool yes = v && strcmp((const char *)v, mark) == 0;
	xmlFree(v);
	if (v)
		xmlUnsetProp(n, (const xmlChar *)MADE_HERE);
	return yes;
}

static void
mark_made_here(md *m, xmlNodePtr top)
{
	const char *mark = made_mark(m);
	for (xmlNodePtr n = top; n; n = esg_dom_next(n, top, true))
		if (n->type == XML_ELEMENT_NODE)
			xmlSetProp(n, (const xmlChar *)MADE_HERE,
			    (const xmlChar *)mark);
}

/* srcset="a.png 1x, b.png 2x": each candidate's URL (up to the first
 * space) checked and rewritten as an image's src is. */
static void
check_srcset(md *m, xmlNodePtr el, esg_pos pos)
{
	xmlChar *set = xmlGetProp(el, (const xmlChar *)"srcset");
	if (set == NULL)
		return;
	esg_buf out = ESG_BUF_INIT;
	const char *p = (const char *)set;
	bool changed = false;
	while (*p) {
		while (*p == ' ' || *p == '\t' || *p == '\n' || *p == ',')
			p++;
		if (*p == '\0')
			break;
		/* The URL runs to a space (it may hold commas); commas that
		 * end it end the candidate (HTML's srcset rules). */
		size_t ulen = strcspn(p, " \t\n"), take = ulen;
		bool ended = false;
		while (ulen > 0 && p[ulen - 1] == ',') {
			ulen--;
			ended = true;
		}
		char *url = esg_arena_strndup(&m->r->arena, p, ulen);
		p += take;
		size_t dlen = ended ? 0 : strcspn(p, ",");
		size_t slen;
		const char *to = url;
		if (!has_scheme(url, &slen) && strncmp(url, "//", 2) != 0) {
			to = resolve_url(m, url, pos, true);
			changed |= to != NULL && strcmp(to, url) != 0;
			if (to == NULL)
				to = url;
		}
		if (out.len)
			esg_buf_puts(&out, ", ");
		esg_buf_puts(&out, to);
		esg_buf_put(&out, p, dlen);
		p += dlen;
	}
	if (changed)
		xmlSetProp(el, (const xmlChar *)"srcset",
		    (const xmlChar *)esg_buf_cstr(&out));
	esg_buf_free(&out);
	xmlFree(set);
}

/* What an attribute's URL loads as a picture (which cannot be a #id). */
static bool
is_image_url(const char *attr)
{
	return strcmp(attr, "src") == 0 || strcmp(attr, "poster") == 0;
}

/* One element of the author's HTML: its id, URLs, srcset, <base>, alt. */
static void
check_raw_element(md *m, xmlNodePtr n, esg_pos pos)
{
	static const char *const url_attrs[] = { "href", "src", "poster",
	    "data", "action", "formaction", "xlink:href", NULL };
	xmlChar *id = xmlGetProp(n, (const xmlChar *)"id");
	if (id && (esg_find_section(m->r, m->rc->lang,
	    (const char *)id) || esg_id_reserved(m->r,
	    (const char *)id)))
		esg_error(m->rc->d, ESG_K_LINK, pos, "id '%s' in raw "
		    "HTML is a section's, or like the ids esgsite "
		    "generates; choose another", (const char *)id);
	xmlFree(id);
	bool image = strcmp((const char *)n->name, "img") == 0;
	for (size_t i = 0; url_attrs[i]; i++) {
		xmlChar *url = xmlGetProp(n, (const xmlChar *)
		    url_attrs[i]);
		size_t slen;
		/* Browsers drop the spaces around a URL. */
		const char *u = url ? (const char *)url +
		    strspn((const char *)url, " \t\n\r\f") : NULL;
		size_t ul = u ? strlen(u) : 0;
		while (ul > 0 && strchr(" \t\n\r\f", u[ul - 1]))
			ul--;
		if (u && !has_scheme(u, &slen) &&
		    strncmp(u, "//", 2) != 0) {
			const char *to = resolve_url(m, esg_arena_strndup(
			    &m->r->arena, u, ul), pos,
			    is_image_url(url_attrs[i]));
			if (to)
				xmlSetProp(n, (const xmlChar *)url_attrs[i],
				    (const xmlChar *)to);
		}
		xmlFree(url);
	}
	check_srcset(m, n, pos);
	if (strcmp((const char *)n->name, "base") == 0)
		esg_error(m->rc->d, ESG_K_LINK, pos, "<base> in raw HTML "
		    "would change where every link of the page goes; "
		    "remove it");
	if (image && !xmlHasProp(n, (const xmlChar *)"alt"))
		esg_warning(m->rc->d, ESG_K_SYNTAX, pos, "an <img> in "
		    "raw HTML has no alt attribute: write what it "
		    "shows in alt=\"…\" (or alt=\"\" if it shows "
		    "nothing)");
}

/* The author's HTML is held to what Markdown is: its links and images
 * are checked and rewritten as Markdown's are (a link to a chapter file,
 * #id, media/), its ids may not be a section's or look like esgsite's,
 * and an image needs a description. A URL with a scheme is the author's
 * own (unsafe_html is a promise). pos is the HTML's in the chapter. */
static void
check_raw_html(md *m, xmlNodePtr top, esg_pos pos)
{
	const char *mark = made_mark(m);
	for (xmlNodePtr n = top; n; n = esg_dom_next(n, top, true)) {
		/* Elements esgsite made were checked when they were made. */
		if (n->type != XML_ELEMENT_NODE || made_here(mark, n))
			continue;
		check_raw_element(m, n, pos);
	}
}

/* unsafe_html: true — the author's HTML goes through libxml2's HTML
 * parser and its nodes are grafted into the page, so the page stays a
 * well-formed tree whatever was written. */
static void
graft_html(md *m, const char *html, xmlNodePtr cur, esg_pos pos)
{
	htmlDocPtr hd = htmlReadMemory(html, (int)strlen(html), NULL, "UTF-8",
	    HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET);
	if (hd == NULL)
		return;
	xmlNodePtr root = xmlDocGetRootElement(hd);
	if (root)
		check_raw_html(m, root, pos);
	for (xmlNodePtr part = root ? root->children : NULL; part;
	    part = part->next) {
		if (part->type != XML_ELEMENT_NODE)
			continue;
		bool body = strcmp((const char *)part->name, "body") == 0;
		bool head = strcmp((const char *)part->name, "head") == 0;
		if (!body && !head)
			continue;
		for (xmlNodePtr n = part->children; n; n = n->next)
			xmlAddChild(cur, xmlDocCopyNode(n, m->rc->doc, 1));
	}
	xmlFreeDoc(hd);
}

static void
render_html(md *m, cmark_node *n, xmlNodePtr cur, bool block)
{
	const char *html = cmark_node_get_literal(n);
	if (m->r->unsafe_html) {
		if (block || !m->splicing) {
			graft_html(m, html, cur, pos_of(m, n));
			return;
		}
		/* A placeholder the splice replaces with the raw text. */
		if (m->nraw == m->raw_cap) {
			m->raw_cap = m->raw_cap ? m->raw_cap * 2 : 8;
			m->raw = esg_xrealloc(m->raw, m->raw_cap * sizeof *m->raw);
		}
		char name[32];
		snprintf(name, sizeof name, "esg-raw-%zu", m->nraw);
		m->raw[m->nraw++] = html;
		xmlAddChild(cur, xmlNewDocComment(m->rc->doc,
		    (const xmlChar *)name));
		return;
	}
	if (is_comment(html))
		return;
	esg_warning(m->rc->d, ESG_K_SYNTAX, pos_of(m, n), "raw HTML dropped "
	    "(set unsafe_html: true in report.yaml to keep it): %.40s%s",
	    html, strlen(html) > 40 ? "…" : "");
}

static bool
has_inline_html(cmark_node *block)
{
	bool found = false;
	cmark_iter *it = cmark_iter_new(block);
	cmark_event_type ev;
	while (!found && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE)
		found = ev == CMARK_EVENT_ENTER && cmark_node_get_type(
		    cmark_iter_get_node(it)) == CMARK_NODE_HTML_INLINE;
	cmark_iter_free(it);
	return found;
}

static void render_tree(md *m, cmark_node *root, xmlNodePtr parent);

/* unsafe_html with inline HTML: a tag like <abbr> is half an element
 * until its </abbr>, several text nodes later. The block is rendered with
 * placeholders, written out, the author's pieces put in, and the whole
 * re-read by libxml2's HTML parser, which repairs anything unbalanced. */
static void
render_spliced(md *m, cmark_node *block, xmlNodePtr cur)
{
	xmlNodePtr holder = esg_holder(m->rc->doc);
	m->splicing = true;
	m->nraw = 0;
	render_tree(m, block, holder);
	m->splicing = false;
	for (xmlNodePtr c = holder->children; c; c = c->next)
		mark_made_here(m, c);
	xmlBufferPtr xb = xmlBufferCreate();
	for (xmlNodePtr c = holder->children; c; c = c->next)
		htmlNodeDump(xb, m->rc->doc, c);
	const char *s = (const char *)xmlBufferContent(xb);
	const char *stop = s + xmlBufferLength(xb);
	esg_buf html = ESG_BUF_INIT;
	for (;;) {
		const char *mark = esg_find(s, (size_t)(stop - s), "<!--esg-raw-",
		    12);
		if (mark == NULL)
			break;
		size_t k = (size_t)strtoul(mark + 12, NULL, 10);
		const char *end = esg_find(mark, (size_t)(stop - mark), "-->", 3);
		if (end == NULL || k >= m->nraw)
			break;
		esg_buf_put(&html, s, (size_t)(mark - s));
		esg_buf_puts(&html, m->raw[k]);
		s = end + 3;
	}
	esg_buf_puts(&html, s);
	graft_html(m, esg_buf_cstr(&html), cur, pos_of(m, block));
	esg_buf_free(&html);
	xmlBufferFree(xb);
	xmlFreeNode(holder);
}

/* ------------------------------------------------------------------ */
/* Tree walk                                                           */

static bool
is_type(cmark_node *n, const char *type_string)
{
	return strcmp(cmark_node_get_type_string(n), type_string) == 0;
}

static bool
in_tight_list(cmark_node *para)
{
	cmark_node *item = cmark_node_parent(para);
	if (item == NULL || cmark_node_get_type(item) != CMARK_NODE_ITEM)
		return false;
	cmark_node *list = cmark_node_parent(item);
	return list && cmark_node_get_list_tight(list);
}

static char *
alt_text(md *m, cmark_node *image)
{
	esg_buf b = ESG_BUF_INIT;
	cmark_iter *it = cmark_iter_new(image);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cmark_node_type ty = cmark_node_get_type(n);
		if (ty == CMARK_NODE_TEXT)
			esg_buf_puts(&b, plain_shortcodes(m,
			    cmark_node_get_literal(n), pos_of(m, image),
			    "an image's description"));
		else if (ty == CMARK_NODE_CODE)
			esg_buf_puts(&b, cmark_node_get_literal(n));
		else if (ty == CMARK_NODE_SOFTBREAK)
			esg_buf_putc(&b, ' ');
		else if (ty == CMARK_NODE_FOOTNOTE_REFERENCE)
			/* The footnote would list a back-link to nothing. */
			esg_error(m->rc->d, ESG_K_SYNTAX, pos_of(m, image), "a "
			    "footnote reference in an image's description cannot "
			    "be shown (the description is plain text); put it "
			    "after the image");
	}
	cmark_iter_free(it);
	char *s = esg_arena_strdup(&m->r->arena, esg_buf_cstr(&b));
	esg_buf_free(&b);
	return s;
}

/* Whether a link has something to read: text, code, or an image with a
 * description. A link without is an empty, invisible target that screen
 * readers announce as just "link" (WCAG 2.4.4). */
static bool
link_has_text(cmark_node *link)
{
	bool found = false;
	cmark_iter *it = cmark_iter_new(link);
	cmark_event_type ev;
	while (!found && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type ty = cmark_node_get_type(n);
		if (ev != CMARK_EVENT_ENTER || (ty != CMARK_NODE_TEXT &&
		    ty != CMARK_NODE_CODE))
			continue;
		const char *p = cmark_node_get_literal(n);
		p += strspn(p, " \t\r\n");
		found = *p != '\0';
	}
	cmark_iter_free(it);
	return found;
}

static xmlNodePtr
render_image(md *m, cmark_node *n, xmlNodePtr cur, bool in_figure)
{
	const char *href = resolve_url(m, cmark_node_get_url(n), pos_of(m, n),
	    true);
	if (href == NULL)
		return NULL;
	xmlNodePtr img = esg_el(cur, "img");
	esg_set(img, "src", href);
	const char *alt = alt_text(m, n);
	esg_set(img, "alt", alt);
	if (*alt == '\0')
		esg_warning(m->rc->d, ESG_K_SYNTAX, pos_of(m, n), "image has no "
		    "alternative text: write ![what it shows](…)");
	/* In a figure the title is the caption, which the caller makes. */
	const char *title = in_figure ? NULL : plain_shortcodes(m,
	    cmark_node_get_title(n), pos_of(m, n), "an image's title");
	if (title && *title)
		esg_set(img, "title", title);
	return img;
}

/* A paragraph holding only an image becomes a figure; the image title
 * becomes its caption. */
static bool
lone_image(cmark_node *para)
{
	cmark_node *c = cmark_node_first_child(para);
	return c && cmark_node_next(c) == NULL &&
	    cmark_node_get_type(c) == CMARK_NODE_IMAGE;
}

static void
render_footnote_ref(md *m, cmark_node *n, xmlNodePtr cur)
{
	int num = atoi(cmark_node_get_literal(n));
	if (num < 1 || num > m->nfn)
		return;
	int k = ++m->fn_seen[num - 1];
	if (m->link_depth > 0)
		esg_error(m->rc->d, ESG_K_SYNTAX, pos_of(m, n), "a footnote "
		    "reference inside a link's text would be a link inside a "
		    "link; put it after the link");
	xmlNodePtr sup = esg_el(cur, "sup");
	esg_set(sup, "class", "footnote-ref");
	xmlNodePtr a = esg_el(sup, "a");
	esg_set(a, "href", esg_arena_printf(&m->r->arena, "#fn-%s-%d",
	    m->ch->slug, num));
	esg_set(a, "id", k == 1 ?
	    esg_arena_printf(&m->r->arena, "fnref-%s-%d", m->ch->slug, num) :
	    esg_arena_printf(&m->r->arena, "fnref-%s-%d-r%d", m->ch->slug, num,
	    k));
	esg_set(a, "role", "doc-noteref");
	esg_add_text(a, cmark_node_get_literal(n));
}

static void
enter_table_cell(md *m, xmlNodePtr cell)
{
	int col = m->table_col++;
	if (m->table_align && col < m->table_cols) {
		switch (m->table_align[col]) {
		case 'l':
			esg_set(cell, "class", "align-left");
			break;
		case 'c':
			esg_set(cell, "class", "align-center");
			break;
		case 'r':
			esg_set(cell, "class", "align-right");
			break;
		default:
			break;
		}
	}
}

/* A paragraph that captions the table beside it, as in Pandoc: "Table: …"
 * (or ": …", "表：…") directly before or after the table. Returns the
 * length of the prefix, 0 when the paragraph is no caption. */
static size_t
caption_prefix(cmark_node *para)
{
	static const char *const prefixes[] = {
		"Table:", "Table\xef\xbc\x9a", "\xe8\xa1\xa8\xef\xbc\x9a",
		"\xe8\xa1\xa8:", ": ", NULL
	};
	if (para == NULL || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH)
		return 0;
	cmark_node *t = cmark_node_first_child(para);
	const char *lit = t && cmark_node_get_type(t) == CMARK_NODE_TEXT ?
	    cmark_node_get_literal(t) : NULL;
	if (lit == NULL)
		return 0;
	for (int i = 0; prefixes[i]; i++) {
		size_t n = strlen(prefixes[i]);
		if (strncmp(lit, prefixes[i], n) == 0 && (lit[n] != 0 ||
		    cmark_node_next(t) != NULL))
			return n;
	}
	return 0;
}

/* A caption paragraph belongs to the table after it, else to the table
 * before it. */
static cmark_node *
table_caption(cmark_node *table)
{
	cmark_node *prev = cmark_node_previous(table);
	if (caption_prefix(prev))
		return prev;
	cmark_node *next = cmark_node_next(table);
	if (caption_prefix(next) && !(cmark_node_next(next) &&
	    is_type(cmark_node_next(next), "table")))
		return next;
	return NULL;
}

static bool
is_table_caption(cmark_node *para)
{
	if (!caption_prefix(para))
		return false;
	cmark_node *next = cmark_node_next(para);
	cmark_node *prev = cmark_node_previous(para);
	return (next && is_type(next, "table") && table_caption(next) == para) ||
	    (prev && is_type(prev, "table") && table_caption(prev) == para);
}

/* The table's <caption>: the author's caption paragraph, rendered like any
 * paragraph, or else the section's title, for screen readers only (their
 * list of tables names each table by its caption). Returns its id. */
static const char *
render_table_caption(md *m, cmark_node *table, xmlNodePtr el)
{
	const char *id = esg_arena_printf(&m->r->arena, "%s-table-%d",
	    m->ch->slug, ++m->ntables);
	xmlNodePtr cap = esg_el(el, "caption");
	esg_set(cap, "id", id);
	cmark_node *para = table_caption(table);
	if (para == NULL) {
		/* "Table: Energy", "Table 2: Energy": not the heading's own
		 * words, or the table's region would be named like its
		 * section. */
		const esg_section *s = m->section;
		bool en = esg_script_of(tag(m)) == ESG_SCRIPT_EN;
		int nth = s == m->captioned ? ++m->section_tables :
		    (m->section_tables = 1);
		m->captioned = s;
		const char *word = esg_ui_text(tag(m), ESG_UI_TABLE);
		const char *title = s ? s->title : m->t->title;
		if (!may_repeat_title(m, strlen(title), pos_of(m, table),
		    "a table without a caption"))
			title = "";
		esg_set(cap, "class", "visually-hidden");
		if (nth > 1)
			esg_add_text(cap, esg_arena_printf(&m->r->arena,
			    en ? "%s %d: %s" : "%s%d：%s", word, nth, title));
		else
			esg_add_text(cap, esg_arena_printf(&m->r->arena,
			    en ? "%s: %s" : "%s：%s", word, title));
		return id;
	}
	/* The paragraph is rendered as any other, then its content, without
	 * the "Table:" prefix, moves into the caption. (The cmark tree stays
	 * as it is: the paragraph is still recognised as a caption when the
	 * walk reaches it, and skipped.) */
	size_t prefix = caption_prefix(para);
	xmlNodePtr holder = esg_el(cap, "div");
	m->caption = para;
	render_tree(m, para, holder);
	m->caption = NULL;
	for (xmlNodePtr p = holder->children; p; p = p->next) {
		if (p->type != XML_ELEMENT_NODE)
			continue;
		xmlNodePtr first = p->children;
		if (first && first->type == XML_TEXT_NODE && first->content &&
		    strlen((const char *)first->content) >= prefix) {
			const char *rest = (const char *)first->content + prefix;
			while (*rest == ' ')
				rest++;
			xmlChar *copy = xmlStrdup((const xmlChar *)rest);
			xmlNodeSetContent(first, copy);
			xmlFree(copy);
		}
		while (p->children) {
			xmlNodePtr c = p->children;
			xmlUnlinkNode(c);
			xmlAddChild(cap, c);
		}
	}
	xmlUnlinkNode(holder);
	xmlFreeNode(holder);
	return id;
}

static bool
is_block(cmark_node *n)
{
	cmark_node_type t = cmark_node_get_type(n);
	return (t & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK;
}

/* Walks the subtree at root, appending its rendering to parent. Container
 * nodes remember in their user data the element to return to on EXIT. */
static void
render_tree(md *m, cmark_node *root, xmlNodePtr parent)
{
	cmark_iter *it = cmark_iter_new(root);
	xmlNodePtr cur = parent;
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_EXIT) {
			xmlNodePtr back = cmark_node_get_user_data(n);
			if (back)
				cur = back;
			if (cmark_node_get_type(n) == CMARK_NODE_LINK &&
			    m->link_depth > 0)
				m->link_depth--;
			if (is_block(n) && !(cmark_node_get_type(n) ==
			    CMARK_NODE_PARAGRAPH && in_tight_list(n)))
				esg_nl(cur);
			continue;
		}
		xmlNodePtr el = NULL;   /* container to descend into */
		esg_shortcode sc;
		cmark_node *sc_text;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_BLOCK_QUOTE:
			el = esg_el(cur, "blockquote");
			esg_nl(el);
			break;
		case CMARK_NODE_LIST:
			if (cmark_node_get_list_type(n) == CMARK_ORDERED_LIST) {
				el = esg_el(cur, "ol");
				int start = cmark_node_get_list_start(n);
				if (start != 1) {
					char buf[32];
					snprintf(buf, sizeof buf, "%d", start);
					esg_set(el, "start", buf);
				}
			} else {
				el = esg_el(cur, "ul");
			}
			esg_nl(el);
			break;
		case CMARK_NODE_ITEM:
			el = esg_el(cur, "li");
			break;
		case CMARK_NODE_PARAGRAPH:
			if (n != m->caption && is_table_caption(n)) {
				/* Rendered inside its table. */
				cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
				continue;
			}
			if (lone_shortcode(n, &sc, &sc_text)) {
				/* Blocks are placed from the top-level paragraphs
				 * (resolve_data.c): one in a list or quote would be
				 * left out without a word. */
				esg_lit_count counted = ESG_LIT_COUNT_INIT;
				render_shortcode(m, &sc, text_offset_pos(m, sc_text,
				    cmark_node_get_literal(sc_text), sc.start,
				    &counted), cur, cmark_node_parent(n) == m->tree->doc);
				cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
				continue;
			}
			if (lone_image(n) && !in_tight_list(n)) {
				xmlNodePtr fig = esg_el(cur, "figure");
				cmark_node *img = cmark_node_first_child(n);
				if (render_image(m, img, fig, true) == NULL) {
					xmlUnlinkNode(fig);
					xmlFreeNode(fig);
				} else {
					const char *title = plain_shortcodes(m,
					    cmark_node_get_title(img), pos_of(m, img),
					    "an image's title");
					if (title && *title)
						esg_el_text(fig, "figcaption", title);
					esg_nl(cur);
				}
				cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
				continue;
			}
			if (m->r->unsafe_html && !m->splicing &&
			    has_inline_html(n)) {
				render_spliced(m, n, cur);
				cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
				continue;
			}
			el = in_tight_list(n) ? cur : esg_el(cur, "p");
			break;
		case CMARK_NODE_HEADING: {
			char name[3] = { 'h',
			    (char)('0' + cmark_node_get_heading_level(n)), 0 };
			el = esg_el(cur, name);
			break;
		}
		case CMARK_NODE_CODE_BLOCK: {
			xmlNodePtr pre = esg_el(cur, "pre");
			xmlNodePtr code = esg_el(pre, "code");
			const char *info = cmark_node_get_fence_info(n);
			if (info && *info) {
				size_t len = strcspn(info, " \t");
				esg_set(code, "class", esg_arena_printf(&m->r->arena,
				    "language-%.*s", (int)len, info));
			}
			esg_add_text(code, cmark_node_get_literal(n));
			esg_nl(cur);
			break;
		}
		case CMARK_NODE_HTML_BLOCK:
			render_html(m, n, cur, true);
			break;
		case CMARK_NODE_THEMATIC_BREAK:
			esg_el(cur, "hr");
			esg_nl(cur);
			break;
		case CMARK_NODE_FOOTNOTE_DEFINITION:
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			continue;
		case CMARK_NODE_TEXT:
			render_text(m, n, cur);
			break;
		case CMARK_NODE_SOFTBREAK:
			render_softbreak(n, cur);
			break;
		case CMARK_NODE_LINEBREAK:
			esg_el(cur, "br");
			esg_nl(cur);
			break;
		case CMARK_NODE_CODE:
			esg_el_text(cur, "code", cmark_node_get_literal(n));
			break;
		case CMARK_NODE_HTML_INLINE:
			render_html(m, n, cur, false);
			break;
		case CMARK_NODE_EMPH:
			el = esg_el(cur, "em");
			break;
		case CMARK_NODE_STRONG:
			el = esg_el(cur, "strong");
			break;
		case CMARK_NODE_LINK: {
			const char *href = resolve_url(m, cmark_node_get_url(n),
			    pos_of(m, n), false);
			m->link_depth++;
			if (href == NULL) {
				el = cur;    /* keep the text, drop the link */
				break;
			}
			if (!link_has_text(n))
				esg_warning(m->rc->d, ESG_K_SYNTAX, pos_of(m, n), "link "
				    "has no text: nothing to read or click; write "
				    "[what it leads to](…)");
			el = esg_el(cur, "a");
			esg_set(el, "href", href);
			const char *title = plain_shortcodes(m,
			    cmark_node_get_title(n), pos_of(m, n), "a link's title");
			if (title && *title)
				esg_set(el, "title", title);
			break;
		}
		case CMARK_NODE_IMAGE:
			render_image(m, n, cur, false);
			cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			continue;
		case CMARK_NODE_FOOTNOTE_REFERENCE:
			render_footnote_ref(m, n, cur);
			el = cur;
			break;
		default:
			if (is_type(n, "table")) {
				/* A focusable region: keyboard users can scroll a wide
				 * table on a phone (WCAG 2.1.1). */
				xmlNodePtr wrap = esg_el(cur, "div");
				esg_set(wrap, "class", "table-wrap");
				esg_set(wrap, "tabindex", "0");
				esg_set(wrap, "role", "region");
				el = esg_el(wrap, "table");
				esg_set(wrap, "aria-labelledby",
				    render_table_caption(m, n, el));
				esg_nl(el);
				m->table_cols = cmark_gfm_extensions_get_table_columns(n);
				m->table_align = cmark_gfm_extensions_get_table_alignments(n);
				cmark_node_set_user_data(n, cur);
				cur = el;
				esg_nl(wrap);
				continue;
			} else if (is_type(n, "table_header") || is_type(n, "table_row")) {
				bool head = cmark_gfm_extensions_get_table_row_is_header(n);
				const char *group = head ? "thead" : "tbody";
				/* After a row's EXIT, cur is that row's group. */
				xmlNodePtr table = cur;
				if (strcmp((const char *)cur->name, "thead") == 0 ||
				    strcmp((const char *)cur->name, "tbody") == 0)
					table = cur->parent;
				cur = table;
				xmlNodePtr g = cur->last;
				while (g && g->type != XML_ELEMENT_NODE)
					g = g->prev;
				if (g == NULL || strcmp((const char *)g->name, group) != 0) {
					g = esg_el(cur, group);
					esg_nl(g);
					esg_nl(cur);
				}
				xmlNodePtr tr = esg_el(g, "tr");
				m->table_col = 0;
				/* On EXIT the row's newline goes into its group. */
				cmark_node_set_user_data(n, g);
				cur = tr;
				continue;
			} else if (is_type(n, "table_cell")) {
				cmark_node *row = cmark_node_parent(n);
				bool head = row &&
				    cmark_gfm_extensions_get_table_row_is_header(row);
				el = esg_el(cur, head ? "th" : "td");
				if (head)
					esg_set(el, "scope", "col");
				enter_table_cell(m, el);
			} else if (is_type(n, "strikethrough")) {
				el = esg_el(cur, "del");
			} else {
				el = cur;
			}
			break;
		}
		if (el != NULL && cmark_node_first_child(n) != NULL) {
			cmark_node_set_user_data(n, cur);
			cur = el;
		} else if (el != NULL) {
			/* An empty container: its EXIT follows at once. */
			cmark_node_set_user_data(n, cur);
		}
	}
	cmark_iter_free(it);
}

/* ------------------------------------------------------------------ */
/* Sections and footnotes                                              */

static xmlNodePtr
render_heading(md *m, const esg_section *s, xmlNodePtr parent)
{
	size_t i = (size_t)(s - m->t->sections);
	cmark_node *heading = i < m->tree->nheadings ? m->tree->headings[i] :
	    NULL;
	char name[3] = { 'h', (char)('0' + (s->level < 1 ? 1 : s->level)), 0 };
	xmlNodePtr h = esg_el(parent, name);
	esg_set(h, "id", s->id);
	if (s->number) {
		xmlNodePtr num = esg_el_text(h, "span", s->number);
		esg_set(num, "class", "secnum");
		esg_add_text(h, " ");
	}
	if (heading == NULL) {
		esg_add_text(h, s->title);
	} else {
		for (cmark_node *c = cmark_node_first_child(heading); c;
		    c = cmark_node_next(c))
			render_tree(m, c, h);
	}
	esg_nl(parent);
	return h;
}

static void
count_footnotes(md *m)
{
	m->nfn = 0;
	for (cmark_node *n = cmark_node_first_child(m->tree->doc); n;
	    n = cmark_node_next(n))
		if (cmark_node_get_type(n) == CMARK_NODE_FOOTNOTE_DEFINITION)
			m->nfn++;
	m->fn_total = esg_xcalloc((size_t)m->nfn + 1, sizeof(int));
	m->fn_seen = esg_xcalloc((size_t)m->nfn + 1, sizeof(int));
	if (m->nfn == 0)
		return;
	cmark_iter *it = cmark_iter_new(m->tree->doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER &&
		    cmark_node_get_type(n) == CMARK_NODE_FOOTNOTE_REFERENCE) {
			int num = atoi(cmark_node_get_literal(n));
			if (num >= 1 && num <= m->nfn)
				m->fn_total[num - 1]++;
		}
	}
	cmark_iter_free(it);
}

static void
render_footnotes(md *m, xmlNodePtr article)
{
	if (m->nfn == 0)
		return;
	const char *t = tag(m);
	xmlNodePtr sec = esg_el(article, "section");
	esg_set(sec, "class", "footnotes");
	esg_set(sec, "role", "doc-endnotes");
	esg_set(sec, "aria-label", esg_ui_text(t, ESG_UI_FOOTNOTES));
	esg_nl(sec);
	xmlNodePtr ol = esg_el(sec, "ol");
	esg_nl(ol);
	esg_nl(sec);
	int num = 0;
	for (cmark_node *n = cmark_node_first_child(m->tree->doc); n;
	    n = cmark_node_next(n)) {
		if (cmark_node_get_type(n) != CMARK_NODE_FOOTNOTE_DEFINITION)
			continue;
		num++;
		xmlNodePtr li = esg_el(ol, "li");
		esg_set(li, "id", esg_arena_printf(&m->r->arena, "fn-%s-%d",
		    m->ch->slug, num));
		for (cmark_node *c = cmark_node_first_child(n); c;
		    c = cmark_node_next(c))
			render_tree(m, c, li);
		/* Back links go at the end of the note's last paragraph. */
		xmlNodePtr target = li;
		for (xmlNodePtr c = li->last; c; c = c->prev)
			if (c->type == XML_ELEMENT_NODE) {
				if (strcmp((const char *)c->name, "p") == 0)
					target = c;
				break;
			}
		for (int k = 1; k <= m->fn_total[num - 1]; k++) {
			esg_add_text(target, " ");
			xmlNodePtr a = esg_el(target, "a");
			esg_set(a, "class", "footnote-backref");
			esg_set(a, "href", k == 1 ?
			    esg_arena_printf(&m->r->arena, "#fnref-%s-%d",
			    m->ch->slug, num) :
			    esg_arena_printf(&m->r->arena, "#fnref-%s-%d-r%d",
			    m->ch->slug, num, k));
			esg_set(a, "role", "doc-backlink");
			esg_set(a, "aria-label", k == 1 ?
			    esg_ui_text(t, ESG_UI_BACK_TO_TEXT) :
			    esg_arena_printf(&m->r->arena, "%s %d",
			    esg_ui_text(t, ESG_UI_BACK_TO_TEXT), k));
			esg_add_text(a, "\u21A9\uFE0E");   /* text style, not emoji */
			if (k > 1)
				esg_el_text(a, "sup", esg_arena_printf(&m->r->arena,
				    "%d", k));
		}
		esg_nl(ol);
	}
}

xmlNodePtr
esg_render_chapter(esg_render *rc, size_t chapter, const esg_tree *tree)
{
	esg_col_memo col_memo = ESG_COL_MEMO_INIT;
	md m = { .rc = rc, .r = rc->r, .chapter = chapter, .tree = tree,
	    .col_memo = &col_memo };
	m.ch = &rc->r->chapters[chapter];
	m.t = &m.ch->text[rc->lang];
	m.titles_left = title_repeat_budget(m.t);
	xmlNodePtr article = xmlNewDocNode(rc->doc, NULL,
	    (const xmlChar *)"article", NULL);
	esg_set(article, "class", "chapter");
	esg_set(article, "id", esg_arena_printf(&rc->r->arena, "chapter-%s",
	    m.ch->slug));
	esg_nl(article);
	if (!m.t->present || tree->doc == NULL)
		return article;
	count_footnotes(&m);

	/* Each heading opens a <section> that runs to the next heading of
	 * the same or a higher level: a stack of open sections by level. */
	struct open { int level; xmlNodePtr el; } stack[9];
	int top = 0;
	stack[0] = (struct open){ 0, article };
	size_t next = 1;
	const esg_section *s0 = &m.t->sections[0];
	cmark_node *const *headings = tree->headings;
	m.section = s0;
	if (headings[0] == NULL) {
		render_heading(&m, s0, article);
		esg_render_covers(rc, article, s0->links, s0->nlinks, false);
	}
	for (cmark_node *n = cmark_node_first_child(tree->doc); n;
	    n = cmark_node_next(n)) {
		cmark_node_type type = cmark_node_get_type(n);
		if (type == CMARK_NODE_FOOTNOTE_DEFINITION)
			continue;
		if (type == CMARK_NODE_HEADING) {
			if (n == headings[0]) {
				render_heading(&m, s0, article);
				esg_render_covers(rc, article, s0->links, s0->nlinks, false);
				continue;
			}
			if (next < tree->nheadings && headings[next] == n) {
				const esg_section *s = &m.t->sections[next++];
				m.section = s;
				while (top > 0 && stack[top].level >= s->level)
					top--;
				xmlNodePtr sec = esg_el(stack[top].el, "section");
				esg_set(sec, "class", "section");
				for (size_t c = 0; c < s->nclasses; c++)
					esg_add_class(sec, s->classes[c]);
				esg_nl(sec);
				esg_nl(stack[top].el);
				if (top < 8)
					top++;
				stack[top] = (struct open){ s->level, sec };
				render_heading(&m, s, sec);
				esg_render_covers(rc, sec, s->links, s->nlinks, false);
				continue;
			}
		}
		xmlNodePtr into = stack[top].el;
		render_tree(&m, n, into);
	}
	render_footnotes(&m, article);
	esg_strmap_free(&m.shown);
	free(m.raw);
	free(m.fn_total);
	free(m.fn_seen);
	return article;
}
