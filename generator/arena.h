/*
 * arena.h — region allocation for the report model.
 *
 * Everything the model holds (strings, arrays of sections, positions) lives
 * exactly as long as the build, so it is carved from one arena and released
 * with a single esg_arena_free(): no per-object ownership to track, and no
 * leak when a build stops half-way on bad input.
 */
#ifndef ESG_ARENA_H
#define ESG_ARENA_H

#include <stddef.h>

typedef struct esg_arena_block esg_arena_block;

typedef struct esg_arena {
	esg_arena_block *head;
} esg_arena;

#define ESG_ARENA_INIT { NULL }

/* Zero-filled memory, aligned for any type; aborts when out of memory. */
void *esg_arena_alloc(esg_arena *a, size_t size);
/* Zero-filled array of n elements of size bytes; aborts on overflow. */
void *esg_arena_array(esg_arena *a, size_t n, size_t size);
char *esg_arena_strdup(esg_arena *a, const char *s);
char *esg_arena_strndup(esg_arena *a, const char *s, size_t n);
char *esg_arena_printf(esg_arena *a, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Releases every allocation made from the arena. */
void esg_arena_free(esg_arena *a);
/* Moves every block of src into dst (freed with dst); src is left empty. */
void esg_arena_adopt(esg_arena *dst, esg_arena *src);

#endif
