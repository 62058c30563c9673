// SPDX-License-Identifier: MIT
/*
 * KTAP suite "mmdemo": /proc/mmdemo's parser and its release on close
 * (mm/demo/mmdemo.c; built with TOUR=1, so every case skips without it).
 *
 *   mmdemo_bad_input_is_einval      every malformed command: -EINVAL, one
 *                                   "error:" result, nothing taken
 *   mmdemo_second_writer_is_ebusy   one owner at a time
 *   mmdemo_not_a_directory          O_DIRECTORY and "/proc/mmdemo/": -ENOTDIR
 *   mmdemo_vmalloc_keeps_floor      8 x "vmalloc 65536": each one made or
 *                                   refused (-EINVAL) at the lowmem floor;
 *                                   refused at least once when lowmem alone
 *                                   is smaller than the 512 MiB asked for
 *   mmdemo_close_releases_all       kmap 3, lowmem-eat, vmalloc held, then
 *                                   the last fput(): every page back
 *
 * The commands go through mmdemo_command(), which is what write() calls
 * after copying the text in; the files are real ones (mmdemo_open()).
 */
#include <kernel/errno.h>
#include <kernel/fs.h>
#include <kernel/ktest.h>
#include <kernel/string.h>
#include <mm/mm.h>
#include <mm/mmdemo.h>
#include <mm/vmalloc.h>
#include "mm_test.h"

static bool contains(const char *s, const char *what)
{
	for (size_t n = strlen(what); *s; s++)
		if (!strncmp(s, what, n))
			return true;
	return false;
}

static struct file *open_demo(struct ktest *t)
{
	struct file *f;

	if (!IS_ENABLED(CONFIG_TOUR))
		ktest_skip(t, "/proc/mmdemo is built with TOUR=1 only");
	f = mmdemo_open(O_RDWR);
	KTEST_ASSERT_TRUE(t, !IS_ERR(f));
	return f;
}

static void mmdemo_bad_input_is_einval(struct ktest *t)
{
	static const char *const bad[] = {
		"", "   ", "bogus", "kmap", "kmap 0", "kmap -1", "kmap 1x", "kmap 99999",
		"kmap 1 2", "kunmap 1", "kunmap all", "vfree", "vfree now", "lowmem-release",
		"lowmem-eat", "lowmem-eat 3", "lowmem-eat 4294967296", "vmalloc 0",
		"vmalloc 65540", "kmap-wait x", "release", "kmap 4294967297",
		"kmap 4294967296", "kmap 18446744073709551617", "lowmem-eat 4294967300",
		"kmap 1 xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
	};
	struct file *f = open_demo(t);
	static char buf[PAGE_SIZE];
	loff_t pos;

	for (unsigned int i = 0; i < ARRAY_SIZE(bad); i++) {
		int ret = mmdemo_command(f, bad[i]);

		if (ret != -EINVAL)
			ktest_log(t, "\"%s\": %d", bad[i], ret);
		KTEST_EXPECT_EQ(t, ret, -EINVAL);
		pos = 0;
		memset(buf, 0, sizeof(buf));
		KTEST_EXPECT_GT(t, kernel_read(f, buf, sizeof(buf) - 1, &pos), 0);
		KTEST_EXPECT_TRUE(t, contains(buf, "\nkmap: held 0") && contains(buf, "error: "));
	}
	KTEST_EXPECT_EQ(t, mmdemo_pages_held(), 0);
	/* with highmem, kmap-wait needs a held entry: only the demo's kunmap wakes it */
	if (totalhigh_pages)
		KTEST_EXPECT_EQ(t, mmdemo_command(f, "kmap-wait"), -EINVAL);
	KTEST_EXPECT_EQ(t, mmdemo_command(f, "help"), 0);
	fput(f);
}

