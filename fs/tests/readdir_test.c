// SPDX-License-Identifier: MIT
/*
 * Self-tests of getdents64() and the directories: suite "readdir"
 * (`ktest=readdir`, in `ktest=all`).
 *
 * Each directory is opened with filp_open() and listed with
 * kernel_getdents64() -- the system call's own record writer, into a
 * kernel buffer -- then the records are checked as a user would see them:
 *
 *   /      . .. (init bin) dev proc      DT_DIR (init: DT_REG)
 *   /bin   . .. every program             DT_REG, each one opens
 *   /dev   . .. console tty null zero     DT_CHR
 *   /proc  . .. buddyinfo ... self 1 2 .. DT_REG, DT_LNK, DT_DIR in pid order
 *
 * The ones in parentheses need an initramfs (the "readdir" matrix line
 * boots with one; ktest=all lines do not, and those cases say # SKIP).
 * Then the record rules: 8-byte aligned lengths, d_off = the next
 * record's position, a buffer with room for one record lists the same
 * names as a big one (one call per entry), a buffer too small for the
 * next record is -EINVAL and consumes nothing, lseek to a d_off resumes;
 * and the errors (ENOTDIR, EISDIR), /proc/PID/stat's first fields and a
 * kernel thread's empty cmdline.
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/initramfs.h>
#include <kernel/ktest.h>
#include <kernel/proc_fs.h>
#include <kernel/sched.h>
#include <kernel/string.h>
#include <uapi/linux/dirent.h>

#define MAX_ENTRIES	96

struct listing {
	int n;
	int calls;			/* getdents64 calls that returned records */
	char name[MAX_ENTRIES][32];
	unsigned char type[MAX_ENTRIES];
	u64 ino[MAX_ENTRIES];
	s64 off[MAX_ENTRIES];		/* d_off */
};

static struct listing la, lb;
static char dbuf[4096] __aligned(8);

/* Parse @n bytes of records in dbuf into @l. Return: false on a malformed record. */
static bool parse(struct ktest *t, int n, struct listing *l)
{
	for (int off = 0; off < n; ) {
		struct linux_dirent64 *d = (struct linux_dirent64 *)(dbuf + off);

		KTEST_EXPECT_EQ(t, d->d_reclen % 8, 0);
		KTEST_EXPECT_GE(t, d->d_reclen, 24);
		KTEST_EXPECT_EQ(t, d->d_reclen, ALIGN(19 + strlen(d->d_name) + 1, 8));
		if (d->d_reclen < 24 || d->d_reclen % 8 || off + d->d_reclen > n)
			return false;
		if (l->n < MAX_ENTRIES) {
			strlcpy(l->name[l->n], d->d_name, sizeof(l->name[0]));
			l->type[l->n] = d->d_type;
			l->ino[l->n] = d->d_ino;
			l->off[l->n] = d->d_off;
			l->n++;
		}
		off += d->d_reclen;
	}
	return true;
}

/* List @path with @size-byte getdents64 calls into @l. Return: 0 or -errno. */
static int list(struct ktest *t, const char *path, unsigned int size, struct listing *l)
{
	struct file *f = filp_open(path, O_RDONLY | O_DIRECTORY, 0);
	long n;

	memset(l, 0, sizeof(*l));
	if (IS_ERR(f))
		return PTR_ERR(f);
	while ((n = kernel_getdents64(f, dbuf, size)) > 0) {
		l->calls++;
		if (!parse(t, n, l)) {
			n = -EIO;
			break;
		}
	}
	fput(f);
	return n;
}

static int find(const struct listing *l, const char *name)
{
	for (int i = 0; i < l->n; i++)
		if (!strcmp(l->name[i], name))
			return i;
	return -1;
}

static int type_of(const struct listing *l, const char *name)
{
	int i = find(l, name);

	return i < 0 ? -1 : l->type[i];
}

static void expect_dots(struct ktest *t, const struct listing *l)
{
	KTEST_ASSERT_GE(t, l->n, 2);
	KTEST_EXPECT_STREQ(t, l->name[0], ".");
	KTEST_EXPECT_STREQ(t, l->name[1], "..");
	KTEST_EXPECT_EQ(t, l->type[0], DT_DIR);
	KTEST_EXPECT_EQ(t, l->type[1], DT_DIR);
	for (int i = 0; i < l->n; i++)
		KTEST_EXPECT_NE(t, l->ino[i], 0);
}

