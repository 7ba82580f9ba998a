/* Shortcode scanning. */
#include "harness.h"
#include "shortcode.h"

void
test_shortcode(void)
{
	esg_shortcode sc;
	size_t off;
	const char *msg;
	/* {{lang}}: the words after the tag are one argument. */
	const char *l = "{{lang en  Beichuan Energy Services Co., Ltd.  }}";
	CHECK_INT(esg_shortcode_next(l, strlen(l), 0, &sc, &off, &msg), 1);
	CHECK_INT(sc.nargs, 2);
	CHECK(esg_slice_is(sc.args[0], "en"));
	CHECK(esg_slice_is(sc.args[1], "Beichuan Energy Services Co., Ltd."));
	l = "{{lang en}}";
	CHECK_INT(esg_shortcode_next(l, strlen(l), 0, &sc, &off, &msg), 1);
	CHECK_INT(sc.nargs, 1);
	const char *s = "见{{ref emissions}}。";
	CHECK_INT(esg_shortcode_next(s, strlen(s), 0, &sc, &off, &msg), 1);
	CHECK(esg_slice_is(sc.name, "ref"));
	CHECK_INT(sc.nargs, 1);
	CHECK(esg_slice_is(sc.args[0], "emissions"));
	CHECK_INT(sc.start, strlen("见"));
	CHECK_INT(sc.end, strlen("见{{ref emissions}}"));
	CHECK_INT(esg_shortcode_next(s, strlen(s), sc.end, &sc, &off, &msg), 0);

	s = "{{  kpi   ghg.total   2023 }}";
	CHECK_INT(esg_shortcode_next(s, strlen(s), 0, &sc, &off, &msg), 1);
	CHECK(esg_slice_is(sc.name, "kpi"));
	CHECK_INT(sc.nargs, 2);
	CHECK(esg_slice_is(sc.args[1], "2023"));

	s = "no shortcode { here } or {single}";
	CHECK_INT(esg_shortcode_next(s, strlen(s), 0, &sc, &off, &msg), 0);

	s = "broken {{ref x";
	CHECK_INT(esg_shortcode_next(s, strlen(s), 0, &sc, &off, &msg), -1);
	CHECK_INT(off, 7);
	s = "{{Ref x}}";
	CHECK_INT(esg_shortcode_next(s, strlen(s), 0, &sc, &off, &msg), -1);
	s = "{{}}";
	CHECK_INT(esg_shortcode_next(s, strlen(s), 0, &sc, &off, &msg), -1);
	s = "{{a 1 2 3 4 5}}";
	CHECK_INT(esg_shortcode_next(s, strlen(s), 0, &sc, &off, &msg), -1);
	s = "{{ref a {{ref b}}";
	CHECK_INT(esg_shortcode_next(s, strlen(s), 0, &sc, &off, &msg), -1);
	/* A stray "{{" followed by a novel is not read to its end. */
	char big[2000];
	memset(big, 'x', sizeof big);
	memcpy(big, "{{ref ", 6);
	memcpy(big + sizeof big - 2, "}}", 2);
	CHECK_INT(esg_shortcode_next(big, sizeof big, 0, &sc, &off, &msg), -1);
}
