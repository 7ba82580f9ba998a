/* main.c — command-line parsing and dispatch; the work is in commands.h. */
#include "commands.h"

#include <cmark-gfm-core-extensions.h>
#include <libxml/parser.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* Read by jemalloc when the program is linked with it (see the Makefile);
 * the C library's malloc, used by the sanitizer builds, ignores it. A
 * build touches fresh memory at a high rate (every chapter is parsed into
 * a new tree), and on virtual machines each 4 KB page fault costs about
 * 10 µs: backing jemalloc's memory with transparent huge pages (where the
 * kernel allows them, "madvise" or "always") takes a tenth of the faults
 * and a fifth of the time of a large build. MALLOC_CONF still adds to
 * or overrides this. */
extern const char *malloc_conf;
const char *malloc_conf = "thp:always,metadata_thp:always";

#ifndef ESG_VERSION
#define ESG_VERSION "0.1.0"
#endif

static const char usage[] =
    "usage: esgsite build [SOURCE] [-o OUT]   render SOURCE (default ./content)\n"
    "                                          into OUT (default ./out); -q quiet,\n"
    "                                          --timings: time and memory per phase\n"
    "       esgsite check [SOURCE] [--format text|json] [--external]\n"
    "                                          report every problem, write nothing\n"
    "       esgsite pdf [SOURCE] [-o OUT]      build, plus OUT/<lang>/report.pdf\n"
    "                                          made by WeasyPrint\n"
    "       esgsite new DIR                    write a minimal bilingual report\n"
    "       esgsite --help | --version\n"
    "\n"
    "Exit status: 0 success, 1 the report has errors, 2 usage error or\n"
    "input that cannot be read or parsed. Problems are printed as\n"
    "FILE:LINE:COL: error|warning: MESSAGE. A failed build leaves OUT as\n"
    "it was. Documentation: docs/ in the esgsite source.\n";

static int
usage_error(const char *fmt, const char *arg)
{
	fputs("esgsite: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\n", stderr);
	fputs(usage, stderr);
	return 2;
}

static int
build(int argc, char **argv, bool pdf)
{
	esg_build_options opt = { "content", "out", false, pdf, false };
	bool have_source = false;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		if (strcmp(a, "-o") == 0 || strcmp(a, "--out") == 0) {
			if (i + 1 >= argc)
				return usage_error("%s needs a directory", a);
			opt.out = argv[++i];
		} else if (strncmp(a, "--out=", 6) == 0) {
			opt.out = a + 6;
		} else if (strcmp(a, "-q") == 0 || strcmp(a, "--quiet") == 0) {
			opt.quiet = true;
		} else if (strcmp(a, "--timings") == 0) {
			opt.timings = true;
		} else if (a[0] == '-' && a[1] != '\0') {
			return usage_error("unknown option %s", a);
		} else if (have_source) {
			return usage_error("unexpected argument %s", a);
		} else {
			opt.source = a;
			have_source = true;
		}
	}
	if (*opt.out == '\0' || *opt.source == '\0')
		return usage_error("%s", "empty directory name");
	return esg_cmd_build(&opt);
}

static int
check(int argc, char **argv)
{
	esg_check_options opt = { "content", false, false };
	bool have_source = false;
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		const char *format = NULL;
		if (strcmp(a, "--format") == 0) {
			if (i + 1 >= argc)
				return usage_error("%s needs text or json", a);
			format = argv[++i];
		} else if (strncmp(a, "--format=", 9) == 0) {
			format = a + 9;
		} else if (strcmp(a, "--external") == 0) {
			opt.external = true;
			continue;
		} else if (a[0] == '-' && a[1] != '\0') {
			return usage_error("unknown option %s", a);
		} else if (have_source) {
			return usage_error("unexpected argument %s", a);
		} else {
			opt.source = a;
			have_source = true;
			continue;
		}
		if (strcmp(format, "json") == 0)
			opt.json = true;
		else if (strcmp(format, "text") != 0)
			return usage_error("--format is text or json, not %s", format);
	}
	if (*opt.source == '\0')
		return usage_error("%s", "empty directory name");
	return esg_cmd_check(&opt);
}

int
main(int argc, char **argv)
{
	if (argc < 2)
		return usage_error("%s", "missing command");
	const char *cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 ||
	    strcmp(cmd, "help") == 0) {
		fputs(usage, stdout);
		return 0;
	}
	if (strcmp(cmd, "--version") == 0) {
		if (argc > 2)
			return usage_error("--version takes no argument (%s)",
			    argv[2]);
		printf("esgsite %s\n", ESG_VERSION);
		return 0;
	}
	xmlInitParser();
	cmark_gfm_core_extensions_ensure_registered();
	int status;
	if (strcmp(cmd, "build") == 0)
		status = build(argc - 2, argv + 2, false);
	else if (strcmp(cmd, "pdf") == 0)
		status = build(argc - 2, argv + 2, true);
	else if (strcmp(cmd, "check") == 0)
		status = check(argc - 2, argv + 2);
	else if (strcmp(cmd, "new") == 0)
		/* "" would be the current directory, and what is in it. */
		status = argc != 3 ? usage_error("%s", "new takes one directory") :
		    argv[2][0] == '\0' ? usage_error("%s", "empty directory name") :
		    argv[2][0] == '-' ? usage_error("new takes a directory, not "
		    "the option %s (write ./ before a name that starts with '-')",
		    argv[2]) : esg_cmd_new(argv[2]);
	else
		status = usage_error("unknown command %s", cmd);
	xmlCleanupParser();
	return status;
}
