// SPDX-License-Identifier: MIT
/*
 * dirs.c: the user_dirs suite: directories through opendir()/readdir()
 * and getdents64(2) itself, and the /proc files ps reads.
 *
 *   listing   / /bin /dev /proc /proc/self: the names and DT_* types
 *   records   8-byte aligned, d_off resumes (lseek to it), lseek 0 rewinds,
 *             a 64-byte buffer lists the same as a 4 KiB one; after /proc is
 *             listed to the end, lseek(SEEK_CUR) and lseek to the last d_off work
 *   errors    ENOTDIR (O_DIRECTORY on a file, getdents64 of a file, "file/"),
 *             EISDIR (read of a directory, write open), EBADF, EFAULT,
 *             EINVAL (a buffer too small for the next record)
 *   /proc     our pid is a DT_DIR of /proc, pids ascend; /proc/self/cmdline
 *             is argv with its NULs; /proc/self/stat's first fields
 *
 * On the host Linux, / and /bin hold other things (and /bin may be a
 * symlink); those checks say # SKIP there, or look only at what both
 * have (/dev/null is DT_CHR, /proc/self has maps and status).
 */
#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ut.h"

#define MAX_ENTRIES	1024	/* the host's /proc has hundreds */

struct listing {
	int n;
	char name[MAX_ENTRIES][64];
	unsigned char type[MAX_ENTRIES];
};

static struct listing la, lb;
static char text[8192];
static char dbuf[4096] __attribute__((aligned(8)));

/* List @path with opendir()/readdir() into @l. Return: 0, or -1 with errno. */
static int list_dir(const char *path, struct listing *l)
{
	DIR *d = opendir(path);
	struct dirent *e;

	l->n = 0;
	if (!d)
		return -1;
	while ((e = readdir(d)) && l->n < MAX_ENTRIES) {
		strlcpy(l->name[l->n], e->d_name, sizeof(l->name[0]));
		l->type[l->n++] = e->d_type;
	}
	closedir(d);
	return 0;
}

/* The type of @name in @l, or -1 if it is not there. */
static int type_of(const struct listing *l, const char *name)
{
	for (int i = 0; i < l->n; i++)
		if (!strcmp(l->name[i], name))
			return l->type[i];
	return -1;
}

/* List @path with getdents64() and a @size-byte buffer, into @l. Return: 0 or -errno. */
static int list_getdents(const char *path, unsigned size, struct listing *l)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY), n;

	l->n = 0;
	if (fd < 0)
		return -errno;
	while ((n = getdents64(fd, dbuf, size)) > 0) {
		for (int off = 0; off < n && l->n < MAX_ENTRIES; ) {
			struct linux_dirent64 *d = (struct linux_dirent64 *)(dbuf + off);

			if (d->d_reclen % 8 || d->d_reclen < 24 || off + d->d_reclen > n) {
				close(fd);
				return -1000;		/* a bad record length */
			}
			strlcpy(l->name[l->n], d->d_name, sizeof(l->name[0]));
			l->type[l->n++] = d->d_type;
			off += d->d_reclen;
		}
	}
	close(fd);
	return n < 0 ? -errno : 0;
}

static void root_lists(void)
{
	static const char *const both[] = { ".", "..", "dev", "proc" };

	CHECK(list_dir("/", &la) == 0, "opendir /: %s", errno_name(errno));
	for (unsigned i = 0; i < sizeof(both) / sizeof(both[0]); i++)
		CHECK(type_of(&la, both[i]) == DT_DIR, "/%s: type %d, not DT_DIR", both[i],
		      type_of(&la, both[i]));
	CHECK(type_of(&la, "bin") >= 0, "/ has no bin");
	if (ut_is_linux())
		SKIP("host Linux: its / is not the initramfs");
	CHECK(!strcmp(la.name[0], ".") && !strcmp(la.name[1], ".."), "/ starts \"%s\" \"%s\"",
	      la.name[0], la.name[1]);
	CHECK(type_of(&la, "init") == DT_REG, "/init: type %d", type_of(&la, "init"));
	CHECK(type_of(&la, "bin") == DT_DIR, "/bin: type %d", type_of(&la, "bin"));
	CHECK(la.n == 6, "/ has %d entries, not . .. init bin dev proc", la.n);
}

