/* load_chapters.c — chapter files: pairing, front matter, Markdown, headings. */
#include "attrs.h"
#include "buf.h"
#include "cmark_threads.h"
#include "dom.h"
#include "frontmatter.h"
#include "fsutil.h"
#include "load.h"
#include "pool.h"
#include "shortcode.h"
#include "write.h"
#include "text.h"

#include <assert.h>
#include <libxml/HTMLparser.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

/* Directories of a report source that are not languages. */
static const char *const source_dirs[] = {
	"data", "media", "templates", "styles", "frameworks", NULL
};

/* CommonMark + the GFM extensions the contract names. Raw HTML is parsed
 * (so it can be reported) and dropped or kept by the renderer. */
#define ESG_CMARK_OPTIONS (CMARK_OPT_FOOTNOTES | CMARK_OPT_SOURCEPOS)

/* A title is shown on many pages (navigation, contents, indexes), so a
 * long one is an error, and is cut for the rest of the run. The usual
 * cause is a paragraph followed by a line of --- or ===. */
static void
title_fits(char *title, esg_pos pos, esg_diag *d)
{
	size_t chars, cut = esg_utf8_cut(title, ESG_MAX_TITLE_CHARS, &chars);
	if (title[cut] == '\0')
		return;
	esg_error(d, ESG_K_SYNTAX, pos, "a title of %zu characters: titles have "
	    "at most %d (a paragraph followed by a line of --- or === is a "
	    "heading)", chars, ESG_MAX_TITLE_CHARS);
	title[cut] = '\0';
}

static const char *const extensions[] = {
	"table", "strikethrough", "autolink", NULL
};

