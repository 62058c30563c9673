// SPDX-License-Identifier: MIT
/*
 * How this works: the initramfs, a newc cpio archive in memory.
 *
 * The boot loader loads the archive as the first multiboot module (QEMU
 * `-initrd FILE`, GRUB `module /boot/initramfs.cpio`) and
 * arch/x86/kernel/multiboot.c reserves its frames. initramfs_init() walks
 * it once, at the end of boot: each entry is a 110-byte ASCII header
 * ("070701", then 13 fields of 8 hex digits: inode, mode, uid, gid,
 * nlink, mtime, filesize, dev major/minor, rdev major/minor, namesize,
 * check), the name (namesize bytes with its NUL), padding to 4 bytes, the
 * data (filesize bytes), padding to 4; "TRAILER!!!" ends it. Every
 * regular file and directory becomes a struct ramfs_inode whose data
 * points into the archive itself: the files are read-only, so nothing is
 * copied. The archive lies where the boot loader put it, normally just
 * above the kernel in lowmem, so the direct map reaches it; one that lies
 * beyond lowmem is copied into a vmalloc area first, and said so.
 *
 * A damaged archive is not a panic: the walk stops at the first bad
 * header (wrong magic, a name or a file running past the end) with one
 * line naming the offset and what was wrong, and the files before it
 * are kept.
 *
 * Where it differs from Linux: Linux unpacks the archive into a tmpfs
 * (rootfs) -- the files get page-cache pages, and the archive's memory is
 * freed afterwards ("Freeing initrd memory") -- and understands
 * compressed archives, hard links and device nodes. Here the archive
 * stays, is the page cache, and must be uncompressed; symlinks and device
 * nodes are skipped with a line.
 */
#include <asm/page.h>
#include <asm/setup.h>
#include <kernel/initramfs.h>
#include <kernel/printk.h>
#include <kernel/string.h>
#include <mm/highmem.h>
#include <mm/mm.h>
#include <mm/slab.h>
#include <mm/vmalloc.h>

#define CPIO_HDR_LEN	110
#define MAX_FILES	256

static struct ramfs_inode *files;
static unsigned int nr_files;

unsigned int initramfs_count(void)
{
	return nr_files;
}