static void bin_lists_programs(void)
{
	if (ut_is_linux())
		SKIP("host Linux: its /bin does not hold usertests");
	CHECK(list_dir("/bin", &la) == 0, "opendir /bin: %s", errno_name(errno));
	CHECK(type_of(&la, "usertests") == DT_REG, "/bin/usertests: type %d",
	      type_of(&la, "usertests"));
	CHECK(type_of(&la, "hello") == DT_REG, "/bin/hello: type %d", type_of(&la, "hello"));
	CHECK(type_of(&la, "..") == DT_DIR, "/bin has no ..");
	for (int i = 2; i < la.n; i++) {	/* every program opens as what it lists as */
		char path[80];
		int fd;

		snprintf(path, sizeof(path), "/bin/%s", la.name[i]);
		fd = open(path, O_RDONLY);
		CHECK(fd >= 0, "open %s: %s", path, errno_name(errno));
		close(fd);
	}
}

static void dev_lists_devices(void)
{
	CHECK(list_dir("/dev", &la) == 0, "opendir /dev: %s", errno_name(errno));
	CHECK(type_of(&la, "null") == DT_CHR, "/dev/null: type %d", type_of(&la, "null"));
	CHECK(type_of(&la, "zero") == DT_CHR, "/dev/zero: type %d", type_of(&la, "zero"));
	CHECK(type_of(&la, ".") == DT_DIR && type_of(&la, "..") == DT_DIR, "no . or ..");
	if (ut_is_linux())
		return;
	CHECK(type_of(&la, "console") == DT_CHR, "/dev/console: type %d", type_of(&la, "console"));
	CHECK(type_of(&la, "tty") == DT_CHR, "/dev/tty: type %d", type_of(&la, "tty"));
	CHECK(la.n == 6, "/dev has %d entries", la.n);
}

