/* cmd_build.c — `esgsite build`: load → resolve → render → write. */
#include "commands.h"
#include "coverage.h"
#include "data.h"
#include "diag.h"
#include "load.h"
#include "model.h"
#include "pdf.h"
#include "render.h"
#include "resolve.h"
#include "review.h"
#include "write.h"

#include <stdio.h>
#include <sys/resource.h>
#include <time.h>

/* --timings: how long each phase took, for finding what to make faster
 * (benchmarks measure; tests never time anything). */
typedef struct phase_clock {
	bool on;
	struct timespec last;
} phase_clock;

static void
phase(phase_clock *c, const char *name)
{
	if (!c->on)
		return;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	struct rusage use;
	getrusage(RUSAGE_SELF, &use);
	if (name)
		fprintf(stderr, "esgsite: %-18s %8.1f ms %6ld MB peak\n", name,
		    (double)(now.tv_sec - c->last.tv_sec) * 1e3 +
		    (double)(now.tv_nsec - c->last.tv_nsec) / 1e6,
		    use.ru_maxrss / 1024);
	c->last = now;
}

int
esg_cmd_build(const esg_build_options *opt)
{
	phase_clock clock = { opt->timings, { 0, 0 } };
	phase(&clock, NULL);
	esg_diag d = ESG_DIAG_INIT;
	esg_report r;
	esg_report_init(&r, opt->source);
	r.pdf = opt->pdf;
	if (esg_load_report(&r, &d) == 0) {
		phase(&clock, "load report");
		esg_review_load(&r, &d);
		phase(&clock, "load chapters and data");
		esg_resolve(&r, &d);
		phase(&clock, "resolve");
		esg_resolve_data(&r, &d);
		phase(&clock, "resolve data");
		esg_resolve_coverage(&r, &d);
		esg_resolve_generated_ids(&r, &d);
		phase(&clock, "resolve coverage");
	}
	/* Unparsable input leaves holes in the model; report errors can
	 * still be rendered, which finds broken links in the same run. */
	bool committed = false;
	esg_diag review = ESG_DIAG_INIT;
	if (d.status < 2 && r.nlangs > 0) {
		/* The reviewers' findings go to the dashboard, not to the
		 * terminal: `check` is the command that reports them. */
		esg_review(&r, &review);
		phase(&clock, "review");
		esg_output out;
		if (esg_output_begin(&out, opt->out, opt->source, &d) == 0) {
			int rc = esg_render_site(&r, &out, &d, &review);
			phase(&clock, "render and write");
			/* The PDFs are made inside the temporary directory too: the
			 * site and its PDFs are swapped in together or not at all. */
			if (rc == 0 && d.errors == 0 && opt->pdf)
				rc = esg_make_pdfs(&r, &out, &d);
			if (rc == 0 && d.errors == 0) {
				committed = esg_output_commit(&out) == 0;
			} else {
				esg_output_abort(&out);
			}
		}
	}
	esg_diag_print(&d, stderr);
	if (committed && !opt->quiet)
		printf("esgsite: wrote %s (%d language%s, %zu chapter%s)%s\n",
		    opt->out, r.nlangs, r.nlangs == 1 ? "" : "s", r.nchapters,
		    r.nchapters == 1 ? "" : "s",
		    d.warnings ? "; see the warnings above" : "");
	else if (!committed && d.errors)
		fprintf(stderr, "esgsite: %d error%s; %s was not changed\n",
		    d.errors, d.errors == 1 ? "" : "s", opt->out);
	phase(&clock, "commit");
	int status = d.errors ? (d.status ? d.status : 1) : 0;
	esg_coverage_free(&r);
	esg_data_free(r.data);
	esg_report_free(&r);
	esg_diag_free(&review);
	esg_diag_free(&d);
	phase(&clock, "free");
	return status;
}
