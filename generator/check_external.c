/* check_external.c — `check --external`: fetching external links with
 * libcurl (the standard HTTP client library; nothing else in esgsite
 * touches the network, and only this option does). */
#include "review.h"

#include <curl/curl.h>
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

/* libcurl is opened when --external asks for it, not linked: with its
 * TLS, compression and name-service libraries it would add about 8 ms to
 * the start of every esgsite run, most of which never fetch anything. */
static struct {
	CURLcode (*global_init)(long);
	void (*global_cleanup)(void);
	CURL *(*easy_init)(void);
	CURLcode (*easy_setopt)(CURL *, CURLoption, ...);
	CURLcode (*easy_getinfo)(CURL *, CURLINFO, ...);
	void (*easy_cleanup)(CURL *);
	const char *(*easy_strerror)(CURLcode);
	CURLM *(*multi_init)(void);
	CURLMcode (*multi_add_handle)(CURLM *, CURL *);
	CURLMcode (*multi_remove_handle)(CURLM *, CURL *);
	CURLMcode (*multi_perform)(CURLM *, int *);
	CURLMcode (*multi_poll)(CURLM *, struct curl_waitfd *, unsigned int,
	    int, int *);
	CURLMsg *(*multi_info_read)(CURLM *, int *);
	CURLMcode (*multi_cleanup)(CURLM *);
} cu;   /* filled once by open_curl(), before any use */

/* Debian's libcurl4 (or libcurl3-gnutls, the same API). Returns false
 * when none can be opened or a function is missing. */
static bool
open_curl(void)
{
	if (cu.global_init)
		return true;
	static const char *const names[] = {
		"libcurl.so.4", "libcurl-gnutls.so.4", NULL
	};
	void *lib = NULL;
	for (size_t i = 0; names[i] && lib == NULL; i++)
		lib = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
	if (lib == NULL)
		return false;
	/* dlsym gives object pointers; POSIX guarantees they convert to
	 * function pointers. */
#define FN(field, name) \
	*(void **)&cu.field = dlsym(lib, name); \
	if (cu.field == NULL) \
		return false;
	FN(global_cleanup, "curl_global_cleanup")
	FN(easy_init, "curl_easy_init")
	FN(easy_setopt, "curl_easy_setopt")
	FN(easy_getinfo, "curl_easy_getinfo")
	FN(easy_cleanup, "curl_easy_cleanup")
	FN(easy_strerror, "curl_easy_strerror")
	FN(multi_init, "curl_multi_init")
	FN(multi_add_handle, "curl_multi_add_handle")
	FN(multi_remove_handle, "curl_multi_remove_handle")
	FN(multi_perform, "curl_multi_perform")
	FN(multi_poll, "curl_multi_poll")
	FN(multi_info_read, "curl_multi_info_read")
	FN(multi_cleanup, "curl_multi_cleanup")
	FN(global_init, "curl_global_init")   /* last: marks success */
#undef FN
	return true;
}

/* Short, as the command promises: a slow server is reported, not waited
 * for. */
#define CONNECT_TIMEOUT_S 5L
#define TOTAL_TIMEOUT_S 10L
#define PARALLEL 8

size_t
esg_external_count(const esg_report *r)
{
	return r->nexternal;
}

static size_t
discard(char *ptr, size_t size, size_t n, void *arg)
{
	(void)ptr;
	(void)arg;
	return size * n;
}

static CURL *
new_handle(const char *url, bool head)
{
	CURL *h = cu.easy_init();
	if (h == NULL)
		return NULL;
	cu.easy_setopt(h, CURLOPT_URL, url);
	cu.easy_setopt(h, CURLOPT_NOBODY, head ? 1L : 0L);
	cu.easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
	cu.easy_setopt(h, CURLOPT_MAXREDIRS, 10L);
	cu.easy_setopt(h, CURLOPT_CONNECTTIMEOUT, CONNECT_TIMEOUT_S);
	cu.easy_setopt(h, CURLOPT_TIMEOUT, TOTAL_TIMEOUT_S);
	cu.easy_setopt(h, CURLOPT_USERAGENT, "esgsite-check");
	cu.easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
	cu.easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	cu.easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	cu.easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	return h;
}

typedef struct job {
	size_t link;
	bool head;
} job;

void
esg_check_external(esg_report *r, esg_diag *d)
{
	if (r->nexternal == 0)
		return;
	if (!open_curl()) {
		esg_error(d, ESG_K_LINK, (esg_pos){ NULL, 0, 0 }, "--external "
		    "needs libcurl (Debian package libcurl4), which cannot be "
		    "loaded");
		return;
	}
	if (cu.global_init(CURL_GLOBAL_DEFAULT) != 0) {
		esg_error(d, ESG_K_LINK, (esg_pos){ NULL, 0, 0 }, "cannot start "
		    "libcurl to fetch external links");
		return;
	}
	CURLM *multi = cu.multi_init();
	job *jobs = calloc(r->nexternal, sizeof *jobs);
	size_t next = 0, running_jobs = 0;
	/* Results are reported in link order, whatever order they finish in. */
	char **result = calloc(r->nexternal, sizeof *result);
	while (next < r->nexternal || running_jobs > 0) {
		while (next < r->nexternal && running_jobs < PARALLEL) {
			CURL *h = new_handle(r->external[next], true);
			if (h == NULL) {
				result[next] = strdup("cannot create a request");
				next++;
				continue;
			}
			jobs[next] = (job){ next, true };
			cu.easy_setopt(h, CURLOPT_PRIVATE, &jobs[next]);
			cu.multi_add_handle(multi, h);
			next++;
			running_jobs++;
		}
		int still;
		cu.multi_perform(multi, &still);
		cu.multi_poll(multi, NULL, 0, 200, NULL);
		CURLMsg *msg;
		int left;
		while ((msg = cu.multi_info_read(multi, &left)) != NULL) {
			if (msg->msg != CURLMSG_DONE)
				continue;
			CURL *h = msg->easy_handle;
			job *jb;
			cu.easy_getinfo(h, CURLINFO_PRIVATE, (char **)&jb);
			long code = 0;
			cu.easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
			CURLcode rc = msg->data.result;
			cu.multi_remove_handle(multi, h);
			cu.easy_cleanup(h);
			running_jobs--;
			/* Some servers refuse HEAD: ask again with GET. */
			if (jb->head && (rc != CURLE_OK || code == 405 || code == 403 ||
			    code == 501)) {
				CURL *g = new_handle(r->external[jb->link], false);
				if (g) {
					jb->head = false;
					cu.easy_setopt(g, CURLOPT_PRIVATE, jb);
					cu.multi_add_handle(multi, g);
					running_jobs++;
					continue;
				}
			}
			char buf[256];
			if (rc != CURLE_OK)
				snprintf(buf, sizeof buf, "%s", cu.easy_strerror(rc));
			else if (code >= 400)
				snprintf(buf, sizeof buf, "HTTP %ld", code);
			else
				continue;
			result[jb->link] = strdup(buf);
		}
	}
	for (size_t i = 0; i < r->nexternal; i++) {
		if (result[i])
			esg_error(d, ESG_K_LINK, r->external_pos[i], "external link %s "
			    "failed: %s", r->external[i], result[i]);
		free(result[i]);
	}
	free(result);
	free(jobs);
	cu.multi_cleanup(multi);
	cu.global_cleanup();
}