static void proc_lists_files_and_pids(void)
{
	static const char *const files[] = { "meminfo", "zoneinfo", "buddyinfo", "vmallocinfo" };
	char me[16];
	long last = 0;

	CHECK(list_dir("/proc/", &la) == 0, "opendir /proc/: %s", errno_name(errno));
	for (unsigned i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		CHECK(type_of(&la, files[i]) == DT_REG, "/proc/%s: type %d", files[i],
		      type_of(&la, files[i]));
	CHECK(type_of(&la, "self") == DT_LNK, "/proc/self: type %d, not DT_LNK",
	      type_of(&la, "self"));
	snprintf(me, sizeof(me), "%d", getpid());
	CHECK(type_of(&la, me) == DT_DIR, "our pid %s: type %d", me, type_of(&la, me));
	for (int i = 0; i < la.n; i++) {	/* the pids come in increasing order */
		char *end;
		long pid = strtol(la.name[i], &end, 10);

		if (*end || end == la.name[i])
			continue;
		CHECK(pid > last, "pid %ld listed after %ld", pid, last);
		CHECK(la.type[i] == DT_DIR, "/proc/%ld: type %d", pid, la.type[i]);
		last = pid;
	}
	if (ut_is_linux())
		return;
	CHECK(type_of(&la, "kmapinfo") == DT_REG, "/proc/kmapinfo: type %d",
	      type_of(&la, "kmapinfo"));
	CHECK(type_of(&la, "slabinfo") == DT_REG, "/proc/slabinfo: type %d",
	      type_of(&la, "slabinfo"));
	CHECK(type_of(&la, "1") == DT_DIR, "no /proc/1");
}

static void proc_self_lists(void)
{
	static const char *const files[] = { "maps", "pagemap", "status", "cmdline", "stat" };

	CHECK(list_dir("/proc/self", &la) == 0, "opendir /proc/self: %s", errno_name(errno));
	CHECK(!strcmp(la.name[0], ".") && !strcmp(la.name[1], ".."), "starts \"%s\" \"%s\"",
	      la.name[0], la.name[1]);
	for (unsigned i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		CHECK(type_of(&la, files[i]) == DT_REG, "/proc/self/%s: type %d", files[i],
		      type_of(&la, files[i]));
	CHECK(list_dir("/proc/self/", &lb) == 0, "opendir /proc/self/: %s", errno_name(errno));
	CHECK(lb.n == la.n, "/proc/self/ has %d entries, /proc/self %d", lb.n, la.n);
}

/* A 64-byte buffer (a record or two per call) lists exactly what a 4 KiB one does. */
static void getdents_small_buffer_resumes(void)
{
	int r;

	r = list_getdents("/proc/self", sizeof(dbuf), &la);
	CHECK(r == 0, "getdents64 /proc/self: %d", r);
	r = list_getdents("/proc/self", 64, &lb);
	CHECK(r == 0, "getdents64 /proc/self, 64 bytes: %d", r);
	CHECK(la.n == lb.n && la.n > 5, "%d entries with 4 KiB, %d with 64 bytes", la.n, lb.n);
	for (int i = 0; i < la.n; i++)
		CHECK(!strcmp(la.name[i], lb.name[i]), "entry %d: \"%s\" vs \"%s\"", i, la.name[i],
		      lb.name[i]);
	if (ut_is_linux())
		return;				/* the host's /dev has names longer than 12 bytes */
	CHECK(list_getdents("/dev", 32, &lb) == 0, "getdents64 /dev, 32 bytes: %s",
	      errno_name(errno));
	CHECK(type_of(&lb, "null") == DT_CHR, "/dev/null: type %d", type_of(&lb, "null"));
}

/* d_off is where the next record starts: lseek there resumes; lseek 0 starts again at ".". */
static void getdents_doff_lseek(void)
{
	int fd = open("/proc/self", O_RDONLY | O_DIRECTORY), n, i = 0, off = 0;
	long long third_off = -1;
	char fourth[64] = "";
	struct linux_dirent64 *d;

	CHECK(fd >= 0, "open /proc/self: %s", errno_name(errno));
	n = getdents64(fd, dbuf, sizeof(dbuf));
	CHECK(n > 0, "getdents64: %d %s", n, errno_name(errno));
	for (; off < n; off += d->d_reclen, i++) {
		d = (struct linux_dirent64 *)(dbuf + off);
		CHECK((off & 7) == 0 && d->d_reclen % 8 == 0, "record at %d: reclen %u", off,
		      d->d_reclen);
		CHECK(d->d_ino != 0, "%s: d_ino 0", d->d_name);
		if (i == 2)
			third_off = d->d_off;
		if (i == 3)
			strlcpy(fourth, d->d_name, sizeof(fourth));
	}
	CHECK(i > 4 && fourth[0], "only %d entries", i);
	CHECK(getdents64(fd, dbuf, sizeof(dbuf)) == 0, "no end of directory (0)");
	CHECK(lseek(fd, third_off, SEEK_SET) == third_off, "lseek to d_off %lld: %s", third_off,
	      errno_name(errno));
	n = getdents64(fd, dbuf, sizeof(dbuf));
	d = (struct linux_dirent64 *)dbuf;
	CHECK(n > 0 && !strcmp(d->d_name, fourth), "after lseek(d_off): \"%s\", not \"%s\"",
	      n > 0 ? d->d_name : "(nothing)", fourth);
	CHECK(lseek(fd, 0, SEEK_SET) == 0, "lseek 0: %s", errno_name(errno));
	n = getdents64(fd, dbuf, sizeof(dbuf));
	CHECK(n > 0 && !strcmp(d->d_name, ".") && d->d_type == DT_DIR, "after rewind: \"%s\"",
	      n > 0 ? d->d_name : "(nothing)");
	close(fd);
}

/*
 * /proc listed to the end: the position it is left at must still fit an
 * off_t (32 bits on i386), so lseek(SEEK_CUR) answers, and lseek back to
 * the last record's d_off works (the next listing is then empty, or only
 * processes started meanwhile: on the host, pids above the last one).
 */
static void proc_end_lseek(void)
{
	int fd = open("/proc", O_RDONLY | O_DIRECTORY), n, off, records = 0;
	long long last_off = -1;
	off_t cur;
	struct linux_dirent64 *d;

	CHECK(fd >= 0, "open /proc: %s", errno_name(errno));
	while ((n = getdents64(fd, dbuf, sizeof(dbuf))) > 0) {
		for (off = 0; off < n; off += d->d_reclen, records++) {
			d = (struct linux_dirent64 *)(dbuf + off);
			last_off = d->d_off;
		}
	}
	CHECK(n == 0, "getdents64 /proc: %d %s", n, errno_name(errno));
	CHECK(records > 2 && last_off > 0, "%d records, last d_off %lld", records, last_off);
	errno = 0;
	cur = lseek(fd, 0, SEEK_CUR);
	CHECK(cur >= 0, "lseek(0, SEEK_CUR) at the end of /proc: %ld %s", (long)cur,
	      errno_name(errno));
	CHECK(lseek(fd, (off_t)last_off, SEEK_SET) == last_off, "lseek to the last d_off %lld: %s",
	      last_off, errno_name(errno));
	n = getdents64(fd, dbuf, sizeof(dbuf));
	CHECK(n >= 0, "getdents64 after lseek to the last d_off: %d %s", n, errno_name(errno));
	close(fd);
}

static void getdents_errors(void)
{
	int fd = open("/proc/self", O_RDONLY | O_DIRECTORY), file;
	char c;

	CHECK(fd >= 0, "open /proc/self: %s", errno_name(errno));
	errno = 0;
	CHECK(getdents64(fd, dbuf, 10) == -1 && errno == EINVAL,
	      "10-byte buffer: errno %s, not EINVAL", errno_name(errno));
	errno = 0;
	CHECK(getdents64(fd, NULL, 4096) == -1 && errno == EFAULT, "NULL buffer: errno %s",
	      errno_name(errno));
	CHECK(getdents64(fd, dbuf, sizeof(dbuf)) > 0, "the failed calls consumed entries: %s",
	      errno_name(errno));
	errno = 0;
	CHECK(read(fd, &c, 1) == -1 && errno == EISDIR, "read of a directory: errno %s",
	      errno_name(errno));
	close(fd);
	errno = 0;
	CHECK(getdents64(fd, dbuf, sizeof(dbuf)) == -1 && errno == EBADF, "closed fd: errno %s",
	      errno_name(errno));
	file = open("/proc/self/status", O_RDONLY);
	CHECK(file >= 0, "open /proc/self/status: %s", errno_name(errno));
	errno = 0;
	CHECK(getdents64(file, dbuf, sizeof(dbuf)) == -1 && errno == ENOTDIR,
	      "getdents64 of a file: errno %s", errno_name(errno));
	close(file);
}

static void open_directory_errors(void)
{
	static const char *const files[] = { "/dev/null", "/proc/meminfo", "/proc/self/status" };
	int fd;

	for (unsigned i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		errno = 0;
		fd = open(files[i], O_RDONLY | O_DIRECTORY);
		CHECK(fd == -1 && errno == ENOTDIR, "O_DIRECTORY %s: fd %d errno %s", files[i], fd,
		      errno_name(errno));
	}
	errno = 0;
	fd = open("/proc/self/status/", O_RDONLY);
	CHECK(fd == -1 && errno == ENOTDIR, "\"status/\": fd %d errno %s", fd, errno_name(errno));
	errno = 0;
	fd = open("/", O_WRONLY);
	CHECK(fd == -1 && errno == EISDIR, "write open of /: fd %d errno %s", fd,
	      errno_name(errno));
	errno = 0;
	fd = open("/proc", O_RDWR);
	CHECK(fd == -1 && errno == EISDIR, "write open of /proc: fd %d errno %s", fd,
	      errno_name(errno));
	fd = open("/proc/", O_RDONLY | O_DIRECTORY);
	CHECK(fd >= 0, "/proc/: %s", errno_name(errno));
	close(fd);
	fd = open("/dev/", O_RDONLY | O_DIRECTORY);
	CHECK(fd >= 0, "/dev/: %s", errno_name(errno));
	close(fd);
}

/* /proc/self/cmdline is argv, each string followed by its NUL. */
static void proc_self_cmdline(void)
{
	int len = ut_read_file("/proc/self/cmdline", text, sizeof(text)), off = 0;

	CHECK(len > 0, "/proc/self/cmdline: %s", errno_name(errno));
	CHECK(text[len - 1] == '\0', "cmdline does not end in NUL");
	for (int i = 0; i < ut_argc; i++) {
		CHECK(off < len && !strcmp(text + off, ut_argv[i]), "argv[%d] is \"%s\", cmdline has \"%s\"",
		      i, ut_argv[i], off < len ? text + off : "(end)");
		off += strlen(ut_argv[i]) + 1;
	}
	CHECK(off == len, "cmdline is %d bytes, argv %d", len, off);
}

/* /proc/self/stat: "pid (comm) R ppid pgrp session ...", 52 fields. */
static void proc_self_stat(void)
{
	int len = ut_read_file("/proc/self/stat", text, sizeof(text)), fields = 0;
	char comm[20], *close_paren, *p;
	long pid, ppid, pgrp, session;

	CHECK(len > 0, "/proc/self/stat: %s", errno_name(errno));
	CHECK(text[len - 1] == '\n', "no newline at the end");
	text[len - 1] = '\0';
	ut_diag("%s", text);
	text[len - 1] = '\n';
	pid = strtol(text, &p, 10);
	CHECK(pid == getpid(), "pid %ld, getpid() %d", pid, getpid());
	close_paren = strrchr(text, ')');
	CHECK(!strncmp(p, " (", 2) && close_paren, "no \" (comm)\" after the pid: %.40s", text);
	len = close_paren - p - 2 < (int)sizeof(comm) - 1 ? close_paren - p - 2 : (int)sizeof(comm) - 1;
	memcpy(comm, p + 2, len);
	comm[len] = '\0';
	CHECK(!strncmp(comm, ut_basename(ut_argv[0]), 15), "comm \"%s\", argv[0] \"%s\"", comm,
	      ut_argv[0]);
	CHECK(!strncmp(close_paren, ") R ", 4), "state: %.8s (reading itself: R)", close_paren);
	ppid = strtol(close_paren + 4, &p, 10);
	pgrp = strtol(p, &p, 10);
	session = strtol(p, &p, 10);
	CHECK(ppid == getppid(), "ppid %ld, getppid() %d", ppid, getppid());
	/*
	 * Compared with the system calls, not with "> 0": on the host, a
	 * session whose leader is outside the pid namespace (a container's)
	 * reads as 0 in both.
	 */
	CHECK(pgrp == getpgrp(), "pgrp %ld, getpgrp() %d", pgrp, getpgrp());
	CHECK(session == getsid(0), "session %ld, getsid(0) %d", session, getsid(0));
	for (p = close_paren + 1; *p; p++)
		fields += *p == ' ';
	CHECK(fields + 2 == 52, "%d fields, Linux 6.1 has 52", fields + 2);
}

static const struct ut_case dirs_cases[] = {
	{ "root_lists", root_lists },
	{ "bin_lists_programs", bin_lists_programs },
	{ "dev_lists_devices", dev_lists_devices },
	{ "proc_lists_files_and_pids", proc_lists_files_and_pids },
	{ "proc_self_lists", proc_self_lists },
	{ "getdents_small_buffer_resumes", getdents_small_buffer_resumes },
	{ "getdents_doff_lseek", getdents_doff_lseek },
	{ "proc_end_lseek", proc_end_lseek },
	{ "getdents_errors", getdents_errors },
	{ "open_directory_errors", open_directory_errors },
	{ "proc_self_cmdline", proc_self_cmdline },
	{ "proc_self_stat", proc_self_stat },
};
UT_SUITE(suite_dirs, "user_dirs", dirs_cases);
