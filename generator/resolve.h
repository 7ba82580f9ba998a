/*
 * resolve.h — completing the model: chapter and section numbers, the id
 * table of each language, duplicate ids and section-level parity between
 * languages.
 */
#ifndef ESG_RESOLVE_H
#define ESG_RESOLVE_H

#include "diag.h"
#include "model.h"

void esg_resolve(esg_report *r, esg_diag *d);
/* Reports each heading whose id, made from its chapter's file name, is
 * also the id of something esgsite generates (a KPI row, a content
 * index's row, a footnote …). Run after esg_resolve_coverage(): it needs
 * the catalogs and the data. */
void esg_resolve_generated_ids(esg_report *r, esg_diag *d);

/* The section with this id in language lang, or NULL. */
const esg_section *esg_find_section(const esg_report *r, int lang,
    const char *id);

#endif
