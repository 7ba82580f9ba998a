/*
 * pdf.h — the PDF of each language, made by WeasyPrint from print.html.
 */
#ifndef ESG_PDF_H
#define ESG_PDF_H

#include "diag.h"
#include "model.h"
#include "write.h"

/* Runs WeasyPrint on DIR/<key>/print.html for every language at once and
 * waits: DIR/<key>/report.pdf, where DIR is the build's temporary
 * directory (out->tmp), so a failure leaves OUT untouched. Progress goes
 * to stdout. Returns 0, or -1 after reporting (WeasyPrint missing: exit
 * 2; a failed run: exit 1, with WeasyPrint's own messages). */
int esg_make_pdfs(esg_report *r, const esg_output *out, esg_diag *d);

#endif