static bool
has_suffix(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* "07-environment.md" -> "environment": the leading number and its
 * separator and the extension are not part of the page name. */
static char *
slug_of(esg_arena *a, const char *file)
{
	const char *p = file;
	while (*p >= '0' && *p <= '9')
		p++;
	if (p > file && (*p == '-' || *p == '_'))
		p++;
	else
		p = file;
	size_t n = strlen(p) - 3;
	return esg_arena_strndup(a, p, n);
}

static bool
valid_slug(const char *s)
{
	if (*s == '\0')
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
			return false;
	return true;
}

/* ------------------------------------------------------------------ */
/* Front matter                                                        */

void
esg_load_covers(esg_report *r, const esg_yaml *y, const yaml_node_t *n,
    esg_cover **out, size_t *count, esg_diag *d)
{
	if (!esg_yaml_want_map(y, n, "covers", d))
		return;
	size_t total = 0, fws = esg_yaml_map_size(n);
	for (size_t i = 0; i < fws; i++) {
		yaml_node_t *v = esg_yaml_map_value(y, n, i);
		total += esg_yaml_is_seq(v) ? esg_yaml_seq_size(v) : 1;
	}
	*out = esg_arena_array(&r->arena, total, sizeof **out);
	*count = 0;
	for (size_t i = 0; i < fws; i++) {
		yaml_node_t *key = esg_yaml_map_key(y, n, i);
		const char *fw = esg_yaml_str(key);
		const esg_framework *f = fw ? esg_report_framework(r, fw) : NULL;
		if (f == NULL) {
			esg_error(d, ESG_K_UNKNOWN_CODE, esg_yaml_pos(y, key),
			    "covers: '%s' is not a framework of this report "
			    "(add it under frameworks: in report.yaml)",
			    fw ? fw : "?");
			continue;
		}
		fw = f->key;
		yaml_node_t *v = esg_yaml_map_value(y, n, i);
		size_t items = esg_yaml_is_seq(v) ? esg_yaml_seq_size(v) : 1;
		for (size_t j = 0; j < items; j++) {
			yaml_node_t *item = esg_yaml_is_seq(v) ?
			    esg_yaml_seq_item(y, v, j) : v;
			const char *code = esg_yaml_want_str(y, item,
			    "a framework code", d);
			if (code == NULL || *code == '\0')
				continue;
			(*out)[(*count)++] = (esg_cover){
				.framework = fw,
				.code = esg_arena_strdup(&r->arena, code),
				.pos = esg_yaml_pos(y, item),
			};
		}
	}
}

static void
load_front_matter(esg_report *r, esg_text *t, const esg_split *sp,
    esg_diag *d)
{
	esg_yaml y;
	if (esg_yaml_parse(&y, t->path, sp->yaml, sp->yaml_len,
	    sp->yaml_line - 1, d) != 0) {
		esg_yaml_free(&y);
		return;
	}
	yaml_node_t *root = esg_yaml_root(&y);
	if (root == NULL) {
		esg_yaml_free(&y);
		return;
	}
	if (!esg_yaml_is_map(root)) {
		esg_error(d, ESG_K_SYNTAX, esg_yaml_pos(&y, root),
		    "front matter must be key: value lines (title:, numbered:, "
		    "covers:, description:)");
		esg_yaml_free(&y);
		return;
	}
	static const char *const known[] = { "title", "numbered", "covers",
	    "description", NULL };
	esg_yaml_warn_unknown_keys(&y, root, known, "front matter", d);
	yaml_node_t *n;
	const char *s;
	if ((n = esg_yaml_get(&y, root, "title")) &&
	    (s = esg_yaml_want_str(&y, n, "title", d))) {
		char *title = esg_arena_strdup(&r->arena, s);
		t->title_pos = esg_yaml_pos(&y, n);
		title_fits(title, t->title_pos, d);
		if (*title == '\0')
			esg_error(d, ESG_K_SYNTAX, t->title_pos, "title: is empty: "
			    "give the chapter a title, or leave the key out to use "
			    "its level-1 heading");
		else
			t->title = title;
	}
	if ((n = esg_yaml_get(&y, root, "description")) &&
	    (s = esg_yaml_want_str(&y, n, "description", d))) {
		t->description = esg_arena_strdup(&r->arena, s);
		t->description_pos = esg_yaml_pos(&y, n);
	}
	if ((n = esg_yaml_get(&y, root, "numbered")) &&
	    esg_yaml_want_bool(&y, n, "numbered", &t->numbered, d)) {
		t->has_numbered = true;
		t->numbered_pos = esg_yaml_pos(&y, n);
	}
	if ((n = esg_yaml_get(&y, root, "covers")))
		esg_load_covers(r, &y, n, &t->covers, &t->ncovers, d);
	esg_yaml_free(&y);
}

/* ------------------------------------------------------------------ */
/* Headings                                                            */

/* The plain text of an inline container: what a table of contents or a
 * cross reference shows. */
static char *
plain_text(esg_arena *a, cmark_node *node)
{
	esg_buf b = ESG_BUF_INIT;
	cmark_iter *it = cmark_iter_new(node);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			esg_buf_puts(&b, cmark_node_get_literal(n));
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			esg_buf_putc(&b, ' ');
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	char *s = esg_arena_strdup(a, esg_buf_cstr(&b));
	esg_buf_free(&b);
	return s;
}

static esg_pos
offset_pos(const esg_text *t, cmark_node *text_node, const char *lit,
    size_t off)
{
	esg_pos p = esg_node_pos(t, text_node);
	if (p.col > 0)
		p.col += (int)esg_utf8_count(lit, off);
	return p;
}

/* Codes in an attribute value are separated by spaces, tabs or commas. */
static bool
code_separator(char c)
{
	return c == ' ' || c == ',' || c == '\t';
}

/* The number of codes add_codes() finds in value. */
static size_t
count_codes(const char *value)
{
	size_t n = 0;
	for (const char *p = value; *p; p++)
		n += !code_separator(*p) && (p == value || code_separator(p[-1]));
	return n;
}

/* Splits "a b, c" into codes and appends them as covers; pos is the
 * position of the value's first character, advanced per code. */
static void
add_codes(esg_report *r, esg_section *s, const char *fw, const char *value,
    esg_pos pos, size_t max, esg_diag *d)
{
	const char *p = value;
	while (*p) {
		while (code_separator(*p))
			p++;
		const char *start = p;
		while (*p && !code_separator(*p))
			p++;
		if (p == start)
			break;
		esg_pos at = pos;
		if (at.col > 0)
			at.col += (int)esg_utf8_count(value, (size_t)(start - value));
		bool ok = true;
		for (const char *q = start; q < p; q++)
			if (!((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
			    (*q >= '0' && *q <= '9') || *q == '.' || *q == '-' ||
			    *q == '/' || *q == '_' || *q == '@'))
				ok = false;
		if (!ok) {
			esg_error(d, ESG_K_UNKNOWN_CODE, at,
			    "'%.*s' is not a %s code", (int)(p - start), start, fw);
			continue;
		}
		assert(s->ncovers < max);
		s->covers[s->ncovers++] = (esg_cover){
			.framework = fw,
			.code = esg_arena_strndup(&r->arena, start,
			    (size_t)(p - start)),
			.pos = at,
		};
	}
}

/* Whether the author escaped the attribute block's '{' ("\{#usd}"), to
 * keep the braces as words ("Price list \{#usd}"): cmark takes the
 * backslash off the text, so it is read in the source. The block opens
 * at the last '{' of the heading's text (values hold no braces), which
 * is the last '{' of its lines: the one line of an ATX heading, or the
 * lines above a setext heading's underline. An odd number of
 * backslashes before it escapes it; an even number is escaped
 * backslashes ("\\\\{#bs}" is a backslash and a block). */
static bool
brace_escaped(const esg_text *t, const esg_tree *tree, cmark_node *heading)
{
	int first = cmark_node_get_start_line(heading);
	int last = cmark_node_get_end_line(heading);
	if (first < 1 || last < first || (size_t)last > t->nlines ||
	    tree->body == NULL)
		return false;
	const char *text = tree->body + t->line_starts[first - 1];
	size_t n = ((size_t)last < t->nlines ? t->line_starts[last] :
	    t->body_len) - t->line_starts[first - 1];
	if (last > first) {     /* setext: leave out the underline */
		n = t->line_starts[last - 1] - t->line_starts[first - 1];
	}
	const char *brace = memrchr(text, '{', n);
	if (brace == NULL)
		return false;
	size_t backslashes = 0;
	while (brace - backslashes > text && brace[-1 - (long)backslashes] == '\\')
		backslashes++;
	return backslashes % 2 == 1;
}

/* Ids that esgsite itself gives to elements; an author's id may not look
 * like one of them. */
bool
esg_id_reserved(const esg_report *r, const char *id)
{
	/* Footnotes, KPI rows, chapters, data tables and charts (render_md.c,
	 * render_kpi.c, render_chart.c); the page's own parts (render_site.c;
	 * the templates' ids are checked when they are read). */
	static const char *const prefixes[] = { "fn-", "fnref-", "kpi-",
	    "chapter-", "table-", "chart-", NULL };
	static const char *const whole[] = { "main", "contents-title", NULL };
	for (size_t i = 0; prefixes[i]; i++)
		if (strncmp(id, prefixes[i], strlen(prefixes[i])) == 0)
			return true;
	for (size_t i = 0; whole[i]; i++)
		if (strcmp(id, whole[i]) == 0)
			return true;
	for (size_t i = 0; i < r->nfws; i++) {
		size_t n = strlen(r->fws[i].key);
		if (strncmp(id, r->fws[i].key, n) == 0 && id[n] == '-')
			return true;
	}
	/* A Markdown table's caption is SLUG-table-N. */
	const char *table = strstr(id, "-table-");
	if (table && table - id < 200) {
		char slug[200];
		memcpy(slug, id, (size_t)(table - id));
		slug[table - id] = '\0';
		if (esg_strmap_get(&r->slugs, slug))
			return true;
	}
	return false;
}

/* Finds, parses and removes the attribute block at the end of a heading
 * and gives it to s, its section. s is NULL for a heading that starts no
 * section: one nested in a list, quote or table (warned about), or one
 * refused with an error of its own. */
static void
take_attributes(esg_report *r, esg_text *t, const esg_tree *tree,
    cmark_node *heading, esg_section *s, bool nested, esg_diag *d)
{
	cmark_node *last = cmark_node_last_child(heading);
	if (last == NULL || cmark_node_get_type(last) != CMARK_NODE_TEXT)
		return;
	const char *lit = cmark_node_get_literal(last);
	size_t len = strlen(lit), block_start, err_off;
	const char *err_msg;
	esg_attrs attrs;
	esg_attrs_result found = esg_attrs_parse(lit, len, &r->arena, &attrs,
	    &block_start, &err_off, &err_msg);
	if (found != ESG_ATTRS_NONE && brace_escaped(t, tree, heading))
		return;
	switch (found) {
	case ESG_ATTRS_NONE:
		/* "{#id …}" cut in pieces by raw HTML, code or a link: the
		 * author meant an attribute block, and would otherwise see it
		 * printed in the heading. */
		if (len && lit[len - 1] == '}' && last != cmark_node_first_child(
		    heading) && !strchr(lit, '{'))
			esg_warning(d, ESG_K_SYNTAX, offset_pos(t, last, lit, 0),
			    "the heading ends with '}' but its attribute block "
			    "cannot be read: raw HTML, code or a link inside it "
			    "splits it; it is shown as text");
		return;
	case ESG_ATTRS_BAD:
		esg_error(d, ESG_K_SYNTAX, offset_pos(t, last, lit, err_off),
		    "heading attributes: %s", err_msg);
		return;
	case ESG_ATTRS_OK:
		break;
	}
	if (s == NULL) {
		if (nested)
			esg_warning(d, ESG_K_SYNTAX, offset_pos(t, last, lit,
			    block_start), "attributes on a heading inside a list, "
			    "quote or table are ignored: only top-level headings "
			    "start sections");
	} else {
		if (attrs.id) {
			esg_pos ipos = offset_pos(t, last, lit, attrs.id_offset);
			if (esg_id_reserved(r, attrs.id))
				esg_error(d, ESG_K_LINK, ipos,
				    "id '%s' is like the ids esgsite generates "
				    "(fn-, fnref-, kpi-, chapter-, table-, chart-, "
				    "FRAMEWORK-, CHAPTER-table-N, main, "
				    "contents-title); choose another", attrs.id);
			else
				s->id = attrs.id;
		}
		s->classes = attrs.classes;
		s->nclasses = attrs.nclasses;
		size_t max = 0;
		for (size_t i = 0; i < attrs.npairs; i++)
			max += count_codes(attrs.pairs[i].value);
		s->covers = esg_arena_array(&r->arena, max, sizeof *s->covers);
		for (size_t i = 0; i < attrs.npairs; i++) {
			const esg_attr *at = &attrs.pairs[i];
			esg_pos apos = offset_pos(t, last, lit, at->offset);
			const esg_framework *fw = esg_report_framework(r, at->key);
			if (fw == NULL) {
				esg_buf known = ESG_BUF_INIT;
				for (size_t f = 0; f < r->nfws; f++)
					esg_buf_printf(&known, "%s%s", f ? ", " : "",
					    r->fws[f].key);
				esg_error(d, ESG_K_SYNTAX, apos,
				    "unknown heading attribute '%s' (attributes "
				    "name frameworks of report.yaml: %s)", at->key,
				    r->nfws ? esg_buf_cstr(&known) : "none");
				esg_buf_free(&known);
				continue;
			}
			add_codes(r, s, fw->key, at->value, offset_pos(t, last, lit,
			    at->value_offset), max, d);
		}
	}
	/* Remove the block (and the spaces before it) from the heading. */
	size_t keep = block_start;
	while (keep > 0 && (lit[keep - 1] == ' ' || lit[keep - 1] == '\t'))
		keep--;
	if (keep == 0) {
		cmark_node_free(last);
	} else {
		char *trimmed = esg_arena_strndup(&r->arena, lit, keep);
		cmark_node_set_literal(last, trimmed);
	}
}

static void
collect_sections(esg_report *r, const esg_chapter *ch, size_t chapter_index,
    esg_text *t, esg_tree *tree, bool walk, esg_diag *d)
{
	/* Count top-level headings first so the array is allocated once. */
	size_t count = 1;
	for (cmark_node *n = cmark_node_first_child(tree->doc); n;
	    n = cmark_node_next(n))
		if (cmark_node_get_type(n) == CMARK_NODE_HEADING)
			count++;
	t->sections = esg_arena_array(&r->arena, count, sizeof *t->sections);
	t->nsections = 0;
	tree->headings = esg_xcalloc(count, sizeof *tree->headings);

	/* Headings nested in lists or quotes: strip attributes, no sections.
	 * The same walk enforces the nesting limit. (Parsing a text again
	 * needs it only where loading changed something.) */
	t->edited_inside = false;
	cmark_iter *it = cmark_iter_new(tree->doc);
	cmark_event_type ev;
	int depth = 0;
	cmark_node **too_deep = NULL;   /* top-level blocks to leave out */
	size_t ndeep = 0;
	while (walk && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev == CMARK_EVENT_ENTER && cmark_node_first_child(n) &&
		    ++depth > ESG_MAX_NESTING + 1) {
			esg_error(d, ESG_K_SYNTAX, esg_node_pos(t, n),
			    "lists, quotes or emphasis nest more than %d levels "
			    "deep", ESG_MAX_NESTING);
			cmark_node *block = n;
			while (cmark_node_parent(block) != tree->doc)
				block = cmark_node_parent(block);
			too_deep = esg_xrealloc(too_deep,
			    (ndeep + 1) * sizeof *too_deep);
			too_deep[ndeep++] = block;
			/* Skip the rest of the block: the walk goes on after
			 * its EXIT, back at the top level. */
			cmark_iter_reset(it, block, CMARK_EVENT_EXIT);
			depth = 0;
			continue;
		}
		if (ev == CMARK_EVENT_EXIT)
			depth--;
		/* cmark allows changing a container only after its EXIT. */
		if (ev == CMARK_EVENT_EXIT &&
		    cmark_node_get_type(n) == CMARK_NODE_HEADING &&
		    cmark_node_parent(n) != tree->doc) {
			take_attributes(r, t, tree, n, NULL, true, d);
			t->edited_inside = true;
		}
	}
	cmark_iter_free(it);
	/* Left out, so that nothing later walks a tree that deep. */
	if (ndeep)
		t->edited_inside = true;
	for (size_t i = 0; i < ndeep; i++)
		cmark_node_free(too_deep[i]);
	free(too_deep);

	bool have_h1 = false, seen_h1 = false, seen_section = false;
	/* Sibling counters per depth, for generated ids. */
	int counters[8] = { 0 };
	int stack[8];       /* section index open at each depth */
	int top = 0;        /* depth of the innermost open section */
	esg_section *s0 = &t->sections[0];
	s0->parent = -1;
	s0->chapter = chapter_index;
	s0->level = 1;
	t->nsections = 1;
	stack[0] = 0;

	for (cmark_node *n = cmark_node_first_child(tree->doc); n;
	    n = cmark_node_next(n)) {
		if (cmark_node_get_type(n) != CMARK_NODE_HEADING)
			continue;
		int level = cmark_node_get_heading_level(n);
		esg_pos pos = esg_node_pos(t, n);
		if (level == 1) {
			bool again = seen_h1;
			seen_h1 = true;
			if (have_h1 || seen_section) {
				esg_error(d, ESG_K_SYNTAX, pos,
				    again ? "a chapter has one level-1 heading "
				    "(its title); use ## for sections" :
				    "the level-1 heading (the chapter title) must "
				    "come before the chapter's sections");
				/* Reported above; the block is only taken off. */
				take_attributes(r, t, tree, n, NULL, false, d);
				continue;
			}
			have_h1 = true;
			tree->headings[0] = n;
			s0->pos = pos;
			take_attributes(r, t, tree, n, s0, false, d);
			char *title = plain_text(&r->arena, n);
			title_fits(title, pos, d);
			s0->title = title;
			continue;
		}
		seen_section = true;
		esg_section *s = &t->sections[t->nsections];
		tree->headings[t->nsections] = n;
		s->level = level;
		s->pos = pos;
		s->chapter = chapter_index;
		while (top > 0 && t->sections[stack[top]].level >= level)
			top--;
		if (top >= 7) {
			esg_error(d, ESG_K_SYNTAX, pos, "headings nest too deeply");
			continue;
		}
		s->parent = stack[top];
		s->depth = top + 1;
		/* Headings are the page's outline, which screen readers list
		 * and move through: one that skips a level reads as if a
		 * heading were missing (WCAG 1.3.1). */
		int above = t->sections[s->parent].level;
		if (level > above + 1)
			esg_warning(d, ESG_K_SYNTAX, pos, "a level-%d heading (%.*s) "
			    "right under a level-%d one skips a level of the page's "
			    "outline, which screen readers list; use %.*s", level,
			    level, "######", above, above + 1, "######");
		counters[s->depth]++;
		for (int k = s->depth + 1; k < 8; k++)
			counters[k] = 0;
		take_attributes(r, t, tree, n, s, false, d);
		char *title = plain_text(&r->arena, n);
		title_fits(title, pos, d);
		s->title = title;
		for (size_t c = 0; c < s->nclasses; c++)
			if (strcmp(s->classes[c], "case") == 0 ||
			    strcmp(s->classes[c], "unnumbered") == 0)
				s->unnumbered = true;
		if (t->sections[s->parent].unnumbered)
			s->unnumbered = true;
		if (s->title[0] == '\0')
			esg_error(d, ESG_K_SYNTAX, pos, "heading has no text");
		if (s->id == NULL) {
			esg_buf id = ESG_BUF_INIT;
			esg_buf_puts(&id, ch->slug);
			for (int k = 1; k <= s->depth; k++)
				esg_buf_printf(&id, "-%d", counters[k]);
			s->id = esg_arena_strdup(&r->arena, esg_buf_cstr(&id));
			s->id_generated = true;
			esg_buf_free(&id);
		}
		stack[++top] = (int)t->nsections;
		t->nsections++;
	}

	if (!have_h1) {
		s0->pos = (esg_pos){ t->path, t->body_line, 1 };
		s0->title = t->title;
		if (t->title == NULL)
			esg_error(d, ESG_K_SYNTAX, (esg_pos){ t->path, 1, 1 },
			    "chapter has no title: start it with a level-1 "
			    "heading (# Title) or give title: in front matter");
	}
	if (s0->title == NULL || s0->title[0] == '\0') {
		if (have_h1)
			esg_error(d, ESG_K_SYNTAX, s0->pos, "heading has no text");
		s0->title = ch->slug;
	}
	if (t->title == NULL)
		t->title = s0->title;
	if (s0->id == NULL) {
		s0->id = ch->slug;
		s0->id_generated = true;
	}
	tree->nheadings = t->nsections;
}

/* ------------------------------------------------------------------ */
/* Footnotes                                                           */

/* The label of "[^label]" at s (len bytes on), in lower case, or NULL. */
static char *
footnote_label(esg_arena *a, const char *s, size_t len, size_t *end)
{
	if (len < 4 || s[0] != '[' || s[1] != '^')
		return NULL;
	size_t i = 2;
	while (i < len && s[i] != ']' && s[i] != '[' && s[i] != '\n' &&
	    s[i] != ' ' && s[i] != '\t')
		i++;
	if (i == 2 || i >= len || s[i] != ']')
		return NULL;
	char *label = esg_arena_strndup(a, s + 2, i - 2);
	for (char *c = label; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	*end = i + 1;
	return label;
}

typedef enum footnote_trouble {
	FN_UNREFERRED,          /* a definition nothing refers to */
	FN_TWICE,               /* a second definition of a label */
	FN_UNKNOWN,             /* a reference to no definition */
} footnote_trouble;

typedef struct footnote_problem {
	esg_pos pos;
	const char *label;
	footnote_trouble kind;
} footnote_problem;

static int
by_position(const void *a, const void *b)
{
	const footnote_problem *x = a, *y = b;
	if (x->pos.line != y->pos.line)
		return x->pos.line < y->pos.line ? -1 : 1;
	return (x->pos.col > y->pos.col) - (x->pos.col < y->pos.col);
}

static void
add_found(footnote_problem **found, size_t *n, size_t *cap,
    footnote_problem p)
{
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 8;
		*found = esg_xrealloc(*found, *cap * sizeof **found);
	}
	(*found)[(*n)++] = p;
}

/* The label of the definition whose content starts at line (1-based)
 * before byte column col: "[^label]:" after the line's blanks and quote
 * markers. */
static char *
definition_label(esg_arena *a, const esg_text *t, int line, int col,
    size_t *at)
{
	if (line <= 0 || (size_t)line > t->nlines || col <= 0)
		return NULL;
	size_t i = t->line_starts[line - 1];
	size_t stop = i + (size_t)col - 1, end;
	if (stop > t->body_len)
		return NULL;
	while (i < stop && (t->body[i] == ' ' || t->body[i] == '\t' ||
	    t->body[i] == '>'))
		i++;
	char *label = footnote_label(a, t->body + i, stop - i, &end);
	*at = i;
	return label && i + end < stop && t->body[i + end] == ':' ? label : NULL;
}

/* A numeric character reference is the one way Markdown can name a
 * character the loader refuses in the file itself: &#11; or &#x85; (a
 * control character a web page cannot contain, which libxml2 then drops
 * without a word), &#xFFFE; or &#xFFFF; (cmark-gfm writes them as the
 * lone bytes 0xFE and 0xFF, so the page would not be UTF-8). The text,
 * link and image nodes hold them decoded; code keeps its references as
 * written. Only texts with "&#" in them are walked. */
static void
check_character_refs(const esg_text *t, const esg_tree *tree, esg_diag *d)
{
	if (esg_find(t->body, t->body_len, "&#", 2) == NULL)
		return;
	esg_col_memo memo = ESG_COL_MEMO_INIT;
	cmark_iter *it = cmark_iter_new(tree->doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type type = cmark_node_get_type(n);
		if (ev != CMARK_EVENT_ENTER || (type != CMARK_NODE_TEXT &&
		    type != CMARK_NODE_LINK && type != CMARK_NODE_IMAGE))
			continue;
		const char *parts[3] = { NULL, NULL, NULL };
		if (type == CMARK_NODE_TEXT) {
			parts[0] = cmark_node_get_literal(n);
		} else {
			parts[0] = cmark_node_get_url(n);
			parts[1] = cmark_node_get_title(n);
		}
		for (int k = 0; k < 3 && parts[k]; k++) {
			uint32_t cp;
			size_t len = strlen(parts[k]);
			size_t at = esg_text_unfit_at(parts[k], len, &cp);
			if (at == len)
				continue;
			/* The only bytes that are not UTF-8 here are cmark-gfm's
			 * for U+FFFE and U+FFFF: 0xFE and 0xFF. */
			if (cp == ESG_CP_INVALID)
				cp = (unsigned char)parts[k][at] == 0xFF ? 0xFFFF :
				    0xFFFE;
			esg_error(d, ESG_K_SYNTAX, esg_tree_pos(t, tree, n, &memo),
			    "a character reference makes U+%04X, %s a web page "
			    "cannot contain; delete it", (unsigned)cp,
			    cp < 0x20 || (cp >= 0x7F && cp <= 0x9F) ?
			    "a control character" : "a noncharacter");
			break;
		}
	}
	cmark_iter_free(it);
}

/* A table row with more cells than the header: cmark-gfm keeps as many
 * as the header has and leaves out the rest without a word (GFM: "the
 * excess is ignored"). The cells it made up for a short row have no
 * column; after the last real one, the row's line may hold only the
 * closing pipe. */
static void
check_row_cells(const esg_text *t, const esg_tree *tree, cmark_node *row,
    esg_diag *d)
{
	int line = cmark_node_get_start_line(row);
	int last_end = 0, columns = 0;
	for (cmark_node *c = cmark_node_first_child(row); c;
	    c = cmark_node_next(c)) {
		columns++;
		if (cmark_node_get_start_column(c) > 0)
			last_end = cmark_node_get_end_column(c);
	}
	cmark_node *table = cmark_node_parent(row);
	int head = table ? cmark_node_get_start_line(table) : 0;
	if (line < 1 || (size_t)line > t->nlines || last_end <= 0 ||
	    line != cmark_node_get_end_line(row) || head < 1 || head > line)
		return;
	const char *text = tree->body + t->line_starts[line - 1];
	size_t len = (size_t)line < t->nlines ?
	    t->line_starts[line] - t->line_starts[line - 1] :
	    t->body_len - t->line_starts[line - 1];
	/* cmark-gfm counts a row's cell columns from where the table's
	 * first line starts, after the row's own indentation: a row
	 * indented more or less than the header is shifted by the
	 * difference (the quote markers and indentation before the '|'). */
	const char *first = tree->body + t->line_starts[head - 1];
	last_end += (int)strspn(text, " \t>") - (int)strspn(first, " \t>");
	if (last_end <= 0)
		return;
	for (size_t i = (size_t)last_end; i < len && text[i] != '\n' &&
	    text[i] != '\r'; i++)
		if (text[i] != '|' && text[i] != ' ' && text[i] != '\t') {
			esg_warning(d, ESG_K_SYNTAX, (esg_pos){ t->path,
			    t->body_line + line - 1,
			    (int)esg_utf8_count(text, i) + 1 }, "this row has more "
			    "cells than the table's header (%d): the rest of the "
			    "row is left out; add a column to the header or "
			    "remove the cells", columns);
			return;
		}
}

/* cmark-gfm leaves out, without a word, a footnote that nothing refers
 * to, and leaves a reference to no footnote in the text as "[^x]". The
 * tree keeps only the footnotes referred to, so the definitions are read
 * off the lines, outside code and HTML blocks. Reported in reading
 * order. */
static void
check_footnotes(esg_report *r, const esg_text *t, const esg_tree *tree,
    esg_diag *d)
{
	bool *literal = esg_xcalloc(t->nlines + 1, sizeof *literal);
	esg_strmap shown = ESG_STRMAP_INIT;
	footnote_problem *found = NULL;
	size_t nfound = 0, cap = 0;
	esg_col_memo memo = ESG_COL_MEMO_INIT;
	cmark_iter *it = cmark_iter_new(tree->doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cmark_node_type type = cmark_node_get_type(n);
		int first = cmark_node_get_start_line(n);
		size_t at;
		if (type == CMARK_NODE_CODE_BLOCK || type == CMARK_NODE_HTML_BLOCK) {
			for (int l = first; l > 0 && l <= cmark_node_get_end_line(n) &&
			    (size_t)l <= t->nlines; l++)
				literal[l - 1] = true;
		} else if (type == CMARK_NODE_FOOTNOTE_DEFINITION) {
			char *label = definition_label(&r->arena, t, first,
			    cmark_node_get_start_column(n), &at);
			if (label)
				esg_strmap_put(&shown, label, label);
		} else if ((type & CMARK_NODE_TYPE_BLOCK) &&
		    type > CMARK_NODE_FOOTNOTE_DEFINITION &&
		    strcmp(cmark_node_get_type_string(n), "table_row") == 0) {
			check_row_cells(t, tree, n, d);
		} else if (type == CMARK_NODE_TEXT) {
			const char *lit = cmark_node_get_literal(n);
			size_t len = strlen(lit), end;
			/* Columns counted on from the last one: a line of
			 * 100,000 references would count 10^10 characters. */
			esg_lit_count counted = ESG_LIT_COUNT_INIT;
			for (const char *p = lit; (p = esg_find(p,
			    len - (size_t)(p - lit), "[^", 2)); p++) {
				char *label = footnote_label(&r->arena, p,
				    len - (size_t)(p - lit), &end);
				if (label == NULL)
					continue;
				esg_pos ref = esg_tree_pos(t, tree, n, &memo);
				size_t chars = esg_lit_chars(lit, (size_t)(p - lit),
				    &counted);
				if (ref.col > 0)
					ref.col += (int)chars;
				add_found(&found, &nfound, &cap,
				    (footnote_problem){ ref, label, FN_UNKNOWN });
			}
		}
	}
	cmark_iter_free(it);
	esg_strmap defined = ESG_STRMAP_INIT;
	for (size_t l = 0; l < t->nlines; l++) {
		size_t at;
		char *label = literal[l] ? NULL : definition_label(&r->arena, t,
		    (int)l + 1, (int)(t->body_len - t->line_starts[l]) + 1, &at);
		if (label == NULL)
			continue;
		esg_pos pos = { t->path, (int)(t->body_line + l),
		    (int)esg_utf8_count(t->body + t->line_starts[l],
		    at - t->line_starts[l]) + 1 };
		/* cmark-gfm shows the first definition of a label only. */
		if (esg_strmap_put(&defined, label, label) != label)
			add_found(&found, &nfound, &cap,
			    (footnote_problem){ pos, label, FN_TWICE });
		else if (!esg_strmap_get(&shown, label))
			add_found(&found, &nfound, &cap,
			    (footnote_problem){ pos, label, FN_UNREFERRED });
	}
	esg_strmap_free(&defined);
	if (nfound)
		qsort(found, nfound, sizeof *found, by_position);
	for (size_t i = 0; i < nfound; i++)
		switch (found[i].kind) {
		case FN_UNREFERRED:
			esg_warning(d, ESG_K_LINK, found[i].pos, "footnote [^%s] is "
			    "not referred to anywhere in the chapter, so it is not "
			    "shown", found[i].label);
			break;
		case FN_TWICE:
			esg_warning(d, ESG_K_LINK, found[i].pos, "footnote [^%s] is "
			    "defined again: only its first definition is shown; "
			    "give this one a label of its own", found[i].label);
			break;
		case FN_UNKNOWN:
			esg_warning(d, ESG_K_LINK, found[i].pos, "[^%s] refers to "
			    "no footnote (no line starts with [^%s]:), so it is "
			    "shown as written", found[i].label, found[i].label);
			break;
		}
	free(found);
	esg_strmap_free(&shown);
	free(literal);
}

/* The paragraphs that may place a block: see esg_block_code. */
static void
collect_blocks(esg_report *r, esg_text *t, const esg_tree *tree)
{
	size_t count = 0;
	for (cmark_node *n = cmark_node_first_child(tree->doc); n;
	    n = cmark_node_next(n))
		count += cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH;
	t->blocks = esg_arena_array(&r->arena, count ? count : 1,
	    sizeof *t->blocks);
	t->nblocks = 0;
	/* The section headings are top-level headings in document order:
	 * one cursor finds each as the walk meets it. (A heading that is not
	 * a section, an error, leaves the section as it was.) */
	size_t section = 0, next = 0;
	for (cmark_node *n = cmark_node_first_child(tree->doc); n;
	    n = cmark_node_next(n)) {
		if (cmark_node_get_type(n) == CMARK_NODE_HEADING) {
			while (next < tree->nheadings && tree->headings[next] == NULL)
				next++;
			if (next < tree->nheadings && tree->headings[next] == n)
				section = next++;
			continue;
		}
		cmark_node *tx = cmark_node_first_child(n);
		if (cmark_node_get_type(n) != CMARK_NODE_PARAGRAPH || !tx ||
		    cmark_node_next(tx) || cmark_node_get_type(tx) != CMARK_NODE_TEXT)
			continue;
		const char *lit = cmark_node_get_literal(tx);
		if (lit == NULL || strstr(lit, "{{") == NULL)
			continue;
		/* The resolvers look at a paragraph's first shortcode only:
		 * that is all that is kept, not the paragraph. */
		esg_shortcode sc;
		size_t off;
		const char *msg;
		if (esg_shortcode_next(lit, strlen(lit), 0, &sc, &off, &msg) != 1)
			continue;
		t->blocks[t->nblocks++] = (esg_block_code){
		    esg_arena_strndup(&r->arena, lit + sc.start, sc.end - sc.start),
		    esg_node_pos(t, n), section };
	}
}

/* unsafe_html: the ids of the chapter's raw HTML elements, which links
 * may name and which must be unique in the report like sections' (the
 * renderer checks each against the sections; resolve.c against each
 * other). Parsed with libxml2's HTML parser, as the renderer will. */
static void
collect_raw_ids(esg_report *r, esg_text *t, const esg_tree *tree,
    size_t chapter)
{
	t->raw_ids = NULL;
	t->nraw_ids = 0;
	if (!r->unsafe_html)
		return;
	size_t cap = 0;
	cmark_iter *it = cmark_iter_new(tree->doc);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		cmark_node_type type = cmark_node_get_type(n);
		if (ev != CMARK_EVENT_ENTER || (type != CMARK_NODE_HTML_BLOCK &&
		    type != CMARK_NODE_HTML_INLINE))
			continue;
		const char *html = cmark_node_get_literal(n);
		if (html == NULL || strcasestr(html, "id") == NULL)
			continue;
		htmlDocPtr hd = htmlReadMemory(html, (int)strlen(html), NULL,
		    "UTF-8", HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
		    HTML_PARSE_NONET);
		xmlNodePtr top = hd ? xmlDocGetRootElement(hd) : NULL;
		for (xmlNodePtr e = top; e; e = esg_dom_next(e, top, true)) {
			if (e->type != XML_ELEMENT_NODE)
				continue;
			xmlChar *id = xmlGetProp(e, (const xmlChar *)"id");
			if (id && *id) {
				if (t->nraw_ids == cap) {
					esg_raw_id *grown = esg_arena_array(&r->arena,
					    cap ? cap * 2 : 8, sizeof *grown);
					if (t->nraw_ids)
						memcpy(grown, t->raw_ids,
						    t->nraw_ids * sizeof *grown);
					t->raw_ids = grown;
					cap = cap ? cap * 2 : 8;
				}
				t->raw_ids[t->nraw_ids++] = (esg_raw_id){
				    esg_arena_strdup(&r->arena, (const char *)id),
				    esg_node_pos(t, n), chapter };
			}
			xmlFree(id);
		}
		if (hd)
			xmlFreeDoc(hd);
	}
	cmark_iter_free(it);
}

