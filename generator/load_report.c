/* load_report.c — report.yaml: metadata, languages, frameworks. */
#include "load.h"
#include "buf.h"
#include "data.h"
#include "fsutil.h"
#include "text.h"
#include "catalog.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
esg_load_file(const char *path, char **data, size_t *len, esg_diag *d)
{
	if (esg_read_file(path, ESG_MAX_FILE_SIZE, data, len) == 0)
		return 0;
	if (errno == EFBIG)
		esg_input_error(d, (esg_pos){ path, 0, 0 },
		    "file is larger than the %u MiB limit",
		    ESG_MAX_FILE_SIZE / (1024 * 1024));
	else if (errno == EINVAL)   /* esg_read_file's word for it */
		esg_input_error(d, (esg_pos){ path, 0, 0 }, "cannot read: not a "
		    "regular file (a FIFO, socket or device)");
	else
		esg_input_error(d, (esg_pos){ path, 0, 0 }, "cannot read: %s",
		    strerror(errno));
	return -1;
}

bool
esg_within_source(const esg_report *r, const char *path, const char *refusal,
    esg_diag *d)
{
	if (r->real_source == NULL)
		return true;
	char *real = realpath(path, NULL);
	bool inside = real == NULL || esg_path_within(real, r->real_source);
	free(real);
	if (!inside)
		esg_error(d, ESG_K_SYNTAX, (esg_pos){ path, 0, 0 }, "%s outside "
		    "the report source; %s", esg_is_symlink(path) ?
		    "symbolic link points" : "reached through a symbolic link that "
		    "points", refusal);
	return inside;
}

bool
esg_entry_within_source(const esg_report *r, const char *path,
    const char *refusal, esg_diag *d)
{
	return !esg_is_symlink(path) || esg_within_source(r, path, refusal, d);
}

int
esg_load_source_file(const esg_report *r, const char *path, char **data,
    size_t *len, esg_diag *d)
{
	if (!esg_within_source(r, path, "refusing to read it", d))
		return -1;
	return esg_load_file(path, data, len, d);
}

/* Directory names esgsite gives a meaning to: a language cannot use them. */
static const char *const reserved_keys[] = {
	"assets", "data", "media", "review", "templates", "styles",
	"frameworks", NULL
};

static bool
valid_lang_key(const char *k)
{
	size_t n = strlen(k);
	if (n == 0 || n > 20 || !((k[0] >= 'a' && k[0] <= 'z')))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((k[i] >= 'a' && k[i] <= 'z') ||
		    (k[i] >= '0' && k[i] <= '9') || k[i] == '-'))
			return false;
	return true;
}

/* A well-formed BCP 47 tag in the common form: a 2-3 letter language
 * subtag, then subtags of 1-8 letters or digits, 35 characters in all
 * (what RFC 5646 asks every implementation to take; every page carries
 * the tags). Registry validity is not checked. */
static bool
valid_lang_tag(const char *t)
{
	if (strlen(t) > 35)
		return false;
	size_t i = 0, sub = 0, len = 0;
	for (;; i++) {
		char c = t[i];
		if (c == '-' || c == '\0') {
			if (len == 0 || len > 8)
				return false;
			if (sub == 0 && (len < 2 || len > 3))
				return false;
			sub++;
			len = 0;
			if (c == '\0')
				return true;
			continue;
		}
		bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
		bool digit = c >= '0' && c <= '9';
		if (!letter && !(digit && sub > 0))
			return false;
		len++;
	}
}

static bool
valid_date(const char *s)
{
	int y, m, d;
	char extra;
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &extra) != 3)
		return false;
	static const int days[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31,
	    30, 31 };
	if (m < 1 || m > 12 || d < 1 || d > days[m - 1])
		return false;
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return !(m == 2 && d == 29 && !leap);
}

/* Empty, or only spaces: nothing to show. */
static bool
blank(const char *s)
{
	return s[strspn(s, " \t\r\n")] == '\0';
}

