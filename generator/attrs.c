#include "attrs.h"

#include <string.h>

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int
is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9');
}

static int
is_id_char(char c)
{
	return is_alnum(c) || c == '-' || c == '_' || c == '.' || c == ':';
}

static int
is_name_char(char c)
{
	return is_alnum(c) || c == '-' || c == '_';
}

int
esg_id_valid(const char *s)
{
	if (!is_alnum(s[0]))
		return 0;
	for (; *s; s++)
		if (!is_id_char(*s))
			return 0;
	return 1;
}

/* A block is "meant" when its first item starts with # or ., or when it
 * contains '=' — otherwise "{something}" is ordinary heading text. */
static int
looks_like_block(const char *s, size_t len)
{
	size_t i = 1;
	while (i < len && is_space(s[i]))
		i++;
	if (i < len && (s[i] == '#' || s[i] == '.'))
		return 1;
	return memchr(s, '=', len) != NULL;
}

#define FAIL(off, msg) \
	do { \
		*err_off = start + (off); \
		*err_msg = (msg); \
		return ESG_ATTRS_BAD; \
	} while (0)

esg_attrs_result
esg_attrs_parse(const char *s, size_t len, esg_arena *a, esg_attrs *out,
    size_t *block_start, size_t *err_off, const char **err_msg)
{
	memset(out, 0, sizeof *out);
	while (len > 0 && is_space(s[len - 1]))
		len--;
	if (len < 2 || s[len - 1] != '}')
		return ESG_ATTRS_NONE;
	/* The block opens at the last '{': values may not contain braces. */
	size_t start = len - 1;
	while (start > 0 && s[start] != '{')
		start--;
	if (s[start] != '{')
		return ESG_ATTRS_NONE;
	const char *b = s + start;
	size_t blen = len - start;
	if (!looks_like_block(b, blen))
		return ESG_ATTRS_NONE;
	*block_start = start;
	if (blen > ESG_ATTRS_MAX)
		FAIL(0, "attribute block is too long");

	/* Two passes: count items, then fill arrays of the right size. */
	size_t max_items = 0;
	for (size_t i = 0; i < blen; i++)
		if (b[i] == '.' || b[i] == '=')
			max_items++;
	out->classes = esg_arena_array(a, max_items + 1, sizeof *out->classes);
	out->pairs = esg_arena_array(a, max_items + 1, sizeof *out->pairs);

	size_t i = 1, end = blen - 1;   /* between '{' and '}' */
	for (;;) {
		while (i < end && is_space(b[i]))
			i++;
		if (i >= end)
			break;
		if (i > 1 && !is_space(b[i - 1]))
			FAIL(i, "attributes must be separated by spaces");
		if (b[i] == '#') {
			size_t j = i + 1;
			while (j < end && is_id_char(b[j]))
				j++;
			if (j == i + 1)
				FAIL(i, "'#' must be followed by an id");
			if (!is_alnum(b[i + 1]))
				FAIL(i + 1, "an id must start with a letter or digit");
			if (j < end && !is_space(b[j]))
				FAIL(j, "ids may contain only letters, digits and - _ . :");
			if (out->id)
				FAIL(i, "a heading can have only one #id");
			out->id = esg_arena_strndup(a, b + i + 1, j - i - 1);
			out->id_offset = start + i;
			i = j;
		} else if (b[i] == '.') {
			size_t j = i + 1;
			while (j < end && is_name_char(b[j]))
				j++;
			if (j == i + 1 || (j < end && !is_space(b[j])))
				FAIL(i, "a class name may contain only letters, digits, - and _");
			out->classes[out->nclasses++] =
			    esg_arena_strndup(a, b + i + 1, j - i - 1);
			i = j;
		} else if (is_alnum(b[i]) || b[i] == '_') {
			size_t key_at = i, k = i;
			while (k < end && is_name_char(b[k]))
				k++;
			if (k >= end || b[k] != '=')
				FAIL(i, "expected key=\"value\"");
			const char *key = esg_arena_strndup(a, b + i, k - i);
			size_t v = k + 1, vstart, vend;
			if (v < end && (b[v] == '"' || b[v] == '\'')) {
				char q = b[v];
				vstart = v + 1;
				vend = vstart;
				while (vend < end && b[vend] != q)
					vend++;
				if (vend >= end)
					FAIL(v, "unterminated quoted value");
				i = vend + 1;
			} else {
				vstart = vend = v;
				while (vend < end && !is_space(b[vend]) &&
				    b[vend] != '"' && b[vend] != '\'')
					vend++;
				if (vend == vstart)
					FAIL(k, "'=' must be followed by a value");
				i = vend;
			}
			for (size_t p = 0; p < out->npairs; p++)
				if (strcmp(out->pairs[p].key, key) == 0)
					FAIL(key_at, "the same attribute is given twice");
			out->pairs[out->npairs++] = (esg_attr){
				.key = key,
				.value = esg_arena_strndup(a, b + vstart, vend - vstart),
				.offset = start + key_at,
				.value_offset = start + vstart,
			};
		} else {
			FAIL(i, "unexpected character in attribute block");
		}
	}
	return ESG_ATTRS_OK;
}