static void mmdemo_second_writer_is_ebusy(struct ktest *t)
{
	struct file *a = open_demo(t), *b = mmdemo_open(O_RDWR), *r = mmdemo_open(O_RDONLY);

	KTEST_ASSERT_TRUE(t, !IS_ERR(b));
	KTEST_ASSERT_TRUE(t, !IS_ERR(r));
	KTEST_EXPECT_EQ(t, mmdemo_command(a, "help"), 0);	/* a owns the demo now */
	KTEST_EXPECT_EQ(t, mmdemo_command(b, "help"), -EBUSY);
	KTEST_EXPECT_EQ(t, mmdemo_command(r, "help"), -EBADF);
	fput(a);
	KTEST_EXPECT_EQ(t, mmdemo_command(b, "help"), 0);	/* free again */
	fput(b);
	fput(r);
}

static void mmdemo_not_a_directory(struct ktest *t)
{
	if (!IS_ENABLED(CONFIG_TOUR))
		ktest_skip(t, "/proc/mmdemo is built with TOUR=1 only");
	KTEST_EXPECT_EQ(t, PTR_ERR(mmdemo_open(O_RDONLY | O_DIRECTORY)), -ENOTDIR);
	KTEST_EXPECT_EQ(t, PTR_ERR(filp_open("/proc/mmdemo/", O_RDONLY, 0)), -ENOTDIR);
	KTEST_EXPECT_EQ(t, PTR_ERR(filp_open("/proc/mmdemo/", O_RDWR, 0)), -ENOTDIR);
	KTEST_EXPECT_EQ(t, PTR_ERR(filp_open("/proc/mmdemo//", O_RDONLY, 0)), -ENOTDIR);
}

static void mmdemo_vmalloc_keeps_floor(struct ktest *t)
{
	struct file *f = open_demo(t);
	unsigned int made = 0, refused = 0;

	for (int i = 0; i < 8; i++) {
		int ret = mmdemo_command(f, "vmalloc 65536");

		KTEST_EXPECT_TRUE(t, ret == 0 || ret == -EINVAL);
		refused += ret == -EINVAL;
		made += ret == 0;
	}
	ktest_log(t, "%u areas made, %u refused", made, refused);
	if (!totalhigh_pages && totalram_pages < 8 * (65536 >> (PAGE_SHIFT - 10)))
		KTEST_EXPECT_GT(t, refused, 0);
	fput(f);
	KTEST_EXPECT_EQ(t, mmdemo_pages_held(), 0);
}

static void mmdemo_close_releases_all(struct ktest *t)
{
	unsigned long before[MAX_NR_ZONES];
	void *warm = vmalloc(64 << 10);		/* its page table, if new, stays: before the snapshot */
	struct file *f;

	vfree(warm);
	zone_free_snapshot_shrunk(before);	/* the file's own buffer is freed at the end too */
	f = open_demo(t);
	KTEST_EXPECT_EQ(t, mmdemo_command(f, "kmap 3"), 0);
	KTEST_EXPECT_EQ(t, mmdemo_command(f, "lowmem-eat 1024"), 0);
	KTEST_EXPECT_EQ(t, mmdemo_command(f, "vmalloc 64"), 0);
	KTEST_EXPECT_GE(t, mmdemo_pages_held(), 3 + 16);
	fput(f);				/* the last reference: ->release */
	KTEST_EXPECT_EQ(t, mmdemo_pages_held(), 0);
	KTEST_EXPECT_ZONES_FREE_SHRUNK(t, before);
}

static const struct ktest_case mmdemo_cases[] = {
	KTEST_CASE(mmdemo_bad_input_is_einval),
	KTEST_CASE(mmdemo_second_writer_is_ebusy),
	KTEST_CASE(mmdemo_not_a_directory),
	KTEST_CASE(mmdemo_vmalloc_keeps_floor),
	KTEST_CASE(mmdemo_close_releases_all),
	{}
};
KTEST_SUITE(mmdemo) = { .name = "mmdemo", .cases = mmdemo_cases };
