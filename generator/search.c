/* search.c — the search index, read off the rendered pages. */
#include "search.h"
#include "json.h"
#include "text.h"

#include <string.h>

static bool
is(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE &&
	    strcmp((const char *)n->name, name) == 0;
}

/* Whether the element's class attribute lists cls. Reads the attribute in
 * place: this runs for every element of every page. */
static bool
has_class(xmlNodePtr n, const char *cls)
{
	if (n->type != XML_ELEMENT_NODE)
		return false;
	for (xmlAttrPtr a = n->properties; a; a = a->next) {
		if (strcmp((const char *)a->name, "class") != 0)
			continue;
		if (a->children == NULL || a->children->content == NULL)
			return false;
		const char *v = (const char *)a->children->content;
		size_t len = strlen(cls);
		for (const char *p = v; (p = strstr(p, cls)); p += len)
			if ((p == v || p[-1] == ' ') && (p[len] == 0 || p[len] == ' '))
				return true;
		return false;
	}
	return false;
}

static bool
is_heading(xmlNodePtr n)
{
	return n->type == XML_ELEMENT_NODE && n->name[0] == 'h' &&
	    n->name[1] >= '1' && n->name[1] <= '6' && n->name[2] == 0;
}

static bool
is_row_entry(xmlNodePtr n)
{
	return is(n, "tr") && xmlHasProp(n, (const xmlChar *)"data-code") &&
	    xmlHasProp(n, (const xmlChar *)"id");
}

/* Elements whose text a reader does not read as part of the section:
 * its subsections (entries of their own), the list of codes it covers,
 * pictures drawn in SVG (their numbers are in a table beside them), text
 * only for screen readers, footnote markers, navigation. */
static bool
is_marker(xmlNodePtr n)
{
	return has_class(n, "visually-hidden") || has_class(n, "note-ref") ||
	    has_class(n, "footnote-ref") || has_class(n, "footnote-backref");
}

/* The chapter's footnotes (a section without a heading) are read with
 * the chapter's own text: they are words of it a reader may look for. */
static bool
skipped(xmlNodePtr n)
{
	return (is(n, "section") && !has_class(n, "footnotes")) ||
	    is(n, "svg") || is(n, "nav") || is(n, "script") || is(n, "style") ||
	    is_row_entry(n) || is_heading(n) || has_class(n, "covers") ||
	    is_marker(n);
}

static bool
is_block(xmlNodePtr n)
{
	static const char *const blocks[] = {
		"p", "li", "td", "th", "div", "caption", "figcaption", "dt",
		"dd", "blockquote", "tr", "br", "pre", "ul", "ol", "table",
		"figure", "aside", NULL
	};
	for (int i = 0; blocks[i]; i++)
		if (is(n, blocks[i]))
			return true;
	return false;
}

/* Appends the text of n, one space between blocks, runs of white space
 * collapsed. */
static void
text_of(esg_buf *b, xmlNodePtr n, bool top)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			/* Copied whole, then each run of white space made one
			 * space (none at the very start) in place. */
			if (c->content == NULL)
				continue;
			size_t start = b->len;
			esg_buf_puts(b, (const char *)c->content);
			char *w = b->ptr + start;
			bool space = start > 0 && b->ptr[start - 1] == ' ';
			for (const char *r = w, *end = b->ptr + b->len; r < end; r++) {
				char ch = *r;
				if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') {
					if (!space && w > b->ptr) {
						*w++ = ' ';
						space = true;
					}
				} else {
					*w++ = ch;
					space = false;
				}
			}
			b->len = (size_t)(w - b->ptr);
			b->ptr[b->len] = '\0';
		} else if (c->type == XML_ELEMENT_NODE) {
			if (top ? skipped(c) : (is(c, "svg") || is_row_entry(c) ||
			    is_marker(c)))
				continue;
			text_of(b, c, false);
			if (is_block(c) && b->len && b->ptr[b->len - 1] != ' ')
				esg_buf_putc(b, ' ');
		}
	}
}

static void
trim(esg_buf *b)
{
	size_t start = 0;
	while (start < b->len && b->ptr[start] == ' ')
		start++;
	while (b->len > start && b->ptr[b->len - 1] == ' ')
		b->len--;
	if (start) {
		memmove(b->ptr, b->ptr + start, b->len - start);
		b->len -= start;
	}
	if (b->ptr)
		b->ptr[b->len] = '\0';
}