/* ------------------------------------------------------------------ */
/* Tables, sized before parsing                                        */

/* cmark-gfm 0.29.0.gfm.6, Debian 12's, fills in every cell a table row
 * leaves out, and appends each cell of a row to a list it walks from the
 * start: a 7 KB table of 1,200 columns and 1,200 one-letter rows takes
 * 800 MB, and a row of 20,000 cells a second (later releases cap both:
 * CVE-2023-37463). So every table the text could hold is sized first, on
 * the lines alone, generously: a line of only '|', '-', ':' and blanks
 * (after quote and list markers) that follows a non-blank line is a
 * delimiter row; its table runs to the next blank line; a row has a cell
 * per '|', plus one. No table cmark-gfm would build is missed. */

typedef struct line_view {
	const char *s;
	size_t len;
} line_view;

static line_view
body_line(const esg_text *t, size_t i)
{
	size_t start = t->line_starts[i];
	size_t end = i + 1 < t->nlines ? t->line_starts[i + 1] : t->body_len;
	return (line_view){ t->body + start, end - start };
}

static size_t
pipes_in(line_view l)
{
	size_t n = 0;
	for (size_t i = 0; i < l.len; i++)
		n += l.s[i] == '|';
	return n;
}

/* Blank, or blank inside block quotes: where a table ends. */
static bool
blank(line_view l)
{
	for (size_t i = 0; i < l.len; i++)
		if (!strchr(" \t\r\n>", l.s[i]))
			return false;
	return true;
}