/* The 8 hex digits at @p; false if one is not a hex digit. */
static bool parse_hex8(const char *p, unsigned long *val)
{
	unsigned long v = 0;

	for (int i = 0; i < 8; i++) {
		char c = p[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return false;
	}
	*val = v;
	return true;
}

/* Compare @a (a stored absolute path) with @path, ignoring repeated and trailing slashes. */
static bool path_eq(const char *a, const char *path)
{
	for (;;) {
		while (*a == '/' && (a[1] == '/' || a[1] == '\0'))
			a++;
		while (*path == '/' && (path[1] == '/' || path[1] == '\0'))
			path++;
		if (*a != *path)
			return false;
		if (!*a)
			return true;
		a++;
		path++;
	}
}

/* The root directory: always there (/dev and /proc hang off it), ino 1 unless the archive took it. */
static struct ramfs_inode root = { "/", NULL, 0, S_IFDIR | 0755, 1 };

const struct ramfs_inode *initramfs_entry(unsigned int i)
{
	return i < nr_files ? &files[i] : NULL;
}

const struct ramfs_inode *initramfs_lookup(const char *path)
{
	if (!path || path[0] != '/')
		return NULL;
	if (path_eq("/", path))
		return &root;
	for (unsigned int i = 0; i < nr_files; i++)
		if (path_eq(files[i].name, path))
			return &files[i];
	return NULL;
}

/* The archive in kernel memory: the direct map, or a vmalloc copy beyond lowmem. */
static const u8 *map_archive(u32 start, u32 end)
{
	unsigned long len = end - start;
	u8 *copy;

	if ((u64)end <= (u64)max_low_pfn << PAGE_SHIFT)
		return __va(start);
	copy = vmalloc(len);
	if (!copy) {
		pr_err("initramfs: the archive at [%#x-%#x) is beyond lowmem and no vmalloc "
		       "copy of %lu KiB could be made; no initramfs\n", start, end, len >> 10);
		return NULL;
	}
	for (unsigned long done = 0; done < len; ) {
		unsigned long pa = start + done, in = pa & ~PAGE_MASK;
		unsigned long n = min(PAGE_SIZE - in, len - done);
		u8 *v = kmap_local_page(pfn_to_page(pa >> PAGE_SHIFT));

		memcpy(copy + done, v + in, n);
		kunmap_local(v);
		done += n;
	}
	pr_info("initramfs: the archive at [%#x-%#x) is beyond lowmem: copied into vmalloc\n",
		start, end);
	return copy;
}

/* Keep one entry: "bin/x", "./bin/x" or "/bin/x" becomes "/bin/x". */
static bool add_file(const char *name, const u8 *data, unsigned long size,
		     unsigned long mode, unsigned long ino)
{
	struct ramfs_inode *f;
	size_t len;
	char *n;

	while (name[0] == '.' && name[1] == '/')
		name += 2;
	while (name[0] == '/')
		name++;
	if (!name[0] || (name[0] == '.' && !name[1]))
		return true;			/* the root itself */
	if (nr_files == MAX_FILES) {
		pr_warn("initramfs: more than %d files; the rest are ignored\n", MAX_FILES);
		return false;
	}
	len = strlen(name);
	n = kmalloc(len + 2, GFP_KERNEL);
	if (!n)
		return false;
	n[0] = '/';
	memcpy(n + 1, name, len + 1);
	f = &files[nr_files++];
	f->name = n;
	f->data = data;
	f->size = size;
	f->mode = mode;
	f->ino = ino;
	if (ino >= root.ino)		/* tools/mkcpio.py numbers from 1: keep the root's apart */
		root.ino = ino + 1;
	return true;
}

void initramfs_init(void)
{
	unsigned long off = 0, len, kib;
	const u8 *a;
	u32 start, end;

	if (!boot_params.mods_count)
		return;
	start = boot_params.mods[0].start;
	end = boot_params.mods[0].end;
	len = end - start;
	if (len < CPIO_HDR_LEN) {
		pr_warn("initramfs: module 0 is %lu bytes, too short for a cpio archive; ignored\n", len);
		return;
	}
	a = map_archive(start, end);
	if (!a)
		return;
	files = kmalloc(MAX_FILES * sizeof(*files), GFP_KERNEL);
	if (!files)
		return;
	while (off + CPIO_HDR_LEN <= len) {
		const char *h = (const char *)a + off;
		unsigned long f[13], namesize, filesize, data_off;
		const char *name;

		if (memcmp(h, "070701", 6)) {
			pr_warn("initramfs: bad cpio magic at offset %lu (want newc \"070701\"); "
				"%u files kept\n", off, nr_files);
			break;
		}
		for (int i = 0; i < 13; i++)
			if (!parse_hex8(h + 6 + 8 * i, &f[i])) {
				pr_warn("initramfs: bad hex field %d in the header at offset %lu; "
					"%u files kept\n", i, off, nr_files);
				goto done;
			}
		filesize = f[6];
		namesize = f[11];
		name = h + CPIO_HDR_LEN;
		if (namesize == 0 || namesize > len - off - CPIO_HDR_LEN ||
		    name[namesize - 1] != '\0') {
			pr_warn("initramfs: the name at offset %lu runs past the archive's end "
				"or has no NUL; %u files kept\n", off, nr_files);
			break;
		}
		data_off = ALIGN(off + CPIO_HDR_LEN + namesize, 4);
		if (data_off > len || filesize > len - data_off) {
			pr_warn("initramfs: %s (%lu bytes at offset %lu) runs past the archive's "
				"end (%lu bytes); %u files kept\n", name, filesize, data_off, len,
				nr_files);
			break;
		}
		if (!strcmp(name, "TRAILER!!!"))
			break;
		if (S_ISREG(f[1]) || S_ISDIR(f[1])) {
			if (!add_file(name, a + data_off, S_ISREG(f[1]) ? filesize : 0, f[1], f[0]))
				break;
		} else {
			pr_info("initramfs: %s: mode %#lo is neither a file nor a directory; "
				"skipped\n", name, f[1]);
		}
		off = ALIGN(data_off + filesize, 4);
	}
done:
	kib = len >> 10;
	pr_info("initramfs: %u files, %lu KiB at [%#x-%#x)\n", nr_files, kib, start, end);
}
