/*
 * strmap.h — a string-keyed hash map (open addressing, linear probing).
 *
 * Keys are not copied: they must outlive the map (in esgsite they live in
 * the report arena). Lookups are O(1) expected, which keeps id and link
 * resolution linear in the size of the report.
 */
#ifndef ESG_STRMAP_H
#define ESG_STRMAP_H

#include <stddef.h>

typedef struct esg_strmap_slot {
	const char *key;
	void *value;
} esg_strmap_slot;

typedef struct esg_strmap {
	esg_strmap_slot *slots;
	size_t cap;    /* a power of two, or 0 */
	size_t count;
} esg_strmap;

#define ESG_STRMAP_INIT { NULL, 0, 0 }

/* The value stored under key, or NULL. */
void *esg_strmap_get(const esg_strmap *m, const char *key);
/* Stores value under key unless key is present; returns the value that is
 * in the map afterwards (the old one when the key existed). */
void *esg_strmap_put(esg_strmap *m, const char *key, void *value);
/* Stores value under key, replacing any value already there. */
void esg_strmap_set(esg_strmap *m, const char *key, void *value);
void esg_strmap_free(esg_strmap *m);

#endif
