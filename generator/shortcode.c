#include "shortcode.h"

#include <stdbool.h>
#include <string.h>

int
esg_slice_is(esg_slice sl, const char *s)
{
	return strlen(s) == sl.len && memcmp(sl.ptr, s, sl.len) == 0;
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int
esg_shortcode_next(const char *s, size_t len, size_t from, esg_shortcode *sc,
    size_t *err_off, const char **err_msg)
{
	const char *open = NULL;
	for (const char *p = s + from; p + 1 < s + len; p++) {
		p = memchr(p, '{', (size_t)(s + len - 1 - p));
		if (p == NULL)
			break;
		if (p[1] == '{') {
			open = p;
			break;
		}
	}
	if (open == NULL)
		return 0;
	size_t start = (size_t)(open - s);
	*err_off = start;
	size_t limit = len - start > ESG_SHORTCODE_MAX_LEN ?
	    start + ESG_SHORTCODE_MAX_LEN : len;
	size_t close = 0;
	for (size_t i = start + 2; i + 1 < limit; i++) {
		if (s[i] == '}' && s[i + 1] == '}') {
			close = i;
			break;
		}
		if (s[i] == '{' && s[i + 1] == '{')
			break;
	}
	if (close == 0) {
		*err_msg = "'{{' is not closed by '}}' (write a literal '{{' "
		    "inside `backticks`)";
		return -1;
	}
	memset(sc, 0, sizeof *sc);
	sc->start = start;
	sc->end = close + 2;
	size_t i = start + 2;
	while (i < close && is_space(s[i]))
		i++;
	size_t name_at = i;
	while (i < close && ((s[i] >= 'a' && s[i] <= 'z') ||
	    (i > name_at && ((s[i] >= '0' && s[i] <= '9') || s[i] == '-'))))
		i++;
	if (i == name_at || (i < close && !is_space(s[i]))) {
		*err_off = name_at;
		*err_msg = "a shortcode starts with a lowercase name, "
		    "as in {{ref section-id}}";
		return -1;
	}
	sc->name = (esg_slice){ s + name_at, i - name_at };
	/* {{lang TAG words…}}: the words, spaces and all, are one argument. */
	bool rest_is_text = esg_slice_is(sc->name, "lang");
	for (;;) {
		while (i < close && is_space(s[i]))
			i++;
		if (i >= close)
			break;
		size_t at = i;
		if (rest_is_text && sc->nargs == 1) {
			i = close;
			while (i > at && is_space(s[i - 1]))
				i--;
			sc->args[sc->nargs++] = (esg_slice){ s + at, i - at };
			break;
		}
		while (i < close && !is_space(s[i]))
			i++;
		if (sc->nargs == ESG_SHORTCODE_MAX_ARGS) {
			*err_off = at;
			*err_msg = "too many arguments in shortcode";
			return -1;
		}
		sc->args[sc->nargs++] = (esg_slice){ s + at, i - at };
	}
	return 1;
}
