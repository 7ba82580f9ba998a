/*
 * catalog.h — framework catalogs: codes, titles, groups, rules.
 *
 * A catalog is data (frameworks/KEY.yaml, see docs/catalogs.md), loaded for
 * one edition. Texts are keyed by script, not by a report's languages, so
 * one catalog serves every report.
 */
#ifndef ESG_CATALOG_H
#define ESG_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "i18n.h"
#include "strmap.h"

/* A catalog text in each script (indexed by esg_script); NULL = absent. */
typedef struct esg_ctext {
	const char *v[3];
} esg_ctext;

typedef enum esg_fw_kind {
	ESG_FW_LIST,   /* a plain list of codes, required by level */
	ESG_FW_HKEX,
	ESG_FW_GRI,
	ESG_FW_SDG,
} esg_fw_kind;

typedef enum esg_level {
	ESG_LEVEL_UNSET,
	ESG_LEVEL_MANDATORY,
	ESG_LEVEL_COMPLY,       /* comply or explain */
	ESG_LEVEL_REQUIRED,
	ESG_LEVEL_VOLUNTARY,
} esg_level;

typedef enum esg_std_type {
	ESG_STD_NONE,
	ESG_STD_UNIVERSAL,
	ESG_STD_TOPIC,
	ESG_STD_SECTOR,
} esg_std_type;

typedef struct esg_cat_group {
	esg_ctext title;
	int parent;               /* index of the enclosing group, or -1 */
	int depth;                /* 0 for top-level groups */
	const char *standard;     /* GRI: "305"; NULL otherwise */
	int year;
	esg_std_type type;
	bool qualified_only;      /* codes reachable only as CODE@YEAR */
	size_t first, count;      /* items of this group and its subgroups */
} esg_cat_group;

typedef struct esg_cat_item {
	const char *code;
	const char *key;          /* lookup key: the code, or CODE@YEAR */
	esg_ctext title;
	esg_ctext text;           /* official wording, when given */
	esg_level level;
	bool omittable;
	bool verified;
	int group;                /* innermost group */
	size_t index;             /* catalog order */
	esg_pos pos;              /* where the catalog defines it */
} esg_cat_item;

/* The words of an index table a catalog may set (docs/catalogs.md). */
typedef enum esg_label {
	ESG_L_CODE, ESG_L_TITLE, ESG_L_STATUS, ESG_L_LOCATION, ESG_L_DISCLOSED,
	ESG_L_MISSING, ESG_L_STANDARD, ESG_L_OMISSION, ESG_L_REQUIREMENTS,
	ESG_L_REASON, ESG_L_EXPLANATION, ESG_L_GRI1_USED, ESG_L_GRI1,
	ESG_L_SECTORS, ESG_L_NONE, ESG_L_GENERAL, ESG_L_MATERIAL, ESG_L_OTHER,
	ESG_L_STATEMENT, ESG_L_GOAL, ESG_L_COUNT
} esg_label;

typedef struct esg_reason {
	const char *key;          /* "not-applicable" */
	esg_ctext label;
} esg_reason;

typedef enum esg_claim {
	ESG_CLAIM_NONE,
	ESG_CLAIM_IN_ACCORDANCE,
	ESG_CLAIM_WITH_REFERENCE,
} esg_claim;

typedef struct esg_catalog {
	const char *key;
	const char *file;         /* display name for messages */
	esg_fw_kind kind;
	unsigned scripts;         /* bit per esg_script the catalog provides */
	bool verified;
	esg_ctext name, short_name, index_title, edition_title;
	const char *edition;      /* the edition loaded */
	esg_reason *reasons;
	size_t nreasons;
	esg_ctext labels[ESG_L_COUNT];
	esg_ctext statements[3];  /* indexed by esg_claim */
	esg_cat_group *groups;
	size_t ngroups;
	esg_cat_item *items;
	size_t nitems;
	esg_strmap by_key;        /* item key -> esg_cat_item* */
} esg_catalog;

/* Loads the catalog in text (len bytes) for the given edition (NULL: the
 * catalog's default; edition_pos is where it was asked for, for the error
 * when it does not exist); builtin when it is one of esgsite's own. All
 * memory comes from a. Returns 0, or -1 after reporting (exit 2: a broken
 * catalog is unusable input). */
int esg_catalog_load(esg_catalog *c, esg_arena *a, const char *file,
    const char *text, size_t len, bool builtin, const char *edition,
    esg_pos edition_pos, esg_diag *d);
void esg_catalog_free(esg_catalog *c);

/* The text for a BCP 47 tag's script; English when the catalog has none in
 * that script, in which case *fallback_tag is set to "en" (else NULL). */
const char *esg_ctext_get(const esg_ctext *t, const char *tag,
    const char **fallback_tag);
/* A label of the catalog, or esgsite's default for it. */
const char *esg_catalog_label(const esg_catalog *c, esg_label l,
    const char *tag, const char **fallback_tag);
/* The item a code written by an author names: a bare code ("A1.2",
 * "305-1") or a qualified one ("306-3@2016"); NULL when unknown. */
const esg_cat_item *esg_catalog_find(const esg_catalog *c, const char *code);
/* The topic or sector standard group with this number (not one that is
 * only reachable qualified), or -1. */
int esg_catalog_standard(const esg_catalog *c, const char *number,
    esg_std_type type);
const esg_reason *esg_catalog_reason(const esg_catalog *c, const char *key);

#endif
