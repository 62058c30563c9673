// SPDX-License-Identifier: MIT
/*
 * How this works: page directories for address spaces other than init_mm.
 * pgd_alloc(mm) builds one for mm_alloc() (kernel/fork.c); pgd_free()
 * gives it back at the last mmdrop().
 *
 *   non-PAE  one zeroed lowmem page of 1024 PDEs. Entries 0 ..
 *            KERNEL_PGD_BOUNDARY-1 (the user half: 768 for 3G/1G, 512
 *            for 2G/2G, 256 for 1G/3G) stay zero; the rest are copied
 *            from swapper_pg_dir (Linux's clone_pgd_range), so they point
 *            at the same kernel page tables.
 *   PAE      a 32-byte PDPT from pgd_cache (a slab cache of 32-byte
 *            aligned objects: CR3 holds only the PDPT's physical address
 *            bits 31..5, and slabs are lowmem, so below 4 GiB). Its kernel
 *            entries are copied too, which makes them point at the very
 *            PMD pages swapper's PDPT points at: the kernel's page
 *            directories are shared outright. Each user entry gets a
 *            zeroed PMD page now (Linux's preallocate_pmds and
 *            pgd_prepopulate_pmd): the CPU reads the four PDPT entries
 *            only at a CR3 load, so one cannot be filled in later without
 *            a reload; pgd_free() frees them.
 *
 * The copy is made under pgd_lock and the new directory joins pgd_list
 * in the same critical section, so a later change to a kernel entry,
 * made under the same lock, cannot fall between the two.
 *
 * Kernel page tables created after a process exists. Every kernel
 * page-directory entry is written here, by kernel_pmd_populate() and
 * kernel_pmd_clear(). With PAE the entry is in a kernel PMD page every
 * PDPT shares, and nothing more is needed. Without PAE each directory has
 * its own copy of the 256 (VMSPLIT 2G: 512) kernel PDEs, and a page table
 * vmalloc or ioremap installs after pgd_alloc() is missing from the
 * older ones. `vmalloc_sync=` picks who copies it:
 *
 *   eager  kernel_pmd_populate() writes swapper_pg_dir's entry and every
 *          listed directory's, under pgd_lock (eager_pdes, eager_dirs)
 *   fault  nothing then; do_page_fault() first calls vmalloc_fault(),
 *          which copies the entry from swapper_pg_dir into the directory
 *          in CR3 for a not-present kernel fault in VMALLOC_START ..
 *          FIXADDR_TOP, and the access is retried (faults_fixed)
 *   both   eager, with the fault as backstop: the default, and what Linux
 *          6.1 does on x86-32 (arch_sync_kernel_mappings() for
 *          ARCH_PAGE_TABLE_SYNC_MASK = PGTBL_PMD_MODIFIED, and
 *          vmalloc_fault(), brought back in 5.9 for the window in which
 *          another CPU finds a new table before the sync ran)
 *   none   neither: the older directory faults, the oops of the pgd
 *          suite's vmalloc_sync=none line, to show why sync exists
 *
 * A cleared entry is copied into every directory whatever the mode: a
 * copy left pointing at a freed table is present, and no fault repairs it.
 * check_all_kernel_pgds() compares every listed directory with
 * swapper_pg_dir (DEBUG_VM: at the end of boot, and each directory by
 * itself at its pgd_free()), counting an entry the fault path has still
 * to copy as no mismatch. pgd_free() checks only the directory it frees:
 * all of them, under pgd_lock, made a fork bomb's teardown quadratic
 * (2,000 exits times 2,000 directories), and with several CPUs exiting
 * at once each waited for the others' whole walks.
 *
 * These live apart from pgtable.c, whose state (tlb_stats,
 * __supported_pte_mask) the lowest mm files read: this file calls the
 * page and slab allocators, takes a spinlock, and is called from
 * kernel/fork.c, so it is in the scheduler/mm link cycle that
 * kernel/sched/core.c's essay explains.
 *
 * Where it differs from Linux: Linux keeps these in arch/x86/mm/pgtable.c
 * (the sync and vmalloc_fault() in arch/x86/mm/fault.c), links a page
 * directory into pgd_list through its struct page (page->lru,
 * page->pt_mm), and with PAE and shared kernel PMDs keeps no list at all;
 * here the link is in the mm_struct and every directory is listed. Linux
 * syncs from the vmalloc page-table walk (mm/vmalloc.c's
 * arch_sync_kernel_mappings() call, once per range), here at each
 * kernel_pmd_populate(); its vmalloc_fault() covers only VMALLOC_START ..
 * VMALLOC_END, and there is no boot option to choose. Linux's pgd_alloc
 * also copies the kernel half into a KPTI user copy and takes the PMD
 * pages through the page-table accounting (pagetable ctor); neither
 * exists here.
 */
