#include "model.h"
#include "text.h"
#include "buf.h"

#include <stdlib.h>
#include <string.h>

void
esg_report_init(esg_report *r, const char *source)
{
	memset(r, 0, sizeof *r);
	r->source = source;
}

void
esg_report_free(esg_report *r)
{
	for (size_t c = 0; c < r->nchapters; c++) {
		for (int l = 0; l < ESG_MAX_LANGS; l++) {
			esg_text *t = &r->chapters[c].text[l];
			if (t->parsed) {
				t->parsed->borrowed = false;
				esg_tree_free(t->parsed);
				free(t->parsed);
			}
			free(t->source);
		}
	}
	for (int l = 0; l < ESG_MAX_LANGS; l++) {
		esg_strmap_free(&r->ids[l]);
		esg_strmap_free(&r->raw_ids[l]);
	}
	esg_strmap_free(&r->slugs);
	esg_strmap_free(&r->anchors);
	esg_strmap_free(&r->external_seen);
	free(r->external);
	free(r->external_pos);
	esg_arena_free(&r->arena);
}

void
esg_tree_free(esg_tree *tree)
{
	if (tree->borrowed) {
		*tree = (esg_tree)ESG_TREE_INIT;
		return;
	}
	if (tree->doc)
		cmark_node_free(tree->doc);
	free(tree->headings);
	free(tree->source);
	*tree = (esg_tree)ESG_TREE_INIT;
}

int
esg_report_lang(const esg_report *r, const char *key)
{
	for (int i = 0; i < r->nlangs; i++)
		if (strcmp(r->langs[i].key, key) == 0)
			return i;
	return -1;
}

const char *
esg_lstr_get(const esg_lstr *s, int lang)
{
	if (s->v[lang])
		return s->v[lang];
	if (s->v[0])
		return s->v[0];
	for (int i = 0; i < ESG_MAX_LANGS; i++)
		if (s->v[i])
			return s->v[i];
	return "";
}

/* Positions are counted in the Markdown body: t's while its chapter
 * loads, a tree's own copy when parsed again for rendering. */
static esg_pos
text_pos(const esg_text *t, const char *body, int line, int byte_col,
    esg_col_memo *memo)
{
	esg_pos p = { t->path, 0, 0 };
	if (line <= 0)
		return p;
	p.line = line + t->body_line - 1;
	if (byte_col <= 0 || (size_t)line > t->nlines)
		return p;
	size_t start = t->line_starts[line - 1];
	size_t n = (size_t)byte_col - 1;
	if (start + n > t->body_len)
		n = t->body_len - start;
	/* Without the text (a chapter already loaded), the byte column. */
	if (body == NULL) {
		p.col = byte_col;
		return p;
	}
	size_t from = 0, chars = 0;
	if (memo && memo->line == line && memo->bytes <= n) {
		from = memo->bytes;
		chars = memo->chars;
	}
	chars += esg_utf8_count(body + start + from, n - from);
	if (memo)
		*memo = (esg_col_memo){ line, n, chars };
	p.col = (int)chars + 1;
	return p;
}

static esg_pos
node_pos(const esg_text *t, const char *body, cmark_node *node,
    esg_col_memo *memo)
{
	for (; node; node = cmark_node_parent(node)) {
		int line = cmark_node_get_start_line(node);
		if (line > 0)
			return text_pos(t, body, line,
			    cmark_node_get_start_column(node), memo);
	}
	return (esg_pos){ t->path, 0, 0 };
}

esg_pos
esg_node_pos(const esg_text *t, cmark_node *node)
{
	return node_pos(t, t->body, node, NULL);
}

esg_pos
esg_tree_pos(const esg_text *t, const esg_tree *tree, cmark_node *node,
    esg_col_memo *memo)
{
	return node_pos(t, tree->body, node, memo);
}

esg_framework *
esg_report_framework(const esg_report *r, const char *key)
{
	for (size_t i = 0; i < r->nfws; i++)
		if (strcmp(r->fws[i].key, key) == 0)
			return &r->fws[i];
	return NULL;
}

const esg_section *
esg_chapter_heading(const esg_chapter *ch, int lang)
{
	const esg_text *t = &ch->text[lang];
	if (t->present && t->nsections > 0)
		return &t->sections[0];
	return &ch->placeholder;
}

void
esg_report_external(esg_report *r, const char *url, esg_pos pos)
{
	if (esg_strmap_get(&r->external_seen, url))
		return;
	char *copy = esg_arena_strdup(&r->arena, url);
	esg_strmap_put(&r->external_seen, copy, copy);
	if (r->nexternal == r->external_cap) {
		r->external_cap = r->external_cap ? r->external_cap * 2 : 16;
		r->external = esg_xrealloc(r->external,
		    r->external_cap * sizeof *r->external);
		r->external_pos = esg_xrealloc(r->external_pos,
		    r->external_cap * sizeof *r->external_pos);
	}
	r->external[r->nexternal] = copy;
	r->external_pos[r->nexternal++] = pos;
}