static bool
delimiter_row(line_view l)
{
	size_t i = 0;
	for (;;) {   /* quote and list markers, nested */
		while (i < l.len && strchr(" \t>", l.s[i]))
			i++;
		size_t digits = 0;
		while (i + digits < l.len && l.s[i + digits] >= '0' &&
		    l.s[i + digits] <= '9')
			digits++;
		if (i + digits + 1 < l.len && strchr(digits ? ".)" : "+*",
		    l.s[i + digits]) && (l.s[i + digits + 1] == ' ' ||
		    l.s[i + digits + 1] == '\t')) {
			i += digits + 1;
			continue;
		}
		break;
	}
	bool dash = false, pipe = false;
	for (; i < l.len; i++) {
		char c = l.s[i];
		if (!strchr("|-: \t\r\n", c))
			return false;
		dash |= c == '-';
		pipe |= c == '|';
	}
	return dash && pipe;
}

static bool
too_wide(const esg_text *t, size_t i, line_view l, esg_diag *d)
{
	size_t pipes = pipes_in(l);
	if (pipes <= ESG_MAX_TABLE_COLUMNS + 1)   /* "| a | … | z |" */
		return false;
	esg_input_error(d, (esg_pos){ t->path, (int)(t->body_line + i), 1 },
	    "a table row of %zu '|': tables may have %d columns at most; "
	    "split the table", pipes, ESG_MAX_TABLE_COLUMNS);
	return true;
}

