/* cmd_new.c — `esgsite new DIR`: a minimal bilingual report to start from. */
#include "commands.h"
#include "fsutil.h"
#include "resources.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

int
esg_cmd_new(const char *dir)
{
	if (esg_exists(dir)) {
		char **names;
		size_t n;
		if (!esg_is_dir(dir) || esg_list_dir(dir, &names, &n) != 0) {
			fprintf(stderr, "%s: error: exists and is not a directory\n",
			    dir);
			return 2;
		}
		esg_free_names(names, n);
		if (n > 0) {
			fprintf(stderr, "%s: error: directory is not empty; "
			    "esgsite new writes into a new or empty directory\n", dir);
			return 2;
		}
	}
	esg_arena a = ESG_ARENA_INIT;
	int status = 0;
	for (size_t i = 0; i < esg_resource_count && status == 0; i++) {
		const esg_resource *res = &esg_resources[i];
		if (strncmp(res->name, "scaffold/", 9) != 0)
			continue;
		char *path = esg_path_join(&a, dir, res->name + 9);
		if (esg_mkdirs(esg_path_dir(&a, path)) != 0 ||
		    esg_write_file(path, res->data, res->len) != 0) {
			fprintf(stderr, "%s: error: cannot write: %s\n", path,
			    strerror(errno));
			status = 2;
		}
	}
	if (status == 0)
		printf("esgsite: wrote a new report in %s\n"
		    "  build it:  esgsite build %s -o %s-site\n", dir, dir, dir);
	esg_arena_free(&a);
	return status;
}
