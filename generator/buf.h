/*
 * buf.h — the one growable string buffer of esgsite.
 *
 * An esg_buf is always NUL-terminated once anything has been written, grows
 * by 1.5x, and aborts the program when memory runs out (every caller would
 * otherwise have to unwind a half-built page for a condition it cannot fix).
 */
#ifndef ESG_BUF_H
#define ESG_BUF_H

#include <stdarg.h>
#include <stddef.h>

typedef struct esg_buf {
	char *ptr;   /* NUL-terminated contents, or NULL before the first write */
	size_t len;  /* bytes in use, not counting the NUL */
	size_t cap;  /* bytes allocated */
} esg_buf;

#define ESG_BUF_INIT { NULL, 0, 0 }

void esg_buf_put(esg_buf *b, const void *data, size_t len);
void esg_buf_puts(esg_buf *b, const char *s);
void esg_buf_putc(esg_buf *b, int c);
void esg_buf_printf(esg_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void esg_buf_vprintf(esg_buf *b, const char *fmt, va_list ap);
/* Keeps the allocation, empties the contents. */
void esg_buf_clear(esg_buf *b);
/* Returns the contents (never NULL, "" when empty); the caller frees it
 * with free(); the buffer is left empty and reusable. */
char *esg_buf_detach(esg_buf *b);
/* Returns the contents, "" when nothing was written; valid until the next
 * write or free. */
const char *esg_buf_cstr(const esg_buf *b);
void esg_buf_free(esg_buf *b);

/* Aborting allocators used by every module. */
void *esg_xmalloc(size_t n);
void *esg_xcalloc(size_t n, size_t size);
void *esg_xrealloc(void *p, size_t n);
char *esg_xstrdup(const char *s);

#endif