static bool
load_lstr(esg_report *r, const esg_yaml *y, const yaml_node_t *n,
    const char *what, esg_lstr *out, bool all, esg_diag *d)
{
	memset(out, 0, sizeof *out);
	out->pos = esg_yaml_pos(y, n);
	const char *plain = esg_yaml_str(n);
	if (plain) {
		if (esg_yaml_is_null(n) || blank(plain)) {
			esg_error(d, ESG_K_SYNTAX, out->pos, "%s is empty: give it "
			    "a text", what);
			return false;
		}
		for (int l = 0; l < r->nlangs; l++)
			out->v[l] = esg_arena_strdup(&r->arena, plain);
		return true;
	}
	if (!esg_yaml_is_map(n)) {
		esg_error(d, ESG_K_SYNTAX, out->pos,
		    "%s must be a text or a map from language key to text", what);
		return false;
	}
	bool ok = true;
	size_t count = esg_yaml_map_size(n);
	for (size_t i = 0; i < count; i++) {
		yaml_node_t *key = esg_yaml_map_key(y, n, i);
		const char *k = esg_yaml_str(key);
		int lang = k ? esg_report_lang(r, k) : -1;
		if (lang < 0) {
			esg_error(d, ESG_K_SYNTAX, esg_yaml_pos(y, key),
			    "%s: '%s' is not a language of this report", what,
			    k ? k : "?");
			ok = false;
			continue;
		}
		yaml_node_t *vn = esg_yaml_map_value(y, n, i);
		/* Null or empty in one language is that text missing: the
		 * warning (or error) below. */
		if (esg_yaml_is_null(vn))
			continue;
		const char *text = esg_yaml_want_str(y, vn, what, d);
		if (text == NULL) {
			ok = false;
			continue;
		}
		if (!blank(text))
			out->v[lang] = esg_arena_strdup(&r->arena, text);
	}
	int fallback = -1;
	for (int l = 0; l < r->nlangs && fallback < 0; l++)
		if (out->v[l])
			fallback = l;
	if (ok && fallback < 0) {
		esg_error(d, ESG_K_SYNTAX, out->pos, "%s has no text in any "
		    "language", what);
		return false;
	}
	for (int l = 0; ok && l < r->nlangs; l++) {
		if (out->v[l] != NULL && (!all || *out->v[l]))
			continue;
		if (all)
			esg_diag_add(d, ESG_ERROR, ESG_K_PARITY, 1, out->pos,
			    r->langs[l].key, "%s has no %s text", what,
			    r->langs[l].key);
		else if (fallback >= 0)
			esg_diag_add(d, ESG_WARNING, ESG_K_PARITY, 1, out->pos,
			    r->langs[l].key, "%s has no %s text; the %s text is "
			    "shown instead", what, r->langs[l].key,
			    r->langs[out->v[0] ? 0 : fallback].key);
	}
	return ok;
}

bool
esg_load_lstr(esg_report *r, const esg_yaml *y, const yaml_node_t *n,
    const char *what, esg_lstr *out, esg_diag *d)
{
	return load_lstr(r, y, n, what, out, false, d);
}

bool
esg_load_lstr_all(esg_report *r, const esg_yaml *y, const yaml_node_t *n,
    const char *what, esg_lstr *out, esg_diag *d)
{
	return load_lstr(r, y, n, what, out, true, d);
}

/* Text every page shows (the company, the report's title and
 * description, the languages' names) is bounded like a title: a long one
 * would be multiplied by the pages (an 8 MB company name made a
 * two-chapter report 283 MB). Reported once, and cut for the rest of the
 * run, so that `check` does not render it either. Returns the text, cut
 * if need be. */
static const char *
every_page_text_fits(esg_report *r, const char *text, const char *what,
    esg_pos pos, bool *reported, esg_diag *d)
{
	size_t chars, cut = esg_utf8_cut(text, ESG_MAX_TITLE_CHARS, &chars);
	if (text[cut] == '\0')
		return text;
	if (!*reported)
		esg_error(d, ESG_K_SYNTAX, pos, "%s of %zu characters: every page "
		    "shows it, so it may have at most %d", what, chars,
		    ESG_MAX_TITLE_CHARS);
	*reported = true;
	return esg_arena_strndup(&r->arena, text, cut);
}

static void
every_page_lstr_fits(esg_report *r, esg_lstr *s, const char *what,
    esg_diag *d)
{
	bool reported = false;
	for (int l = 0; l < r->nlangs; l++)
		if (s->v[l])
			s->v[l] = every_page_text_fits(r, s->v[l], what, s->pos,
			    &reported, d);
}

