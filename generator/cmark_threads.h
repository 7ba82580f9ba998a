/*
 * cmark_threads.h — parsing Markdown on several threads with cmark-gfm.
 *
 * cmark-gfm's inline parser keeps its table of special characters in a
 * process-wide array. Every parser adds its extensions' characters when
 * it starts parsing inlines and removes them when it is done
 * (cmark_manage_extensions_special_characters), so one parser finishing
 * strips '~' and ':' from another still at work: strikethrough and
 * autolinks silently go missing (github/cmark-gfm PR 176, never merged).
 *
 * esgsite always attaches the same extensions, so the table is right if
 * the characters are added once and never removed. This module defines
 * cmark_manage_extensions_special_characters itself: the dynamic linker
 * binds the library's own calls to it (the library calls it through its
 * PLT), it adds the characters once, and it ignores every later call.
 * Whether that binding happened is checked at start-up by parsing one
 * line; if the library turns out to call its own copy, inline parsing is
 * done one parser at a time under a lock instead. Either way the result
 * is the same as parsing on one thread.
 */
#ifndef ESG_CMARK_THREADS_H
#define ESG_CMARK_THREADS_H

#include <stdbool.h>

#include <cmark-gfm.h>

/* Call once, before any thread parses, with the extensions every parser
 * will attach (NULL-terminated names). Returns true when parsers may
 * finish in parallel. */
bool esg_cmark_threads_init(const char *const *extensions);

/* text[0..len) parsed with the options and the extensions given to
 * esg_cmark_threads_init(), safely from any thread (after that call). */
cmark_node *esg_cmark_parse(int options, const char *text, size_t len);

#endif
