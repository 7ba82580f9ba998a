/* KPI data: number formatting, units, derivations, cycles, breakdowns. */
#include "data.h"
#include "harness.h"
#include "load.h"
#include "number.h"
#include "resolve.h"

static char out[128];

/* A number as one of number.h's writers writes it, in out. */
static const char *
written(void (*write)(esg_buf *, double, int), double v, int decimals)
{
	esg_buf b = ESG_BUF_INIT;
	write(&b, v, decimals);
	snprintf(out, sizeof out, "%s", esg_buf_cstr(&b));
	esg_buf_free(&b);
	return out;
}

static const char *
num(double v, int decimals)
{
	return written(esg_number, v, decimals);
}

static const char *
plain(double v, int decimals)
{
	return written(esg_number_plain, v, decimals);
}

static const char *
qty(esg_report *r, double v, int decimals, const char *unit, const char *tag)
{
	esg_buf b = ESG_BUF_INIT;
	esg_quantity(&b, v, decimals, esg_unit_find(r, unit), tag);
	snprintf(out, sizeof out, "%s", esg_buf_cstr(&b));
	esg_buf_free(&b);
	return out;
}

static double
value(esg_report *r, const char *id, int year)
{
	double v = -999999;
	const esg_metric *m = esg_metric_find(r, id);
	if (m == NULL || !esg_metric_value(m, year, &v))
		return -999999;
	return v;
}

static size_t
count_messages(const esg_diag *d, const char *needle)
{
	size_t n = 0;
	for (size_t i = 0; i < d->count; i++)
		n += strstr(d->items[i].message, needle) != NULL;
	return n;
}

void
test_data(void)
{
	CHECK_STR(num(1234567.891, 2), "1,234,567.89");
	CHECK_STR(num(1234.5, 0), "1,235");         /* half away from zero */
	CHECK_STR(num(-1234.5, 0), "\u22121,235");  /* a real minus sign */
	CHECK_STR(num(2.675, 2), "2.68");
	CHECK_STR(num(0.05, 1), "0.1");
	CHECK_STR(num(0.004, 2), "0.00");
	CHECK_STR(num(-0.004, 2), "0.00");          /* no "−0.00" */
	CHECK_STR(num(0, 0), "0");
	CHECK_STR(num(999, 0), "999");
	CHECK_STR(num(1000, 0), "1,000");
	CHECK_STR(num(0.5, 3), "0.500");
	CHECK_STR(num(100000, 1), "100,000.0");
	CHECK_STR(num(1e15, 0), "1,000,000,000,000,000");
	/* Past the 15 digits a double keeps, zeros, not its binary noise
	 * (%.6f gives 123456789012.345001). */
	CHECK_STR(num(123456789012.345, 6), "123,456,789,012.345000");
	CHECK_STR(num(0.1 + 0.2, 6), "0.300000");
	CHECK_STR(plain(123456789012.345, 6), "123456789012.345000");
	CHECK_STR(plain(-2.5, 3), "-2.500");
	CHECK_STR(plain(-0.0004, 3), "0.000");
	CHECK_STR(plain(2.675, 2), "2.68");          /* as the pages round */
	CHECK_STR(plain(0.000000000000001, 15), "0.000000000000001");
	CHECK_STR(plain(1.5, 40), "1.500000000000000");  /* at most 15 */

	esg_diag d = ESG_DIAG_INIT;
	esg_report r;
	esg_report_init(&r, "tests/unit/fixtures/data");
	CHECK_INT(esg_load_report(&r, &d), 0);
	esg_load_chapters(&r, &d, NULL, NULL);
	esg_load_data(&r, &d);
	esg_resolve(&r, &d);
	esg_resolve_data(&r, &d);

	/* Units: symbols per script, spacing per language, compounds. */
	CHECK_STR(qty(&r, 2263100, 0, "tCO2e", "en"), "2,263,100 tCO₂e");
	CHECK_STR(qty(&r, 2263100, 0, "tCO2e", "zh-Hans"), "2,263,100吨二氧化碳当量");
	CHECK_STR(qty(&r, 2263100, 0, "tCO2e", "zh-Hant-HK"),
	    "2,263,100噸二氧化碳當量");
	CHECK_STR(qty(&r, 45.25, 1, "%", "en"), "45.3%");
	CHECK_STR(qty(&r, 125, 0, "count", "en"), "125");
	CHECK_STR(qty(&r, 91.2, 1, "kgCO2e/GJ", "zh-Hans"), "91.2千克二氧化碳当量/吉焦");
	CHECK_STR(qty(&r, 6012, 0, "person", "en"), "6,012 people");
	CHECK_STR(qty(&r, 1, 0, "person", "en"), "1 person");
	CHECK_STR(qty(&r, 1, 1, "case", "en"), "1.0 cases");
	CHECK_STR(qty(&r, 1, 0, "case", "zh-Hans"), "1宗");
	/* Per one of the second unit; the first agrees with the number. */
	CHECK_STR(qty(&r, 12.5, 1, "hour/person", "en"), "12.5 hours/person");
	CHECK_STR(qty(&r, 1, 0, "hour/person", "en"), "1 hour/person");
	CHECK_STR(qty(&r, 3, 0, "hour/person", "zh-Hant-HK"), "3小時/人");
	/* HK$ goes first in English, 港元 after the number in Chinese. */
	CHECK_STR(qty(&r, 10350000, 0, "HKD", "en"), "HK$10,350,000");
	CHECK_STR(qty(&r, 10350000, 0, "HKD", "zh-Hant-HK"), "10,350,000港元");
	CHECK_STR(qty(&r, 12.5, 1, "HKD/person", "en"), "12.5 HK$/person");
	CHECK(esg_unit_find(&r, "furlong") == NULL);
	CHECK(esg_unit_find(&r, "t/furlong") == NULL);
	CHECK(esg_unit_find(&r, "t/t/t") == NULL);

	/* Derivations. */
	CHECK(value(&r, "total", 2022) == 15);
	CHECK(value(&r, "total", 2023) == 19.75);
	CHECK(value(&r, "total", 2024) == -999999);   /* b has no 2024 value */
	CHECK(value(&r, "ratio", 2022) == 500);
	CHECK(value(&r, "share", 2022) == 5.0 / 15.0 * 100);
	CHECK(value(&r, "change", 2023) == 25);
	CHECK(value(&r, "change", 2022) == -999999);  /* no 2021 */
	CHECK_INT(esg_metric_find(&r, "total")->decimals, 2);
	CHECK_INT(esg_metric_find(&r, "ratio")->decimals, 2);
	CHECK_INT(esg_metric_find(&r, "share")->decimals, 1);
	CHECK_STR(esg_metric_find(&r, "share")->unit->key, "%");
	/* A chain defined in reverse order is derived in dependency order. */
	CHECK(value(&r, "chain3", 2024) == 15);
	/* Given values win and are checked against the computation, to the
	 * decimals they are written with (none here, though a part has 2). */
	CHECK(value(&r, "given", 2023) == 99);
	CHECK_INT(count_messages(&d, "given 2023 is 99, but its sum gives "
	    "20"), 1);
	/* Cycles are errors, reported once, and do not hang. */
	CHECK_INT(count_messages(&d, "form a cycle"), 1);
	/* Breakdowns must add up. */
	CHECK_INT(count_messages(&d, "parts by gender does not add up in 2024"), 1);
	CHECK_INT(d.errors, 1);

	esg_data_free(r.data);
	esg_report_free(&r);
	esg_diag_free(&d);
}
