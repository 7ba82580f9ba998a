/* Heading attribute blocks. */
#include "attrs.h"
#include "harness.h"

static esg_attrs_result
parse(esg_arena *a, const char *s, esg_attrs *out, size_t *start,
    size_t *err_off, const char **msg)
{
	return esg_attrs_parse(s, strlen(s), a, out, start, err_off, msg);
}

void
test_attrs(void)
{
	esg_arena a = ESG_ARENA_INIT;
	esg_attrs at;
	size_t start = 0, off = 0;
	const char *msg = NULL;

	CHECK_INT(parse(&a, "排放物管理 {#emissions hkex=\"A1.3 A1.4\" gri=\"306-3\"}",
	    &at, &start, &off, &msg), ESG_ATTRS_OK);
	CHECK_STR(at.id, "emissions");
	CHECK_INT(at.npairs, 2);
	CHECK_STR(at.pairs[0].key, "hkex");
	CHECK_STR(at.pairs[0].value, "A1.3 A1.4");
	CHECK_STR(at.pairs[1].key, "gri");
	CHECK_STR(at.pairs[1].value, "306-3");
	CHECK_INT(start, strlen("排放物管理 "));

	/* Classes, single quotes, bare values, trailing spaces. */
	CHECK_INT(parse(&a, "Case {.case .note sdg='7 13' hkex=A4}  ", &at, &start,
	    &off, &msg), ESG_ATTRS_OK);
	CHECK(at.id == NULL);
	CHECK_INT(at.nclasses, 2);
	CHECK_STR(at.classes[0], "case");
	CHECK_STR(at.classes[1], "note");
	CHECK_STR(at.pairs[0].value, "7 13");
	CHECK_STR(at.pairs[1].value, "A4");

	/* Not attribute blocks: ordinary braces stay text. */
	CHECK_INT(parse(&a, "Prices {USD}", &at, &start, &off, &msg),
	    ESG_ATTRS_NONE);
	CHECK_INT(parse(&a, "No block", &at, &start, &off, &msg), ESG_ATTRS_NONE);
	CHECK_INT(parse(&a, "Empty {}", &at, &start, &off, &msg), ESG_ATTRS_NONE);
	CHECK_INT(parse(&a, "}", &at, &start, &off, &msg), ESG_ATTRS_NONE);

	/* Meant as a block but malformed: errors with a position. */
	CHECK_INT(parse(&a, "T {#}", &at, &start, &off, &msg), ESG_ATTRS_BAD);
	CHECK_INT(off, 3);
	CHECK_INT(parse(&a, "T {#a #b}", &at, &start, &off, &msg), ESG_ATTRS_BAD);
	CHECK_INT(off, 6);
	CHECK_INT(start, 2);    /* where the block is, bad or not */
	CHECK_INT(parse(&a, "T {#a hkex=\"A1}", &at, &start, &off, &msg),
	    ESG_ATTRS_BAD);
	CHECK_INT(parse(&a, "T {#a hkex=A1 hkex=A2}", &at, &start, &off, &msg),
	    ESG_ATTRS_BAD);
	CHECK_INT(parse(&a, "T {#a !x}", &at, &start, &off, &msg), ESG_ATTRS_BAD);
	CHECK_INT(parse(&a, "T {#a hkex=}", &at, &start, &off, &msg),
	    ESG_ATTRS_BAD);
	CHECK_INT(parse(&a, "T {#a/b}", &at, &start, &off, &msg), ESG_ATTRS_BAD);
	CHECK_INT(parse(&a, "T {#-a}", &at, &start, &off, &msg), ESG_ATTRS_BAD);
	CHECK_INT(parse(&a, "T {#a.b:c_d-e}", &at, &start, &off, &msg),
	    ESG_ATTRS_OK);
	CHECK_STR(at.id, "a.b:c_d-e");
	CHECK_INT(parse(&a, "T {.x.y}", &at, &start, &off, &msg), ESG_ATTRS_BAD);

	CHECK(esg_id_valid("emissions-2024"));
	CHECK(!esg_id_valid("-x"));
	CHECK(!esg_id_valid("a b"));
	CHECK(!esg_id_valid(""));
	esg_arena_free(&a);
}
