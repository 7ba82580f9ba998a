/* YAML loading: positions, duplicate keys, shapes. */
#include "harness.h"
#include "yamldoc.h"

static int
parse(esg_yaml *y, const char *text, int offset, esg_diag *d)
{
	return esg_yaml_parse(y, "f.yaml", text, strlen(text), offset, d);
}

void
test_yaml(void)
{
	esg_diag d = ESG_DIAG_INIT;
	esg_yaml y;

	CHECK_INT(parse(&y, "a: 1\nb:\n  c: [x, 中文]\n", 0, &d), 0);
	yaml_node_t *root = esg_yaml_root(&y);
	CHECK(esg_yaml_is_map(root));
	yaml_node_t *b = esg_yaml_get(&y, root, "b");
	yaml_node_t *c = esg_yaml_get(&y, b, "c");
	CHECK_INT(esg_yaml_seq_size(c), 2);
	CHECK_STR(esg_yaml_str(esg_yaml_seq_item(&y, c, 1)), "中文");
	esg_pos p = esg_yaml_pos(&y, esg_yaml_seq_item(&y, c, 1));
	CHECK_INT(p.line, 3);
	CHECK_INT(p.col, 10);
	CHECK(esg_yaml_get(&y, root, "missing") == NULL);
	esg_yaml_free(&y);

	/* Line offsets (front matter starts on line 2 of a chapter). */
	CHECK_INT(parse(&y, "title: x\n", 1, &d), 0);
	p = esg_yaml_pos(&y, esg_yaml_get(&y, esg_yaml_root(&y), "title"));
	CHECK_INT(p.line, 2);
	esg_yaml_free(&y);

	/* Syntax errors carry libyaml's position and exit status 2. */
	CHECK_INT(parse(&y, "a: b: c\n", 0, &d), -1);
	esg_yaml_free(&y);
	CHECK_INT(d.count, 1);
	CHECK_INT(d.items[0].line, 1);
	CHECK_INT(d.items[0].col, 5);
	CHECK_INT(d.status, 2);

	/* Invalid UTF-8 is a reader error: positioned from the byte offset. */
	CHECK_INT(parse(&y, "a: ok\nb: \xff\n", 0, &d), -1);
	esg_yaml_free(&y);
	CHECK_INT(d.items[1].line, 2);

	/* Duplicate keys: libyaml accepts them, esgsite does not. */
	CHECK_INT(parse(&y, "a: 1\nb: 2\na: 3\n", 0, &d), -1);
	esg_yaml_free(&y);
	CHECK_INT(d.items[2].line, 3);
	CHECK(strstr(d.items[2].message, "first given at line 1") != NULL);

	/* Non-scalar keys. */
	CHECK_INT(parse(&y, "? [a, b]\n: 1\n", 0, &d), -1);
	esg_yaml_free(&y);

	/* Aliases are shared, not copied: a "billion laughs" document loads
	 * in linear time and memory. */
	CHECK_INT(parse(&y, "a: &a [x, x, x, x, x, x, x, x, x]\n"
	    "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
	    "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
	    "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n", 0, &d), 0);
	esg_yaml_free(&y);

	/* Empty documents have no root. */
	CHECK_INT(parse(&y, "", 0, &d), 0);
	CHECK(esg_yaml_root(&y) == NULL);
	esg_yaml_free(&y);

	/* One document per file: a second one, even after an empty one, is
	 * an error, not left unread; "---" with nothing after it is not. */
	size_t seen = d.count;
	CHECK_INT(parse(&y, "---\na: 1\n---\n", 0, &d), 0);
	esg_yaml_free(&y);
	CHECK_INT(parse(&y, "a: 1\n...\n", 0, &d), 0);
	esg_yaml_free(&y);
	CHECK_INT(d.count, seen);
	CHECK_INT(parse(&y, "a: 1\n---\n---\nb: 2\n", 0, &d), -1);
	esg_yaml_free(&y);
	CHECK_INT(d.count, seen + 1);
	CHECK_INT(d.items[seen].line, 4);
	CHECK(strstr(d.items[seen].message, "second YAML document") != NULL);
	CHECK_INT(parse(&y, "a: 1\n---\n[x\n", 0, &d), -1);   /* unread before */
	esg_yaml_free(&y);
	CHECK_INT(d.count, seen + 2);

	/* Nesting: 64 levels load; the 65th is refused before libyaml, whose
	 * scanner is quadratic in flow nesting, loads the text. */
	char deep[256];
	memset(deep, '[', 63);
	memset(deep + 63, ']', 63);
	strcpy(deep + 126, "\n");
	CHECK_INT(parse(&y, deep, 0, &d), 0);   /* 63 and the top: 64 */
	esg_yaml_free(&y);
	CHECK_INT(d.count, seen + 2);
	char deeper[300] = "a: ";
	memset(deeper + 3, '[', 64);
	memset(deeper + 67, ']', 64);
	strcpy(deeper + 131, "\n");
	CHECK_INT(parse(&y, deeper, 0, &d), -1);
	esg_yaml_free(&y);
	CHECK_INT(d.count, seen + 3);
	CHECK_INT(d.items[seen + 2].col, 67);
	CHECK(strstr(d.items[seen + 2].message, "more than 64 levels") != NULL);

	/* Values: the top sequence and 249,999 in it load; one more is
	 * refused, at the value that passes the limit, before libyaml loads
	 * the document (about 200 bytes a value). */
	size_t many_len = 2 * (ESG_YAML_MAX_VALUES - 1) + 3;
	char *many = malloc(many_len + 8);
	many[0] = '[';
	for (size_t i = 0; i < ESG_YAML_MAX_VALUES - 1; i++)
		memcpy(many + 1 + 2 * i, "1,", 2);
	strcpy(many + many_len - 2, "]\n");
	CHECK_INT(parse(&y, many, 0, &d), 0);
	esg_yaml_free(&y);
	CHECK_INT(d.count, seen + 3);
	strcpy(many + many_len - 2, "1]\n");
	CHECK_INT(parse(&y, many, 0, &d), -1);
	esg_yaml_free(&y);
	CHECK_INT(d.count, seen + 4);
	CHECK_INT(d.items[seen + 3].line, 1);
	CHECK_INT(d.items[seen + 3].col, (int)many_len - 1);
	CHECK(strstr(d.items[seen + 3].message, "more than 250000 YAML values") !=
	    NULL);
	free(many);

	/* Checked accessors. */
	size_t before = d.count;
	CHECK_INT(parse(&y, "t: yes\nf: Off\nx: maybe\nl: [1]\n", 0, &d), 0);
	root = esg_yaml_root(&y);
	bool v = false;
	CHECK(esg_yaml_want_bool(&y, esg_yaml_get(&y, root, "t"), "t", &v, &d));
	CHECK(v);
	CHECK(esg_yaml_want_bool(&y, esg_yaml_get(&y, root, "f"), "f", &v, &d));
	CHECK(!v);
	CHECK(!esg_yaml_want_bool(&y, esg_yaml_get(&y, root, "x"), "x", &v, &d));
	CHECK(esg_yaml_want_str(&y, esg_yaml_get(&y, root, "l"), "l", &d) == NULL);
	CHECK_INT(d.count, before + 2);
	static const char *const known[] = { "t", "f", NULL };
	esg_yaml_warn_unknown_keys(&y, root, known, "test", &d);
	CHECK_INT(d.warnings, 2);
	esg_yaml_free(&y);
	esg_diag_free(&d);
}
