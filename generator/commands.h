/*
 * commands.h — the subcommands of esgsite. Each returns the exit status:
 * 0 success, 1 the report has errors, 2 usage error or unreadable input.
 */
#ifndef ESG_COMMANDS_H
#define ESG_COMMANDS_H

#include <stdbool.h>

typedef struct esg_build_options {
	const char *source;   /* report source directory */
	const char *out;      /* output directory */
	bool quiet;           /* no summary line */
	bool pdf;             /* also report.pdf per language (`esgsite pdf`) */
	bool timings;         /* time of each phase on stderr */
} esg_build_options;

int esg_cmd_build(const esg_build_options *opt);

typedef struct esg_check_options {
	const char *source;
	bool json;            /* --format json */
	bool external;        /* --external: fetch external links */
} esg_check_options;

int esg_cmd_check(const esg_check_options *opt);
int esg_cmd_new(const char *dir);

#endif
