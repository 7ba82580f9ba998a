#include "yamldoc.h"
#include "text.h"
#include "buf.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* libyaml reports reader errors (bad UTF-8) as a byte offset, not a mark. */
static esg_pos
pos_of_offset(const esg_yaml *y, const char *text, size_t len, size_t off)
{
	int line = 1, col = 1;
	for (size_t i = 0; i < off && i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c == '\n') {
			line++;
			col = 1;
		} else if ((c & 0xC0) != 0x80) {
			col++;
		}
	}
	return (esg_pos){ y->file, line + y->line_offset, col };
}

static esg_pos
pos_of_mark(const esg_yaml *y, yaml_mark_t m)
{
	return (esg_pos){ y->file, (int)m.line + 1 + y->line_offset,
	    (int)m.column + 1 };
}

esg_pos
esg_yaml_pos(const esg_yaml *y, const yaml_node_t *n)
{
	if (n == NULL)
		return (esg_pos){ y->file, 0, 0 };
	return pos_of_mark(y, n->start_mark);
}

typedef struct key_ref {
	const char *name;
	const yaml_node_t *node;
} key_ref;

static int
compare_keys(const void *a, const void *b)
{
	const key_ref *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	if (c)
		return c;
	/* Equal names: order by position so "first at" is really the first. */
	if (x->node->start_mark.index != y->node->start_mark.index)
		return x->node->start_mark.index < y->node->start_mark.index ?
		    -1 : 1;
	return 0;
}

/* Every node of the document is visited once, aliases or not, so this is
 * linear in the size of the file. */
static int
check_mapping_keys(esg_yaml *y, esg_diag *d)
{
	int bad = 0;
	key_ref *keys = NULL;
	size_t cap = 0;
	for (yaml_node_t *n = y->doc.nodes.start; n < y->doc.nodes.top; n++) {
		if (n->type != YAML_MAPPING_NODE)
			continue;
		size_t count = (size_t)(n->data.mapping.pairs.top -
		    n->data.mapping.pairs.start);
		if (count > cap) {
			cap = count;
			keys = esg_xrealloc(keys, cap * sizeof *keys);
		}
		size_t k = 0;
		for (yaml_node_pair_t *p = n->data.mapping.pairs.start;
		    p < n->data.mapping.pairs.top; p++) {
			yaml_node_t *key = yaml_document_get_node(&y->doc, p->key);
			if (key == NULL || key->type != YAML_SCALAR_NODE) {
				esg_input_error(d, esg_yaml_pos(y, key ? key : n),
				    "mapping keys must be plain strings");
				bad = 1;
				continue;
			}
			keys[k++] = (key_ref){ (const char *)key->data.scalar.value, key };
		}
		if (k > 1)
			qsort(keys, k, sizeof *keys, compare_keys);
		for (size_t i = 1; i < k; i++) {
			if (strcmp(keys[i].name, keys[i - 1].name) != 0)
				continue;
			size_t first = i - 1;
			while (first > 0 &&
			    strcmp(keys[first - 1].name, keys[i].name) == 0)
				first--;
			esg_pos p0 = esg_yaml_pos(y, keys[first].node);
			esg_input_error(d, esg_yaml_pos(y, keys[i].node),
			    "duplicate key '%s' (first given at line %d)",
			    keys[i].name, p0.line);
			bad = 1;
		}
	}
	free(keys);
	return bad ? -1 : 0;
}

/* Escapes ("\x01", "\uFFFE") can put into a value what a web page may not
 * contain; the nodes are an array, so aliases are not walked again. */
