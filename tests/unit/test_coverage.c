/* Coverage: the locations of an index row, from the sections' claims. */
#include "harness.h"
#include "coverage.h"
#include "data.h"
#include "load.h"
#include "resolve.h"

void
test_coverage(void)
{
	esg_diag d = ESG_DIAG_INIT;
	esg_report r;
	esg_report_init(&r, "tests/unit/fixtures/coverage");
	CHECK_INT(esg_load_report(&r, &d), 0);
	CHECK_INT(esg_load_chapters(&r, &d, NULL, NULL), 0);
	esg_load_data(&r, &d);
	esg_resolve(&r, &d);
	esg_resolve_data(&r, &d);
	esg_resolve_coverage(&r, &d);
	CHECK_NO_ERRORS(d);

	/* Twelve sections cite A1.1, more than are compared one by one
	 * before a set is kept: each is a location once, in reading order,
	 * whether both languages cite it, one does (the other inherits), or
	 * a section cites it twice. */
	const esg_framework *fw = esg_report_framework(&r, "hkex");
	CHECK(fw != NULL && fw->cov != NULL);
	const esg_entry *e = fw && fw->cov ?
	    esg_strmap_get(&fw->cov->by_key, "A1.1") : NULL;
	CHECK(e != NULL);
	if (e) {
		CHECK_INT(e->nlocs, 12);
		for (size_t i = 0; i < e->nlocs && i < 12; i++) {
			char want[8];
			snprintf(want, sizeof want, "s%zu", i + 1);
			CHECK_STR(e->locs[i], want);
		}
	}
	/* Each section links back to the row, in every language. */
	for (int l = 0; l < r.nlangs; l++) {
		const esg_section *s = esg_find_section(&r, l, "s9");
		CHECK(s != NULL && s->nlinks == 1 && s->links[0] == e);
	}

	/* A metric's home is the first table showing it in reading order;
	 * of two in one section, the first in the data files. Its row is a
	 * location of the codes it covers, in the same order. */
	CHECK_STR(esg_metric_find(&r, "m1")->home->id, "a");
	CHECK_STR(esg_metric_find(&r, "m2")->home->id, "b");
	/* The shortcodes that place them, each in its section (s1 is
	 * section 1, after the chapter's own). */
	const esg_text *en = &r.chapters[0].text[1];
	CHECK_INT(en->nblocks, 3);
	if (en->nblocks == 3) {
		CHECK_INT(en->blocks[0].section, 1);
		CHECK_INT(en->blocks[1].section, 1);
		CHECK_INT(en->blocks[2].section, 2);
	}
	const esg_table *here = esg_tables_placed(&r, 0, "s1");
	CHECK(here && strcmp(here->id, "b") == 0 && here->next_here &&
	    strcmp(here->next_here->id, "a") == 0 && !here->next_here->next_here);
	CHECK(esg_tables_placed(&r, 0, "s3") == NULL);
	CHECK(esg_tables_placed(&r, 7, "s1") == NULL);
	const esg_entry *kpi = fw && fw->cov ?
	    esg_strmap_get(&fw->cov->by_key, "A1.2") : NULL;
	CHECK(kpi != NULL && kpi->nlocs == 2);
	if (kpi && kpi->nlocs == 2) {
		CHECK_STR(kpi->locs[0], "kpi-m2");
		CHECK_STR(kpi->locs[1], "kpi-m1");
	}
	esg_coverage_free(&r);
	esg_data_free(r.data);
	esg_report_free(&r);
	esg_diag_free(&d);
}