static bool
tables_fit(const esg_text *t, esg_diag *d)
{
	for (size_t i = 1; i < t->nlines; i++) {
		line_view delim = body_line(t, i);
		if (!delimiter_row(delim) || blank(body_line(t, i - 1)))
			continue;
		if (too_wide(t, i - 1, body_line(t, i - 1), d) ||
		    too_wide(t, i, delim, d))
			return false;
		size_t columns = pipes_in(delim) + 1, rows = 1;
		size_t bytes = body_line(t, i - 1).len + delim.len;
		size_t j = i + 1;
		for (; j < t->nlines; j++) {
			line_view row = body_line(t, j);
			if (blank(row))
				break;
			if (too_wide(t, j, row, d))
				return false;
			rows++;
			bytes += row.len;
		}
		size_t cells = columns * rows;
		if (cells > ESG_MIN_TABLE_CELLS && cells > bytes) {
			esg_input_error(d, (esg_pos){ t->path,
			    (int)(t->body_line + i), 1 }, "a table of up to %zu columns "
			    "and %zu rows: %zu cells, more than one per byte of its "
			    "text (or %d); rows that leave cells out are filled in, "
			    "so split the table or write its cells out", columns,
			    rows, cells, ESG_MIN_TABLE_CELLS);
			return false;
		}
		i = j;
	}
	return true;
}

/* Scans of cmark-gfm 0.29.0.gfm.6 that may run to the end of the text
 * from many places in it, each bounded before parsing, generously: the
 * text may cost 64 per byte, or 2^24 in all if more. Ordinary text costs
 * nothing near that. */
#define SCAN_PER_BYTE 64
#define SCAN_MIN ((size_t)1 << 24)

static size_t
scan_budget(const esg_text *t)
{
	return SCAN_MIN + SCAN_PER_BYTE * t->body_len;
}

/* Raw HTML: from each "<![CDATA[", "<?" or "<!" and a letter, the
 * scanner looks for the "]]>", "?>" or ">" that ends it, to the end of
 * the paragraph if there is none (200 KB of "a <? " took 2.6 s, 400 KB
 * 10 s). Each opener costs the distance to its closer. Only '<' and '>'
 * need a look: every opener starts with one, every closer ends with the
 * other. */
enum { HTML_CDATA, HTML_PI, HTML_DECL, HTML_KINDS };

