/* Front matter splitting. */
#include "frontmatter.h"
#include "harness.h"

void
test_frontmatter(void)
{
	esg_split sp;
	const char *s = "---\ntitle: x\nnumbered: false\n---\n# Heading\n";
	CHECK_INT(esg_split_front_matter(s, strlen(s), &sp), 0);
	CHECK(sp.has_front_matter);
	CHECK_INT(sp.yaml_line, 2);
	CHECK_INT(sp.yaml_len, strlen("title: x\nnumbered: false\n"));
	CHECK_INT(sp.body_line, 5);
	CHECK(strncmp(sp.body, "# Heading", 9) == 0);

	/* No front matter; a byte order mark is skipped. */
	s = "\xEF\xBB\xBF# Title\n";
	CHECK_INT(esg_split_front_matter(s, strlen(s), &sp), 0);
	CHECK(!sp.has_front_matter);
	CHECK_INT(sp.body_line, 1);
	CHECK(sp.body[0] == '#');

	/* CRLF line ends and "..." as the closing line. */
	s = "---\r\ntitle: x\r\n...\r\nbody";
	CHECK_INT(esg_split_front_matter(s, strlen(s), &sp), 0);
	CHECK_INT(sp.body_line, 4);
	CHECK(strcmp(sp.body, "body") == 0);

	/* A thematic break later in the text is not front matter. */
	s = "text\n---\nmore";
	CHECK_INT(esg_split_front_matter(s, strlen(s), &sp), 0);
	CHECK(!sp.has_front_matter);

	/* Never closed. */
	s = "---\ntitle: x\n";
	CHECK_INT(esg_split_front_matter(s, strlen(s), &sp), -1);
	/* "----" is not a fence. */
	s = "----\ntitle: x\n----\n";
	CHECK_INT(esg_split_front_matter(s, strlen(s), &sp), 0);
	CHECK(!sp.has_front_matter);
	/* Empty front matter at end of file. */
	s = "---\n---";
	CHECK_INT(esg_split_front_matter(s, strlen(s), &sp), 0);
	CHECK_INT(sp.body_len, 0);
}
