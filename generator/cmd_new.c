/* cmd_new.c — `esgsite new DIR`: a minimal bilingual report to start from. */
#include "buf.h"
#include "commands.h"
#include "fsutil.h"
#include "resources.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* s (len bytes) as one shell word: as it is when nothing in it is special
 * to a shell, else in single quotes (a quote in it as '\''). */
static void
shell_word(esg_buf *b, const char *s, size_t len)
{
	bool plain = len > 0;
	for (size_t i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x80 && !((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') ||
		    strchr("._/-+,:@%", s[i])))
			plain = false;
	if (plain) {
		esg_buf_put(b, s, len);
		return;
	}
	esg_buf_putc(b, '\'');
	for (size_t i = 0; i < len; i++)
		if (s[i] == '\'')
			esg_buf_puts(b, "'\\''");
		else
			esg_buf_putc(b, s[i]);
	esg_buf_putc(b, '\'');
}

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
	if (status == 0) {
		/* The command to copy: DIR without its trailing '/' (or
		 * rep/-site would be inside it), quoted for the shell when it
		 * needs to be. */
		esg_buf name = ESG_BUF_INIT, site = ESG_BUF_INIT;
		size_t len = strlen(dir);
		while (len > 1 && dir[len - 1] == '/')
			len--;
		shell_word(&name, dir, len);
		esg_buf_put(&site, dir, len);
		esg_buf_puts(&site, "-site");
		esg_buf target = ESG_BUF_INIT;
		shell_word(&target, esg_buf_cstr(&site), site.len);
		printf("esgsite: wrote a new report in %s\n"
		    "  build it:  esgsite build %s -o %s\n", dir,
		    esg_buf_cstr(&name), esg_buf_cstr(&target));
		esg_buf_free(&name);
		esg_buf_free(&site);
		esg_buf_free(&target);
	}
	esg_arena_free(&a);
	return status;
}
