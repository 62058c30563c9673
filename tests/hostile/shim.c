// SPDX-License-Identifier: MIT
/*
 * How this works: a boot loader that lies, to test what the kernel trusts.
 *
 * QEMU boots this shim as a multiboot kernel (-kernel shim.elf) with the
 * real kernel.elf as its one module (-initrd) and the case to play on its
 * command line (-append "CASE [kernel command line]"). The shim
 *
 *   1. copies what QEMU told it (memory map, mem_lower/mem_upper, where
 *      the module is) out of QEMU's multiboot information;
 *   2. loads kernel.elf's PT_LOAD segments at their physical addresses,
 *      zeroing the rest of each (.bss), as a loader does -- it lives at
 *      8 MiB (shim.ld), so nothing it loads can land on itself;
 *   3. builds a correct multiboot information block in low memory (MBI
 *      at 0x10000, memory map at 0x20000, command line at 0x10800), a
 *      copy of QEMU's, then lets the case break one thing in it;
 *   4. prints "hostile: case NAME: what it does" on COM1 and jumps to the
 *      kernel's entry with EAX = 0x2BADB002 and EBX = the MBI.
 *
 * The kernel must then boot, or stop with one line naming the problem;
 * tests/expect/shim-NAME.expect says which (tests/README.md). A shim
 * error (no module, unknown case) ends QEMU with status 37, which no
 * kernel outcome produces.
 *
 * Multiboot's map entry: u32 size, then size bytes of which the first 20
 * are addr (u64), len (u64), type (u32); the next entry starts size + 4
 * bytes further on. QEMU and GRUB write size 20.
 */
#include <asm/multiboot.h>

#define MBI_ADDR	0x10000
#define MODS_ADDR	0x10400
#define CMDLINE_ADDR	0x10800
#define NAME_ADDR	0x10c00
#define MMAP_ADDR	0x20000		/* room for 64 entries of 4100 bytes */
#define MAX_ENTRIES	32
#define BOOT_MAP_END	0x1000000	/* the kernel's boot page tables reach 16 MiB */
#define SHIM_ERROR	0x12		/* QEMU exit status 37 */

extern char __shim_start[], __shim_end[];
__attribute__((noreturn)) void enter_kernel(u32 entry, u32 magic, u32 mbi);
__attribute__((noreturn)) void shim_main(u32 magic, u32 qemu_mbi_phys);

/* --- COM1 and QEMU's exit ------------------------------------------------ */

static inline void outb(u16 port, u8 v)
{
	__asm__ volatile("outb %0, %1" :: "a"(v), "Nd"(port));
}

static inline void outl(u16 port, u32 v)
{
	__asm__ volatile("outl %0, %1" :: "a"(v), "Nd"(port));
}

static inline u8 inb(u16 port)
{
	u8 v;

	__asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static void putc(char c)
{
	while (!(inb(0x3f8 + 5) & 0x20))
		;
	outb(0x3f8, c);
}

static void puts(const char *s)
{
	while (*s)
		putc(*s++);
}

static void putnum(u32 v, u32 base)
{
	char buf[12];
	int i = 0;

	if (base == 16)
		puts("0x");
	do {
		buf[i++] = "0123456789abcdef"[v % base];
		v /= base;
	} while (v);
	while (i)
		putc(buf[--i]);
}

/* %s, %u and %x (as 0x...) only. */
static void vsay(const char *fmt, __builtin_va_list ap)
{
	for (; *fmt; fmt++) {
		if (*fmt != '%') {
			putc(*fmt);
			continue;
		}
		switch (*++fmt) {
		case 's': puts(__builtin_va_arg(ap, const char *)); break;
		case 'u': putnum(__builtin_va_arg(ap, u32), 10); break;
		case 'x': putnum(__builtin_va_arg(ap, u32), 16); break;
		default: putc('%'); putc(*fmt); break;
		}
	}
}

static void say(const char *fmt, ...)
{
	__builtin_va_list ap;

	__builtin_va_start(ap, fmt);
	puts("hostile: ");
	vsay(fmt, ap);
	puts("\r\n");
	__builtin_va_end(ap);
}

__attribute__((noreturn)) static void die(const char *fmt, ...)
{
	__builtin_va_list ap;

	__builtin_va_start(ap, fmt);
	puts("hostile: error: ");
	vsay(fmt, ap);
	puts("\r\n");
	__builtin_va_end(ap);
	outl(0xf4, SHIM_ERROR);
	for (;;)
		__asm__ volatile("cli; hlt");
}

/* --- memory ---------------------------------------------------------------- */

/* Physical addresses as pointers: paging is off. */
#define PHYS(a)		((void *)(unsigned long)(a))

void *memmove(void *dst, const void *src, size_t n);
void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);

