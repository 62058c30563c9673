// SPDX-License-Identifier: MIT
/*
 * dirent.c: opendir/readdir/closedir over getdents64(2). A DIR holds the
 * directory's fd and one buffer of linux_dirent64 records; readdir()
 * copies the next record into the DIR's struct dirent and refills the
 * buffer with another getdents64() when it is used up (0: the end).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <syscall.h>
#include <unistd.h>

struct __dirstream {
	int fd;
	int pos, len;			/* next record's offset in buf; bytes in buf */
	struct dirent ent;
	char buf[2048] __attribute__((aligned(8)));
};

int getdents64(int fd, void *buf, unsigned int count)
{
	long r = syscall3(__NR_getdents64, fd, buf, count);

	if (SYSCALL_IS_ERR(r)) {
		errno = (int)-r;
		return -1;
	}
	return (int)r;
}

DIR *opendir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY);
	DIR *d;

	if (fd < 0)
		return NULL;
	d = malloc(sizeof(*d));
	if (!d) {
		close(fd);
		errno = ENOMEM;
		return NULL;
	}
	d->fd = fd;
	d->pos = d->len = 0;
	return d;
}

struct dirent *readdir(DIR *d)
{
	struct linux_dirent64 *e;

	if (d->pos >= d->len) {
		int n = getdents64(d->fd, d->buf, sizeof(d->buf));

		if (n <= 0)
			return NULL;
		d->pos = 0;
		d->len = n;
	}
	e = (struct linux_dirent64 *)(d->buf + d->pos);
	d->pos += e->d_reclen;
	d->ent.d_ino = e->d_ino;
	d->ent.d_type = e->d_type;
	strlcpy(d->ent.d_name, e->d_name, sizeof(d->ent.d_name));
	return &d->ent;
}

int closedir(DIR *d)
{
	int r = close(d->fd);

	free(d);
	return r;
}
