/*
 * review.h — what a reviewer checks beyond what `build` needs: every
 * missing item, structural parity between languages, untranslated text,
 * figures typed instead of taken from data, and data consistency.
 *
 * `check` reports these as problems; `build` collects them for the review
 * dashboard. Findings that are guesses (untranslated text, typed figures)
 * are heuristics: warnings that never fail `check`.
 */
#ifndef ESG_REVIEW_H
#define ESG_REVIEW_H

#include "diag.h"
#include "model.h"

/* Loads the chapters and the KPI data (esg_load_chapters(),
 * esg_load_data()) and reads each chapter for the review while its
 * Markdown trees exist: each text's shape (footnotes, tables, shortcode
 * uses) and what its paragraphs say (esg_chapter.notes). */
void esg_review_load(esg_report *r, esg_diag *d);

/* Reports every finding into d: parity, data consistency, then each
 * chapter's paragraphs, judged against the resolved data. */
void esg_review(esg_report *r, esg_diag *d);

/* The external links the rendering met. */
size_t esg_external_count(const esg_report *r);
/* Fetches every external link (HEAD, then GET where HEAD is refused),
 * following redirects, with a short timeout, several at a time; each
 * failure is a link problem at the link's first use. */
void esg_check_external(esg_report *r, esg_diag *d);

#endif