/* /: . .. then the archive's top level (init bin dev proc), or only dev proc without one. */
static void readdir_root(struct ktest *t)
{
	KTEST_ASSERT_EQ(t, list(t, "/", sizeof(dbuf), &la), 0);
	expect_dots(t, &la);
	KTEST_EXPECT_EQ(t, type_of(&la, "dev"), DT_DIR);
	KTEST_EXPECT_EQ(t, type_of(&la, "proc"), DT_DIR);
	KTEST_EXPECT_EQ(t, la.ino[0], la.ino[1]);		/* the root is its own parent */
	for (int i = 1; i < la.n; i++)				/* ".." and the names: all distinct */
		for (int j = i + 1; j < la.n; j++)
			ktest_check(t, la.ino[i] != la.ino[j], false, __FILE__, __LINE__,
				    "/%s and /%s share d_ino %llu", la.name[i], la.name[j],
				    (unsigned long long)la.ino[i]);
	if (!initramfs_count()) {
		KTEST_EXPECT_EQ(t, la.n, 4);
		return;
	}
	KTEST_EXPECT_EQ(t, type_of(&la, "init"), DT_REG);
	KTEST_EXPECT_EQ(t, type_of(&la, "bin"), DT_DIR);
	KTEST_EXPECT_EQ(t, la.n, 6);			/* dev and proc once, not twice */
}

/* /bin: every program of the archive, each DT_REG, each opens as a regular file. */
static void readdir_bin(struct ktest *t)
{
	const struct ramfs_inode *e;
	int programs = 0;

	if (!initramfs_count())
		ktest_skip(t, "no initramfs (boot with -initrd)");
	for (unsigned int i = 0; (e = initramfs_entry(i)); i++)
		programs += !strncmp(e->name, "/bin/", 5) && !strchr(e->name + 5, '/');
	KTEST_ASSERT_EQ(t, list(t, "/bin", sizeof(dbuf), &la), 0);
	expect_dots(t, &la);
	KTEST_EXPECT_EQ(t, la.n, programs + 2);
	KTEST_EXPECT_GE(t, find(&la, "usertests"), 2);
	for (int i = 2; i < la.n; i++) {
		char path[48];
		struct file *f;

		snprintf(path, sizeof(path), "/bin/%s", la.name[i]);
		KTEST_EXPECT_EQ(t, la.type[i], DT_REG);
		f = filp_open(path, O_RDONLY, 0);
		KTEST_EXPECT_FALSE(t, IS_ERR(f));
		if (!IS_ERR(f)) {
			KTEST_EXPECT_FALSE(t, file_is_dir(f));
			KTEST_EXPECT_EQ(t, f->f_inode->ino, la.ino[i]);
			fput(f);
		}
	}
}

static void readdir_dev(struct ktest *t)
{
	static const char *const names[] = { ".", "..", "console", "tty", "null", "zero" };

	KTEST_ASSERT_EQ(t, list(t, "/dev/", sizeof(dbuf), &la), 0);
	expect_dots(t, &la);
	KTEST_ASSERT_EQ(t, list(t, "/", sizeof(dbuf), &lb), 0);
	KTEST_EXPECT_EQ(t, la.ino[1], lb.ino[0]);	/* /dev/.. is / */
	KTEST_EXPECT_EQ(t, la.ino[0], lb.ino[find(&lb, "dev")]);	/* /dev/. is / 's "dev" */
	KTEST_ASSERT_EQ(t, la.n, 6);
	for (int i = 0; i < 6; i++) {
		KTEST_EXPECT_STREQ(t, la.name[i], names[i]);
		if (i >= 2)
			KTEST_EXPECT_EQ(t, la.type[i], DT_CHR);
	}
}