static int
check_scalars(esg_yaml *y, esg_diag *d)
{
	int bad = 0;
	for (yaml_node_t *n = y->doc.nodes.start; n < y->doc.nodes.top; n++) {
		if (n->type != YAML_SCALAR_NODE)
			continue;
		uint32_t cp;
		const char *v = (const char *)n->data.scalar.value;
		size_t len = n->data.scalar.length;
		if (esg_text_unfit_at(v, len, &cp) == len)
			continue;
		bad = 1;
		if (cp == 0 || cp == ESG_CP_INVALID)
			esg_input_error(d, pos_of_mark(y, n->start_mark),
			    "NUL byte or invalid UTF-8 in a value");
		else
			esg_input_error(d, pos_of_mark(y, n->start_mark),
			    "control character U+%04X in a value (a web page "
			    "cannot contain it)", (unsigned)cp);
	}
	return bad ? -1 : 0;
}

static void
load_error(const esg_yaml *y, const yaml_parser_t *parser, const char *text,
    size_t len, esg_diag *d)
{
	esg_pos pos;
	if (parser->error == YAML_READER_ERROR)
		pos = pos_of_offset(y, text, len, parser->problem_offset);
	else
		pos = pos_of_mark(y, parser->problem_mark);
	const char *problem = parser->problem ? parser->problem :
	    "malformed YAML";
	if (parser->context)
		esg_input_error(d, pos, "YAML: %s %s (line %d)", problem,
		    parser->context, pos_of_mark(y, parser->context_mark).line);
	else
		esg_input_error(d, pos, "YAML: %s", problem);
}

/* libyaml's scanner checks every open flow collection ("[", "{") at each
 * token, so deep nesting costs time quadratic in it: 100 KB of "[" took
 * 5 s, 400 KB 91 s. And a loaded document takes about 200 bytes a value:
 * 10 MB of "1," took 1 GB. The events are read once first, up to the
 * limits; nothing in a report nests more than a few levels. False when
 * the text nests too deep or holds too many values (reported); true
 * otherwise, malformed YAML included, which the loading that follows
 * reports. */
static bool
shape_fits(const esg_yaml *y, const char *text, size_t len, esg_diag *d)
{
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser))
		return true;
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	bool fits = true;
	int depth = 0;
	size_t values = 0;
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&parser, &ev))
			break;
		yaml_event_type_t type = ev.type;
		yaml_mark_t at = ev.start_mark;
		yaml_event_delete(&ev);
		if ((type == YAML_SCALAR_EVENT || type == YAML_ALIAS_EVENT ||
		    type == YAML_SEQUENCE_START_EVENT ||
		    type == YAML_MAPPING_START_EVENT) &&
		    ++values > ESG_YAML_MAX_VALUES) {
			esg_input_error(d, pos_of_mark(y, at), "more than %d YAML "
			    "values (scalars, sequences and mappings) in one file: "
			    "each takes memory when loaded; split the file",
			    ESG_YAML_MAX_VALUES);
			fits = false;
			break;
		}
		if (type == YAML_SEQUENCE_START_EVENT ||
		    type == YAML_MAPPING_START_EVENT) {
			if (++depth > ESG_YAML_MAX_DEPTH) {
				esg_input_error(d, pos_of_mark(y, at), "YAML nests "
				    "more than %d levels deep", ESG_YAML_MAX_DEPTH);
				fits = false;
				break;
			}
		} else if (type == YAML_SEQUENCE_END_EVENT ||
		    type == YAML_MAPPING_END_EVENT) {
			depth--;
		} else if (type == YAML_STREAM_END_EVENT) {
			break;
		}
	}
	yaml_parser_delete(&parser);
	return fits;
}

