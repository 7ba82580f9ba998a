/*
 * harness.h — a minimal unit-test harness: CHECK macros that record
 * failures with file:line, and a registry filled by each test file.
 */
#ifndef ESG_HARNESS_H
#define ESG_HARNESS_H

#include <stdio.h>
#include <string.h>

extern int harness_failures;
extern int harness_checks;

#define CHECK(cond) \
	do { \
		harness_checks++; \
		if (!(cond)) { \
			harness_failures++; \
			fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, \
			    __LINE__, #cond); \
		} \
	} while (0)

#define CHECK_STR(got, want) \
	do { \
		const char *g_ = (got), *w_ = (want); \
		harness_checks++; \
		if ((g_ == NULL) != (w_ == NULL) || \
		    (g_ && strcmp(g_, w_) != 0)) { \
			harness_failures++; \
			fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", \
			    __FILE__, __LINE__, g_ ? g_ : "(null)", \
			    w_ ? w_ : "(null)"); \
		} \
	} while (0)

#define CHECK_INT(got, want) \
	do { \
		long long g_ = (long long)(got), w_ = (long long)(want); \
		harness_checks++; \
		if (g_ != w_) { \
			harness_failures++; \
			fprintf(stderr, "%s:%d: %s is %lld, want %lld\n", \
			    __FILE__, __LINE__, #got, g_, w_); \
		} \
	} while (0)

/* No error among the problems in the esg_diag d; any there are printed,
 * so a failure says what went wrong. */
#define CHECK_NO_ERRORS(d) \
	do { \
		for (size_t i_ = 0; i_ < (d).count; i_++) \
			if ((d).items[i_].severity == ESG_ERROR) \
				fprintf(stderr, "%s:%d: unexpected: %s\n", \
				    __FILE__, __LINE__, (d).items[i_].message); \
		CHECK_INT((d).errors, 0); \
	} while (0)

/* Each test file defines one of these and lists it in unit_main.c. */
void test_text(void);
void test_attrs(void);
void test_shortcode(void);
void test_frontmatter(void);
void test_yaml(void);
void test_template(void);
void test_model(void);
void test_coverage(void);
void test_misc(void);
void test_catalog(void);
void test_data(void);
void test_search(void);
void test_pool(void);
void test_write(void);

#endif