#include <asm/fixmap.h>
#include <asm/pgalloc.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/traps.h>
#include <kernel/bug.h>
#include <kernel/params.h>
#include <kernel/printk.h>
#include <kernel/spinlock.h>
#include <kernel/string.h>
#include <mm/gfp.h>
#include <mm/mm.h>
#include <mm/mm_types.h>
#include <mm/slab.h>

/* Every page directory but swapper_pg_dir (pgd_alloc(), arch/x86/mm/pgd.c). */
LIST_HEAD(pgd_list);
DEFINE_SPINLOCK(pgd_lock);

enum vmalloc_sync_mode vmalloc_sync_mode = VMALLOC_SYNC_BOTH;

static const char *const vmalloc_sync_names[] = {
	[VMALLOC_SYNC_NONE] = "none",
	[VMALLOC_SYNC_EAGER] = "eager",
	[VMALLOC_SYNC_FAULT] = "fault",
	[VMALLOC_SYNC_BOTH] = "both",
};

/* vmalloc_sync=eager|fault|both|none (both, Linux 6.1's behaviour, by default). */
static int parse_vmalloc_sync(const char *val)
{
	if (!val)
		return -1;
	for (unsigned int m = 0; m < ARRAY_SIZE(vmalloc_sync_names); m++) {
		if (!strcmp(val, vmalloc_sync_names[m])) {
			vmalloc_sync_mode = m;
			return 0;
		}
	}
	return -1;
}
__setup_help("vmalloc_sync", parse_vmalloc_sync, "eager, fault, both or none");

const char *vmalloc_sync_mode_name(void)
{
	return vmalloc_sync_names[vmalloc_sync_mode];
}

/* What the two sync paths did (vmalloc_sync_stats()); all zero with PAE. */
static struct {
	unsigned long eager_pdes;	/* kernel PDEs copied into the listed directories */
	unsigned long eager_dirs;	/* directory entries written doing so */
	unsigned long faults_fixed;	/* vmalloc_fault(): PDEs copied at a fault */
} vsync;

void vmalloc_sync_stats(unsigned long *eager_pdes, unsigned long *eager_dirs,
			unsigned long *faults_fixed)
{
	unsigned long flags;

	spin_lock_irqsave(&pgd_lock, flags);	/* the eager counts change under it */
	*eager_pdes = vsync.eager_pdes;
	*eager_dirs = vsync.eager_dirs;
	*faults_fixed = READ_ONCE(vsync.faults_fixed);
	spin_unlock_irqrestore(&pgd_lock, flags);
}

static pmd_t *kernel_pmd(unsigned long addr)
{
	BUG_ON(addr < PAGE_OFFSET);	/* the user half is not shared */
	return pmd_offset(pgd_offset_k(addr), addr);
}

/*
 * Write kernel entry @val for @addr in swapper_pg_dir and in every
 * directory on pgd_list, under pgd_lock, so pgd_alloc() copies either
 * before the write and is on the list, or after it (Linux's
 * arch_sync_kernel_mappings() on x86-32). Return: the directories
 * written besides swapper_pg_dir.
 */
static unsigned long sync_kernel_pmd(unsigned long addr, pmd_t val)
{
	struct mm_struct *mm;
	unsigned long flags, dirs = 0;

	spin_lock_irqsave(&pgd_lock, flags);
	set_pmd(kernel_pmd(addr), val);
	list_for_each_entry(mm, &pgd_list, pgd_list) {
		set_pmd(pmd_offset(pgd_offset(mm, addr), addr), val);
		dirs++;
	}
	if (dirs && pmd_present(val)) {
		vsync.eager_pdes++;
		vsync.eager_dirs += dirs;
	}
	spin_unlock_irqrestore(&pgd_lock, flags);
	return dirs;
}

void kernel_pmd_populate(unsigned long addr, pte_t *table)
{
	pmd_t val = __pmd((pgdval_t)__pa(table) | _KERNPG_TABLE);

	/* PAE: the entry is in a kernel PMD page every PDPT shares */
	if (PTRS_PER_PMD > 1 || !(vmalloc_sync_mode & VMALLOC_SYNC_EAGER)) {
		set_pmd(kernel_pmd(addr), val);
		return;
	}
	sync_kernel_pmd(addr, val);
}

void kernel_pmd_clear(unsigned long addr)
{
	/*
	 * In every mode: a copy left pointing at a table the caller is about
	 * to free could not be repaired by a fault (the entry is present).
	 */
	if (PTRS_PER_PMD > 1) {
		pmd_clear(kernel_pmd(addr));	/* present bit first (PAE: pgtable-3level.h) */
		return;
	}
	sync_kernel_pmd(addr, __pmd(0));
}

