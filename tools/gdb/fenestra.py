# SPDX-License-Identifier: MIT
"""Fenestra gdb commands: look at the memory manager of a halted kernel.

Loaded by `make debug` (or by hand: `source tools/gdb/fenestra.py` after
`file build/kernel.elf`). Every command reads the kernel's own data
structures through the debug info, so it shows what the kernel believes,
and reads the page tables the way the MMU does, so it shows what the CPU
would do:

  fen-buddyinfo                 free blocks per order per zone (/proc/buddyinfo)
  fen-freelist ZONE ORDER [MAX] the pfns on zone->free_area[ORDER].free_list
  fen-page PFN|ADDRESS          one struct page decoded (pfn, zone, flags, ...)
  fen-walk VADDR                VADDR through the page tables, level by level
  fen-kmap-local [PID]          the kmap_local slot stack of the running task,
                                or of task PID (mm/kmap_local.c)
  fen-pkmap                     pkmap entries with users or awaiting a flush
  fen-ps                        every task on task_list: state, switches,
                                stack, slots held, where it was switched out
  fen-vmas PID                  a process's VMAs, as /proc/PID/maps prints them
  fen-upt PID ADDR              a user address through that process's own
                                page tables: entries, frame, zone, refcount
  fen-user [PROGRAM | -u]       load the symbols of the running user program
                                (current->comm) or of PROGRAM; -u unloads;
                                `fen-user auto on`: at every user-mode stop
  fen-user-break PROG LOC [PID] break at LOC (main, FILE:LINE, *ADDR) in
                                program PROG, in ring 3 only

Two-level or PAE paging is read from the debug info (sizeof(pte_t) is 4 or
8) and checked against CR4.PAE when the stub reports CR4 (QEMU does, once
the kernel is past boot/head.asm). Page tables are read at their __va()
address: this kernel keeps all of them in lowmem, except user page tables
with the `highpte` option, which fen-upt reads by physical address (QEMU's
gdb stub in physical-memory mode, `maintenance packet Qqemu.PhyMemMode:1`).

The kernel's constants that the debug info does not hold (macros such as
PKMAP_BASE and ZONES_SHIFT) are read from the gen/asm-offsets.inc its build
wrote beside kernel.elf (tools/fentest/kconst.py), never copied here.

Python 3 inside gdb; nothing but the gdb module, the standard library and
tools/fentest/kconst.py (standard library only).
"""

import os
import struct
import sys

import gdb

try:
    _TOOLS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
except NameError:           # an old gdb that does not set __file__: run from the tree
    _TOOLS = os.path.abspath('tools')
if _TOOLS not in sys.path:
    sys.path.insert(0, _TOOLS)
from fentest import kconst  # noqa: E402

PAGE_SHIFT = 12
PAGE_SIZE = 1 << PAGE_SHIFT

# Entry bits (asm/pgtable.h), low bits first; NX is bit 63 (PAE only).
_PTE_BITS = [(0, 'P'), (1, 'RW'), (2, 'US'), (3, 'PWT'), (4, 'PCD'), (5, 'A'),
             (6, 'D'), (7, 'PS'), (8, 'G'), (63, 'NX')]


class FenError(Exception):
    pass


# ---------------------------------------------------------------------------
# Reading the target

def _inferior():
    return gdb.selected_inferior()


def read_u32(addr):
    return struct.unpack('<I', bytes(_inferior().read_memory(addr, 4)))[0]


def read_u64(addr):
    return struct.unpack('<Q', bytes(_inferior().read_memory(addr, 8)))[0]


def ev(expr):
    return gdb.parse_and_eval(expr)


def to_int(value):
    return int(value.cast(gdb.lookup_type('unsigned long'))) & 0xFFFFFFFF \
        if value.type.code == gdb.TYPE_CODE_PTR else int(value)


_page_offset_cache = {}


def page_offset():
    """PAGE_OFFSET, cached per kernel file."""
    key = tuple(o.filename for o in gdb.objfiles())
    if key not in _page_offset_cache:
        _page_offset_cache[key] = _elf_page_offset()
    return _page_offset_cache[key]


def kernel_constant(name):
    """A constant from the gen/asm-offsets.inc beside the loaded kernel.elf."""
    tried = []
    for obj in gdb.objfiles():
        if not obj.filename:
            continue
        build = os.path.dirname(os.path.abspath(obj.filename))
        try:
            return kconst.constant(build, name)
        except kconst.KernelConstError as e:
            tried.append(str(e))
    raise FenError('cannot read %s: %s' % (name, '; '.join(tried) or
                                           'load the kernel with `file build/kernel.elf`'))


def _elf_page_offset():
    """PAGE_OFFSET: the kernel's LOAD segments are linked at PAGE_OFFSET + p
    and loaded at p (linker.ld), so it is the largest vaddr - paddr."""
    off = 0
    for obj in gdb.objfiles():
        try:
            with open(obj.filename, 'rb') as f:
                hdr = f.read(52)
                if hdr[:4] != b'\x7fELF' or hdr[4] != 1:
                    continue
                phoff, = struct.unpack_from('<I', hdr, 28)
                phentsize, phnum = struct.unpack_from('<HH', hdr, 42)
                for i in range(phnum):
                    f.seek(phoff + i * phentsize)
                    p_type, _, p_vaddr, p_paddr = struct.unpack('<IIII', f.read(16))
                    if p_type == 1:
                        off = max(off, (p_vaddr - p_paddr) & 0xFFFFFFFF)
        except (OSError, struct.error, TypeError):
            continue
    if not off:
        raise FenError('cannot find PAGE_OFFSET: load the kernel with `file build/kernel.elf`')
    return off


def is_pae():
    """True for a PAE build: 8-byte page-table entries."""
    return gdb.lookup_type('pte_t').sizeof == 8


def read_cr(name):
    """Control register from the stub, or None if it does not report it."""
    try:
        return int(ev('$' + name)) & 0xFFFFFFFF
    except gdb.error:
        return None


def symbol_addr(name):
    return to_int(ev('&' + name).cast(gdb.lookup_type('unsigned long')))


# ---------------------------------------------------------------------------
# Zones and struct page

def zones():
    node = ev('contig_page_data')
    arr = node['node_zones']
    lo, hi = arr.type.range()
    return [arr[i] for i in range(lo, hi + 1)]


def zone_name(z):
    try:
        return z['name'].string()
    except gdb.MemoryError:
        return '?'


def find_zone(arg):
    zs = zones()
    if arg.isdigit():
        i = int(arg)
        if i < len(zs):
            return i, zs[i]
    for i, z in enumerate(zs):
        if zone_name(z).lower() == arg.lower():
            return i, z
    raise FenError('no zone %r (zones: %s)' % (arg, ', '.join(zone_name(z) for z in zs)))


def page_type():
    return gdb.lookup_type('struct page')


def mem_map_base():
    return to_int(ev('mem_map'))


def lru_offset():
    return to_int(ev('&((struct page *)0)->lru').cast(gdb.lookup_type('unsigned long')))