static void
entry(esg_search *s, const char *id, const char *number, const char *title,
    const char *text)
{
	if (s->nentries++)
		esg_buf_puts(&s->json, ",\n");
	esg_buf_printf(&s->json, "[%d,", s->npages - 1);
	esg_json_string(&s->json, id ? id : "");
	esg_buf_putc(&s->json, ',');
	esg_json_string(&s->json, number ? number : "");
	esg_buf_putc(&s->json, ',');
	esg_json_string(&s->json, title);
	esg_buf_putc(&s->json, ',');
	esg_json_string(&s->json, text);
	esg_buf_putc(&s->json, ']');
}

/* A heading's number (its .secnum) and the rest of its text. */
static void
heading_parts(xmlNodePtr h, esg_buf *number, esg_buf *title)
{
	for (xmlNodePtr c = h->children; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE && has_class(c, "secnum"))
			text_of(number, c, false);
		else if (c->type == XML_TEXT_NODE)
			esg_buf_puts(title, (const char *)c->content);
		else if (c->type == XML_ELEMENT_NODE && !is_marker(c))
			text_of(title, c, false);
	}
	trim(number);
	trim(title);
}

static void
add_container(esg_search *s, xmlNodePtr box);

/* An index row: its code, the title of the disclosure and the rest of the
 * row (status, locations, explanation). */
static void
add_row(esg_search *s, xmlNodePtr tr)
{
	xmlChar *id = xmlGetProp(tr, (const xmlChar *)"id");
	xmlChar *code = xmlGetProp(tr, (const xmlChar *)"data-code");
	esg_buf title = ESG_BUF_INIT;
	for (xmlNodePtr c = tr->children; c && !title.len; c = c->next)
		if (c->type == XML_ELEMENT_NODE && has_class(c, "index-title"))
			text_of(&title, c, false);
	for (xmlNodePtr c = tr->children; c && !title.len; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || has_class(c, "index-code"))
			continue;
		if (is(c, "th")) {
			for (xmlNodePtr t = c->children; t; t = t->next)
				if (!(t->type == XML_ELEMENT_NODE &&
				    has_class(t, "index-code"))) {
					if (t->type == XML_TEXT_NODE)
						esg_buf_puts(&title, (const char *)t->content);
					else
						text_of(&title, t, false);
				}
		}
	}
	trim(&title);
	esg_buf_clear(&s->text);
	text_of(&s->text, tr, false);
	trim(&s->text);
	entry(s, (const char *)id, (const char *)code,
	    title.len ? esg_buf_cstr(&title) : (const char *)code,
	    esg_buf_cstr(&s->text));
	esg_buf_free(&title);
	xmlFree(id);
	xmlFree(code);
}

static void
find_rows(esg_search *s, xmlNodePtr n)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || is(c, "section"))
			continue;
		if (is_row_entry(c))
			add_row(s, c);
		else
			find_rows(s, c);
	}
}

/* The article or a section: an entry for its heading and own text, then
 * its index rows and its subsections. */
static void
add_container(esg_search *s, xmlNodePtr box)
{
	xmlNodePtr h = NULL;
	for (xmlNodePtr c = box->children; c && !h; c = c->next)
		if (is_heading(c))
			h = c;
	esg_buf number = ESG_BUF_INIT, title = ESG_BUF_INIT;
	if (h)
		heading_parts(h, &number, &title);
	esg_buf_clear(&s->text);
	text_of(&s->text, box, true);
	trim(&s->text);
	xmlChar *id = h ? xmlGetProp(h, (const xmlChar *)"id") : NULL;
	if (h && (title.len || s->text.len))
		entry(s, (const char *)id, esg_buf_cstr(&number),
		    esg_buf_cstr(&title), esg_buf_cstr(&s->text));
	xmlFree(id);
	esg_buf_free(&number);
	esg_buf_free(&title);
	find_rows(s, box);
	for (xmlNodePtr c = box->children; c; c = c->next)
		if (is(c, "section"))
			add_container(s, c);
}

void
esg_search_add(esg_search *s, const char *file, const char *title,
    xmlNodePtr article)
{
	if (s->npages++)
		esg_buf_puts(&s->pages, ",\n");
	esg_buf_putc(&s->pages, '[');
	esg_json_string(&s->pages, file);
	esg_buf_putc(&s->pages, ',');
	esg_json_string(&s->pages, title);
	esg_buf_putc(&s->pages, ']');
	add_container(s, article);
}

void
esg_search_script_head(const char *lang_tag, esg_buf *out)
{
	esg_buf_puts(out, "/* esgsite search index: generated, do not edit. */\n"
	    "window.ESGSITE_SEARCH = {\"lang\": ");
	esg_json_string(out, lang_tag);
	esg_buf_puts(out, ",\n\"entries\": [\n");
}