bool vmalloc_fault(unsigned long address, u32 error_code)
{
	pmd_t *pmd, *pmd_k;

	if (PTRS_PER_PMD > 1 || !(vmalloc_sync_mode & VMALLOC_SYNC_FAULT))
		return false;
	if (address < VMALLOC_START || address >= FIXADDR_TOP)
		return false;
	if (error_code & (X86_PF_PROT | X86_PF_USER | X86_PF_RSVD))
		return false;
	/* CR3, not current->active_mm: the fault may come inside switch_mm() */
	pmd = pmd_offset((pgd_t *)__va((phys_addr_t)(read_cr3() & PAGE_MASK)) + pgd_index(address),
			 address);
	pmd_k = kernel_pmd(address);
	if (!pmd_present(*pmd_k) || pmd_present(*pmd))
		return false;	/* no table to copy, or the entry is there already */
	set_pmd(pmd, *pmd_k);
	WRITE_ONCE(vsync.faults_fixed, vsync.faults_fixed + 1);
	/* the access can now succeed only if swapper_pg_dir maps the page */
	return pte_present(*pte_offset_kernel(pmd_k, address));
}

#define PGD_SIZE	(PTRS_PER_PGD * sizeof(pgd_t))	/* 4096, PAE 32 */
#define USER_PGD_PTRS	KERNEL_PGD_BOUNDARY
_Static_assert(KERNEL_PGD_BOUNDARY > 0 && KERNEL_PGD_BOUNDARY < PTRS_PER_PGD,
	       "PAGE_OFFSET must split the pgd into a user and a kernel half");

static struct kmem_cache *pgd_cache;	/* PAE only: 32-byte PDPTs */

static pgd_t *_pgd_alloc(void)
{
	if (PTRS_PER_PMD == 1)
		return (pgd_t *)get_zeroed_page(GFP_KERNEL);
	if (!pgd_cache)
		pgd_cache = kmem_cache_create("pgd_cache", PGD_SIZE, PGD_SIZE, SLAB_PANIC, NULL);
	return kmem_cache_alloc(pgd_cache, GFP_KERNEL | __GFP_ZERO);
}

static void _pgd_free(pgd_t *pgd)
{
	if (PTRS_PER_PMD == 1)
		free_page((unsigned long)pgd);
	else
		kmem_cache_free(pgd_cache, pgd);
}

/* PAE: the user PMD page a PDPT entry points at. */
static unsigned long pgd_user_pmd(pgd_t pgd)
{
	return (unsigned long)__va((phys_addr_t)(pgd_val(pgd) & PTE_PFN_MASK));
}

static void free_user_pmds(pgd_t *pgd)
{
	for (unsigned int i = 0; i < USER_PGD_PTRS; i++)
		if (pgd_present(pgd[i]))
			free_page(pgd_user_pmd(pgd[i]));
}

pgd_t *pgd_alloc(struct mm_struct *mm)
{
	unsigned long flags;
	pgd_t *pgd = _pgd_alloc();

	if (!pgd)
		return NULL;
	BUG_ON((unsigned long)pgd & (PGD_SIZE - 1));	/* CR3 ignores the low bits */
	if (PTRS_PER_PMD > 1) {
		for (unsigned int i = 0; i < USER_PGD_PTRS; i++) {
			unsigned long pmd = get_zeroed_page(GFP_KERNEL);

			if (!pmd) {
				free_user_pmds(pgd);
				_pgd_free(pgd);
				return NULL;
			}
			/* a PDPT entry has the present bit only (RW, US are reserved) */
			pgd[i] = __pgd((pgdval_t)__pa(pmd) | _PAGE_PRESENT);
		}
	}
	spin_lock_irqsave(&pgd_lock, flags);
	memcpy(pgd + KERNEL_PGD_BOUNDARY, swapper_pg_dir + KERNEL_PGD_BOUNDARY,
	       KERNEL_PGD_PTRS * sizeof(pgd_t));
	mm->pgd = pgd;
	list_add(&mm->pgd_list, &pgd_list);
	spin_unlock_irqrestore(&pgd_lock, flags);
	return pgd;
}

static void __check_kernel_pgd_report(struct mm_struct *mm);

void pgd_free(struct mm_struct *mm, pgd_t *pgd)
{
	unsigned long flags;

	BUG_ON(pgd == swapper_pg_dir);
	BUG_ON((read_cr3() & ~0x1fUL) == (unsigned long)__pa(pgd));
	spin_lock_irqsave(&pgd_lock, flags);
	if (IS_ENABLED(CONFIG_DEBUG_VM))	/* DEBUG_VM: this directory, on its way out */
		__check_kernel_pgd_report(mm);
	list_del(&mm->pgd_list);
	spin_unlock_irqrestore(&pgd_lock, flags);
	if (PTRS_PER_PMD > 1)
		free_user_pmds(pgd);
	_pgd_free(pgd);
}

