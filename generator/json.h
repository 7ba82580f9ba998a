/*
 * json.h — writing JSON text (downloads, `check --format json`).
 *
 * No JSON library is among esgsite's dependencies, and only writing is
 * needed: strings are escaped per RFC 8259 (quotes, backslash, control
 * characters; UTF-8 passes through).
 */
#ifndef ESG_JSON_H
#define ESG_JSON_H

#include "buf.h"

/* Appends s as a JSON string literal, quotes included. */
void esg_json_string(esg_buf *b, const char *s);

#endif
