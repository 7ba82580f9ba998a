/* pdf.c — WeasyPrint, one process per language, in parallel. */
#include "buf.h"
#include "fsutil.h"
#include "pdf.h"

#include <errno.h>
#include <fcntl.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static double
now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The executable NAME in one of $PATH's directories, or NULL. */
static const char *
find_in_path(esg_arena *a, const char *name)
{
	const char *path = getenv("PATH");
	if (path == NULL || *path == '\0')
		path = "/usr/local/bin:/usr/bin:/bin";
	for (const char *p = path; ; ) {
		size_t n = strcspn(p, ":");
		const char *dir = n ? esg_arena_strndup(a, p, n) : ".";
		const char *full = esg_arena_printf(a, "%s/%s", dir, name);
		struct stat st;
		if (stat(full, &st) == 0 && S_ISREG(st.st_mode) &&
		    access(full, X_OK) == 0)
			return full;
		if (p[n] == '\0')
			return NULL;
		p += n + 1;
	}
}

int
esg_make_pdfs(esg_report *r, const esg_output *out, esg_diag *d)
{
	const char *dir = out->tmp;
	esg_arena a = ESG_ARENA_INIT;
	pid_t pids[ESG_MAX_LANGS] = { 0 };
	char *logs[ESG_MAX_LANGS] = { 0 };
	char *pdfs[ESG_MAX_LANGS] = { 0 };
	double start = now();
	int rc = 0;
	for (int l = 0; l < r->nlangs; l++) {
		char *base = esg_path_join(&a, dir, r->langs[l].key);
		char *html = esg_path_join(&a, base, "print.html");
		pdfs[l] = esg_path_join(&a, base, "report.pdf");
		/* WeasyPrint's messages are kept aside and shown only when it
		 * fails: a clean run prints one line per language. */
		logs[l] = esg_path_join(&a, dir, esg_arena_printf(&a,
		    ".weasyprint-%s.log", r->langs[l].key));
		posix_spawn_file_actions_t fa;
		posix_spawn_file_actions_init(&fa);
		posix_spawn_file_actions_addopen(&fa, 2, logs[l],
		    O_WRONLY | O_CREAT | O_TRUNC, 0644);
		posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", O_WRONLY, 0);
		char *argv[] = { "weasyprint", "--quiet", html, pdfs[l], NULL };
		/* Looked up here rather than by posix_spawnp: how a spawn
		 * reports a missing program varies (valgrind, for one, turns it
		 * into exit status 127). */
		const char *prog = find_in_path(&a, "weasyprint");
		/* Without the signals the build keeps for its watcher. */
		posix_spawnattr_t attr;
		posix_spawnattr_init(&attr);
		esg_output_spawn_attr(out, &attr);
		int err = prog ? posix_spawn(&pids[l], prog, &fa, &attr, argv,
		    environ) : ENOENT;
		posix_spawnattr_destroy(&attr);
		posix_spawn_file_actions_destroy(&fa);
		if (err != 0) {
			pids[l] = 0;
			if (err == ENOENT)
				esg_diag_add(d, ESG_ERROR, ESG_K_SYNTAX, 2,
				    (esg_pos){ NULL, 0, 0 }, NULL, "WeasyPrint is not "
				    "installed: install the Debian package weasyprint "
				    "(and fonts-noto-cjk for Chinese), or run make pdf, "
				    "which does");
			else
				esg_diag_add(d, ESG_ERROR, ESG_K_SYNTAX, 2,
				    (esg_pos){ NULL, 0, 0 }, NULL, "cannot run "
				    "weasyprint: %s", strerror(err));
			rc = -1;
			break;
		}
		printf("esgsite: %s: making report.pdf with WeasyPrint…\n",
		    r->langs[l].key);
		fflush(stdout);
	}
	for (int l = 0; l < r->nlangs; l++) {
		if (pids[l] == 0)
			continue;
		int status;
		while (waitpid(pids[l], &status, 0) < 0 && errno == EINTR)
			;
		struct stat st;
		bool ok = WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
		    stat(pdfs[l], &st) == 0 && st.st_size > 0;
		if (ok) {
			printf("esgsite: %s: report.pdf, %.1f MB (%.0f s)\n",
			    r->langs[l].key, (double)st.st_size / 1e6, now() - start);
		} else {
			char *log = NULL;
			size_t len = 0;
			esg_read_file(logs[l], 1 << 20, &log, &len);
			esg_diag_add(d, ESG_ERROR, ESG_K_SYNTAX, 1,
			    (esg_pos){ NULL, 0, 0 }, r->langs[l].key, "WeasyPrint "
			    "failed on the %s print.html%s%s", r->langs[l].key,
			    log && len ? ":\n" : "", log ? log : "");
			free(log);
			rc = -1;
		}
		unlink(logs[l]);
	}
	esg_arena_free(&a);
	return rc;
}
