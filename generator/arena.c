#include "arena.h"
#include "buf.h"

#include <stdalign.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Small allocations share 64 KiB blocks; big ones get a block of their own
 * so a 10 MB string does not waste the rest of a shared block. */
#define BLOCK_SIZE (64 * 1024)

struct esg_arena_block {
	esg_arena_block *next;
	size_t used, size;
	alignas(max_align_t) unsigned char data[];
};

void *
esg_arena_alloc(esg_arena *a, size_t size)
{
	const size_t align = alignof(max_align_t);
	if (size > SIZE_MAX / 2)
		abort();
	size = (size + align - 1) & ~(align - 1);
	if (size == 0)
		size = align;
	esg_arena_block *b = a->head;
	if (b == NULL || b->size - b->used < size) {
		size_t bsize = size > BLOCK_SIZE / 4 ? size : BLOCK_SIZE;
		esg_arena_block *nb = esg_xmalloc(sizeof *nb + bsize);
		nb->used = 0;
		nb->size = bsize;
		if (bsize == size && b != NULL) {
			/* Keep the partly used shared block at the head. */
			nb->next = b->next;
			b->next = nb;
		} else {
			nb->next = b;
			a->head = nb;
		}
		b = nb;
	}
	void *p = b->data + b->used;
	b->used += size;
	memset(p, 0, size);
	return p;
}

void *
esg_arena_array(esg_arena *a, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / 2 / size)
		abort();
	return esg_arena_alloc(a, n * size);
}

char *
esg_arena_strndup(esg_arena *a, const char *s, size_t n)
{
	char *p = esg_arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
esg_arena_strdup(esg_arena *a, const char *s)
{
	return esg_arena_strndup(a, s, strlen(s));
}

char *
esg_arena_printf(esg_arena *a, const char *fmt, ...)
{
	/* Most strings (hrefs, numbers) are short: format once into a stack
	 * buffer and copy, formatting twice only for long ones. */
	char small[256];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return esg_arena_strdup(a, "");
	if ((size_t)n < sizeof small)
		return esg_arena_strndup(a, small, (size_t)n);
	char *p = esg_arena_alloc(a, (size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void
esg_arena_free(esg_arena *a)
{
	esg_arena_block *b = a->head;
	while (b) {
		esg_arena_block *next = b->next;
		free(b);
		b = next;
	}
	a->head = NULL;
}

void
esg_arena_adopt(esg_arena *dst, esg_arena *src)
{
	esg_arena_block *b = src->head;
	if (b == NULL)
		return;
	/* Behind dst's head block, which stays the one being filled. */
	esg_arena_block *last = b;
	while (last->next)
		last = last->next;
	if (dst->head) {
		last->next = dst->head->next;
		dst->head->next = b;
	} else {
		dst->head = b;
	}
	src->head = NULL;
}