static bool
raw_html_fits(const esg_text *t, esg_diag *d)
{
	static const char *const openers[HTML_KINDS] = { "<![CDATA[", "<?", "<!" };
	static const char *const closers[HTML_KINDS] = { "]]>", "?>", ">" };
	const char *s = t->body;
	size_t n = t->body_len, budget = scan_budget(t), cost = 0;
	/* Per kind, the openers not yet closed: how many, the sum of their
	 * places, the first one's. */
	size_t pending[HTML_KINDS] = { 0 }, sum[HTML_KINDS] = { 0 };
	size_t first[HTML_KINDS] = { 0 };
	const char *lt = memchr(s, '<', n), *gt = memchr(s, '>', n);
	for (;;) {
		/* The next '<' or '>', or the end. */
		size_t i = lt && (!gt || lt < gt) ? (size_t)(lt - s) :
		    gt ? (size_t)(gt - s) : n;
		if (i < n && s[i] == '<')
			lt = memchr(s + i + 1, '<', n - i - 1);
		else if (i < n)
			gt = memchr(s + i + 1, '>', n - i - 1);
		for (int k = 0; k < HTML_KINDS; k++) {
			bool closes = i == n || (s[i] == '>' && (k == HTML_DECL ||
			    (k == HTML_PI && i >= 1 && s[i - 1] == '?') ||
			    (k == HTML_CDATA && i >= 2 && s[i - 1] == ']' &&
			    s[i - 2] == ']')));
			if (closes && pending[k]) {
				/* Each pending opener scanned from its place to i. */
				cost += pending[k] * i - sum[k];
				if (cost > budget) {
					esg_input_error(d, esg_offset_pos(t->path, t->source,
					    t->body_off + first[k]), "too many '%s' "
					    "without a '%s' after them: cmark-gfm looks for "
					    "the end of each, in time quadratic in the text; "
					    "write '&lt;' for the '<' of those that are not "
					    "HTML", openers[k], closers[k]);
					return false;
				}
				pending[k] = sum[k] = 0;
			}
		}
		if (i == n)
			break;
		if (s[i] != '<' || i + 1 >= n)
			continue;
		int k = -1;
		if (s[i + 1] == '?')
			k = HTML_PI;
		else if (n - i >= 9 && memcmp(s + i, openers[HTML_CDATA], 9) == 0)
			k = HTML_CDATA;
		else if (s[i + 1] == '!' && i + 2 < n &&
		    (s[i + 2] | 0x20) >= 'a' && (s[i + 2] | 0x20) <= 'z')
			k = HTML_DECL;
		if (k >= 0) {
			if (pending[k]++ == 0)
				first[k] = i;
			sum[k] += i;
		}
	}
	return true;
}

/* cmark-gfm's e-mail autolinks: at each '@' the extension scans on over
 * the letters, digits, '@', '.', '-' and '_' that follow, so a run of them
 * holding many '@' costs time quadratic in its length (1.6 MB of "a@" took
 * 3 s, 3.2 MB 12 s). A run costs its length for each of its '@'; only the
 * runs around an '@' are looked at.
 *
 * And for each address it links, the extension copies the rest of the
 * text node, keeping every copy until the node is done (up to a thousand
 * addresses a node): 500 addresses at the start of a 1 MB line took 1.6 s
 * and 500 MB, 100 lines of 2,000 addresses 4 s and 1.1 GB. A text node
 * ends with its line at the latest, so each '@' is charged the rest of
 * its line, in bytes, against a memory budget: 16 MiB, and 4 per byte of
 * the text. */
#define COPY_PER_BYTE 4
#define COPY_MIN ((size_t)16 << 20)

static bool
in_autolink_run(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '@' || c == '.' || c == '-' ||
	    c == '_';
}

static bool
autolinks_fit(const esg_text *t, esg_diag *d)
{
	const char *s = t->body, *end = s + t->body_len, *done = s;
	size_t budget = scan_budget(t), cost = 0;
	size_t copy_budget = COPY_MIN + COPY_PER_BYTE * t->body_len, copied = 0;
	/* The end of the line of the last '@' seen, and the line's first. */
	const char *eol = s, *line_first = s;
	for (const char *at; (at = memchr(done, '@', (size_t)(end - done)));) {
		const char *start = at, *p = at;
		while (start > done && in_autolink_run(start[-1]))
			start--;
		if (at >= eol) {
			const char *nl = memchr(at, '\n', (size_t)(end - at));
			eol = nl ? nl : end;
			line_first = at;
		}
		size_t ats = 0;
		for (; p < end && in_autolink_run(*p); p++)
			if (*p == '@') {
				ats++;
				copied += (size_t)(eol - p);
			}
		cost += ats * (size_t)(p - start);
		if (cost > budget) {
			esg_input_error(d, esg_offset_pos(t->path, t->source,
			    t->body_off + (size_t)(start - s)), "too many '@' in runs "
			    "of letters and digits (this one: %zu characters, %zu "
			    "'@'): cmark-gfm's e-mail autolinks take time quadratic "
			    "in them; break them with spaces", (size_t)(p - start), ats);
			return false;
		}
		if (copied > copy_budget) {
			const char *bol = line_first;
			while (bol > s && bol[-1] != '\n')
				bol--;
			size_t on_line = 0;
			for (const char *q = line_first; q < eol; q++)
				on_line += *q == '@';
			esg_input_error(d, esg_offset_pos(t->path, t->source,
			    t->body_off + (size_t)(line_first - s)), "too many "
			    "e-mail addresses on long lines (this line: %zu '@' in "
			    "%zu bytes): cmark-gfm copies the rest of the line for "
			    "each address it links, in time and memory quadratic in "
			    "the line; put the addresses on lines of their own",
			    on_line, (size_t)(eol - bol));
			return false;
		}
		done = p;
	}
	return true;
}

/* Where a Markdown element may start: a line feed, one of the characters
 * cmark-gfm's block and inline parsers (and its strikethrough, table and
 * autolink extensions) stop at, or esgsite's own braces, as a bit set:
 * '\n' ! # & * + - : < = > @ [ \ ] ^ _ ` { | } ~. Besides those, a '.'
 * or ')' after a digit (a numbered list, which may nest on one line) and
 * the '.' of "www." (an autolink, counted twice: the link and its text).
 * Other punctuation (the full stops and commas of prose, quotes,
 * parentheses) starts nothing. */
static const unsigned char markup_class[256] = {
	['\n'] = 1, ['!'] = 1, ['#'] = 1, ['&'] = 1, ['*'] = 1, ['+'] = 1,
	['-'] = 1, [':'] = 1, ['<'] = 1, ['='] = 1, ['>'] = 1, ['@'] = 1,
	['['] = 1, ['\\'] = 1, [']'] = 1, ['^'] = 1, ['_'] = 1, ['`'] = 1,
	['{'] = 1, ['|'] = 1, ['}'] = 1, ['~'] = 1,
	['.'] = 2, [')'] = 2,   /* only after a digit, or "www" */
};

/* The places at s[i], for a byte of class 2. */
static size_t
markup_after(const unsigned char *s, size_t i)
{
	if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
		return 1;
	if (s[i] == '.' && i >= 3 && memcmp(s + i - 3, "www", 3) == 0)
		return 2;
	return 0;
}

static size_t
markup_at(const unsigned char *s, size_t i)
{
	unsigned char k = markup_class[s[i]];
	return k == 2 ? markup_after(s, i) : k;
}

/* A text shorter than the limit cannot pass it: only long ones are
 * counted, in one tight pass (it reads every byte of a large report);
 * where the limit is passed is looked for only when it is. */
static bool
markup_fits(const esg_text *t, esg_diag *d)
{
	if (t->body_len <= ESG_MAX_MARKUP_MARKS)
		return true;
	const unsigned char *s = (const unsigned char *)t->body;
	size_t all = 0;
	for (size_t i = 0; i < t->body_len; i++) {
		unsigned char k = markup_class[s[i]];
		all += k & 1;
		if (k == 2)
			all += markup_after(s, i);
	}
	if (all <= ESG_MAX_MARKUP_MARKS)
		return true;
	size_t marks = 0, i = 0;
	while ((marks += markup_at(s, i)) <= ESG_MAX_MARKUP_MARKS)
		i++;
	esg_input_error(d, esg_offset_pos(t->path, t->source, t->body_off + i),
	    "a chapter of %zu places where Markdown may start an element "
	    "(line breaks, and characters such as * _ ` [ < # | {): chapters "
	    "have at most %d, as every element takes memory all the way to the "
	    "page (it passes %d here); split the chapter into several", all,
	    ESG_MAX_MARKUP_MARKS, ESG_MAX_MARKUP_MARKS);
	return false;
}

/* The body's Markdown as a cmark tree, text nodes merged. */
static cmark_node *
parse_body(const esg_text *t)
{
	cmark_node *doc = esg_cmark_parse(ESG_CMARK_OPTIONS, t->body,
	    t->body_len);   /* see cmark_threads.h */
	cmark_consolidate_text_nodes(doc);
	return doc;
}