/* /proc: the reports DT_REG, self DT_LNK, then one DT_DIR per task in pid order, ours among them. */
static void readdir_proc(struct ktest *t)
{
	static const char *const reports[] = {
		"meminfo", "zoneinfo", "buddyinfo", "slabinfo", "vmallocinfo", "kmapinfo",
	};
	char me[12];
	long last = 0;
	int self;

	KTEST_ASSERT_EQ(t, list(t, "/", sizeof(dbuf), &lb), 0);
	KTEST_ASSERT_EQ(t, list(t, "/proc", sizeof(dbuf), &la), 0);
	expect_dots(t, &la);
	KTEST_EXPECT_EQ(t, la.ino[1], lb.ino[0]);	/* /proc/.. is / */
	KTEST_EXPECT_EQ(t, la.ino[0], lb.ino[find(&lb, "proc")]);	/* /proc/. is / 's "proc" */
	for (unsigned int i = 0; i < ARRAY_SIZE(reports); i++)
		KTEST_EXPECT_EQ(t, type_of(&la, reports[i]), DT_REG);
	self = find(&la, "self");
	KTEST_ASSERT_GE(t, self, 2);
	KTEST_EXPECT_EQ(t, la.type[self], DT_LNK);
	snprintf(me, sizeof(me), "%d", current->pid);
	KTEST_EXPECT_EQ(t, type_of(&la, me), DT_DIR);
	KTEST_EXPECT_EQ(t, type_of(&la, "1"), DT_DIR);	/* kernel_init, later /init */
	KTEST_EXPECT_EQ(t, find(&la, "0"), -1);		/* the idle task has no entry */
	for (int i = self + 1; i < la.n; i++) {		/* after self: only pids, ascending */
		long pid = 0;

		for (const char *c = la.name[i]; *c; c++) {
			KTEST_EXPECT_TRUE(t, *c >= '0' && *c <= '9');
			pid = pid * 10 + (*c - '0');
		}
		KTEST_EXPECT_GT(t, pid, last);
		KTEST_EXPECT_EQ(t, la.type[i], DT_DIR);
		last = pid;
	}
}

/* /proc/self: . .. status cmdline stat maps pagemap, all DT_REG. */
static void readdir_proc_self(struct ktest *t)
{
	static const char *const names[] = { "status", "cmdline", "stat", "maps", "pagemap" };

	KTEST_ASSERT_EQ(t, list(t, "/proc/self/", sizeof(dbuf), &la), 0);
	expect_dots(t, &la);
	KTEST_ASSERT_EQ(t, la.n, 2 + (int)ARRAY_SIZE(names));
	for (unsigned int i = 0; i < ARRAY_SIZE(names); i++) {
		KTEST_EXPECT_STREQ(t, la.name[2 + i], names[i]);
		KTEST_EXPECT_EQ(t, la.type[2 + i], DT_REG);
	}
}

/*
 * A buffer with room for exactly one record (32 bytes: "vmallocinfo" is
 * 19 + 12 = 31 -> 32; two of the smallest, 24 each, do not fit) lists the
 * same names, one call per entry.
 */
static void readdir_resume_one_record_per_call(struct ktest *t)
{
	static const char *const dirs[] = { "/", "/dev", "/proc", "/proc/self" };

	for (unsigned int d = 0; d < ARRAY_SIZE(dirs); d++) {
		int same;

		KTEST_ASSERT_EQ(t, list(t, dirs[d], sizeof(dbuf), &la), 0);
		KTEST_ASSERT_EQ(t, list(t, dirs[d], 32, &lb), 0);
		KTEST_EXPECT_EQ(t, lb.calls, lb.n);
		/* /proc's pids may come and go between the two listings: compare up to "self" */
		same = strcmp(dirs[d], "/proc") ? la.n : find(&la, "self") + 1;
		if (same == la.n)
			KTEST_EXPECT_EQ(t, la.n, lb.n);
		KTEST_ASSERT_GE(t, lb.n, same);
		KTEST_ASSERT_GE(t, same, 3);
		for (int i = 0; i < same; i++) {
			KTEST_EXPECT_STREQ(t, la.name[i], lb.name[i]);
			KTEST_EXPECT_EQ(t, la.type[i], lb.type[i]);
			KTEST_EXPECT_EQ(t, la.off[i], lb.off[i]);
		}
	}
}

/*
 * Too small for the next record: -EINVAL, and the entry stays for the
 * next call. In /proc: "." and ".." are 24 bytes, "buddyinfo" 32.
 *
 *   f_pos 0: 8 bytes -> -EINVAL; 24 -> "."; 24 -> ".."; 24 -> -EINVAL; 32 -> "buddyinfo"
 */
