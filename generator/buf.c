#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
out_of_memory(void)
{
	fputs("esgsite: out of memory\n", stderr);
	abort();
}

void *
esg_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (p == NULL)
		out_of_memory();
	return p;
}

void *
esg_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (p == NULL)
		out_of_memory();
	return p;
}

void *
esg_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		out_of_memory();
	return p;
}

char *
esg_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;
	return memcpy(esg_xmalloc(n), s, n);
}

static void
grow(esg_buf *b, size_t extra)
{
	if (extra > (size_t)-1 / 2 - b->len)
		out_of_memory();
	size_t need = b->len + extra + 1;
	if (need <= b->cap)
		return;
	size_t cap = b->cap < 64 ? 64 : b->cap + b->cap / 2;
	if (cap < need)
		cap = need;
	b->ptr = esg_xrealloc(b->ptr, cap);
	b->cap = cap;
}

void
esg_buf_put(esg_buf *b, const void *data, size_t len)
{
	grow(b, len);
	if (len)
		memcpy(b->ptr + b->len, data, len);
	b->len += len;
	b->ptr[b->len] = '\0';
}

void
esg_buf_puts(esg_buf *b, const char *s)
{
	esg_buf_put(b, s, strlen(s));
}

void
esg_buf_putc(esg_buf *b, int c)
{
	char ch = (char)c;
	esg_buf_put(b, &ch, 1);
}

void
esg_buf_vprintf(esg_buf *b, const char *fmt, va_list ap)
{
	va_list copy;
	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return;
	grow(b, (size_t)n);
	vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	b->len += (size_t)n;
}

void
esg_buf_printf(esg_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	esg_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void
esg_buf_clear(esg_buf *b)
{
	b->len = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

char *
esg_buf_detach(esg_buf *b)
{
	char *p = b->ptr ? b->ptr : esg_xstrdup("");
	b->ptr = NULL;
	b->len = b->cap = 0;
	return p;
}

const char *
esg_buf_cstr(const esg_buf *b)
{
	return b->ptr ? b->ptr : "";
}

void
esg_buf_free(esg_buf *b)
{
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
}