static void
load_languages(esg_report *r, const esg_yaml *y, yaml_node_t *seq,
    esg_diag *d)
{
	if (!esg_yaml_want_seq(y, seq, "languages", d))
		return;
	size_t n = esg_yaml_seq_size(seq);
	if (n == 0) {
		esg_error(d, ESG_K_SYNTAX, esg_yaml_pos(y, seq),
		    "languages must list at least one language");
		return;
	}
	if (n > ESG_MAX_LANGS) {
		esg_error(d, ESG_K_SYNTAX, esg_yaml_pos(y, seq),
		    "at most %d languages are supported", ESG_MAX_LANGS);
		return;
	}
	static const char *const known[] = { "key", "tag", "name", NULL };
	for (size_t i = 0; i < n; i++) {
		yaml_node_t *item = esg_yaml_seq_item(y, seq, i);
		if (!esg_yaml_want_map(y, item, "a language", d))
			continue;
		esg_yaml_warn_unknown_keys(y, item, known, "a language", d);
		yaml_node_t *kn = esg_yaml_get(y, item, "key");
		yaml_node_t *tn = esg_yaml_get(y, item, "tag");
		yaml_node_t *nn = esg_yaml_get(y, item, "name");
		esg_pos pos = esg_yaml_pos(y, item);
		if (kn == NULL || tn == NULL) {
			esg_error(d, ESG_K_SYNTAX, pos,
			    "a language needs key: (its directory) and tag: "
			    "(its BCP 47 tag), e.g. {key: zh, tag: zh-Hans, "
			    "name: 简体中文}");
			continue;
		}
		const char *key = esg_yaml_want_str(y, kn, "language key", d);
		const char *tag = esg_yaml_want_str(y, tn, "language tag", d);
		const char *name = nn ? esg_yaml_want_str(y, nn,
		    "language name", d) : tag;
		if (key == NULL || tag == NULL)
			continue;
		/* An error, but the language stays: what is written in it is
		 * still checked. */
		if (nn && name && *name == '\0')
			esg_error(d, ESG_K_SYNTAX, esg_yaml_pos(y, nn), "language "
			    "name is empty: the language switcher's link would "
			    "have no text; name it in itself, as 简体中文 or English");
		if (name == NULL || *name == '\0')
			name = tag;
		if (!valid_lang_key(key)) {
			esg_error(d, ESG_K_SYNTAX, esg_yaml_pos(y, kn),
			    "language key '%s' must be lowercase letters, digits "
			    "and '-', starting with a letter", key);
			continue;
		}
		bool reserved = false;
		for (size_t j = 0; reserved_keys[j]; j++)
			if (strcmp(reserved_keys[j], key) == 0)
				reserved = true;
		if (reserved) {
			esg_error(d, ESG_K_SYNTAX, esg_yaml_pos(y, kn),
			    "'%s' is a reserved directory name and cannot be a "
			    "language key", key);
			continue;
		}
		if (!valid_lang_tag(tag)) {
			size_t chars, shown = esg_utf8_cut(tag, 40, &chars);
			esg_error(d, ESG_K_SYNTAX, esg_yaml_pos(y, tn),
			    "'%.*s%s' is not a BCP 47 language tag of at most 35 "
			    "characters (e.g. zh-Hans, zh-Hant-HK, en)", (int)shown,
			    tag, tag[shown] ? "…" : "");
			continue;
		}
		bool dup = false;
		for (int j = 0; j < r->nlangs; j++) {
			if (strcmp(r->langs[j].key, key) == 0 ||
			    strcasecmp(r->langs[j].tag, tag) == 0) {
				esg_error(d, ESG_K_SYNTAX, pos,
				    "language %s (%s) is listed twice", key, tag);
				dup = true;
			}
		}
		if (dup)
			continue;
		bool reported = false;
		name = every_page_text_fits(r, name, "a language's name",
		    esg_yaml_pos(y, nn ? nn : tn), &reported, d);
		if (nn == NULL)
			esg_warning(d, ESG_K_SYNTAX, pos, "language %s has no name: "
			    "the language switcher shows '%s'; name it in itself, "
			    "as 简体中文 or English", key, tag);
		r->langs[r->nlangs++] = (esg_lang){
			.key = esg_arena_strdup(&r->arena, key),
			.tag = esg_arena_strdup(&r->arena, tag),
			.name = esg_arena_strdup(&r->arena, name),
			.pos = pos,
		};
	}
}

