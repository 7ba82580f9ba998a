/*
 * fsutil.h — the file-system operations esgsite needs, with bounded reads.
 *
 * Functions return 0 on success and -1 with errno set on failure unless
 * stated otherwise; they never print.
 */
#ifndef ESG_FSUTIL_H
#define ESG_FSUTIL_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

/* Reads a whole regular file into a malloc'd, NUL-terminated buffer that
 * the caller frees. Files larger than max fail with EFBIG; a directory
 * with EISDIR, and a FIFO, socket or device with EINVAL, without waiting
 * on it. */
int esg_read_file(const char *path, size_t max, char **data, size_t *len);

/* The names in a directory except "." and "..", sorted bytewise so that
 * output never depends on the file system's order. The caller frees the
 * array and each name with esg_free_names(). */
int esg_list_dir(const char *path, char ***names, size_t *count);
void esg_free_names(char **names, size_t count);

bool esg_is_dir(const char *path);      /* follows symlinks */
bool esg_is_file(const char *path);     /* regular file, follows symlinks */
bool esg_is_symlink(const char *path);  /* the path itself is a symlink */
bool esg_exists(const char *path);      /* lstat succeeds */

/* Like mkdir -p; existing directories are fine. */
int esg_mkdirs(const char *path);
/* Like rm -rf; never follows symlinks. A missing path is success. */
int esg_remove_tree(const char *path);
int esg_write_file(const char *path, const void *data, size_t len);
/* Copies a regular file (anything else is EINVAL, as esg_read_file). The
 * folders to is in are created when missing, found so by the creation
 * failing: a system call per file, not one per level of its path. */
int esg_copy_file(const char *from, const char *to);
/* Creates (truncates) a file for writing, or makes a hard link, with the
 * same creation of missing folders. */
int esg_create_file(const char *path);
int esg_link_file(const char *existing, const char *path);

/* "a" + "/" + "b", allocated in the arena; either side may be "". */
char *esg_path_join(esg_arena *a, const char *dir, const char *name);
/* The directory part of a path ("." when there is none), in the arena. */
char *esg_path_dir(esg_arena *a, const char *path);
/* The canonical absolute path of an existing path (realpath), in the
 * arena, or NULL with errno set. */
char *esg_path_real(esg_arena *a, const char *path);
/* True when `inner` equals `outer` or lies below it; both must be
 * canonical absolute paths. */
bool esg_path_within(const char *inner, const char *outer);

#endif
