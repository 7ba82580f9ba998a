#include "fsutil.h"
#include "buf.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Opens path for reading if it is a regular file; EISDIR or EINVAL if
 * it is something else. Non-blocking, so that a FIFO in SOURCE is refused
 * instead of waiting forever for a writer; that changes nothing for the
 * regular files that get through. */
static int
open_regular(const char *path, struct stat *st)
{
	struct stat own;
	if (st == NULL)
		st = &own;
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return -1;
	int err = 0;
	if (fstat(fd, st) != 0)
		err = errno;
	else if (!S_ISREG(st->st_mode))
		err = S_ISDIR(st->st_mode) ? EISDIR : EINVAL;
	if (err) {
		close(fd);
		errno = err;
		return -1;
	}
	return fd;
}

int
esg_read_file(const char *path, size_t max, char **data, size_t *len)
{
	struct stat st;
	int fd = open_regular(path, &st);
	if (fd < 0)
		return -1;
	if ((unsigned long long)st.st_size > max) {
		errno = EFBIG;
		goto fail;
	}
	/* Read until EOF rather than trusting st_size: files can change.
	 * Room for the NUL and one byte more, so that the read that meets
	 * EOF needs no larger buffer. */
	size_t cap = (size_t)st.st_size + 2, n = 0;
	char *buf = esg_xmalloc(cap);
	for (;;) {
		if (n + 1 >= cap) {
			if (cap > max) {
				free(buf);
				errno = EFBIG;
				goto fail;
			}
			cap *= 2;
			buf = esg_xrealloc(buf, cap);
		}
		ssize_t got = read(fd, buf + n, cap - n - 1);
		if (got < 0) {
			if (errno == EINTR)
				continue;
			int saved = errno;
			free(buf);
			errno = saved;
			goto fail;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	if (n > max) {
		free(buf);
		errno = EFBIG;
		goto fail;
	}
	buf[n] = '\0';
	close(fd);
	*data = buf;
	*len = n;
	return 0;
fail:;
	int saved = errno;
	close(fd);
	errno = saved;
	return -1;
}

static int
compare_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
esg_list_dir(const char *path, char ***names, size_t *count)
{
	DIR *dir = opendir(path);
	if (dir == NULL)
		return -1;
	char **v = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(dir)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			v = esg_xrealloc(v, cap * sizeof *v);
		}
		v[n++] = esg_xstrdup(e->d_name);
	}
	closedir(dir);
	if (n)
		qsort(v, n, sizeof *v, compare_names);
	*names = v;
	*count = n;
	return 0;
}

void
esg_free_names(char **names, size_t count)
{
	for (size_t i = 0; i < count; i++)
		free(names[i]);
	free(names);
}

bool
esg_is_dir(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

bool
esg_is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

bool
esg_is_symlink(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0 && S_ISLNK(st.st_mode);
}

bool
esg_exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

int
esg_mkdirs(const char *path)
{
	char tmp[PATH_MAX];
	size_t len = strlen(path);
	if (len == 0 || len >= sizeof tmp) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(tmp, path, len + 1);
	for (char *p = tmp + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(tmp, 0777) != 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (mkdir(tmp, 0777) != 0 && errno != EEXIST)
		return -1;
	if (!esg_is_dir(tmp)) {
		errno = ENOTDIR;
		return -1;
	}
	return 0;
}

static int
remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	int rc = (flag == FTW_DP) ? rmdir(path) : unlink(path);
	return rc != 0 && errno != ENOENT ? -1 : 0;
}

int
esg_remove_tree(const char *path)
{
	if (!esg_exists(path))
		return 0;
	return nftw(path, remove_entry, 32, FTW_DEPTH | FTW_PHYS);
}

int
esg_write_file(const char *path, const void *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (fd < 0)
		return -1;
	const char *p = data;
	while (len > 0) {
		ssize_t w = write(fd, p, len);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			int saved = errno;
			close(fd);
			errno = saved;
			return -1;
		}
		p += w;
		len -= (size_t)w;
	}
	return close(fd);
}

/* mkdir -p of path's folder, for a creation that failed with ENOENT. */
static int
make_parent(const char *path)
{
	char dir[PATH_MAX];
	const char *slash = strrchr(path, '/');
	if (slash == NULL || slash == path) {
		errno = ENOENT;   /* the cwd or / itself is missing: not ours */
		return -1;
	}
	size_t len = (size_t)(slash - path);
	if (len >= sizeof dir) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(dir, path, len);
	dir[len] = '\0';
	return esg_mkdirs(dir);
}

int
esg_create_file(const char *path)
{
	const int flags = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC;
	int fd = open(path, flags, 0666);
	if (fd < 0 && errno == ENOENT && make_parent(path) == 0)
		fd = open(path, flags, 0666);
	return fd;
}

int
esg_link_file(const char *existing, const char *path)
{
	if (link(existing, path) == 0)
		return 0;
	/* ENOENT also when existing is gone: then the retry fails again. */
	if (errno != ENOENT || make_parent(path) != 0)
		return -1;
	return link(existing, path);
}

int
esg_copy_file(const char *from, const char *to)
{
	int in = open_regular(from, NULL);
	if (in < 0)
		return -1;
	int out = esg_create_file(to);
	if (out < 0) {
		int saved = errno;
		close(in);
		errno = saved;
		return -1;
	}
	char buf[65536];
	int rc = 0;
	for (;;) {
		ssize_t got = read(in, buf, sizeof buf);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			rc = (int)got;
			break;
		}
		for (ssize_t off = 0; off < got;) {
			ssize_t w = write(out, buf + off, (size_t)(got - off));
			if (w < 0 && errno == EINTR)
				continue;
			if (w < 0) {
				rc = -1;
				break;
			}
			off += w;
		}
		if (rc)
			break;
	}
	int saved = errno;
	close(in);
	if (close(out) != 0 && rc == 0)
		return -1;
	errno = saved;
	return rc < 0 ? -1 : 0;
}

char *
esg_path_join(esg_arena *a, const char *dir, const char *name)
{
	if (*dir == '\0')
		return esg_arena_strdup(a, name);
	if (*name == '\0')
		return esg_arena_strdup(a, dir);
	size_t dl = strlen(dir);
	while (dl > 1 && dir[dl - 1] == '/')
		dl--;
	return esg_arena_printf(a, "%.*s/%s", (int)dl, dir, name);
}

char *
esg_path_dir(esg_arena *a, const char *path)
{
	const char *slash = strrchr(path, '/');
	if (slash == NULL)
		return esg_arena_strdup(a, ".");
	if (slash == path)
		return esg_arena_strdup(a, "/");
	return esg_arena_strndup(a, path, (size_t)(slash - path));
}

char *
esg_path_real(esg_arena *a, const char *path)
{
	char *r = realpath(path, NULL);
	if (r == NULL)
		return NULL;
	char *copy = esg_arena_strdup(a, r);
	free(r);
	return copy;
}

bool
esg_path_within(const char *inner, const char *outer)
{
	size_t n = strlen(outer);
	if (strcmp(outer, "/") == 0)
		return true;
	return strncmp(inner, outer, n) == 0 &&
	    (inner[n] == '\0' || inner[n] == '/');
}