static void
load_period(esg_report *r, const esg_yaml *y, yaml_node_t *n, esg_diag *d)
{
	if (!esg_yaml_want_map(y, n, "period", d))
		return;
	static const char *const known[] = { "start", "end", NULL };
	esg_yaml_warn_unknown_keys(y, n, known, "period", d);
	const char *v[2] = { NULL, NULL };
	for (int i = 0; i < 2; i++) {
		yaml_node_t *dn = esg_yaml_get(y, n, known[i]);
		if (dn == NULL) {
			esg_error(d, ESG_K_SYNTAX, esg_yaml_pos(y, n),
			    "period needs %s: YYYY-MM-DD", known[i]);
			continue;
		}
		const char *s = esg_yaml_want_str(y, dn, "a period date", d);
		if (s && !valid_date(s)) {
			esg_error(d, ESG_K_SYNTAX, esg_yaml_pos(y, dn),
			    "period %s '%s' is not a date (YYYY-MM-DD)",
			    known[i], s);
			s = NULL;
		} else if (s && (atoi(s) < ESG_YEAR_MIN || atoi(s) > ESG_YEAR_MAX)) {
			/* 0224 for 2024: the data's years are 1900-2100, and no
			 * value would belong to the reporting year. */
			esg_error(d, ESG_K_SYNTAX, esg_yaml_pos(y, dn), "period %s "
			    "'%s' is not a year from %d to %d", known[i], s,
			    ESG_YEAR_MIN, ESG_YEAR_MAX);
			s = NULL;
		}
		v[i] = s;
	}
	if (v[0] && v[1] && strcmp(v[0], v[1]) > 0) {
		esg_error(d, ESG_K_SYNTAX, esg_yaml_pos(y, n),
		    "period ends (%s) before it starts (%s)", v[1], v[0]);
		return;
	}
	if (v[0] && v[1]) {
		r->period_start = esg_arena_strdup(&r->arena, v[0]);
		r->period_end = esg_arena_strdup(&r->arena, v[1]);
	}
}

static void
load_base_url(esg_report *r, const esg_yaml *y, yaml_node_t *n, esg_diag *d)
{
	const char *url = esg_yaml_want_str(y, n, "base_url", d);
	if (url == NULL)
		return;
	if (strncmp(url, "https://", 8) != 0 && strncmp(url, "http://", 7) != 0) {
		esg_error(d, ESG_K_SYNTAX, esg_yaml_pos(y, n),
		    "base_url must be an absolute http(s) URL, like "
		    "https://ir.example.com/esg/2024/");
		return;
	}
	for (const char *p = url; *p; p++) {
		if ((unsigned char)*p <= ' ' || *p == '"' || *p == '<' ||
		    *p == '>' || *p == '\\' || *p == '#' || *p == '?') {
			esg_error(d, ESG_K_SYNTAX, esg_yaml_pos(y, n),
			    "base_url may not contain spaces, quotes, '#' or '?'");
			return;
		}
	}
	/* One form everywhere (canonical and hreflang links, og:url, the
	 * sitemap, robots.txt): the ASCII one URLs travel in. libxml2
	 * escapes href values itself but not the others; sitemaps and
	 * robots.txt (RFC 9309) want the path percent-encoded. */
	const char *host = strstr(url, "://") + 3;
	const char *path = strchr(host, '/');
	for (const char *p = host; *p && p != path; p++)
		if ((unsigned char)*p >= 0x80) {
			esg_error(d, ESG_K_SYNTAX, esg_yaml_pos(y, n), "base_url: "
			    "write the host name in its ASCII form (xn--…)");
			return;
		}
	esg_buf b = ESG_BUF_INIT;
	for (const char *p = url; *p; p++)
		if ((unsigned char)*p >= 0x80)
			esg_buf_printf(&b, "%%%02X", (unsigned char)*p);
		else
			esg_buf_putc(&b, *p);
	if (esg_buf_cstr(&b)[b.len - 1] != '/')
		esg_buf_putc(&b, '/');
	r->base_url = esg_arena_strdup(&r->arena, esg_buf_cstr(&b));
	esg_buf_free(&b);
}

