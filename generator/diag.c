#include "diag.h"
#include "text.h"
#include "buf.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static const char *const kind_names[] = {
	[ESG_K_SYNTAX] = "syntax",
	[ESG_K_LINK] = "link",
	[ESG_K_PARITY] = "parity",
	[ESG_K_UNKNOWN_CODE] = "unknown-code",
	[ESG_K_OMISSION] = "omission",
	[ESG_K_MISSING] = "missing",
	[ESG_K_DATA] = "data",
};

const char *
esg_kind_name(esg_kind kind)
{
	return kind_names[kind];
}

/* s as one line of valid UTF-8: file names come from directory listings
 * and may hold anything. A control character or a byte that is not part
 * of a UTF-8 character becomes \xNN, so that a problem stays one line of
 * the text report, and JSON and the dashboard stay valid. Returns a
 * malloc'd string. */
static char *
printable(const char *s)
{
	esg_buf b = ESG_BUF_INIT;
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)s[i];
		size_t used = 1;
		bool plain = c >= 0x20 && c != 0x7f;
		if (c >= 0x80)
			plain = !(esg_utf8_decode(s + i, len - i, &used) == 0xFFFD &&
			    used == 1);
		if (plain)
			esg_buf_put(&b, s + i, used);
		else
			esg_buf_printf(&b, "\\x%02x", c);
		i += used;
	}
	return esg_buf_detach(&b);
}

static void
add(esg_diag *d, esg_severity sev, esg_kind kind, int status, esg_pos pos,
    const char *lang, const char *fmt, va_list ap)
{
	if (sev == ESG_ERROR) {
		d->errors++;
		if (status > d->status)
			d->status = status;
	} else {
		d->warnings++;
	}
	if (d->count >= ESG_DIAG_MAX) {
		d->dropped++;
		return;
	}
	if (d->count == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 32;
		d->items = esg_xrealloc(d->items, d->cap * sizeof *d->items);
	}
	esg_buf msg = ESG_BUF_INIT;
	esg_buf_vprintf(&msg, fmt, ap);
	d->items[d->count++] = (esg_problem){
		.severity = sev,
		.kind = kind,
		.status = status,
		.file = pos.file ? printable(pos.file) : NULL,
		.line = pos.line,
		.col = pos.col,
		.lang = lang ? esg_xstrdup(lang) : NULL,
		.message = printable(esg_buf_cstr(&msg)),
		.heuristic = false,
	};
	esg_buf_free(&msg);
}

void
esg_diag_add(esg_diag *d, esg_severity sev, esg_kind kind, int status,
    esg_pos pos, const char *lang, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add(d, sev, kind, status, pos, lang, fmt, ap);
	va_end(ap);
}

void
esg_error(esg_diag *d, esg_kind kind, esg_pos pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add(d, ESG_ERROR, kind, 1, pos, NULL, fmt, ap);
	va_end(ap);
}

void
esg_warning(esg_diag *d, esg_kind kind, esg_pos pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add(d, ESG_WARNING, kind, 1, pos, NULL, fmt, ap);
	va_end(ap);
}

void
esg_input_error(esg_diag *d, esg_pos pos, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add(d, ESG_ERROR, ESG_K_SYNTAX, 2, pos, NULL, fmt, ap);
	va_end(ap);
}

void
esg_hint(esg_diag *d, esg_kind kind, esg_pos pos, const char *lang,
    const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	add(d, ESG_WARNING, kind, 1, pos, lang, fmt, ap);
	va_end(ap);
	if (d->count && d->dropped == 0)
		d->items[d->count - 1].heuristic = true;
}

void
esg_diag_strict(esg_diag *d)
{
	for (size_t i = 0; i < d->count; i++) {
		esg_problem *p = &d->items[i];
		if (p->severity != ESG_WARNING || p->heuristic)
			continue;
		p->severity = ESG_ERROR;
		d->warnings--;
		d->errors++;
		if (p->status > d->status)
			d->status = p->status;
	}
}

void
esg_diag_sort_by_kind(esg_diag *d)
{
	/* Stable, so each kind keeps the order problems were found in; the
	 * list is capped at ESG_DIAG_MAX, so insertion sort is fine. */
	for (size_t i = 1; i < d->count; i++) {
		esg_problem p = d->items[i];
		size_t j = i;
		while (j > 0 && d->items[j - 1].kind > p.kind) {
			d->items[j] = d->items[j - 1];
			j--;
		}
		d->items[j] = p;
	}
}

void
esg_diag_print(const esg_diag *d, FILE *fp)
{
	for (size_t i = 0; i < d->count; i++) {
		const esg_problem *p = &d->items[i];
		if (p->file == NULL)
			fputs("esgsite", fp);
		else if (p->line <= 0)
			fputs(p->file, fp);
		else if (p->col <= 0)
			fprintf(fp, "%s:%d", p->file, p->line);
		else
			fprintf(fp, "%s:%d:%d", p->file, p->line, p->col);
		fprintf(fp, ": %s: %s\n",
		    p->severity == ESG_ERROR ? "error" : "warning", p->message);
	}
	if (d->dropped)
		fprintf(fp, "esgsite: %zu more problems not shown\n", d->dropped);
}

void
esg_diag_merge(esg_diag *dst, esg_diag *src)
{
	for (size_t i = 0; i < src->count; i++) {
		if (dst->count >= ESG_DIAG_MAX) {
			dst->dropped++;
			free(src->items[i].file);
			free(src->items[i].lang);
			free(src->items[i].message);
			continue;
		}
		if (dst->count == dst->cap) {
			dst->cap = dst->cap ? dst->cap * 2 : 32;
			dst->items = esg_xrealloc(dst->items,
			    dst->cap * sizeof *dst->items);
		}
		dst->items[dst->count++] = src->items[i];
	}
	dst->dropped += src->dropped;
	dst->errors += src->errors;
	dst->warnings += src->warnings;
	if (src->status > dst->status)
		dst->status = src->status;
	free(src->items);
	bool check = src->check;
	*src = (esg_diag)ESG_DIAG_INIT;
	src->check = check;
}

void
esg_diag_free(esg_diag *d)
{
	for (size_t i = 0; i < d->count; i++) {
		free(d->items[i].file);
		free(d->items[i].lang);
		free(d->items[i].message);
	}
	free(d->items);
	*d = (esg_diag)ESG_DIAG_INIT;
}

esg_pos
esg_offset_pos(const char *file, const char *text, size_t offset)
{
	int line = 1;
	size_t line_start = 0;
	for (size_t i = 0; i < offset; i++)
		if (text[i] == '\n') {
			line++;
			line_start = i + 1;
		}
	return (esg_pos){ file, line,
	    (int)esg_utf8_count(text + line_start, offset - line_start) + 1 };
}