static int
load_text(esg_report *r, esg_chapter *ch, size_t chapter_index, esg_text *t,
    esg_tree *tree, esg_diag *d)
{
	if (esg_load_file(t->path, &t->source, &t->source_len, d) != 0)
		return -1;
	uint32_t cp;
	size_t bad = esg_text_unfit_at(t->source, t->source_len, &cp);
	if (bad < t->source_len) {
		esg_pos at = esg_offset_pos(t->path, t->source, bad);
		if (cp == 0)
			esg_input_error(d, at, "NUL byte in text file");
		else if (cp == ESG_CP_INVALID)
			esg_input_error(d, at,
			    "invalid UTF-8 (save the file as UTF-8)");
		else
			esg_input_error(d, at, "control character U+%04X (a web "
			    "page cannot contain it; delete it)", (unsigned)cp);
		return -1;
	}
	esg_split sp;
	if (esg_split_front_matter(t->source, t->source_len, &sp) != 0) {
		esg_input_error(d, (esg_pos){ t->path, 1, 1 },
		    "front matter starts with --- but has no closing --- line");
		return -1;
	}
	t->numbered = true;
	if (sp.has_front_matter)
		load_front_matter(r, t, &sp, d);
	t->body = sp.body;
	t->body_off = (size_t)(sp.body - t->source);
	t->body_len = sp.body_len;
	t->body_line = sp.body_line;

	/* memchr: these two passes read every byte of the report. */
	const char *end = t->body + t->body_len, *nl;
	size_t lines = 1;
	for (const char *p = t->body; (nl = memchr(p, '\n', (size_t)(end - p)));
	    p = nl + 1)
		lines++;
	t->line_starts = esg_arena_array(&r->arena, lines, sizeof(size_t));
	t->nlines = 0;
	t->line_starts[t->nlines++] = 0;
	for (const char *p = t->body; t->nlines < lines &&
	    (nl = memchr(p, '\n', (size_t)(end - p))); p = nl + 1)
		t->line_starts[t->nlines++] = (size_t)(nl + 1 - t->body);

	if (!markup_fits(t, d) || !tables_fit(t, d) || !autolinks_fit(t, d) ||
	    !raw_html_fits(t, d))
		return -1;
	tree->doc = parse_body(t);
	tree->body = t->body;   /* borrowed: t owns it while loading */
	collect_sections(r, ch, chapter_index, t, tree, true, d);
	collect_raw_ids(r, t, tree, chapter_index);
	collect_blocks(r, t, tree);
	check_footnotes(r, t, tree, d);
	check_character_refs(t, tree, d);
	return 0;
}

static int
changed_since_loaded(const esg_text *t, esg_tree *tree, esg_diag *d)
{
	esg_input_error(d, (esg_pos){ t->path, 0, 0 }, "the file changed while "
	    "esgsite was building the report; build again");
	esg_tree_free(tree);
	return -1;
}

/* The loader's steps that change the tree are run again on a copy of the
 * text, quietly (their problems were reported while loading), so the
 * tree is the one the loader had; the copy's sections give the headings
 * in the same order as t's. */
int
esg_parse_text(esg_report *r, size_t c, const esg_text *t, esg_tree *tree,
    esg_diag *d)
{
	*tree = (esg_tree)ESG_TREE_INIT;
	if (!t->present)
		return -1;
	if (t->parsed) {
		*tree = *t->parsed;
		tree->borrowed = true;
		return 0;
	}
	size_t len;
	if (esg_load_file(t->path, &tree->source, &len, d) != 0)
		return -1;
	if (len != t->source_len ||
	    esg_hash64(tree->source, len) != t->source_hash)
		return changed_since_loaded(t, tree, d);
	tree->body = tree->source + t->body_off;
	esg_text copy = *t;
	copy.source = tree->source;
	copy.body = tree->body;
	esg_report scratch = *r;   /* what the steps allocate is not kept */
	scratch.arena = (esg_arena)ESG_ARENA_INIT;
	esg_diag quiet = ESG_DIAG_INIT;
	tree->doc = parse_body(&copy);
	collect_sections(&scratch, &r->chapters[c], c, &copy, tree,
	    t->edited_inside, &quiet);
	esg_diag_free(&quiet);
	esg_arena_free(&scratch.arena);
	/* The same Markdown gives the same headings. */
	if (tree->nheadings != t->nsections)
		return changed_since_loaded(t, tree, d);
	return 0;
}

/* Chapters are read and parsed on every core: parsing is most of a
 * build's work. Each chapter gets its own problem list, merged in chapter
 * order, and each worker its own arena (through a shallow copy of the
 * report, whose other fields workers only read), so the result does not
 * depend on which worker loaded what. A chapter's trees live only while
 * its job runs (all of them at once would take four times the Markdown),
 * except for the first chapters, within ESG_KEEP_MARKDOWN. */
typedef struct chapter_jobs {
	esg_report *r;
	esg_diag *d;                      /* per chapter */
	bool *keep;                       /* per chapter: keep it parsed */
	esg_chapter_visit *visit;
	void *ctx;
	esg_report local[ESG_POOL_MAX];   /* per worker */
} chapter_jobs;

static void
load_one(void *ctx, size_t c, size_t worker)
{
	chapter_jobs *cj = ctx;
	esg_chapter *ch = &cj->r->chapters[c];
	esg_tree trees[ESG_MAX_LANGS];
	for (int l = 0; l < cj->r->nlangs; l++) {
		trees[l] = (esg_tree)ESG_TREE_INIT;
		esg_text *t = &ch->text[l];
		if (t->present && load_text(&cj->local[worker], ch, c, t,
		    &trees[l], &cj->d[c]) != 0) {
			t->present = false;
			esg_tree_free(&trees[l]);
		}
	}
	if (cj->visit)
		cj->visit(cj->ctx, &cj->local[worker], c, trees);
	for (int l = 0; l < cj->r->nlangs; l++) {
		esg_text *t = &ch->text[l];
		if (cj->keep[c] && trees[l].doc) {
			t->parsed = esg_xmalloc(sizeof *t->parsed);
			*t->parsed = trees[l];
			t->parsed->body = t->body;
			continue;
		}
		esg_tree_free(&trees[l]);
		/* What tells the renderer, reading it again, that it changed. */
		if (t->source)
			t->source_hash = esg_hash64(t->source, t->source_len);
		free(t->source);
		t->source = NULL;
		t->body = NULL;
	}
}

/* ESG_KEEP_MARKDOWN, or the amount ESGSITE_KEEP_KB asks for. */
static size_t
keep_budget(esg_diag *d)
{
	const char *kb = getenv("ESGSITE_KEEP_KB");
	if (kb == NULL || *kb == '\0')
		return ESG_KEEP_MARKDOWN;
	char *end;
	errno = 0;
	unsigned long long v = strtoull(kb, &end, 10);
	if (*end != '\0' || errno || kb[0] == '-' || v > SIZE_MAX / 1024) {
		esg_warning(d, ESG_K_SYNTAX, (esg_pos){ "ESGSITE_KEEP_KB", 0, 0 },
		    "'%s' is not a number of kilobytes; %u is used", kb,
		    ESG_KEEP_MARKDOWN >> 10);
		return ESG_KEEP_MARKDOWN;
	}
	return (size_t)v * 1024;
}

/* The first chapters, in report order, whose files fit in the budget. The
 * sizes are the files' before reading, so the choice does not depend on
 * which worker loads what. */
static bool *
chapters_to_keep(esg_report *r, esg_diag *d)
{
	bool *keep = esg_xcalloc(r->nchapters + 1, sizeof *keep);
	size_t budget = keep_budget(d), used = 0;
	for (size_t c = 0; c < r->nchapters; c++) {
		size_t size = 0;
		for (int l = 0; l < r->nlangs; l++) {
			struct stat st;
			const esg_text *t = &r->chapters[c].text[l];
			if (t->present && stat(t->path, &st) == 0 &&
			    S_ISREG(st.st_mode))
				size += (size_t)st.st_size;
		}
		if (size > budget - used)
			break;
		used += size;
		keep[c] = true;
	}
	return keep;
}

static void
load_texts(esg_report *r, esg_diag *d, esg_chapter_visit *visit, void *ctx)
{
	chapter_jobs *cj = esg_xcalloc(1, sizeof *cj);
	cj->r = r;
	cj->visit = visit;
	cj->ctx = ctx;
	cj->keep = chapters_to_keep(r, d);
	cj->d = esg_xcalloc(r->nchapters + 1, sizeof *cj->d);
	for (size_t c = 0; c < r->nchapters; c++) {
		cj->d[c] = (esg_diag)ESG_DIAG_INIT;
		cj->d[c].check = d->check;
	}
	esg_cmark_threads_init(extensions);
	size_t nworkers = esg_pool_workers(r->nchapters);
	for (size_t w = 0; w < nworkers; w++) {
		cj->local[w] = *r;
		cj->local[w].arena = (esg_arena)ESG_ARENA_INIT;
	}
	esg_pool_run(r->nchapters, nworkers, load_one, cj);
	for (size_t w = 0; w < nworkers; w++)
		esg_arena_adopt(&r->arena, &cj->local[w].arena);
	for (size_t c = 0; c < r->nchapters; c++)
		esg_diag_merge(d, &cj->d[c]);
	free(cj->d);
	free(cj->keep);
	free(cj);
}