static bool
valid_topic_id(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') ||
		    *s == '-' || *s == '_'))
			return false;
	return true;
}

/* A list of plain values ("305", "302") with their positions. */
static size_t
load_strings(esg_report *r, const esg_yaml *y, yaml_node_t *n,
    const char *what, const char ***out, esg_pos **pos, esg_diag *d)
{
	*out = NULL;
	*pos = NULL;
	if (!esg_yaml_want_seq(y, n, what, d))
		return 0;
	size_t count = esg_yaml_seq_size(n), k = 0;
	*out = esg_arena_array(&r->arena, count, sizeof **out);
	*pos = esg_arena_array(&r->arena, count, sizeof **pos);
	for (size_t i = 0; i < count; i++) {
		yaml_node_t *item = esg_yaml_seq_item(y, n, i);
		const char *v = esg_yaml_want_str(y, item, what, d);
		if (v == NULL)
			continue;
		(*out)[k] = esg_arena_strdup(&r->arena, v);
		(*pos)[k++] = esg_yaml_pos(y, item);
	}
	return k;
}

static void
load_topics(esg_report *r, const esg_yaml *y, yaml_node_t *n,
    esg_framework *fw, esg_diag *d)
{
	if (!esg_yaml_want_seq(y, n, "material_topics", d))
		return;
	size_t count = esg_yaml_seq_size(n);
	fw->topics = esg_arena_array(&r->arena, count, sizeof *fw->topics);
	static const char *const known[] = { "id", "title", "standards", NULL };
	for (size_t i = 0; i < count; i++) {
		yaml_node_t *item = esg_yaml_seq_item(y, n, i);
		if (!esg_yaml_want_map(y, item, "a material topic", d))
			continue;
		esg_yaml_warn_unknown_keys(y, item, known, "a material topic", d);
		esg_topic *t = &fw->topics[fw->ntopics];
		t->pos = esg_yaml_pos(y, item);
		yaml_node_t *idn = esg_yaml_get(y, item, "id");
		const char *id = idn ? esg_yaml_want_str(y, idn, "a topic id", d) :
		    NULL;
		if (id == NULL) {
			if (idn == NULL)
				esg_error(d, ESG_K_SYNTAX, t->pos, "a material topic "
				    "needs id: (used as 3-3/ID in coverage)");
			continue;
		}
		if (!valid_topic_id(id)) {
			esg_error(d, ESG_K_SYNTAX, esg_yaml_pos(y, idn), "topic id "
			    "'%s' may use only lowercase letters, digits, '-' and "
			    "'_'", id);
			continue;
		}
		bool dup = false;
		for (size_t k = 0; k < fw->ntopics; k++)
			if (strcmp(fw->topics[k].id, id) == 0)
				dup = true;
		if (dup) {
			esg_error(d, ESG_K_SYNTAX, esg_yaml_pos(y, idn), "material "
			    "topic '%s' is listed twice", id);
			continue;
		}
		t->id = esg_arena_strdup(&r->arena, id);
		yaml_node_t *title = esg_yaml_get(y, item, "title");
		if (title == NULL)
			esg_error(d, ESG_K_SYNTAX, t->pos, "material topic '%s' "
			    "needs title:", id);
		else
			esg_load_lstr(r, y, title, "a topic title", &t->title, d);
		yaml_node_t *stds = esg_yaml_get(y, item, "standards");
		if (stds)
			t->nstandards = load_strings(r, y, stds, "standards",
			    &t->standards, &t->standard_pos, d);
		fw->ntopics++;
	}
}