def pfn_to_page_addr(pfn):
    return mem_map_base() + pfn * page_type().sizeof


def page_addr_to_pfn(addr):
    size = page_type().sizeof
    off = addr - mem_map_base()
    if off < 0 or off % size:
        raise FenError('0x%08x is not a struct page in mem_map (mem_map = 0x%08x, %d bytes each)'
                       % (addr, mem_map_base(), size))
    return off // size


def page_flag_names():
    """[(bit, 'PG_x')] from enum pageflags in the debug info."""
    t = gdb.lookup_type('enum pageflags')
    return [(int(f.enumval), f.name) for f in t.fields() if f.name != 'NR_PAGEFLAGS']


def list_nodes(head_value, limit=None):
    """Addresses of the nodes of a struct list_head ring (not the head)."""
    head = to_int(head_value.address)
    node = to_int(head_value['next'])
    out = []
    seen = 0
    while node != head:
        out.append(node)
        seen += 1
        if limit is not None and seen >= limit:
            break
        if seen > (1 << 24):
            raise FenError('list at 0x%08x does not come back to its head' % head)
        node = read_u32(node)           # ->next is the first member
    return out


# ---------------------------------------------------------------------------
# Page tables

def decode_flags(v, pae):
    names = [n for bit, n in _PTE_BITS if (bit < 32 or pae) and v >> bit & 1]
    return ' '.join(names) if names else '-'


class Walk:
    """The walk of one virtual address: a list of levels and the result."""

    def __init__(self, vaddr):
        self.vaddr = vaddr & 0xFFFFFFFF
        self.pae = is_pae()
        self.levels = []        # (name, index, entry address (virtual), value, note)
        self.phys = None
        self.failed_at = None
        self._walk()

    def _read(self, vaddr):
        return read_u64(vaddr) if self.pae else read_u32(vaddr)

    def _table_va(self, phys):
        return (phys + page_offset()) & 0xFFFFFFFF

    def _walk(self):
        va = self.vaddr
        pfn_mask = 0x000FFFFFFFFFF000 if self.pae else 0xFFFFF000
        pgd = symbol_addr('swapper_pg_dir')
        if self.pae:
            i = va >> 30
            ent = pgd + 8 * i
            v = self._read(ent)
            self.levels.append(('pgd', i, ent, v, 'PDPT entry, 1 GiB'))
            if not v & 1:
                self.failed_at = 'pgd'
                return
            pmd_tab = self._table_va(v & pfn_mask)
            i = (va >> 21) & 511
            ent = pmd_tab + 8 * i
            v = self._read(ent)
            self.levels.append(('pmd', i, ent, v, '2 MiB'))
            if not v & 1:
                self.failed_at = 'pmd'
                return
            if v & 0x80:
                self.phys = (v & pfn_mask & ~((1 << 21) - 1)) | (va & ((1 << 21) - 1))
                return
            pte_tab = self._table_va(v & pfn_mask)
            i = (va >> 12) & 511
        else:
            i = va >> 22
            ent = pgd + 4 * i
            v = self._read(ent)
            self.levels.append(('pgd', i, ent, v, '4 MiB; the pmd level is folded into it'))
            if not v & 1:
                self.failed_at = 'pgd'
                return
            if v & 0x80:
                self.phys = (v & 0xFFC00000) | (va & 0x3FFFFF)
                return
            pte_tab = self._table_va(v & pfn_mask)
            i = (va >> 12) & 1023
        ent = pte_tab + (8 if self.pae else 4) * i
        v = self._read(ent)
        self.levels.append(('pte', i, ent, v, '4 KiB'))
        if not v & 1:
            self.failed_at = 'pte'
            return
        self.phys = (v & pfn_mask) | (va & (PAGE_SIZE - 1))

    def pte(self):
        """The last-level entry value, or None if the walk stopped above it."""
        for name, _, _, v, _ in self.levels:
            if name == 'pte':
                return v
        return None


def walk_lines(vaddr):
    w = Walk(vaddr)
    pae = w.pae
    cr3, cr4 = read_cr('cr3'), read_cr('cr4')
    pgd_phys = (symbol_addr('swapper_pg_dir') - page_offset()) & 0xFFFFFFFF
    mode = 'PAE, 3 levels (pgd/PDPT 4 x 1 GiB, pmd 512 x 2 MiB, pte 512 x 4 KiB)' if pae else \
        '2 levels (pgd 1024 x 4 MiB, pte 1024 x 4 KiB)'
    out = ['fen-walk 0x%08x: %s' % (w.vaddr, mode)]
    if cr4 is not None and bool(cr4 & 0x20) != pae:
        out.append('  warning: CR4.PAE is %d but the kernel has %d-byte entries'
                   % (cr4 >> 5 & 1, 8 if pae else 4))
    cr3_note = ''
    if cr3 is not None:
        cr3_note = ', CR3 = 0x%08x%s' % (cr3, '' if (cr3 & ~0x1F) == pgd_phys
                                          else ' (not swapper_pg_dir!)')
    out.append('  swapper_pg_dir at phys 0x%08x%s' % (pgd_phys, cr3_note))
    width = 16 if pae else 8
    for name, idx, ent, v, note in w.levels:
        nxt = ''
        if v & 1:
            target = v & (0x000FFFFFFFFFF000 if pae else 0xFFFFF000)
            large = v & 0x80 and (name == 'pmd' or (name == 'pgd' and not pae))
            if name == 'pte' or large:
                nxt = ' -> %sframe 0x%x' % ('large ' if large else '', target)
            else:
                nxt = ' -> table at phys 0x%x' % target
        out.append('  %-3s[%4d] @ 0x%08x = 0x%0*x  %-22s (%s)%s'
                   % (name, idx, ent, width, v, decode_flags(v, pae) if v else 'empty',
                      note, nxt))
    if w.phys is None:
        out.append('  not mapped: the %s entry is not present' % w.failed_at)
    else:
        out.append('  phys 0x%x (pfn 0x%x)' % (w.phys, w.phys >> PAGE_SHIFT))
    return out


# ---------------------------------------------------------------------------
# Commands

class FenCommand(gdb.Command):
    """Base: errors become one line instead of a Python traceback."""
    name = None

    def __init__(self):
        super().__init__(self.name, gdb.COMMAND_DATA)

    def invoke(self, arg, from_tty):
        try:
            for line in self.lines(gdb.string_to_argv(arg)):
                gdb.write(line + '\n')
        except FenError as e:
            raise gdb.GdbError('%s: %s' % (self.name, e))
        except gdb.MemoryError as e:
            raise gdb.GdbError('%s: cannot read memory (%s); is the kernel past '
                               'paging_init()?' % (self.name, e))

    def lines(self, argv):
        raise NotImplementedError


def parse_number(text):
    try:
        return int(ev(text)) & 0xFFFFFFFF
    except gdb.error as e:
        raise FenError('not a number or expression: %r (%s)' % (text, e))