static void readdir_einval_small_buffer(struct ktest *t)
{
	struct file *f = filp_open("/proc", O_RDONLY, 0);
	struct linux_dirent64 *d = (struct linux_dirent64 *)dbuf;

	KTEST_ASSERT_TRUE(t, !IS_ERR(f));
	KTEST_EXPECT_EQ(t, kernel_getdents64(f, dbuf, 8), -EINVAL);
	KTEST_EXPECT_EQ(t, f->f_pos, 0);
	KTEST_EXPECT_EQ(t, kernel_getdents64(f, dbuf, 0), -EINVAL);
	KTEST_EXPECT_EQ(t, kernel_getdents64(f, dbuf, 24), 24);
	KTEST_EXPECT_STREQ(t, d->d_name, ".");
	KTEST_EXPECT_EQ(t, d->d_off, 1);
	KTEST_EXPECT_EQ(t, kernel_getdents64(f, dbuf, 24), 24);
	KTEST_EXPECT_STREQ(t, d->d_name, "..");
	KTEST_EXPECT_EQ(t, kernel_getdents64(f, dbuf, 24), -EINVAL);
	KTEST_EXPECT_EQ(t, f->f_pos, 2);
	KTEST_EXPECT_EQ(t, kernel_getdents64(f, dbuf, 32), 32);
	KTEST_EXPECT_STREQ(t, d->d_name, "buddyinfo");
	KTEST_EXPECT_EQ(t, d->d_type, DT_REG);
	fput(f);
}

/* d_off of each record is where the next one is; lseek there resumes; 0 rewinds; the end is 0. */
static void readdir_doff_lseek(struct ktest *t)
{
	struct file *f = filp_open("/dev", O_RDONLY, 0);
	struct linux_dirent64 *d = (struct linux_dirent64 *)dbuf;
	long n;

	KTEST_ASSERT_TRUE(t, !IS_ERR(f));
	n = kernel_getdents64(f, dbuf, sizeof(dbuf));
	memset(&la, 0, sizeof(la));
	KTEST_ASSERT_TRUE(t, n > 0 && parse(t, n, &la));
	KTEST_ASSERT_EQ(t, la.n, 6);
	KTEST_EXPECT_EQ(t, la.off[la.n - 1], f->f_pos);	/* the last record: the end position */
	KTEST_EXPECT_EQ(t, kernel_getdents64(f, dbuf, sizeof(dbuf)), 0);
	KTEST_EXPECT_EQ(t, vfs_llseek(f, la.off[2], SEEK_SET), la.off[2]);
	KTEST_EXPECT_GT(t, kernel_getdents64(f, dbuf, sizeof(dbuf)), 0);
	KTEST_EXPECT_STREQ(t, d->d_name, la.name[3]);
	KTEST_EXPECT_EQ(t, vfs_llseek(f, 0, SEEK_SET), 0);
	KTEST_EXPECT_GT(t, kernel_getdents64(f, dbuf, sizeof(dbuf)), 0);
	KTEST_EXPECT_STREQ(t, d->d_name, ".");
	KTEST_EXPECT_EQ(t, vfs_llseek(f, 0, SEEK_END), -EINVAL);
	KTEST_EXPECT_EQ(t, vfs_llseek(f, -1, SEEK_SET), -EINVAL);
	KTEST_EXPECT_EQ(t, vfs_llseek(f, 1000, SEEK_SET), 1000);	/* a cookie past the end: */
	KTEST_EXPECT_EQ(t, kernel_getdents64(f, dbuf, sizeof(dbuf)), 0);	/* nothing more */
	fput(f);
}

