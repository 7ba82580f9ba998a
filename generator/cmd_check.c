/* cmd_check.c — `esgsite check`: the whole model and every page, nothing
 * written, every problem reported; exit 0 only when nothing is wrong. */
#include "commands.h"
#include "coverage.h"
#include "data.h"
#include "diag.h"
#include "fsutil.h"
#include "json.h"
#include "load.h"
#include "model.h"
#include "render.h"
#include "resolve.h"
#include "review.h"
#include "write.h"

#include <stdio.h>
#include <string.h>

static size_t
listed_disclosed(const esg_coverage *cov)
{
	size_t n = 0;
	for (size_t i = 0; i < cov->nentries; i++)
		n += cov->entries[i]->listed &&
		    cov->entries[i]->status == ESG_STATUS_DISCLOSED;
	return n;
}

static void
summary_text(const esg_report *r, FILE *fp)
{
	for (size_t f = 0; f < r->nfws; f++) {
		const esg_framework *fw = &r->fws[f];
		if (fw->cov == NULL)
			continue;
		const esg_coverage *cov = fw->cov;
		if (fw->cat->kind == ESG_FW_SDG) {
			size_t goals = listed_disclosed(cov);
			fprintf(fp, "%s: %zu goal%s supported\n", fw->key, goals,
			    goals == 1 ? "" : "s");
			continue;
		}
		fprintf(fp, "%s%s%s%s: %zu required, %zu disclosed, %zu omitted, "
		    "%zu missing\n", fw->key,
		    fw->claim ? " (" : "", fw->claim == ESG_CLAIM_IN_ACCORDANCE ?
		    "in-accordance" : fw->claim == ESG_CLAIM_WITH_REFERENCE ?
		    "with-reference" : "", fw->claim ? ")" : "", cov->required,
		    cov->disclosed, cov->omitted, cov->missing);
	}
}

/* The language of a problem reported without one, when its file is in a
 * language's directory (SOURCE/KEY/…): a chapter's unknown code names no
 * language, but it is in that language's text. */
static const char *
language_of(esg_report *r, const esg_problem *p)
{
	if (p->lang || p->file == NULL)
		return p->lang;
	for (int l = 0; l < r->nlangs; l++) {
		const char *dir = esg_path_join(&r->arena, r->source,
		    r->langs[l].key);
		size_t n = strlen(dir);
		if (strncmp(p->file, dir, n) == 0 && p->file[n] == '/')
			return r->langs[l].key;
	}
	return NULL;
}

static void
json_problem(esg_buf *b, const esg_problem *p, const char *lang)
{
	esg_buf_puts(b, "{\"severity\": ");
	esg_json_string(b, p->severity == ESG_ERROR ? "error" : "warning");
	esg_buf_puts(b, ", \"kind\": ");
	esg_json_string(b, esg_kind_name(p->kind));
	esg_buf_puts(b, ", \"file\": ");
	if (p->file)
		esg_json_string(b, p->file);
	else
		esg_buf_puts(b, "null");
	if (p->line > 0)
		esg_buf_printf(b, ", \"line\": %d", p->line);
	else
		esg_buf_puts(b, ", \"line\": null");
	esg_buf_puts(b, ", \"language\": ");
	if (lang)
		esg_json_string(b, lang);
	else
		esg_buf_puts(b, "null");
	esg_buf_puts(b, ", \"message\": ");
	esg_json_string(b, p->message);
	esg_buf_putc(b, '}');
}

/* The shape of SPEC §5. */
static void
report_json(esg_report *r, const esg_diag *d, FILE *fp)
{
	esg_buf b = ESG_BUF_INIT;
	esg_buf_printf(&b, "{\n  \"ok\": %s,\n  \"frameworks\": {",
	    d->errors ? "false" : "true");
	size_t shown = 0;
	for (size_t f = 0; f < r->nfws; f++) {
		const esg_framework *fw = &r->fws[f];
		if (fw->cov == NULL)
			continue;
		const esg_coverage *cov = fw->cov;
		esg_buf_puts(&b, shown++ ? ",\n    " : "\n    ");
		esg_json_string(&b, fw->key);
		esg_buf_puts(&b, ": {");
		if (fw->cat->kind == ESG_FW_GRI && fw->claim) {
			esg_buf_puts(&b, "\"claim\": ");
			esg_json_string(&b, fw->claim == ESG_CLAIM_IN_ACCORDANCE ?
			    "in-accordance" : "with-reference");
			esg_buf_puts(&b, ", ");
		}
		esg_buf_printf(&b, "\"required\": %zu, \"disclosed\": %zu, "
		    "\"omitted\": %zu, \"missing\": [", cov->required,
		    fw->cat->kind == ESG_FW_SDG ? listed_disclosed(cov) :
		    cov->disclosed, cov->omitted);
		size_t m = 0;
		for (size_t i = 0; i < cov->nentries; i++) {
			const esg_entry *e = cov->entries[i];
			if (!e->required || e->status != ESG_STATUS_MISSING)
				continue;
			esg_buf_puts(&b, m++ ? ", " : "");
			esg_json_string(&b, e->key);
		}
		esg_buf_puts(&b, "]}");
	}
	esg_buf_puts(&b, shown ? "\n  },\n  \"problems\": [" :
	    "},\n  \"problems\": [");
	for (size_t i = 0; i < d->count; i++) {
		esg_buf_puts(&b, i ? ",\n    " : "\n    ");
		json_problem(&b, &d->items[i], language_of(r, &d->items[i]));
	}
	esg_buf_puts(&b, d->count ? "\n  ]\n}\n" : "]\n}\n");
	fputs(esg_buf_cstr(&b), fp);
	esg_buf_free(&b);
}

int
esg_cmd_check(const esg_check_options *opt)
{
	esg_diag d = ESG_DIAG_INIT;
	d.check = true;
	esg_report r;
	esg_report_init(&r, opt->source);
	if (esg_load_report(&r, &d) == 0) {
		esg_review_load(&r, &d);
		esg_resolve(&r, &d);
		esg_resolve_data(&r, &d);
		esg_resolve_coverage(&r, &d);
		esg_resolve_generated_ids(&r, &d);
	}
	if (d.status < 2 && r.nlangs > 0) {
		/* Every page is rendered, so every link is checked, but nothing
		 * is written. */
		esg_output out;
		esg_output_dry(&out, &d);
		esg_review(&r, &d);
		esg_render_site(&r, &out, &d, NULL);
		if (opt->external)
			esg_check_external(&r, &d);
	}
	esg_diag_strict(&d);
	esg_diag_sort_by_kind(&d);
	if (opt->json) {
		report_json(&r, &d, stdout);
	} else {
		summary_text(&r, stdout);
		size_t ext = esg_external_count(&r);
		if (ext && !opt->external)
			printf("links: %zu external link%s not fetched (--external "
			    "checks them)\n", ext, ext == 1 ? "" : "s");
		esg_diag_print(&d, stderr);
		printf("esgsite check: %d error%s, %d warning%s\n", d.errors,
		    d.errors == 1 ? "" : "s", d.warnings, d.warnings == 1 ? "" : "s");
	}
	int status = d.errors ? (d.status ? d.status : 1) : 0;
	esg_coverage_free(&r);
	esg_data_free(r.data);
	esg_report_free(&r);
	esg_diag_free(&d);
	return status;
}