class FenBuddyinfo(FenCommand):
    """fen-buddyinfo: free blocks of each order in each zone, as the boot
log's show_buddyinfo() prints them (Linux's /proc/buddyinfo). Per-CPU page
lists, if the kernel has them, follow on their own line: their blocks are
free but not on the buddy lists."""
    name = 'fen-buddyinfo'

    def lines(self, argv):
        out = []
        for z in zones():
            if not int(z['present_pages']) and not int(z['managed_pages']):
                continue
            fa = z['free_area']
            lo, hi = fa.type.range()
            counts = ''.join('%6d ' % int(fa[o]['nr_free']) for o in range(lo, hi + 1))
            out.append('Node 0, zone %8s %s' % (zone_name(z), counts))
        for z in zones():
            try:
                pcp = z['pcp']
            except gdb.error:
                break
            cnt = pcp['count']
            lo, hi = cnt.type.range()
            vals = [int(cnt[o]) for o in range(lo, hi + 1)]
            if any(vals):
                out.append('  per-CPU lists, zone %s: %s' % (
                    zone_name(z), ', '.join('order %d: %d' % (o, n) for o, n in enumerate(vals))))
        return out


class FenFreelist(FenCommand):
    """fen-freelist ZONE ORDER [MAX]: the first pfn of every free block on
zone->free_area[ORDER].free_list (ZONE: DMA, Normal, HighMem or 0..2), in
list order, at most MAX (default 256) of them."""
    name = 'fen-freelist'

    def lines(self, argv):
        if len(argv) not in (2, 3):
            raise FenError('usage: fen-freelist ZONE ORDER [MAX]')
        zi, z = find_zone(argv[0])
        order = parse_number(argv[1])
        limit = parse_number(argv[2]) if len(argv) == 3 else 256
        fa = z['free_area']
        lo, hi = fa.type.range()
        if order > hi:
            raise FenError('order %d: orders are 0..%d' % (order, hi))
        area = fa[order]
        nr_free = int(area['nr_free'])
        nodes = list_nodes(area['free_list'], limit + 1)
        off, size, base = lru_offset(), page_type().sizeof, mem_map_base()
        pfns = [(n - off - base) // size for n in nodes[:limit]]
        more = len(nodes) > limit
        out = ['zone %s order %d: nr_free %d, %s%d block(s) of %d page(s) listed'
               % (zone_name(z), order, nr_free, 'first ' if more else '', len(pfns),
                  1 << order)]
        for i in range(0, len(pfns), 8):
            out.append('  ' + ' '.join('0x%05x' % p for p in pfns[i:i + 8]))
        if more:
            out.append('  ... (more; give a larger MAX)')
        return out


def page_lines(pfn):
    addr = pfn_to_page_addr(pfn)
    max_pfn = int(ev('max_pfn'))
    if pfn >= max_pfn:
        raise FenError('pfn 0x%x is past max_pfn 0x%x: no struct page' % (pfn, max_pfn))
    page = ev('(struct page *)0x%x' % addr).dereference()
    flags = int(page['flags']) & 0xFFFFFFFF
    zones_shift = kernel_constant('ZONES_SHIFT')
    zi = flags >> zones_shift
    zs = zones()
    zname = zone_name(zs[zi]) if zi < len(zs) else '?'
    set_flags = [n for bit, n in page_flag_names() if flags >> bit & 1]
    refcount = int(page['_refcount'])
    private = int(page['private']) & 0xFFFFFFFF
    out = ['struct page 0x%08x: pfn 0x%05x (phys 0x%x), zone %s'
           % (addr, pfn, pfn << PAGE_SHIFT, zname),
           '  flags 0x%08x: %s (zone %d in bits %d-31)'
           % (flags, ' '.join(set_flags) if set_flags else 'none', zi, zones_shift),
           '  _refcount %d%s' % (refcount, ' (free or reserved)' if refcount == 0 else '')]
    if 'PG_buddy' in set_flags:
        out.append('  private %d: heads a free block of order %d (%d pages)'
                   % (private, private, 1 << private))
    elif 'PG_head' in set_flags:
        out.append('  private %d: first page of an order-%d block' % (private, private))
    else:
        out.append('  private 0x%x' % private)
    if 'PG_slab' in set_flags:
        out.append('  slab_cache 0x%08x, freelist 0x%08x, inuse %d of %d objects'
                   % (to_int(page['slab_cache']), to_int(page['freelist']),
                      int(page['inuse']), int(page['objects'])))
    if 'PG_tail' in set_flags:
        head = to_int(page['compound_head'])
        out.append('  compound_head 0x%08x (pfn 0x%05x)' % (head, page_addr_to_pfn(head)))
    high_memory = to_int(ev('high_memory'))
    po = page_offset()
    if (pfn << PAGE_SHIFT) + po < high_memory and (pfn << PAGE_SHIFT) < (1 << 32) - po:
        out.append('  page_address 0x%08x (direct map)' % ((pfn << PAGE_SHIFT) + po))
    else:
        vaddr = pkmap_vaddr_of(pfn)
        out.append('  page_address %s (highmem%s)'
                   % ('0x%08x' % vaddr if vaddr else 'NULL',
                      ', a pkmap entry' if vaddr else ': not mapped by kmap()'))
    return out


class FenPage(FenCommand):
    """fen-page PFN|ADDRESS: decode one struct page. A number below
mem_map's address is a pfn; otherwise it must be the address of an entry
of mem_map (what alloc_page() returns)."""
    name = 'fen-page'

    def lines(self, argv):
        if len(argv) != 1:
            raise FenError('usage: fen-page PFN|ADDRESS-OF-STRUCT-PAGE')
        n = parse_number(argv[0])
        pfn = page_addr_to_pfn(n) if n >= mem_map_base() else n
        return page_lines(pfn)


class FenWalk(FenCommand):
    """fen-walk VADDR: walk VADDR through the kernel page tables from
swapper_pg_dir, as the MMU would: each level's index, the entry's address
and value, its flags (P RW US PWT PCD A D PS G, NX on PAE), and the
physical address it ends at."""
    name = 'fen-walk'

    def lines(self, argv):
        if len(argv) != 1:
            raise FenError('usage: fen-walk VADDR')
        return walk_lines(parse_number(argv[0]))


# ---------------------------------------------------------------------------
# kmap_local and pkmap

def fix_to_virt(idx):
    """asm/fixmap.h's fix_to_virt(): FIXADDR_TOP from the build."""
    return kernel_constant('FIXADDR_TOP') - idx * PAGE_SIZE


def kmap_local_lines():
    ctrl = ev('pcpu_hot')[0]['current_task'].dereference()['kmap_ctrl']   # CPU 0's task
    depth = int(ctrl['idx'])
    pages = ctrl['page']
    lo, hi = pages.type.range()
    nslots = hi - lo + 1
    begin = int(ev('FIX_KMAP_BEGIN'))
    pfns = [page_addr_to_pfn(to_int(pages[s])) if to_int(pages[s]) else None
            for s in range(min(depth, nslots))]
    # The debug build leaves a guard page after each slot (stride 2); find
    # the stride under which the slots' PTEs map the pages kmap_ctrl names.
    stride, note = 2, 'guard page after each slot'
    for cand, cand_note in ((2, 'guard page after each slot'), (1, 'no guard pages')):
        ok = True
        for s, pfn in enumerate(pfns):
            pte = Walk(fix_to_virt(begin + s * cand)).pte()
            if pte is None or not pte & 1 or (pte >> PAGE_SHIFT) & 0xFFFFFF != pfn:
                ok = False
        if ok:
            stride, note = cand, cand_note
            break
    if depth <= 1:
        note = 'stride not visible at depth %d' % depth
    out = ['kmap_local: CPU 0, depth %d of %d slots (%s)' % (depth, nslots, note)]
    for s, pfn in enumerate(pfns):
        fix = begin + s * stride
        va = fix_to_virt(fix)
        pte = Walk(va).pte()
        out.append('  slot %d: fixmap index %d, vaddr 0x%08x, pte 0x%0*x, pfn 0x%05x%s'
                   % (s, fix, va, 16 if is_pae() else 8, pte or 0,
                      pfn if pfn is not None else 0,
                      '' if pte and (pte >> PAGE_SHIFT) & 0xFFFFFF == pfn
                      else '  (PTE does not map this page!)'))
    try:
        task = ev('pcpu_hot')[0]['current_task'].dereference()   # CPU 0's task
        out.append('  preempt_count %d, pagefault_disabled %d (kmap_atomic adds to both)'
                   % (preempt_count_word() & ~preempt_need_resched_bit(),
                      int(task['pagefault_disabled'])))
    except gdb.error:
        pass
    return out


def pkmap_geometry():
    """(PKMAP_BASE, LAST_PKMAP): the base from the build, the number of
    entries from the size of pkmap_count[] in the debug info."""
    return kernel_constant('PKMAP_BASE'), ev('pkmap_count').type.range()[1] + 1


def pkmap_vaddr_of(pfn):
    """page_address() of a highmem page: its pkmap address or 0."""
    base, last = pkmap_geometry()
    counts = ev('pkmap_count')
    maps = ev('pkmap_map')
    target = pfn_to_page_addr(pfn)
    for i in range(last):
        if int(counts[i]) and to_int(maps[i]['page']) == target:
            return to_int(maps[i]['vaddr'])
    return 0


def pkmap_state(count):
    if count == 0:
        return 'free'
    if count == 1:
        return 'mapped, no users: cleared at the next wrap-around flush'
    return 'mapped, %d user%s' % (count - 1, '' if count == 2 else 's')


def pkmap_lines():
    base, last = pkmap_geometry()
    counts = ev('pkmap_count')
    maps = ev('pkmap_map')
    vals = [int(counts[i]) for i in range(last)]
    used = [i for i, c in enumerate(vals) if c]
    out = ['pkmap: %d entries at 0x%08x; %d with users, %d awaiting flush; last_pkmap_nr %d'
           % (last, base, sum(1 for c in vals if c > 1), sum(1 for c in vals if c == 1),
              int(ev('last_pkmap_nr')))]
    for i in used:
        va = base + i * PAGE_SIZE
        page = to_int(maps[i]['page'])
        pfn = page_addr_to_pfn(page) if page else None
        pte = Walk(va).pte()
        warn = ''
        if to_int(maps[i]['vaddr']) != va:
            warn = '  (pkmap_map says vaddr 0x%08x!)' % to_int(maps[i]['vaddr'])
        elif pfn is None or pte is None or (pte >> PAGE_SHIFT) & 0xFFFFFF != pfn:
            warn = '  (PTE does not map this page!)'
        out.append('  entry %d: vaddr 0x%08x, count %d (%s), page 0x%08x pfn 0x%05x, pte 0x%0*x%s'
                   % (i, va, vals[i], pkmap_state(vals[i]), page, pfn or 0,
                      16 if is_pae() else 8, pte or 0, warn))
    return out


# ---------------------------------------------------------------------------
# Tasks (include/kernel/sched.h, kernel/fork.c, kernel/sched/core.c)

# task->__state (include/kernel/sched.h) and the top bit of the per-CPU
# preempt_count word (include/kernel/preempt.h: kept inverted, set when no
# reschedule is pending) are macros, which the debug info does not hold:
# they come from the build's asm-offsets, like the layout constants. The
# letters are Linux's ps letters.
def task_states():
    return {kernel_constant('TASK_RUNNING'): 'R', kernel_constant('TASK_INTERRUPTIBLE'): 'S',
            kernel_constant('TASK_UNINTERRUPTIBLE'): 'D', kernel_constant('TASK_DEAD'): 'X'}


def preempt_need_resched_bit():
    return kernel_constant('PREEMPT_NEED_RESCHED')


def preempt_count_word():
    return int(ev('pcpu_hot')[0]['preempt_count']) & 0xFFFFFFFF     # CPU 0's word


def preempt_count_line():
    word = preempt_count_word()
    bit = preempt_need_resched_bit()
    pending = not word & bit
    return ('preempt_count word 0x%08x: count %d, PREEMPT_NEED_RESCHED %s (%s)'
            % (word, word & ~bit, 'clear' if pending else 'set',
               'a reschedule is pending' if pending else 'no reschedule pending'))


# What __switch_to_asm() (arch/x86/kernel/switch_to.asm) leaves at
# thread.sp when it switches a task out: four pushed registers, then the
# return address into context_switch().
_SWITCH_FRAME = ('edi', 'esi', 'ebx', 'ebp', 'eip')


def task_type():
    return gdb.lookup_type('struct task_struct')


def current_task_addr():
    return to_int(ev('pcpu_hot')[0]['current_task'])          # CPU 0's task


def tasks():
    """(address, task value) of every task on task_list, in list order."""
    off = to_int(ev('&((struct task_struct *)0)->tasks').cast(gdb.lookup_type('unsigned long')))
    out = []
    for node in list_nodes(ev('task_list'), 4096):
        addr = node - off
        out.append((addr, ev('(struct task_struct *)0x%x' % addr).dereference()))
    return out


def find_task(pid):
    for addr, t in tasks():
        if int(t['pid']) == pid:
            return addr, t
    raise FenError('no task with pid %d on task_list (fen-ps lists them)' % pid)


def task_state_letter(t):
    st = int(t['__state']) & 0xFFFFFFFF
    return task_states().get(st, '?')


def symbolize(pc):
    """0xc010f217 -> '__schedule+471', or '' if no symbol covers it."""
    try:
        text = gdb.execute('info symbol 0x%x' % pc, to_string=True).strip()
    except gdb.error:
        return ''
    m = text.split(' in section ')[0]
    if m.startswith('No symbol'):
        return ''
    return m.replace(' + ', '+')


def switch_frame(t):
    """{'edi':..., 'eip':...} that __switch_to_asm() saved at t->thread.sp."""
    sp = to_int(t['thread']['sp'])
    return dict(zip(_SWITCH_FRAME, (read_u32(sp + 4 * i) for i in range(len(_SWITCH_FRAME)))))


def comm_of(t):
    try:
        return t['comm'].string()
    except (gdb.error, UnicodeDecodeError):
        return '?'


def ps_lines():
    cur = current_task_addr()
    idle = symbol_addr('init_task')
    size = kernel_constant('THREAD_SIZE')
    magic = kernel_constant('STACK_END_MAGIC') & 0xFFFFFFFF
    rows = tasks()
    out = ['%5s %-15s %-2s %5s %-7s %6s %6s  %-21s %-6s %4s  %s'
           % ('PID', 'COMM', 'ST', 'ON_RQ', 'CPU', 'NVCSW', 'NIVCSW', 'STACK', 'CANARY',
              'KMAP', 'SWITCHED OUT AT')]
    nrun = 0
    for addr, t in rows:
        stack = to_int(t['stack'])
        running = addr == cur
        nrun += running
        if stack:
            srange = '0x%08x-0x%08x' % (stack, stack + size)
            canary = 'ok' if read_u32(stack) == magic else 'BAD'
        else:
            srange, canary = '(freed)', '-'
        if running:
            where = '- (running)'
        elif not stack:
            where = '- (exited, stack freed)'
        else:
            eip = switch_frame(t)['eip']
            sym = symbolize(eip)
            where = '0x%08x%s' % (eip, ' <%s>' % sym if sym else '')
        out.append('%5d %-15s %-2s %5d %-7s %6d %6d  %-21s %-6s %4d  %s'
                   % (int(t['pid']), comm_of(t), task_state_letter(t), int(t['on_rq']),
                      'running' if running else '-', int(t['nvcsw']) & 0xFFFFFFFF,
                      int(t['nivcsw']) & 0xFFFFFFFF, srange, canary,
                      int(t['kmap_ctrl']['idx']), where + ('  [idle]' if addr == idle else '')))
    out.append('%d task(s); running on CPU 0: pid %d; states: R runnable or running, '
               'S/D asleep, X dead' % (len(rows), int(ev('pcpu_hot')[0]['current_task'].dereference()['pid'])))
    out.append(preempt_count_line())
    if nrun != 1:
        out.append('  (the running task is not on task_list!)')
    return out


def pte_int(v):
    """The value of a pte_t (struct { pteval_t pte; })."""
    return int(v['pte']) & (0xFFFFFFFFFFFFFFFF if is_pae() else 0xFFFFFFFF)


def task_kmap_local_lines(pid):
    addr, t = find_task(pid)
    running = addr == current_task_addr()
    ctrl = t['kmap_ctrl']
    depth = int(ctrl['idx'])
    lo, hi = ctrl['page'].type.range()
    nslots = hi - lo + 1
    kc = ev('kmap_local_cpu')[0]
    w = 16 if is_pae() else 8
    if running:
        how = 'running on CPU 0: its PTEs are live'
    else:
        how = 'switched out: its PTEs are in kmap_ctrl.pteval[] until it runs again'
    out = ['kmap_local: pid %d %s, depth %d of %d slots (%s)'
           % (pid, comm_of(t), depth, nslots, how)]
    for s in range(min(depth, nslots)):
        page = to_int(ctrl['page'][s])
        pfn = page_addr_to_pfn(page) if page else 0
        va = int(kc['top_vaddr'][s + 1]) & 0xFFFFFFFF
        live = Walk(va).pte() or 0
        saved = pte_int(ctrl['pteval'][s])
        live_pfn = (live >> PAGE_SHIFT) & 0xFFFFFF
        if running:
            note = '' if live & 1 and live_pfn == pfn else '  (PTE does not map this page!)'
            out.append('  slot %d: vaddr 0x%08x, pfn 0x%05x, live pte 0x%0*x%s'
                       % (s, va, pfn, w, live, note))
        else:
            if not live & 1:
                note = 'clear: free for the running task'
            elif live_pfn == pfn:
                note = 'still maps this page!'
            else:
                note = "the running task's slot %d (pfn 0x%05x)" % (s, live_pfn)
            bad = '' if (saved >> PAGE_SHIFT) & 0xFFFFFF == pfn and saved & 1 \
                else '  (saved PTE does not map this page!)'
            out.append('  slot %d: vaddr 0x%08x, pfn 0x%05x, saved pte 0x%0*x, live pte 0x%0*x (%s)%s'
                       % (s, va, pfn, w, saved, w, live, note, bad))
    out.append('  pagefault_disabled %d' % int(t['pagefault_disabled']))
    return out


class FenKmapLocal(FenCommand):
    """fen-kmap-local [PID]: the kmap_local slot stack. Without PID, CPU 0's
running task: depth, and for each slot in use its fixmap index, virtual
address, PTE and pfn. With PID, that task's kmap_ctrl: for the running
task each slot's live PTE; for a task that is switched out the PTE the
switch saved in kmap_ctrl.pteval[] (kmap_local_sched_out()) beside what
the slot's PTE holds now (clear, or another task's mapping)."""
    name = 'fen-kmap-local'

    def lines(self, argv):
        if not argv:
            return kmap_local_lines()
        if len(argv) != 1:
            raise FenError('usage: fen-kmap-local [PID]')
        return task_kmap_local_lines(parse_number(argv[0]))


class FenPkmap(FenCommand):
    """fen-pkmap: the kmap() pool: every entry whose count is not 0, with
its state (1: mapped but unused, awaiting the flush; n: n-1 users), the
page it maps and its PTE."""
    name = 'fen-pkmap'

    def lines(self, argv):
        return pkmap_lines()


class FenPs(FenCommand):
    """fen-ps: every task on task_list (kernel/fork.c), in creation order:
pid, comm, state letter (R runnable or running, S interruptible sleep, D
uninterruptible sleep, X dead), on_rq, whether CPU 0 runs it, voluntary
and preempted switches away (nvcsw, nivcsw), the kernel stack's range and
whether its STACK_END_MAGIC canary is intact, kmap_local slots held, and
for a task that is not running the return address __switch_to_asm()
saved on its stack (thread.sp -> edi, esi, ebx, ebp, eip): where it will
resume."""
    name = 'fen-ps'

    def lines(self, argv):
        if argv:
            raise FenError('usage: fen-ps')
        return ps_lines()


# ---------------------------------------------------------------------------
# Processes: VMAs and user page tables (include/mm/mm_types.h, mm/mmap.c,
# mm/user_pgtable.c, arch/x86/mm/pgd.c, fs/proc/task_mmu.c)

# vm_flags bits (mm/mmap.h) are macros; these four are Linux's values, and
# include/mm/mmap.h defines them so that /proc/PID/maps reads as Linux's.
_VM_READ, _VM_WRITE, _VM_EXEC, _VM_SHARED = 0x1, 0x2, 0x4, 0x8


def task_mm(pid):
    """(task address, task, mm value or None) for pid."""
    addr, t = find_task(pid)
    mm = t['mm']
    return addr, t, (mm.dereference() if to_int(mm) else None)


def vmas(mm):
    """The struct vm_area_struct values on mm->mmap, in list (address) order."""
    off = to_int(ev('&((struct vm_area_struct *)0)->vm_list')
                 .cast(gdb.lookup_type('unsigned long')))
    return [ev('(struct vm_area_struct *)0x%x' % (node - off)).dereference()
            for node in list_nodes(mm['mmap'], 65536)]


def vma_name(vma, mm):
    """fs/proc/task_mmu.c's vma_name(): the file, [heap], [stack] or ''."""
    start, end = to_int(vma['vm_start']), to_int(vma['vm_end'])
    if to_int(vma['vm_file']):
        return vma['vm_file']['name'].string()
    start_brk, brk, stack = (to_int(mm[f]) for f in ('start_brk', 'brk', 'start_stack'))
    if start_brk and start <= brk and end >= start_brk:
        return '[heap]'
    if start <= stack <= end:
        return '[stack]'
    return ''


def maps_line(vma, mm):
    """One line of /proc/PID/maps (show_map_vma()): fixed part padded to 48 columns."""
    flags = to_int(vma['vm_flags'])
    filed = bool(to_int(vma['vm_file']))
    perms = ''.join(c if flags & bit else '-' for bit, c in
                    ((_VM_READ, 'r'), (_VM_WRITE, 'w'), (_VM_EXEC, 'x')))
    perms += 's' if flags & _VM_SHARED else 'p'
    fixed = '%08x-%08x %s %08x 00:%02x %d ' % (
        to_int(vma['vm_start']), to_int(vma['vm_end']), perms,
        (to_int(vma['vm_pgoff']) << PAGE_SHIFT) if filed else 0, 1 if filed else 0,
        to_int(vma['vm_file']['ino']) if filed else 0)
    name = vma_name(vma, mm)
    if not name:
        return fixed
    return fixed + ' ' * max(0, 48 - len(fixed)) + ' ' + name


def vmas_lines(pid):
    _, t, mm = task_mm(pid)
    if mm is None:
        return ['fen-vmas: pid %d %s is a kernel thread: no mm, no user half (it runs on %s)'
                % (pid, comm_of(t), 'init_mm' if to_int(t['active_mm']) == symbol_addr('init_mm')
                   else 'active_mm 0x%08x' % to_int(t['active_mm']))]
    vs = vmas(mm)
    pgd = to_int(mm['pgd'])
    out = ['fen-vmas: pid %d %s, mm 0x%08x, pgd 0x%08x (phys 0x%08x), %d VMAs, '
           'brk [0x%08x, 0x%08x), start_stack 0x%08x'
           % (pid, comm_of(t), to_int(t['mm']), pgd, (pgd - page_offset()) & 0xFFFFFFFF,
              len(vs), to_int(mm['start_brk']), to_int(mm['brk']), to_int(mm['start_stack']))]
    out += [maps_line(v, mm) for v in vs]
    if len(vs) != int(mm['map_count']):
        out.append('  (map_count is %d!)' % int(mm['map_count']))
    return out


def read_phys(phys, size):
    """size bytes at physical address phys: through the direct map when the
    frame is lowmem, else with the stub in physical-memory mode."""
    po = page_offset()
    if phys + size + po <= to_int(ev('high_memory')) and phys + size <= (1 << 32) - po:
        return bytes(_inferior().read_memory(phys + po, size))
    if phys + size > 1 << 32:
        # gdb's i386 addresses are 32 bits: a read there would wrap silently
        raise FenError('phys 0x%x is above 4 GiB, where gdb for i386 cannot address; '
                       'QEMU\'s monitor can: xp /2gx 0x%x' % (phys, phys))
    try:
        gdb.execute('maintenance packet Qqemu.PhyMemMode:1', to_string=True)
        return bytes(_inferior().read_memory(phys, size))
    except gdb.error as e:
        raise FenError('cannot read phys 0x%x (a highmem page table): %s' % (phys, e))
    finally:
        try:
            gdb.execute('maintenance packet Qqemu.PhyMemMode:0', to_string=True)
        except gdb.error:
            pass


def read_entry(phys, pae):
    return struct.unpack('<Q' if pae else '<I', read_phys(phys, 8 if pae else 4))[0]


def frame_zone(pfn):
    """(zone name, _refcount) of a frame, from its struct page."""
    if pfn >= int(ev('max_pfn')):
        return '?', None
    page = ev('(struct page *)0x%x' % pfn_to_page_addr(pfn)).dereference()
    zi = (int(page['flags']) & 0xFFFFFFFF) >> kernel_constant('ZONES_SHIFT')
    zs = zones()
    return (zone_name(zs[zi]) if zi < len(zs) else '?'), int(page['_refcount'])


def upt_lines(pid, vaddr):
    vaddr &= 0xFFFFFFFF
    _, t, mm = task_mm(pid)
    if mm is None:
        raise FenError('pid %d %s is a kernel thread: no user page tables' % (pid, comm_of(t)))
    po = page_offset()
    if vaddr >= po:
        raise FenError('0x%08x is in the kernel half (PAGE_OFFSET 0x%08x), shared by every '
                       'process: fen-walk shows it' % (vaddr, po))
    pae = is_pae()
    w = 16 if pae else 8
    mask = 0x000FFFFFFFFFF000 if pae else 0xFFFFF000
    pgd = to_int(mm['pgd'])
    pgd_phys = (pgd - po) & 0xFFFFFFFF
    cr3 = read_cr('cr3')
    in_cr3 = cr3 is not None and (cr3 & ~0x1F) == pgd_phys
    out = ['fen-upt pid %d %s 0x%08x: %s, mm->pgd 0x%08x (phys 0x%08x)%s'
           % (pid, comm_of(t), vaddr, 'PAE, 3 levels' if pae else '2 levels', pgd, pgd_phys,
              ', in CR3 now' if in_cr3 else '')]
    vma = [v for v in vmas(mm) if to_int(v['vm_start']) <= vaddr < to_int(v['vm_end'])]
    out.append('  vma: %s' % (maps_line(vma[0], mm).rstrip() if vma else
                              'none covers it (an access would be SIGSEGV)'))

    def level(name, idx, ent, v, note):
        out.append('  %-3s[%4d] @ phys 0x%08x = 0x%0*x  %-18s (%s)'
                   % (name, idx, ent, w, v, decode_flags(v, pae) if v else 'empty', note))

    if pae:
        i = vaddr >> 30
        ent = pgd_phys + 8 * i
        v = read_entry(ent, pae)
        level('pgd', i, ent, v, 'PDPT entry, 1 GiB: a user PMD page pgd_alloc() preallocated')
        if not v & 1:
            out.append('  not mapped: the PDPT entry is not present')
            return out
        i = (vaddr >> 21) & 511
        ent = (v & mask) + 8 * i
        v = read_entry(ent, pae)
        level('pmd', i, ent, v, '2 MiB')
        nptes, shift = 512, 12
    else:
        i = vaddr >> 22
        ent = pgd_phys + 4 * i
        v = read_entry(ent, pae)
        level('pgd', i, ent, v, 'PDE, 4 MiB, this process\'s own')
        nptes = 1024
    if not v & 1:
        out.append('  not mapped: no page table yet (none touched in this %s)'
                   % ('2 MiB' if pae else '4 MiB'))
        return out
    table = v & mask
    tzone, _ = frame_zone(table >> PAGE_SHIFT)
    i = (vaddr >> 12) & (nptes - 1)
    ent = table + (8 if pae else 4) * i
    v = read_entry(ent, pae)
    level('pte', i, ent, v, '4 KiB; the table is pfn 0x%x, %s%s'
          % (table >> PAGE_SHIFT, tzone, ': highpte, read by phys' if tzone == 'HighMem' else ''))
    if not v & 1:
        out.append('  not present: %s' % ('untouched; the first access faults it in'
                                         if vma else 'no VMA'))
        return out
    pfn = (v & mask) >> PAGE_SHIFT
    zname, ref = frame_zone(pfn)
    cow = ''
    if vma and to_int(vma[0]['vm_flags']) & _VM_WRITE and not v & 2:
        cow = '; read-only in a writable VMA: the next write copies it (COW)' \
            if ref and ref > 1 else '; read-only in a writable VMA: the next write makes it writable'
    out.append('  frame pfn 0x%x (phys 0x%x), zone %s%s, _refcount %s%s'
               % (pfn, pfn << PAGE_SHIFT, zname,
                  ' (no kernel address: kmap_local to touch it)' if zname == 'HighMem' else '',
                  ref, cow))
    return out


class FenVmas(FenCommand):
    """fen-vmas PID: the VMAs of process PID (task->mm->mmap, struct
vm_area_struct on vm_list), one line each as /proc/PID/maps prints them:
start-end, rwxp, file offset, device, inode, and the file, [heap] (the VMA
holding start_brk..brk) or [stack] (the one holding start_stack). A
kernel thread has no mm: it says so."""
    name = 'fen-vmas'

    def lines(self, argv):
        if len(argv) != 1:
            raise FenError('usage: fen-vmas PID')
        return vmas_lines(parse_number(argv[0]))


class FenUpt(FenCommand):
    """fen-upt PID ADDR: walk process PID's own page tables (mm->pgd, not
CR3) for user address ADDR, the way the MMU would: the PGD entry (a PDE;
with PAE the PDPT entry and then the PMD entry of the preallocated user
PMD page), the PTE (the table may be in highmem with `highpte`: read by
physical address), then the frame, its zone (HighMem for GFP_HIGHUSER
pages) and its _refcount (2 or more: shared after fork, copy-on-write).
Also names the VMA that covers ADDR."""
    name = 'fen-upt'

    def lines(self, argv):
        if len(argv) != 2:
            raise FenError('usage: fen-upt PID ADDR')
        return upt_lines(parse_number(argv[0]), parse_number(argv[1]))


# ---------------------------------------------------------------------------
# User programs: their symbols, and breakpoints in ring 3 (user/user.mk links
# every program static at 0x08048000, so they all share addresses: one
# program's symbols at a time, and a breakpoint that checks who hit it)

# The user symbol file loaded now: (path, .text address) or None.
_user_symfile = None


def build_dir():
    """The directory of the kernel.elf gdb has loaded (its build: build/, ...)."""
    for obj in gdb.objfiles():
        if obj.filename and os.path.basename(obj.filename) == 'kernel.elf':
            return os.path.dirname(os.path.abspath(obj.filename))
    raise FenError('no kernel.elf loaded: `file build/kernel.elf` first')


def elf_sections(path):
    """{name: (addr, size)} of an ELF32 file's sections, and its symbols
    {name: value} of type FUNC or OBJECT, read from the file itself."""
    with open(path, 'rb') as f:
        data = f.read()
    if data[:4] != b'\x7fELF' or data[4] != 1:
        raise FenError('%s is not a 32-bit ELF file' % path)
    shoff, = struct.unpack_from('<I', data, 32)
    shentsize, shnum, shstrndx = struct.unpack_from('<HHH', data, 46)
    hdrs = [struct.unpack_from('<IIIIIIIIII', data, shoff + i * shentsize) for i in range(shnum)]

    def name_at(tab, off):
        start = hdrs[tab][4] + off
        return data[start:data.index(b'\0', start)].decode(errors='replace')
    sections, symbols = {}, {}
    for h in hdrs:
        sections[name_at(shstrndx, h[0])] = (h[3], h[5])
    for h in hdrs:
        if h[1] != 2:           # SHT_SYMTAB
            continue
        for i in range(h[5] // 16):
            st_name, st_value, _, st_info, _, _ = struct.unpack_from('<IIIBBH', data, h[4] + 16 * i)
            if st_name and st_info & 0xF in (1, 2):       # OBJECT, FUNC
                symbols[name_at(h[6], st_name)] = st_value
    return sections, symbols


def user_program_path(name):
    """$(O)/user/bin/NAME for a program name, /bin/NAME or a path to a file."""
    if os.path.isfile(name) and '/' in name and not name.startswith('/bin/'):
        return os.path.abspath(name)
    prog = os.path.basename(name)
    path = os.path.join(build_dir(), 'user', 'bin', prog)
    if not os.path.isfile(path):
        have = sorted(os.listdir(os.path.dirname(path))) if os.path.isdir(
            os.path.dirname(path)) else []
        raise FenError('no user program %r: %s does not exist (programs: %s)'
                       % (prog, path, ', '.join(have) or 'none built: make kernel'))
    return path


def unload_user_symbols():
    global _user_symfile
    if _user_symfile:
        path, text = _user_symfile
        _user_symfile = None
        try:
            gdb.execute('remove-symbol-file -a 0x%x' % text, to_string=True)
        except gdb.error:
            pass
        return path
    return None


def load_user_symbols(path):
    """add-symbol-file of one user program, replacing the one loaded before."""
    global _user_symfile
    sections, _ = elf_sections(path)
    if '.text' not in sections:
        raise FenError('%s has no .text section' % path)
    text = sections['.text'][0]
    if _user_symfile == (path, text):
        return text, False
    unload_user_symbols()
    gdb.execute('add-symbol-file %s 0x%x' % (path, text), to_string=True)
    _user_symfile = (path, text)
    return text, True


def current_user_task():
    """(pid, comm, has an mm, stopped in ring 3) of CPU 0's running task."""
    t = ev('pcpu_hot')[0]['current_task'].dereference()
    try:
        in_user = int(ev('$cs')) & 3 == 3
    except gdb.error:
        in_user = False
    return int(t['pid']), comm_of(t), to_int(t['mm']) != 0, in_user


class FenUser(FenCommand):
    """fen-user [PROGRAM | -u | auto on|off]: load the symbols of a user program, so that
gdb shows its source, its functions and its locals when the CPU is in it.
Without PROGRAM, the program CPU 0 is running now (current->comm, e.g.
"sh" for /bin/sh); PROGRAM is a name (sh, /bin/sh) or a path to an ELF
file. The file is $(O)/user/bin/NAME beside the kernel.elf gdb has
loaded, added with add-symbol-file at its .text address. Every user
program is linked at 0x08048000, so one program's symbols are loaded at a
time: loading another one replaces it. -u unloads it (only the kernel's
symbols again). A program's symbols are right only while that program
runs: `fen-ps` says which one does. `fen-user auto on` (make debug turns
it on) does it at every stop in user mode, for the program that runs."""
    name = 'fen-user'

    def lines(self, argv):
        if argv and argv[0] == 'auto':
            return user_auto(argv[1:])
        if argv == ['-u']:
            path = unload_user_symbols()
            return ['fen-user: %s' % ('unloaded %s' % path if path else 'no user symbols loaded')]
        if len(argv) > 1:
            raise FenError('usage: fen-user [PROGRAM | -u]')
        pid, comm, has_mm, in_user = current_user_task()
        if argv:
            prog = argv[0]
        elif not has_mm:
            raise FenError('pid %d %s is a kernel thread: no user program to load '
                           '(name one: fen-user sh)' % (pid, comm))
        else:
            prog = comm
        path = user_program_path(prog)
        text, new = load_user_symbols(path)
        out = ['fen-user: %s symbols of %s (.text at 0x%08x)'
               % ('loaded' if new else 'already loaded:', path, text)]
        running = os.path.basename(path)[:15] == comm
        out.append('  CPU 0 runs pid %d %s%s%s' % (
            pid, comm, ', in user mode (ring 3)' if in_user else ', in the kernel',
            '' if running or not has_mm else
            ': not this program, its addresses mean something else there'))
        return out


_user_auto = False


def _on_stop(event):
    """fen-user auto: at a stop in ring 3, the running program's symbols."""
    try:
        pid, comm, has_mm, in_user = current_user_task()
        if not (in_user and has_mm):
            return
        if _user_symfile and os.path.basename(_user_symfile[0])[:15] == comm:
            return
        path = user_program_path(comm)
        before = os.path.basename(_user_symfile[0]) if _user_symfile else None
        text, _ = load_user_symbols(path)
        # gdb printed the stop before this handler ran, with the symbols
        # loaded then: say so, and print the frame again with the right ones
        gdb.write('fen-user: pid %d %s: loaded the symbols of %s (.text at 0x%08x)%s\n'
                  % (pid, comm, path, text, '; the line above was read with %s\'s' % before
                     if before else ''))
        gdb.execute('frame 0')
    except (FenError, gdb.error) as e:
        gdb.write('fen-user auto: %s\n' % e)


def user_auto(argv):
    global _user_auto
    if argv not in (['on'], ['off'], []):
        raise FenError('usage: fen-user auto [on|off]')
    if argv:
        want = argv[0] == 'on'
        if want and not _user_auto:
            gdb.events.stop.connect(_on_stop)
        elif not want and _user_auto:
            gdb.events.stop.disconnect(_on_stop)
        _user_auto = want
    return ['fen-user auto: %s (at each stop in user mode, the running program\'s symbols)'
            % ('on' if _user_auto else 'off')]


class UserBreakpoint(gdb.Breakpoint):
    """A hardware breakpoint at a user address that stops only in ring 3 in
    the named program (and pid, if given); elsewhere the same address is
    another program's code, and the CPU goes on."""

    def __init__(self, addr, program, pid, label):
        # hardware: QEMU checks it by virtual address in any address space,
        # so it can be set while the program's pages are not even mapped
        super().__init__('*0x%x' % addr, type=gdb.BP_HARDWARE_BREAKPOINT, internal=False)
        self.program = os.path.basename(program)[:15]     # TASK_COMM_LEN - 1
        self.pid = pid
        self.label = label

    def stop(self):
        try:
            pid, comm, _, in_user = current_user_task()
        except gdb.error:
            return False
        return in_user and comm == self.program and (self.pid is None or pid == self.pid)


def user_location(path, spec):
    """The address to break at for spec in the (loaded) program at path: a
    function (after its prologue, as `break FUNC` would), FILE:LINE, or
    *ADDRESS."""
    if spec.startswith('*'):
        return parse_number(spec[1:]), spec
    _, symbols = elf_sections(path)
    if spec in symbols:
        entry = symbols[spec]
        # decode_line on the function's own source file, so the kernel's
        # symbol of the same name (memset, strlen, ...) is not the one found
        block = gdb.block_for_pc(entry)
        sym = block.function if block else None
        if sym is not None and sym.symtab is not None:
            try:
                _, sals = gdb.decode_line('%s:%s' % (sym.symtab.filename, spec))
                for sal in sals or ():
                    if sal.pc and entry <= sal.pc < entry + 4096:
                        return sal.pc, '%s (%s:%d)' % (spec, sym.symtab.filename, sal.line)
            except gdb.error:
                pass
        return entry, spec
    if ':' in spec:
        _, sals = gdb.decode_line(spec)
        pcs = [sal.pc for sal in sals or () if sal.pc and sal.pc < page_offset()]
        if pcs:
            return pcs[0], spec
    raise FenError('no function or location %r in %s' % (spec, path))


class FenUserBreak(FenCommand):
    """fen-user-break PROGRAM LOCATION [PID]: stop when PROGRAM (a name as
in /bin, e.g. sh) reaches LOCATION in user mode: a function (main: after
its prologue, so its arguments and locals are readable), FILE:LINE or
*ADDRESS. Loads PROGRAM's symbols (fen-user) and sets a hardware
breakpoint that fires only in ring 3 in a task whose comm is PROGRAM (and
whose pid is PID, if given): every program shares the address range, so
a hit in another one is passed over. Set it any time, even while the
program is not running yet (it is not mapped: a software breakpoint
could not be written there). `delete` removes it as any breakpoint."""
    name = 'fen-user-break'

    def lines(self, argv):
        if len(argv) not in (2, 3):
            raise FenError('usage: fen-user-break PROGRAM LOCATION [PID]')
        path = user_program_path(argv[0])
        load_user_symbols(path)
        pid = parse_number(argv[2]) if len(argv) == 3 else None
        addr, label = user_location(path, argv[1])
        if addr >= page_offset():
            raise FenError('0x%08x is a kernel address: use break' % addr)
        bp = UserBreakpoint(addr, path, pid, label)
        return ['fen-user-break: breakpoint %d at 0x%08x, %s in %s%s, ring 3 only'
                % (bp.number, addr, label, os.path.basename(path),
                   '' if pid is None else ' pid %d' % pid)]


for _cls in (FenBuddyinfo, FenFreelist, FenPage, FenWalk, FenKmapLocal, FenPkmap, FenPs,
             FenVmas, FenUpt, FenUser, FenUserBreak):
    _cls()

gdb.write('fenestra: fen-buddyinfo, fen-freelist, fen-page, fen-walk, fen-kmap-local, '
          'fen-pkmap, fen-ps, fen-vmas, fen-upt, fen-user, fen-user-break loaded '
          '(help fen-walk, ...)\n')