void *memmove(void *dst, const void *src, size_t n)
{
	volatile u8 *d = dst;
	const volatile u8 *s = src;

	if (d < s)
		for (size_t i = 0; i < n; i++)
			d[i] = s[i];
	else
		while (n--)
			d[n] = s[n];
	return dst;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	return memmove(dst, src, n);
}

void *memset(void *dst, int c, size_t n)
{
	volatile u8 *d = dst;

	for (size_t i = 0; i < n; i++)
		d[i] = (u8)c;
	return dst;
}

static size_t strlen(const char *s)
{
	size_t n = 0;

	while (s[n])
		n++;
	return n;
}

static int streq(const char *a, const char *b)
{
	while (*a && *a == *b)
		a++, b++;
	return *a == *b;
}

/* --- what QEMU gave the shim --------------------------------------------- */

static struct {
	u32 mem_lower, mem_upper;
	u32 ram_end;				/* 1 MiB + mem_upper KiB */
	struct multiboot_mmap_entry map[MAX_ENTRIES];
	u32 nmap;
	u32 mod_start, mod_end;			/* kernel.elf */
	char case_name[64];
	char args[512];				/* the kernel's command line */
} qemu;

static void read_qemu_mbi(u32 magic, u32 phys)
{
	const struct multiboot_info *m = PHYS(phys);
	const char *cmd, *p;
	u32 off, n;

	if (magic != MULTIBOOT_BOOTLOADER_MAGIC)
		die("not started by a multiboot loader (EAX %x)", magic);
	if (!(m->flags & MULTIBOOT_INFO_MEMORY) || !(m->flags & MULTIBOOT_INFO_MEM_MAP))
		die("QEMU gave no memory information (flags %x)", m->flags);
	qemu.mem_lower = m->mem_lower;
	qemu.mem_upper = m->mem_upper;
	qemu.ram_end = (1024 + m->mem_upper) << 10;
	for (off = 0; off + 24 <= m->mmap_length && qemu.nmap < MAX_ENTRIES; ) {
		const struct multiboot_mmap_entry *e = PHYS(m->mmap_addr + off);

		qemu.map[qemu.nmap++] = *e;
		off += e->size + 4;
	}
	if (!(m->flags & MULTIBOOT_INFO_MODS) || !m->mods_count)
		die("no module: boot with -initrd build/kernel.elf");
	qemu.mod_start = ((const struct multiboot_module *)PHYS(m->mods_addr))->mod_start;
	qemu.mod_end = ((const struct multiboot_module *)PHYS(m->mods_addr))->mod_end;

	/* QEMU's command line is "<-kernel file> <-append text>". */
	cmd = (m->flags & MULTIBOOT_INFO_CMDLINE) ? PHYS(m->cmdline) : "";
	p = cmd;
	while (*p && *p != ' ')
		p++;
	for (const char *q = cmd; q < p; q++)
		if (*q == '/' || *q == '.') {		/* a file name: skip it */
			cmd = p;
			break;
		}
	while (*cmd == ' ')
		cmd++;
	for (n = 0; *cmd && *cmd != ' ' && n + 1 < sizeof(qemu.case_name); n++)
		qemu.case_name[n] = *cmd++;
	while (*cmd == ' ')
		cmd++;
	for (n = 0; cmd[n] && n + 1 < sizeof(qemu.args); n++)
		qemu.args[n] = cmd[n];
}

/* --- loading kernel.elf ---------------------------------------------------- */