static void readdir_errors(struct ktest *t)
{
	struct file *f;
	char c;

	f = filp_open("/dev/null", O_RDONLY, 0);
	KTEST_ASSERT_TRUE(t, !IS_ERR(f));
	KTEST_EXPECT_EQ(t, kernel_getdents64(f, dbuf, sizeof(dbuf)), -ENOTDIR);
	fput(f);
	KTEST_EXPECT_EQ(t, PTR_ERR(filp_open("/dev/null", O_RDONLY | O_DIRECTORY, 0)), -ENOTDIR);
	KTEST_EXPECT_EQ(t, PTR_ERR(filp_open("/dev/null/", O_RDONLY, 0)), -ENOTDIR);
	KTEST_EXPECT_EQ(t, PTR_ERR(filp_open("/proc/meminfo", O_RDONLY | O_DIRECTORY, 0)), -ENOTDIR);
	KTEST_EXPECT_EQ(t, PTR_ERR(filp_open("/proc/self/stat/", O_RDONLY, 0)), -ENOTDIR);
	KTEST_EXPECT_EQ(t, PTR_ERR(filp_open("/", O_WRONLY, 0)), -EISDIR);
	KTEST_EXPECT_EQ(t, PTR_ERR(filp_open("/dev", O_RDWR, 0)), -EISDIR);
	KTEST_EXPECT_EQ(t, PTR_ERR(filp_open("/proc/self", O_WRONLY, 0)), -EISDIR);
	KTEST_EXPECT_EQ(t, PTR_ERR(filp_open("/proc/", O_WRONLY, 0)), -EISDIR);
	KTEST_EXPECT_EQ(t, PTR_ERR(filp_open("/dev/nonesuch", O_RDONLY, 0)), -ENOENT);
	f = filp_open("/proc//", O_RDONLY | O_DIRECTORY, 0);
	KTEST_ASSERT_TRUE(t, !IS_ERR(f));
	KTEST_EXPECT_TRUE(t, file_is_dir(f));
	KTEST_EXPECT_EQ(t, kernel_read(f, &c, 1, &f->f_pos), -EISDIR);
	fput(f);
	f = filp_open("/", O_RDONLY | O_DIRECTORY, 0);
	KTEST_ASSERT_TRUE(t, !IS_ERR(f));
	KTEST_EXPECT_EQ(t, kernel_read(f, &c, 1, &f->f_pos), -EISDIR);
	fput(f);
}

/* Read the /proc file @path whole into dbuf, NUL-terminated. Return: its length or -errno. */
static long read_proc(const char *path)
{
	struct file *f = filp_open(path, O_RDONLY, 0);
	long n;

	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_read(f, dbuf, sizeof(dbuf) - 1, &f->f_pos);
	fput(f);
	dbuf[n > 0 ? n : 0] = '\0';
	return n;
}

/* A kernel thread (this test's): cmdline is empty; stat is "pid (comm) R ppid ..." with 52 fields. */
static void proc_pid_stat_and_cmdline(struct ktest *t)
{
	char head[64];
	int spaces = 0;
	long n;

	KTEST_EXPECT_EQ(t, read_proc("/proc/self/cmdline"), 0);
	n = read_proc("/proc/self/stat");
	KTEST_ASSERT_GE(t, n, 2);
	ktest_log(t, "%.*s", (int)(n - 1), dbuf);	/* without its newline */
	snprintf(head, sizeof(head), "%d (%s) R %d ", current->pid, current->comm,
		 current->parent ? current->parent->pid : 0);
	KTEST_EXPECT_TRUE(t, !strncmp(dbuf, head, strlen(head)));
	KTEST_EXPECT_EQ(t, dbuf[n - 1], '\n');
	for (const char *c = strchr(dbuf, ')'); c && *c; c++)
		spaces += *c == ' ';
	KTEST_EXPECT_EQ(t, spaces + 2, 52);
	n = read_proc("/proc/1/stat");
	KTEST_EXPECT_TRUE(t, n > 0 && !strncmp(dbuf, "1 (", 3));
}

static const struct ktest_case readdir_cases[] = {
	KTEST_CASE(readdir_root),
	KTEST_CASE(readdir_bin),
	KTEST_CASE(readdir_dev),
	KTEST_CASE(readdir_proc),
	KTEST_CASE(readdir_proc_self),
	KTEST_CASE(readdir_resume_one_record_per_call),
	KTEST_CASE(readdir_einval_small_buffer),
	KTEST_CASE(readdir_doff_lseek),
	KTEST_CASE(readdir_errors),
	KTEST_CASE(proc_pid_stat_and_cmdline),
	{}
};
KTEST_SUITE(readdir) = { .name = "readdir", .cases = readdir_cases };