static bool
is_source_dir(const char *name)
{
	for (size_t i = 0; source_dirs[i]; i++)
		if (strcmp(source_dirs[i], name) == 0)
			return true;
	return false;
}

/* A name listed in some language: the union drives pairing. */
typedef struct chapter_name {
	const char *file;
	unsigned langs;   /* bit l set when language l has the file */
} chapter_name;

static int
compare_chapter_names(const void *a, const void *b)
{
	return strcmp(((const chapter_name *)a)->file,
	    ((const chapter_name *)b)->file);
}

int
esg_load_chapters(esg_report *r, esg_diag *d, esg_chapter_visit *visit,
    void *ctx)
{
	char **names;
	size_t count;
	if (esg_list_dir(r->source, &names, &count) != 0) {
		esg_input_error(d, (esg_pos){ r->source, 0, 0 },
		    "cannot list the report source directory");
		return -1;
	}
	for (size_t i = 0; i < count; i++) {
		const char *name = names[i];
		char *path = esg_path_join(&r->arena, r->source, name);
		/* A site esgsite wrote (-o inside the source) is not a
		 * language: it carries the output marker. */
		if (name[0] == '.' || !esg_is_dir(path) || is_source_dir(name) ||
		    esg_report_lang(r, name) >= 0 || esg_exists(
		    esg_path_join(&r->arena, path, ESG_OUTPUT_MARKER)))
			continue;
		esg_buf keys = ESG_BUF_INIT;
		for (int l = 0; l < r->nlangs; l++)
			esg_buf_printf(&keys, "%s%s", l ? ", " : "", r->langs[l].key);
		esg_error(d, ESG_K_SYNTAX, (esg_pos){ path, 0, 0 },
		    "unknown language directory '%s' (the languages in "
		    "report.yaml are %s)", name, esg_buf_cstr(&keys));
		esg_buf_free(&keys);
	}
	esg_free_names(names, count);

	chapter_name *all = NULL;
	size_t nall = 0, cap = 0;
	esg_strmap seen = ESG_STRMAP_INIT;
	for (int l = 0; l < r->nlangs; l++) {
		char *dir = esg_path_join(&r->arena, r->source, r->langs[l].key);
		if (!esg_is_dir(dir)) {
			esg_error(d, ESG_K_PARITY, r->langs[l].pos,
			    "language %s has no chapter directory %s",
			    r->langs[l].key, dir);
			continue;
		}
		if (!esg_within_source(r, dir, "refusing to read it", d))
			continue;
		if (esg_list_dir(dir, &names, &count) != 0) {
			esg_input_error(d, (esg_pos){ dir, 0, 0 },
			    "cannot list directory");
			continue;
		}
		for (size_t i = 0; i < count; i++) {
			const char *name = names[i];
			char *path = esg_path_join(&r->arena, dir, name);
			if (name[0] == '.')
				continue;
			if (!has_suffix(name, ".md") || !esg_is_file(path)) {
				esg_warning(d, ESG_K_SYNTAX, (esg_pos){ path, 0, 0 },
				    "ignored: chapters are .md files directly in "
				    "the language directory");
				continue;
			}
			if (!esg_entry_within_source(r, path, "refusing to read it",
			    d))
				continue;
			/* The map holds index + 1: indexes survive reallocation. */
			void *found = esg_strmap_get(&seen, name);
			size_t idx;
			if (found == NULL) {
				if (nall == cap) {
					cap = cap ? cap * 2 : 32;
					all = esg_xrealloc(all, cap * sizeof *all);
				}
				idx = nall++;
				all[idx] = (chapter_name){
				    esg_arena_strdup(&r->arena, name), 0 };
				esg_strmap_put(&seen, all[idx].file,
				    (void *)(uintptr_t)(idx + 1));
			} else {
				idx = (size_t)(uintptr_t)found - 1;
			}
			chapter_name *cn = &all[idx];
			cn->langs |= 1u << l;
		}
		esg_free_names(names, count);
	}
	esg_strmap_free(&seen);
	if (nall)
		qsort(all, nall, sizeof *all, compare_chapter_names);
	if (nall > ESG_MAX_CHAPTERS) {
		esg_input_error(d, (esg_pos){ r->source, 0, 0 }, "%zu chapters: a "
		    "report has at most %d (every page lists them all); the "
		    "first %d, in file name order, are read", nall,
		    ESG_MAX_CHAPTERS, ESG_MAX_CHAPTERS);
		nall = ESG_MAX_CHAPTERS;
	}

	r->chapters = esg_arena_array(&r->arena, nall, sizeof *r->chapters);
	r->nchapters = 0;
	esg_strmap folded = ESG_STRMAP_INIT;   /* slug in lower case -> chapter */
	for (size_t i = 0; i < nall; i++) {
		esg_chapter *ch = &r->chapters[r->nchapters];
		memset(ch, 0, sizeof *ch);   /* the slot of a refused chapter is reused */
		ch->file = all[i].file;
		ch->slug = slug_of(&r->arena, ch->file);
		ch->placeholder = (esg_section){ .id = ch->slug, .title = ch->file,
		    .chapter = r->nchapters, .parent = -1 };
		int first = -1;
		for (int l = 0; l < r->nlangs; l++) {
			if (!(all[i].langs & (1u << l)))
				continue;
			if (first < 0)
				first = l;
			ch->text[l].present = true;
			ch->text[l].path = esg_path_join(&r->arena,
			    esg_path_join(&r->arena, r->source, r->langs[l].key),
			    ch->file);
		}
		for (int l = 0; l < r->nlangs; l++) {
			if (ch->text[l].present)
				continue;
			esg_error(d, ESG_K_PARITY, (esg_pos){ ch->text[first].path, 0, 0 },
			    "chapter %s has no %s version (expected %s/%s/%s)",
			    ch->file, r->langs[l].key, r->source, r->langs[l].key,
			    ch->file);
		}
		esg_pos where = { ch->text[first].path, 0, 0 };
		if (!valid_slug(ch->slug)) {
			esg_error(d, ESG_K_SYNTAX, where,
			    "chapter file names may use only ASCII letters, digits, "
			    "'-' and '_' (the name becomes the page's URL)");
			continue;
		}
		/* The pages each language has besides its chapters (see
		 * render_site.c), in any case: on the file systems of Windows
		 * and macOS servers, Index.html is index.html. */
		bool reserved = strcasecmp(ch->slug, "index") == 0 ||
		    strcasecmp(ch->slug, "print") == 0 ||
		    strcasecmp(ch->slug, "search") == 0;
		for (size_t f = 0; f < r->nfws; f++) {
			size_t n = strlen(r->fws[f].key);
			if (strncasecmp(ch->slug, r->fws[f].key, n) == 0 &&
			    strcasecmp(ch->slug + n, "-index") == 0)
				reserved = true;
		}
		if (reserved) {
			esg_error(d, ESG_K_SYNTAX, where,
			    "a chapter cannot be named '%s': esgsite writes a page "
			    "of that name", ch->slug);
			continue;
		}
		/* Slugs are ASCII (valid_slug): folded, they are what a
		 * case-insensitive file system (Windows, macOS) tells apart. */
		char *folded_slug = esg_arena_strdup(&r->arena, ch->slug);
		for (char *p = folded_slug; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p += 'a' - 'A';
		esg_chapter *other = esg_strmap_put(&folded, folded_slug, ch);
		if (other != ch) {
			if (strcmp(other->slug, ch->slug) == 0)
				esg_error(d, ESG_K_SYNTAX, where,
				    "chapters %s and %s would both be %s.html",
				    other->file, ch->file, ch->slug);
			else
				esg_error(d, ESG_K_SYNTAX, where, "chapters %s and %s "
				    "would be %s.html and %s.html: one file on the "
				    "case-insensitive file systems of Windows and "
				    "macOS", other->file, ch->file, other->slug,
				    ch->slug);
			continue;
		}
		esg_strmap_put(&r->slugs, ch->slug, ch);
		r->nchapters++;
	}
	esg_strmap_free(&folded);
	free(all);

	load_texts(r, d, visit, ctx);
	if (r->nchapters == 0)
		esg_error(d, ESG_K_SYNTAX, (esg_pos){ r->source, 0, 0 },
		    "the report has no chapters (add %s/%s/01-introduction.md)",
		    r->source, r->langs[0].key);
	return 0;
}
