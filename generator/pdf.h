/*
 * pdf.h — the PDF of each language, made by WeasyPrint from print.html.
 */
#ifndef ESG_PDF_H
#define ESG_PDF_H

#include "diag.h"
#include "model.h"

/* Runs WeasyPrint on DIR/<key>/print.html for every language at once and
 * waits: DIR/<key>/report.pdf. Progress goes to stdout. Returns 0, or -1
 * after reporting (WeasyPrint missing: exit 2; a failed run: exit 1, with
 * WeasyPrint's own messages). DIR is the build's temporary directory, so a
 * failure leaves OUT untouched. */
int esg_make_pdfs(esg_report *r, const char *dir, esg_diag *d);

#endif