struct elf32_ehdr {
	u8 ident[16];
	u16 type, machine;
	u32 version, entry, phoff, shoff, flags;
	u16 ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf32_phdr {
	u32 type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

/* Where the kernel's pieces are, physically (for the cases that aim there). */
static struct {
	u32 entry;
	u32 start, end;			/* the whole image */
	u32 data;			/* start of the last PT_LOAD (.data) */
	u32 bss;			/* where its file contents end (.bss) */
} kimg;

static int overlaps(u32 a, u32 alen, u32 b, u32 blen)
{
	return a < b + blen && b < a + alen;
}

static void load_kernel(void)
{
	const u8 *file = PHYS(qemu.mod_start);
	const struct elf32_ehdr *eh = (const void *)file;
	u32 shim = (u32)(unsigned long)__shim_start;
	u32 shim_len = (u32)(__shim_end - __shim_start);
	int entry_ok = 0;

	if (eh->ident[0] != 0x7f || eh->ident[1] != 'E' || eh->ident[2] != 'L' ||
	    eh->ident[3] != 'F' || eh->ident[4] != 1 || eh->machine != 3)
		die("the module at %x is not an i386 ELF file", qemu.mod_start);
	kimg.start = ~0U;
	for (u32 i = 0; i < eh->phnum; i++) {
		const struct elf32_phdr *ph = (const void *)(file + eh->phoff + i * eh->phentsize);

		if (ph->type != 1)		/* PT_LOAD */
			continue;
		if (overlaps(ph->paddr, ph->memsz, shim, shim_len) ||
		    overlaps(ph->paddr, ph->memsz, qemu.mod_start, qemu.mod_end - qemu.mod_start))
			die("kernel segment [%x+%x] would overwrite the shim or the module",
			    ph->paddr, ph->memsz);
		memmove(PHYS(ph->paddr), file + ph->offset, ph->filesz);
		memset(PHYS(ph->paddr + ph->filesz), 0, ph->memsz - ph->filesz);
		if (ph->paddr < kimg.start)
			kimg.start = ph->paddr;
		if (ph->paddr + ph->memsz > kimg.end) {
			kimg.end = ph->paddr + ph->memsz;
			kimg.data = ph->paddr;
			kimg.bss = (ph->paddr + ph->filesz + 15) & ~15U;
		}
		if (eh->entry >= ph->paddr && eh->entry < ph->paddr + ph->filesz)
			entry_ok = 1;
	}
	if (!entry_ok)
		die("the kernel's entry %x is in no loaded segment", eh->entry);
	kimg.entry = eh->entry;
}

/* --- the multiboot information the kernel gets ----------------------------- */

static struct multiboot_info *mbi;
static u32 magic_out = MULTIBOOT_BOOTLOADER_MAGIC;

static struct multiboot_mmap_entry *entry_at(u32 i)
{
	unsigned long a = mbi->mmap_addr + i * 24;

	__asm__("" : "+r"(a));		/* any address, 0 included: no provenance */
	return PHYS(a);
}

/* QEMU's map at @addr with every size field @size (entries size + 4 apart). */
static u32 write_map(u32 addr, u32 size)
{
	u32 stride = size + 4;

	for (u32 i = 0; i < qemu.nmap; i++) {
		struct multiboot_mmap_entry e = qemu.map[i];

		e.size = size;
		memset(PHYS(addr + i * stride), 0, stride);
		memmove(PHYS(addr + i * stride), &e, sizeof(e));
	}
	return qemu.nmap * stride;
}

static void build_good_mbi(void)
{
	mbi = PHYS(MBI_ADDR);
	memset(mbi, 0, sizeof(*mbi));
	mbi->flags = MULTIBOOT_INFO_MEMORY | MULTIBOOT_INFO_CMDLINE | MULTIBOOT_INFO_MEM_MAP |
		     MULTIBOOT_INFO_BOOT_LOADER_NAME;
	mbi->mem_lower = qemu.mem_lower;
	mbi->mem_upper = qemu.mem_upper;
	memmove(PHYS(CMDLINE_ADDR), qemu.args, strlen(qemu.args) + 1);
	mbi->cmdline = CMDLINE_ADDR;
	memmove(PHYS(NAME_ADDR), "Fenestra hostile loader", 24);
	mbi->boot_loader_name = NAME_ADDR;
	mbi->mmap_addr = MMAP_ADDR;
	mbi->mmap_length = write_map(MMAP_ADDR, 20);
}

static void move_mbi(u32 addr)
{
	memmove(PHYS(addr), mbi, sizeof(*mbi));
	mbi = PHYS(addr);
}

static void move_map(u32 addr)
{
	memmove(PHYS(addr), PHYS(mbi->mmap_addr), mbi->mmap_length);
	mbi->mmap_addr = addr;
}

static void add_module(u32 start, u32 end)
{
	struct multiboot_module *m = PHYS(MODS_ADDR);

	*m = (struct multiboot_module){ start, end, 0, 0 };
	mbi->mods_addr = MODS_ADDR;
	mbi->mods_count = 1;
	mbi->flags |= MULTIBOOT_INFO_MODS;
}

/* --- the cases ------------------------------------------------------------- */

static void case_good(void) { }
static void case_mmap_size0(void) { entry_at(1)->size = 0; }
static void case_mmap_size16(void) { entry_at(1)->size = 16; }
static void case_mmap_size4096(void) { mbi->mmap_length = write_map(MMAP_ADDR, 4096); }
static void case_mmap_size4096_overrun(void) { entry_at(2)->size = 4096; }
static void case_mmap_size_ffffffff(void) { entry_at(0)->size = 0xffffffff; }
static void case_mmap_cut(void) { mbi->mmap_length -= 10; }

/* RAM really ends where the last map entry below 16 MiB does (QEMU keeps
 * its top 128 KiB reserved, past mem_upper); writes beyond are lost. */
static void case_mmap_past_ram(void)
{
	u32 end = 0;

	if (qemu.ram_end + 2 * 24 > BOOT_MAP_END)
		die("mmap-past-ram needs less than 16 MiB of RAM (-m 14M)");
	for (u32 i = 0; i < qemu.nmap; i++)
		if (qemu.map[i].addr + qemu.map[i].len <= BOOT_MAP_END &&
		    qemu.map[i].addr + qemu.map[i].len > end)
			end = (u32)(qemu.map[i].addr + qemu.map[i].len);
	move_map(end - 2 * 24);
}

static void case_mmap_at_0(void) { move_map(0); }
/* size + 4 is -28: a reader that trusts it steps back before physical 0. */
static void case_mmap_at_0_backwards(void)
{
	move_map(0);
	entry_at(1)->size = 0xffffffe0;
}

static void case_mmap_beyond(void) { mbi->mmap_addr = 0x40000000; }

static void case_mmap_flag_empty(void)
{
	mbi->mmap_addr = 0;
	mbi->mmap_length = 0;
}

/* mmap_length 0 with mmap_addr on the kernel's .data: nothing there to
 * wipe, so head.asm must not refuse it; C ignores the empty map. */
static void case_mmap_empty_in_image(void)
{
	mbi->mmap_addr = kimg.data;
	mbi->mmap_length = 0;
}

static void case_no_mmap(void) { mbi->flags &= ~MULTIBOOT_INFO_MEM_MAP; }

static void case_no_memory_info(void)
{
	mbi->flags &= ~(MULTIBOOT_INFO_MEM_MAP | MULTIBOOT_INFO_MEMORY);
}

static void case_mbi_in_bss(void) { move_mbi(kimg.bss + 0x800); }
static void case_mbi_in_image(void) { move_mbi(kimg.data); }
static void case_mmap_in_bss(void) { move_map(kimg.bss + 0x1000); }

static void case_cmdline_in_bss(void)
{
	memmove(PHYS(kimg.bss + 0x2000), PHYS(mbi->cmdline), strlen(PHYS(mbi->cmdline)) + 1);
	mbi->cmdline = kimg.bss + 0x2000;
}

static void case_cmdline_beyond(void) { mbi->cmdline = 0xf0000000; }

static void case_cmdline_unterminated(void)
{
	if (qemu.ram_end < BOOT_MAP_END + 4096)
		die("cmdline-unterminated needs more than 16 MiB of RAM");
	memset(PHYS(BOOT_MAP_END - 32), 'x', 32 + 64);	/* a NUL only past 16 MiB */
	*(char *)PHYS(BOOT_MAP_END + 64) = 0;
	mbi->cmdline = BOOT_MAP_END - 32;
}

/* RAM below 16 MiB turned reserved: the boot page tables reach no free RAM. */
static void case_no_low_ram(void)
{
	u32 n = 0;

	for (u32 i = 0; i < qemu.nmap && n + 1 < MAX_ENTRIES; i++) {
		struct multiboot_mmap_entry e = qemu.map[i];

		if (e.type == 1 && e.addr < BOOT_MAP_END) {
			u64 end = e.addr + e.len;

			e.type = 2;
			if (end > BOOT_MAP_END) {
				e.len = BOOT_MAP_END - e.addr;
				entry_at(n++)[0] = e;
				e = (struct multiboot_mmap_entry){ 20, BOOT_MAP_END,
								   end - BOOT_MAP_END, 1 };
			}
		}
		entry_at(n++)[0] = e;
	}
	mbi->mmap_length = n * 24;
}

static void case_mod_high_ram(void)
{
	case_no_low_ram();
	add_module(BOOT_MAP_END, qemu.ram_end);
}

static void case_mod_end_before_start(void) { add_module(0x2000000, 0x1000000); }
static void case_mod_all_ram(void) { add_module(0, qemu.ram_end); }
static void case_bad_magic(void) { magic_out = MULTIBOOT_HEADER_MAGIC; }
static void case_mbi_beyond(void) { mbi = PHYS(0xf0000000); }

static const struct hostile_case {
	const char *name;
	void (*apply)(void);
	const char *what;
} cases[] = {
	{ "good", case_good, "a correct MBI (the control)" },
	{ "mmap-size0", case_mmap_size0, "map entry 1 has size 0" },
	{ "mmap-size16", case_mmap_size16, "map entry 1 has size 16" },
	{ "mmap-size4096", case_mmap_size4096, "every map entry has size 4096 (legal)" },
	{ "mmap-size4096-overrun", case_mmap_size4096_overrun,
	  "map entry 2 says size 4096 in a map of 24-byte entries" },
	{ "mmap-size-ffffffff", case_mmap_size_ffffffff, "map entry 0 has size 0xffffffff" },
	{ "mmap-cut", case_mmap_cut, "mmap_length cuts the last entry short by 10 bytes" },
	{ "mmap-past-ram", case_mmap_past_ram, "the map runs past the end of RAM" },
	{ "mmap-at-0", case_mmap_at_0, "the map is at physical 0" },
	{ "mmap-at-0-backwards", case_mmap_at_0_backwards,
	  "the map is at physical 0 and entry 1's size 0xffffffe0 points back before it" },
	{ "mmap-beyond", case_mmap_beyond, "mmap_addr is 0x40000000, past RAM" },
	{ "mmap-flag-empty", case_mmap_flag_empty, "the mmap flag is set, mmap_addr 0 length 0" },
	{ "mmap-empty-in-image", case_mmap_empty_in_image,
	  "the mmap flag is set, mmap_length 0, mmap_addr on the kernel's .data" },
	{ "no-mmap", case_no_mmap, "no map: mem_lower/mem_upper only" },
	{ "no-memory-info", case_no_memory_info, "neither a map nor mem_lower/mem_upper" },
	{ "mbi-in-bss", case_mbi_in_bss, "the MBI is inside the kernel's .bss" },
	{ "mbi-in-image", case_mbi_in_image, "the MBI is on the kernel's .data" },
	{ "mmap-in-bss", case_mmap_in_bss, "the map is inside the kernel's .bss" },
	{ "cmdline-in-bss", case_cmdline_in_bss, "the command line is inside the kernel's .bss" },
	{ "cmdline-beyond", case_cmdline_beyond, "the command line pointer is 0xf0000000" },
	{ "cmdline-unterminated", case_cmdline_unterminated,
	  "the command line has no NUL in the first 16 MiB" },
	{ "mod-end-before-start", case_mod_end_before_start,
	  "a module [0x2000000, 0x1000000): mod_end < mod_start" },
	{ "mod-all-ram", case_mod_all_ram, "a module covering all RAM" },
	{ "no-low-ram", case_no_low_ram, "no usable RAM in the first 16 MiB" },
	{ "mod-high-ram", case_mod_high_ram,
	  "no usable RAM in the first 16 MiB, and a module on all RAM above" },
	{ "bad-magic", case_bad_magic, "EAX is 0x1badb002, the header's magic" },
	{ "mbi-beyond", case_mbi_beyond, "EBX is 0xf0000000, past RAM" },
};

void shim_main(u32 magic, u32 qemu_mbi_phys)
{
	const struct hostile_case *c = 0;

	read_qemu_mbi(magic, qemu_mbi_phys);
	for (u32 i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		if (streq(cases[i].name, qemu.case_name))
			c = &cases[i];
	if (!c) {
		say("cases:");
		for (u32 i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
			say("  %s: %s", cases[i].name, cases[i].what);
		die("unknown case \"%s\" (-append \"CASE [kernel command line]\")", qemu.case_name);
	}
	load_kernel();
	build_good_mbi();
	c->apply();
	say("case %s: %s", c->name, c->what);
	say("kernel image [%x-%x), .bss from %x; entering at %x with EAX=%x EBX=%x",
	    kimg.start, kimg.end, kimg.bss, kimg.entry, magic_out, (u32)(unsigned long)mbi);
	enter_kernel(kimg.entry, magic_out, (u32)(unsigned long)mbi);
}
