#include "frontmatter.h"

#include <string.h>

/* Is s[0..n) (one line without its newline) exactly the fence, allowing
 * trailing spaces and a CR? */
static bool
is_fence(const char *s, size_t n, const char *fence)
{
	size_t f = strlen(fence);
	if (n < f || memcmp(s, fence, f) != 0)
		return false;
	for (size_t i = f; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

int
esg_split_front_matter(const char *text, size_t len, esg_split *out)
{
	memset(out, 0, sizeof *out);
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	out->body = text;
	out->body_len = len;
	out->body_line = 1;
	const char *nl = memchr(text, '\n', len);
	size_t first = nl ? (size_t)(nl - text) : len;
	if (!is_fence(text, first, "---"))
		return 0;
	out->has_front_matter = true;
	out->yaml = nl ? nl + 1 : text + len;
	out->yaml_line = 2;
	int line = 2;
	const char *p = out->yaml, *end = text + len;
	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		size_t n = e ? (size_t)(e - p) : (size_t)(end - p);
		if (is_fence(p, n, "---") || is_fence(p, n, "...")) {
			out->yaml_len = (size_t)(p - out->yaml);
			out->body = e ? e + 1 : end;
			out->body_len = (size_t)(end - out->body);
			out->body_line = line + 1;
			return 0;
		}
		if (e == NULL)
			break;
		p = e + 1;
		line++;
	}
	return -1;
}
