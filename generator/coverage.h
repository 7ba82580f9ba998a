/*
 * coverage.h — what the report covers, framework by framework.
 *
 * esg_resolve_coverage() loads each framework's catalog, checks the
 * settings and omissions of report.yaml, resolves every code that sections
 * and chapters declare, merges the declarations of the languages (coverage
 * is language-neutral), and computes each index row's status. The index
 * renderers and `check` read the result.
 */
#ifndef ESG_COVERAGE_H
#define ESG_COVERAGE_H

#include "catalog.h"
#include "diag.h"
#include "model.h"

typedef enum esg_status {
	ESG_STATUS_DISCLOSED,
	ESG_STATUS_OMITTED,
	ESG_STATUS_MISSING,
	ESG_STATUS_NONE,        /* not required and not covered */
} esg_status;

/* One row of a framework index: a catalog item, or for GRI 3-3 an item
 * and a material topic. */
typedef struct esg_entry {
	esg_framework *fw;
	const esg_cat_item *item;
	const esg_topic *topic;     /* GRI 3-3 rows only */
	const char *code;           /* shown: "A1.2", "3-3", "306-3" */
	const char *key;            /* unique: "A1.2", "3-3/climate", "306-3@2016" */
	const char *anchor;         /* the row's id: "hkex-A1.2" */
	const char **locs;          /* ids of the sections that cover it */
	size_t nlocs, locs_cap;
	esg_strmap loc_set;         /* locs as a set, once there are many */
	esg_omit *omit;             /* omitted as a whole */
	esg_omit **partial;         /* requirements omitted (GRI 2-15-b) */
	size_t npartial, partial_cap;
	bool required;
	bool listed;                /* appears in the index */
	esg_status status;
} esg_entry;

typedef struct esg_coverage {
	esg_entry **entries;        /* catalog order, then 3-3 per topic */
	size_t nentries;
	esg_strmap by_key;
	/* GRI requirements omitted one by one: "2-15-b" (the disclosure's
	 * key, then the requirement) -> esg_omit*. */
	esg_strmap omitted_reqs;
	size_t required, disclosed, omitted, missing;
} esg_coverage;

void esg_resolve_coverage(esg_report *r, esg_diag *d);
/* Frees what the coverage and catalogs hold outside the arena. */
void esg_coverage_free(esg_report *r);

/* The status words of SPEC §4: "disclosed", "omitted", "missing". */
const char *esg_status_name(esg_status s);
/* The catalog groups of a GRI material topic's Topic Standards, in the
 * order report.yaml lists them, each once (a repeated or unknown number is
 * reported by coverage and skipped here): what the topic's rows are
 * listed from. Writes at most tp->nstandards groups; returns how many. */
size_t esg_gri_topic_groups(const esg_framework *fw, const esg_topic *tp,
    int *groups);
/* The file name of a framework's own index page: "hkex-index.html". */
const char *esg_index_page(esg_report *r, const esg_framework *fw);

#endif