static int
parse(esg_yaml *y, const char *file, const char *text, size_t len,
    int line_offset, bool builtin, esg_diag *d)
{
	memset(y, 0, sizeof *y);
	y->file = file;
	y->line_offset = line_offset;
	if (!builtin && !shape_fits(y, text, len, d))
		return -1;
	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser)) {
		esg_input_error(d, (esg_pos){ file, 0, 0 },
		    "cannot initialise the YAML parser");
		return -1;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING);
	int rc = 0;
	if (!yaml_parser_load(&parser, &y->doc)) {
		load_error(y, &parser, text, len, d);
		rc = -1;
	} else {
		y->loaded = true;
		rc = check_mapping_keys(y, d);
		if (check_scalars(y, d) != 0)
			rc = -1;
		/* libyaml loads one document at a time: what follows a "---"
		 * would otherwise go unread. */
		for (;;) {
			yaml_document_t next;
			if (!yaml_parser_load(&parser, &next)) {
				load_error(y, &parser, text, len, d);
				rc = -1;
				break;
			}
			yaml_node_t *root = yaml_document_get_root_node(&next);
			/* A "---" with nothing after it holds nothing. */
			bool empty = root && root->type == YAML_SCALAR_NODE &&
			    root->data.scalar.length == 0 &&
			    root->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
			if (root && !empty) {
				esg_input_error(d, pos_of_mark(y, root->start_mark),
				    "a second YAML document, which would not be "
				    "read: a file holds one (remove the --- line "
				    "before it)");
				rc = -1;
			}
			bool last = root == NULL || !empty;   /* the stream's end,
			                                         or reported */
			yaml_document_delete(&next);
			if (last)
				break;
		}
	}
	yaml_parser_delete(&parser);
	return rc;
}

int
esg_yaml_parse(esg_yaml *y, const char *file, const char *text, size_t len,
    int line_offset, esg_diag *d)
{
	return parse(y, file, text, len, line_offset, false, d);
}

int
esg_yaml_parse_builtin(esg_yaml *y, const char *file, const char *text,
    size_t len, esg_diag *d)
{
	return parse(y, file, text, len, 0, true, d);
}

void
esg_yaml_free(esg_yaml *y)
{
	if (y->loaded)
		yaml_document_delete(&y->doc);
	y->loaded = false;
}

yaml_node_t *
esg_yaml_root(const esg_yaml *y)
{
	if (!y->loaded)
		return NULL;
	return yaml_document_get_root_node((yaml_document_t *)&y->doc);
}

bool
esg_yaml_is_map(const yaml_node_t *n)
{
	return n && n->type == YAML_MAPPING_NODE;
}

bool
esg_yaml_is_seq(const yaml_node_t *n)
{
	return n && n->type == YAML_SEQUENCE_NODE;
}

const char *
esg_yaml_str(const yaml_node_t *n)
{
	if (n == NULL || n->type != YAML_SCALAR_NODE)
		return NULL;
	return (const char *)n->data.scalar.value;
}

yaml_node_t *
esg_yaml_get(const esg_yaml *y, const yaml_node_t *map, const char *key)
{
	if (!esg_yaml_is_map(map))
		return NULL;
	for (yaml_node_pair_t *p = map->data.mapping.pairs.start;
	    p < map->data.mapping.pairs.top; p++) {
		const char *k = esg_yaml_str(
		    yaml_document_get_node((yaml_document_t *)&y->doc, p->key));
		if (k && strcmp(k, key) == 0)
			return yaml_document_get_node((yaml_document_t *)&y->doc,
			    p->value);
	}
	return NULL;
}

size_t
esg_yaml_map_size(const yaml_node_t *map)
{
	if (!esg_yaml_is_map(map))
		return 0;
	return (size_t)(map->data.mapping.pairs.top -
	    map->data.mapping.pairs.start);
}

yaml_node_t *
esg_yaml_map_key(const esg_yaml *y, const yaml_node_t *map, size_t i)
{
	return yaml_document_get_node((yaml_document_t *)&y->doc,
	    map->data.mapping.pairs.start[i].key);
}

yaml_node_t *
esg_yaml_map_value(const esg_yaml *y, const yaml_node_t *map, size_t i)
{
	return yaml_document_get_node((yaml_document_t *)&y->doc,
	    map->data.mapping.pairs.start[i].value);
}

size_t
esg_yaml_seq_size(const yaml_node_t *seq)
{
	if (!esg_yaml_is_seq(seq))
		return 0;
	return (size_t)(seq->data.sequence.items.top -
	    seq->data.sequence.items.start);
}

yaml_node_t *
esg_yaml_seq_item(const esg_yaml *y, const yaml_node_t *seq, size_t i)
{
	return yaml_document_get_node((yaml_document_t *)&y->doc,
	    seq->data.sequence.items.start[i]);
}