void
esg_search_script_tail(const esg_search *s, esg_buf *out)
{
	esg_buf_puts(out, "],\n\"pages\": [\n");
	esg_buf_put(out, s->pages.ptr, s->pages.len);
	esg_buf_puts(out, "]};\n");
}

void
esg_search_script(const esg_search *s, const char *lang_tag, esg_buf *out)
{
	esg_search_script_head(lang_tag, out);
	esg_buf_put(out, s->json.ptr, s->json.len);
	esg_search_script_tail(s, out);
}

void
esg_search_part(esg_search *part, int pages_before)
{
	*part = (esg_search)ESG_SEARCH_INIT;
	part->npages = pages_before;
}

void
esg_search_join(esg_search *whole, esg_search *part, esg_buf *entries)
{
	if (part->nentries) {
		if (whole->nentries)
			esg_buf_puts(entries, ",\n");
		esg_buf_put(entries, part->json.ptr, part->json.len);
		whole->nentries += part->nentries;
	}
	/* A part's page begins with its comma, as it was not the first. */
	esg_buf_put(&whole->pages, part->pages.ptr, part->pages.len);
	if (part->npages > whole->npages)
		whole->npages = part->npages;
	esg_search_free(part);
	*part = (esg_search)ESG_SEARCH_INIT;
}

void
esg_search_free(esg_search *s)
{
	esg_buf_free(&s->json);
	esg_buf_free(&s->pages);
	esg_buf_free(&s->text);
}

/* A paragraph that is only bold text is a label ("Key figures for 2024"),
 * not prose. */
static bool
is_label(xmlNodePtr p)
{
	int strong = 0;
	for (xmlNodePtr c = p->children; c; c = c->next) {
		if (c->type == XML_ELEMENT_NODE && (is(c, "strong") || is(c, "b")))
			strong++;
		else if (c->type == XML_ELEMENT_NODE)
			return false;
		else if (c->type == XML_TEXT_NODE && c->content &&
		    c->content[strspn((const char *)c->content, " \n\t")])
			return false;
	}
	return strong == 1;
}

/* The paragraphs of prose in reading order, quotations last: a chapter
 * often opens with a quoted note ("This chapter responds to …") before its
 * own first words. */
static void
prose(xmlNodePtr n, bool quotes, esg_buf *text, size_t enough)
{
	for (xmlNodePtr c = n->children; c && text->len < enough; c = c->next) {
		if (c->type != XML_ELEMENT_NODE || is(c, "nav") || is(c, "figure") ||
		    is(c, "table") || has_class(c, "visually-hidden") ||
		    (!quotes && (is(c, "blockquote") || is(c, "aside"))))
			continue;
		/* The covers line and a placed index's edition line are the
		 * generator's words, not the author's. */
		if (is(c, "p") && !has_class(c, "covers") &&
		    !has_class(c, "index-edition")) {
			if (is_label(c))
				continue;
			if (text->len)
				esg_buf_putc(text, ' ');
			text_of(text, c, false);
			trim(text);
		} else {
			prose(c, quotes, text, enough);
		}
	}
}

void
esg_search_summary(xmlNodePtr article, esg_buf *out)
{
	enum { COLUMNS = 160 };
	esg_buf text = ESG_BUF_INIT;
	/* Enough paragraphs to fill the description, a salutation alone
	 * ("Dear shareholders,") being too little. */
	prose(article, false, &text, COLUMNS);
	if (text.len == 0)
		prose(article, true, &text, COLUMNS);
	size_t cut = 0, last_space = 0, columns = 0, i = 0;
	while (i < text.len) {
		size_t used;
		uint32_t cp = esg_utf8_decode(text.ptr + i, text.len - i, &used);
		columns += esg_cjk_is_wide(cp) ? 2 : 1;
		if (columns > COLUMNS)
			break;
		if (cp == ' ')
			last_space = i;
		i += used;
		cut = i;
	}
	if (i < text.len) {
		/* Latin text is cut at a space; Han text anywhere. */
		if (last_space > cut / 2 && !esg_cjk_is_wide(esg_utf8_last(
		    text.ptr, cut)))
			cut = last_space;
		esg_buf_put(out, text.ptr, cut);
		esg_buf_puts(out, "\xe2\x80\xa6");
	} else {
		esg_buf_put(out, text.ptr, text.len);
	}
	esg_buf_free(&text);
}
