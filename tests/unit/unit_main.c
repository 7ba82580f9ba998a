/* The unit-test runner: every module's tests, one process, one summary. */
#include "harness.h"

#include <cmark-gfm-core-extensions.h>
#include <libxml/parser.h>

int harness_failures;
int harness_checks;

int
main(void)
{
	xmlInitParser();
	cmark_gfm_core_extensions_ensure_registered();
	test_text();
	test_attrs();
	test_shortcode();
	test_frontmatter();
	test_yaml();
	test_template();
	test_model();
	test_coverage();
	test_misc();
	test_catalog();
	test_data();
	test_search();
	test_pool();
	test_write();
	xmlCleanupParser();
	printf("unit: %d checks, %d failed\n", harness_checks, harness_failures);
	return harness_failures ? 1 : 0;
}
