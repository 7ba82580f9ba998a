#include "strmap.h"
#include "buf.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static uint64_t
hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;   /* FNV-1a */
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 1099511628211ULL;
	}
	return h;
}

void *
esg_strmap_get(const esg_strmap *m, const char *key)
{
	if (m->cap == 0)
		return NULL;
	size_t mask = m->cap - 1;
	for (size_t i = hash(key) & mask;; i = (i + 1) & mask) {
		if (m->slots[i].key == NULL)
			return NULL;
		if (strcmp(m->slots[i].key, key) == 0)
			return m->slots[i].value;
	}
}

static void
grow(esg_strmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 64;
	esg_strmap_slot *slots = esg_xcalloc(cap, sizeof *slots);
	for (size_t i = 0; i < m->cap; i++) {
		if (m->slots[i].key == NULL)
			continue;
		size_t j = hash(m->slots[i].key) & (cap - 1);
		while (slots[j].key)
			j = (j + 1) & (cap - 1);
		slots[j] = m->slots[i];
	}
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
}

void *
esg_strmap_put(esg_strmap *m, const char *key, void *value)
{
	if ((m->count + 1) * 4 > m->cap * 3)
		grow(m);
	size_t mask = m->cap - 1;
	size_t i = hash(key) & mask;
	for (; m->slots[i].key; i = (i + 1) & mask)
		if (strcmp(m->slots[i].key, key) == 0)
			return m->slots[i].value;
	m->slots[i].key = key;
	m->slots[i].value = value;
	m->count++;
	return value;
}

void
esg_strmap_set(esg_strmap *m, const char *key, void *value)
{
	if ((m->count + 1) * 4 > m->cap * 3)
		grow(m);
	size_t mask = m->cap - 1;
	size_t i = hash(key) & mask;
	for (; m->slots[i].key; i = (i + 1) & mask)
		if (strcmp(m->slots[i].key, key) == 0) {
			m->slots[i].value = value;
			return;
		}
	m->slots[i].key = key;
	m->slots[i].value = value;
	m->count++;
}

void
esg_strmap_free(esg_strmap *m)
{
	free(m->slots);
	m->slots = NULL;
	m->cap = m->count = 0;
}