static void
load_omissions(esg_report *r, const esg_yaml *y, yaml_node_t *n,
    esg_framework *fw, esg_diag *d)
{
	if (!esg_yaml_want_map(y, n, "omit", d))
		return;
	size_t count = esg_yaml_map_size(n);
	fw->omits = esg_arena_array(&r->arena, count, sizeof *fw->omits);
	static const char *const known[] = { "reason", "explanation", NULL };
	for (size_t i = 0; i < count; i++) {
		yaml_node_t *key = esg_yaml_map_key(y, n, i);
		yaml_node_t *v = esg_yaml_map_value(y, n, i);
		esg_omit *o = &fw->omits[fw->nomits];
		o->code = esg_arena_strdup(&r->arena, esg_yaml_str(key));
		o->pos = esg_yaml_pos(y, key);
		if (!esg_yaml_want_map(y, v, "an omission ({reason: …, "
		    "explanation: …})", d))
			continue;
		esg_yaml_warn_unknown_keys(y, v, known, "an omission", d);
		yaml_node_t *rn = esg_yaml_get(y, v, "reason");
		const char *reason = rn ? esg_yaml_want_str(y, rn, "reason", d) :
		    NULL;
		if (rn == NULL)
			esg_error(d, ESG_K_OMISSION, o->pos, "omission of %s needs "
			    "reason:", o->code);
		o->reason = reason ? esg_arena_strdup(&r->arena, reason) : NULL;
		yaml_node_t *en = esg_yaml_get(y, v, "explanation");
		if (en == NULL) {
			esg_error(d, ESG_K_OMISSION, o->pos, "omission of %s needs an "
			    "explanation: in every language", o->code);
		} else {
			/* An explanation shown in the wrong language is no
			 * explanation: every language must have its own. */
			esg_load_lstr_all(r, y, en, esg_arena_printf(&r->arena,
			    "the explanation of omitting %s", o->code),
			    &o->explanation, d);
		}
		fw->nomits++;
	}
}

static void
load_framework(esg_report *r, const esg_yaml *y, yaml_node_t *key,
    yaml_node_t *v, esg_framework *fw, esg_diag *d)
{
	fw->pos = esg_yaml_pos(y, key);
	fw->index_chapter = ESG_NO_CHAPTER;
	const char *plain = esg_yaml_str(v);
	if (plain && (*plain == '\0' || strcmp(plain, "~") == 0 ||
	    strcmp(plain, "null") == 0))
		return;
	if (!esg_yaml_want_map(y, v, fw->key, d))
		return;
	static const char *const known[] = { "edition", "claim",
	    "sector_standards", "material_topics", "omit", NULL };
	esg_yaml_warn_unknown_keys(y, v, known, fw->key, d);
	yaml_node_t *n;
	if ((n = esg_yaml_get(y, v, "edition"))) {
		const char *e = esg_yaml_want_str(y, n, "edition", d);
		fw->edition = e ? esg_arena_strdup(&r->arena, e) : NULL;
		fw->edition_pos = esg_yaml_pos(y, n);
	}
	if ((n = esg_yaml_get(y, v, "claim"))) {
		const char *c = esg_yaml_want_str(y, n, "claim", d);
		fw->claim_pos = esg_yaml_pos(y, n);
		if (c && strcmp(c, "in-accordance") == 0)
			fw->claim = ESG_CLAIM_IN_ACCORDANCE;
		else if (c && strcmp(c, "with-reference") == 0)
			fw->claim = ESG_CLAIM_WITH_REFERENCE;
		else if (c)
			esg_error(d, ESG_K_SYNTAX, fw->claim_pos, "claim must be "
			    "in-accordance or with-reference, not '%s'", c);
	}
	if ((n = esg_yaml_get(y, v, "sector_standards")))
		fw->nsectors = load_strings(r, y, n, "sector_standards",
		    &fw->sectors, &fw->sector_pos, d);
	if ((n = esg_yaml_get(y, v, "material_topics")))
		load_topics(r, y, n, fw, d);
	if ((n = esg_yaml_get(y, v, "omit")))
		load_omissions(r, y, n, fw, d);
}

static void
load_frameworks(esg_report *r, const esg_yaml *y, yaml_node_t *n,
    esg_diag *d)
{
	if (!esg_yaml_want_map(y, n, "frameworks", d))
		return;
	size_t count = esg_yaml_map_size(n);
	r->fws = esg_arena_array(&r->arena, count, sizeof *r->fws);
	for (size_t i = 0; i < count; i++) {
		yaml_node_t *key = esg_yaml_map_key(y, n, i);
		const char *k = esg_yaml_str(key);
		bool ok = k && *k && strlen(k) < 32 && k[0] >= 'a' && k[0] <= 'z';
		for (const char *p = k; ok && *p; p++)
			ok = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9');
		if (!ok) {
			esg_error(d, ESG_K_SYNTAX, esg_yaml_pos(y, key),
			    "framework key '%s' must be lowercase letters and "
			    "digits, like hkex, gri or sdg", k ? k : "?");
			continue;
		}
		esg_framework *fw = &r->fws[r->nfws++];
		fw->key = esg_arena_strdup(&r->arena, k);
		load_framework(r, y, key, esg_yaml_map_value(y, n, i), fw, d);
	}
}