static const char *
shape_name(const yaml_node_t *n)
{
	if (n == NULL)
		return "nothing";
	switch (n->type) {
	case YAML_SCALAR_NODE:
		return "a single value";
	case YAML_SEQUENCE_NODE:
		return "a list";
	case YAML_MAPPING_NODE:
		return "a mapping";
	default:
		return "nothing";
	}
}

bool
esg_yaml_want_map(const esg_yaml *y, const yaml_node_t *n, const char *what,
    esg_diag *d)
{
	if (esg_yaml_is_map(n))
		return true;
	esg_error(d, ESG_K_SYNTAX, esg_yaml_pos(y, n),
	    "%s must be a mapping (key: value lines), not %s", what,
	    shape_name(n));
	return false;
}

bool
esg_yaml_want_seq(const esg_yaml *y, const yaml_node_t *n, const char *what,
    esg_diag *d)
{
	if (esg_yaml_is_seq(n))
		return true;
	esg_error(d, ESG_K_SYNTAX, esg_yaml_pos(y, n),
	    "%s must be a list, not %s", what, shape_name(n));
	return false;
}

bool
esg_yaml_is_null(const yaml_node_t *n)
{
	if (n == NULL || n->type != YAML_SCALAR_NODE ||
	    n->data.scalar.style != YAML_PLAIN_SCALAR_STYLE)
		return false;
	const char *s = (const char *)n->data.scalar.value;
	return *s == '\0' || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 ||
	    strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0;
}

const char *
esg_yaml_want_str(const esg_yaml *y, const yaml_node_t *n, const char *what,
    esg_diag *d)
{
	/* YAML's null is no value, not the text "null" or "~". */
	if (esg_yaml_is_null(n)) {
		esg_error(d, ESG_K_SYNTAX, esg_yaml_pos(y, n), "%s is empty "
		    "(null): give it a value, or leave the key out", what);
		return NULL;
	}
	const char *s = esg_yaml_str(n);
	if (s)
		return s;
	esg_error(d, ESG_K_SYNTAX, esg_yaml_pos(y, n),
	    "%s must be a single value, not %s", what, shape_name(n));
	return NULL;
}

bool
esg_yaml_want_bool(const esg_yaml *y, const yaml_node_t *n, const char *what,
    bool *out, esg_diag *d)
{
	static const char *const yes[] = { "true", "yes", "on" };
	static const char *const no[] = { "false", "no", "off" };
	const char *s = esg_yaml_str(n);
	if (s) {
		for (size_t i = 0; i < 3; i++) {
			if (strcasecmp(s, yes[i]) == 0) {
				*out = true;
				return true;
			}
			if (strcasecmp(s, no[i]) == 0) {
				*out = false;
				return true;
			}
		}
	}
	esg_error(d, ESG_K_SYNTAX, esg_yaml_pos(y, n),
	    "%s must be true or false", what);
	return false;
}

void
esg_yaml_warn_unknown_keys(const esg_yaml *y, const yaml_node_t *map,
    const char *const *known, const char *where, esg_diag *d)
{
	size_t n = esg_yaml_map_size(map);
	for (size_t i = 0; i < n; i++) {
		yaml_node_t *key = esg_yaml_map_key(y, map, i);
		const char *k = esg_yaml_str(key);
		if (k == NULL)
			continue;
		bool found = false;
		for (size_t j = 0; known[j]; j++)
			if (strcmp(known[j], k) == 0)
				found = true;
		if (!found) {
			esg_buf list = ESG_BUF_INIT;
			for (size_t j = 0; known[j]; j++)
				esg_buf_printf(&list, "%s%s", j ? ", " : "", known[j]);
			esg_warning(d, ESG_K_SYNTAX, esg_yaml_pos(y, key),
			    "unknown key '%s' in %s is ignored (known: %s)", k,
			    where, esg_buf_cstr(&list));
			esg_buf_free(&list);
		}
	}
}
