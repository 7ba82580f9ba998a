/* check_external.c — `check --external`: fetching external links with
 * libcurl (the standard HTTP client library; nothing else in esgsite
 * touches the network, and only this option does). */
#include "review.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>

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
	CURL *h = curl_easy_init();
	if (h == NULL)
		return NULL;
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_NOBODY, head ? 1L : 0L);
	curl_easy_setopt(h, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(h, CURLOPT_MAXREDIRS, 10L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, CONNECT_TIMEOUT_S);
	curl_easy_setopt(h, CURLOPT_TIMEOUT, TOTAL_TIMEOUT_S);
	curl_easy_setopt(h, CURLOPT_USERAGENT, "esgsite-check");
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
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
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != 0) {
		esg_error(d, ESG_K_LINK, (esg_pos){ NULL, 0, 0 }, "cannot start "
		    "libcurl to fetch external links");
		return;
	}
	CURLM *multi = curl_multi_init();
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
			curl_easy_setopt(h, CURLOPT_PRIVATE, &jobs[next]);
			curl_multi_add_handle(multi, h);
			next++;
			running_jobs++;
		}
		int still;
		curl_multi_perform(multi, &still);
		curl_multi_poll(multi, NULL, 0, 200, NULL);
		CURLMsg *msg;
		int left;
		while ((msg = curl_multi_info_read(multi, &left)) != NULL) {
			if (msg->msg != CURLMSG_DONE)
				continue;
			CURL *h = msg->easy_handle;
			job *jb;
			curl_easy_getinfo(h, CURLINFO_PRIVATE, (char **)&jb);
			long code = 0;
			curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code);
			CURLcode rc = msg->data.result;
			curl_multi_remove_handle(multi, h);
			curl_easy_cleanup(h);
			running_jobs--;
			/* Some servers refuse HEAD: ask again with GET. */
			if (jb->head && (rc != CURLE_OK || code == 405 || code == 403 ||
			    code == 501)) {
				CURL *g = new_handle(r->external[jb->link], false);
				if (g) {
					jb->head = false;
					curl_easy_setopt(g, CURLOPT_PRIVATE, jb);
					curl_multi_add_handle(multi, g);
					running_jobs++;
					continue;
				}
			}
			char buf[256];
			if (rc != CURLE_OK)
				snprintf(buf, sizeof buf, "%s", curl_easy_strerror(rc));
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
	curl_multi_cleanup(multi);
	curl_global_cleanup();
}