int
esg_load_report(esg_report *r, esg_diag *d)
{
	r->yaml_path = esg_path_join(&r->arena, r->source, "report.yaml");
	if (!esg_is_dir(r->source)) {
		esg_input_error(d, (esg_pos){ r->source, 0, 0 },
		    "report source is not a directory");
		return -1;
	}
	r->real_source = esg_path_real(&r->arena, r->source);
	char *text;
	size_t len;
	if (esg_load_source_file(r, r->yaml_path, &text, &len, d) != 0)
		return -1;
	esg_yaml y;
	int rc = -1;
	if (esg_yaml_parse(&y, r->yaml_path, text, len, 0, d) != 0)
		goto out;
	yaml_node_t *root = esg_yaml_root(&y);
	if (!esg_yaml_is_map(root)) {
		esg_input_error(d, esg_yaml_pos(&y, root),
		    "report.yaml must be a mapping with company:, title:, "
		    "period: and languages:");
		goto out;
	}
	static const char *const known[] = { "company", "title", "description",
	    "period", "base_url", "stock_code", "languages", "unsafe_html",
	    "frameworks", NULL };
	esg_yaml_warn_unknown_keys(&y, root, known, "report.yaml", d);

	yaml_node_t *langs = esg_yaml_get(&y, root, "languages");
	if (langs == NULL) {
		esg_error(d, ESG_K_SYNTAX, esg_yaml_pos(&y, root),
		    "report.yaml needs languages:, e.g. "
		    "[{key: zh, tag: zh-Hans, name: 简体中文}, "
		    "{key: en, tag: en, name: English}]");
		goto out;
	}
	load_languages(r, &y, langs, d);
	if (r->nlangs == 0)
		goto out;

	static const char *const required[] = { "company", "title", "period" };
	for (size_t i = 0; i < 3; i++)
		if (esg_yaml_get(&y, root, required[i]) == NULL)
			esg_error(d, ESG_K_SYNTAX, esg_yaml_pos(&y, root),
			    "report.yaml needs %s:", required[i]);
	yaml_node_t *n;
	if ((n = esg_yaml_get(&y, root, "company")))
		esg_load_lstr(r, &y, n, "company", &r->company, d);
	if ((n = esg_yaml_get(&y, root, "title")))
		esg_load_lstr(r, &y, n, "title", &r->title, d);
	if ((n = esg_yaml_get(&y, root, "description")))
		esg_load_lstr(r, &y, n, "description", &r->description, d);
	every_page_lstr_fits(r, &r->company, "the company's name", d);
	every_page_lstr_fits(r, &r->title, "the report's title", d);
	every_page_lstr_fits(r, &r->description, "the report's description",
	    d);
	if ((n = esg_yaml_get(&y, root, "period")))
		load_period(r, &y, n, d);
	if ((n = esg_yaml_get(&y, root, "base_url")))
		load_base_url(r, &y, n, d);
	if ((n = esg_yaml_get(&y, root, "stock_code"))) {
		const char *s = esg_yaml_want_str(&y, n, "stock_code", d);
		if (s && blank(s))
			esg_error(d, ESG_K_SYNTAX, esg_yaml_pos(&y, n), "stock_code "
			    "is empty: give it, or leave the key out");
		else if (s)
			r->stock_code = esg_arena_strdup(&r->arena, s);
	}
	if ((n = esg_yaml_get(&y, root, "unsafe_html")))
		esg_yaml_want_bool(&y, n, "unsafe_html", &r->unsafe_html, d);
	if ((n = esg_yaml_get(&y, root, "frameworks")))
		load_frameworks(r, &y, n, d);
	rc = 0;
out:
	esg_yaml_free(&y);
	free(text);
	return rc;
}