/*
 * A kernel entry the fault path may still fill in: missing from @got,
 * present in swapper_pg_dir, in the range vmalloc_fault() serves.
 */
static bool lazily_synced(unsigned int i, pgdval_t got, pgdval_t want)
{
	unsigned long addr = (unsigned long)i << PGDIR_SHIFT;

	return PTRS_PER_PMD == 1 && (vmalloc_sync_mode & VMALLOC_SYNC_FAULT) && !got &&
	       (want & _PAGE_PRESENT) && i >= pgd_index(VMALLOC_START) && addr < FIXADDR_TOP;
}

/*
 * Compare @mm's kernel half with swapper_pg_dir, pgd_lock held; with
 * @lazy_ok an entry vmalloc_fault() would fill in is no mismatch, only
 * counted in *@lazy.
 */
static unsigned int __check_kernel_pgd(struct mm_struct *mm, bool lazy_ok, unsigned int *lazy)
{
	unsigned int i, bad = 0;

	for (i = KERNEL_PGD_BOUNDARY; i < PTRS_PER_PGD; i++) {
		pgdval_t want = pgd_val(swapper_pg_dir[i]), got = pgd_val(mm->pgd[i]);

		if (got == want)
			continue;
		if (lazy_ok && lazily_synced(i, got, want)) {
			(*lazy)++;
			continue;
		}
		bad++;
		pr_info("check_kernel_pgd: pgd %p entry %u (0x%08lx) is 0x%llx, swapper_pg_dir has 0x%llx (%s)\n",
			mm->pgd, i, (unsigned long)i << PGDIR_SHIFT,
			(unsigned long long)got, (unsigned long long)want,
			!got ? "missing: a kernel page table made after this directory was copied" :
			!want ? "stale: swapper_pg_dir's entry was cleared" :
			"stale: swapper_pg_dir points at another page table");
	}
	return bad;
}

/* pgd_free()'s check of the directory it frees, pgd_lock held: as check_all_kernel_pgds() */
static void __check_kernel_pgd_report(struct mm_struct *mm)
{
	unsigned int lazy = 0, bad = __check_kernel_pgd(mm, true, &lazy);

	if (bad)
		pr_info("check_kernel_pgd: %u mismatch(es) in pgd %p at its pgd_free (vmalloc_sync=%s)\n",
			bad, mm->pgd, vmalloc_sync_mode_name());
}

unsigned int check_kernel_pgd(struct mm_struct *mm)
{
	unsigned int bad, lazy = 0;
	unsigned long flags;

	if (!IS_ENABLED(CONFIG_DEBUG_VM))
		return 0;
	spin_lock_irqsave(&pgd_lock, flags);
	bad = __check_kernel_pgd(mm, false, &lazy);
	spin_unlock_irqrestore(&pgd_lock, flags);
	return bad;
}

unsigned int check_all_kernel_pgds(void)
{
	unsigned int bad = 0, lazy = 0, dirs = 0;
	struct mm_struct *mm;
	unsigned long flags;

	if (!IS_ENABLED(CONFIG_DEBUG_VM))
		return 0;
	spin_lock_irqsave(&pgd_lock, flags);
	list_for_each_entry(mm, &pgd_list, pgd_list) {
		bad += __check_kernel_pgd(mm, true, &lazy);
		dirs++;
	}
	spin_unlock_irqrestore(&pgd_lock, flags);
	if (bad)
		pr_info("check_all_kernel_pgds: %u mismatch(es) in %u directories (vmalloc_sync=%s)\n",
			bad, dirs, vmalloc_sync_mode_name());
	return bad;
}

int vmalloc_sync_show(char *buf, size_t size)
{
	unsigned long pdes, dirs, faults;

	vmalloc_sync_stats(&pdes, &dirs, &faults);
	return snprintf(buf, size, "vmalloc_sync: mode=%s eager_pdes=%lu eager_dirs=%lu faults_fixed=%lu\n",
			vmalloc_sync_mode_name(), pdes, dirs, faults);
}

void show_vmalloc_sync(void)
{
	char line[96];
	unsigned int dirs = 0;
	struct mm_struct *mm;
	unsigned long flags;

	vmalloc_sync_show(line, sizeof(line));
	pr_info("%s", line);
	if (!IS_ENABLED(CONFIG_DEBUG_VM))
		return;
	spin_lock_irqsave(&pgd_lock, flags);
	list_for_each_entry(mm, &pgd_list, pgd_list)
		dirs++;
	spin_unlock_irqrestore(&pgd_lock, flags);
	pr_info("check_all_kernel_pgds: %u mismatch(es) in %u directories at the end of boot\n",
		check_all_kernel_pgds(), dirs);
}
