# SPDX-License-Identifier: MIT
"""Checks for tools/gdb/fenestra.py, run inside `gdb -batch` by tests/gdb/run.py.

gdb is attached to a QEMU halted at reset, with the kernel loaded and
tools/gdb/fenestra.py sourced; the kernel boots with `tour`. The session
stops three times and checks each command's output against the serial log
the kernel printed up to that moment (FEN_SERIAL_LOG) or against values
that follow from the layout:

  1. at initramfs_init(), just after main.c's show_buddyinfo() (the
     archive's unpacking allocates, and the tour drains): buddyinfo,
     a free list, a free struct page, walks of PAGE_OFFSET + 1 MiB (must
     end at phys 0x100000) and of the 8 MiB hole (must not be mapped);
     fen-ps: pid 0 swapper idle and switched out inside the scheduler,
     pid 1 kernel_init running (the tour runs in pid 1)
  2. at gdb_checkpoint("kmap_local"): the slot stack, the walk of the slot
     address (must end at the tour page), the allocated struct page; the
     same slot through fen-kmap-local 1 (live PTE) and fen-ps, and pid 0
     holding none
  3. at gdb_checkpoint("kmap"): the pkmap entry, its walk, the kmap_local
     stack empty again, page_address() of the page
  4. at main() of /bin/showmaps, through fen-user-break (a hardware
     breakpoint that /init, running the same addresses first, must pass
     over): in ring 3, in showmaps, before it printed anything; argc and
     argv[0] read from its frame; `fen-user auto` loaded its symbols at
     the stop; fen-user loads the running program;
     fen-user for a kernel thread and fen-user-break for a program that
     does not exist are errors
  5. at sys_exit_group(), the first one: the child of /bin/showmaps
     (user/bin/showmaps.c) exiting after its copy-on-write, its parent
     asleep in wait4: fen-vmas of the parent must print exactly the
     /proc/self/maps lines it printed; fen-upt of its text, data and
     untouched pages must give the frames its pagemap lines gave (the
     data page: the parent's frame read-only, the child's a new writable
     copy), the text frame must hold the file's first page, an address
     no VMA covers is not mapped; fen-vmas of pid 0 says kernel thread

(run.py boots with "tour rdinit=/init -- /bin/showmaps" and the initramfs.)

One line per check, `ok - NAME` or `not ok - NAME: why` followed by the
command output, then `N passed, M failed`.
"""

import os
import re

import gdb

LOG = os.environ['FEN_SERIAL_LOG']
results = []


def run(cmd):
    return gdb.execute(cmd, to_string=True)


def serial():
    with open(LOG, 'rb') as f:
        text = f.read().decode('utf-8', errors='replace')
    return [re.sub(r'^\[\s*\d+\.\d+\] ', '', l.rstrip('\r')) for l in text.split('\n')]


def find(lines, regex, what):
    for l in lines:
        m = re.search(regex, l)
        if m:
            return m
    raise AssertionError('serial log has no line for %s (/%s/)' % (what, regex))


def check(name, fn):
    out = ''
    try:
        out = fn() or ''
        results.append((name, True, '', out))
    except AssertionError as e:
        results.append((name, False, str(e), getattr(e, 'output', out)))
    except gdb.error as e:
        results.append((name, False, 'gdb error: %s' % e, out))


def expect(cond, why, output):
    if not cond:
        e = AssertionError(why)
        e.output = output
        raise e


def stop_at(location, want_what=None):
    run('tbreak %s' % location)
    run('continue')
    frame = gdb.selected_frame()
    fn = frame.function()
    name = fn.name if fn else '?'
    pc = int(gdb.parse_and_eval('$pc')) & 0xFFFFFFFF
    # at a function's first instruction gdb may not name the frame's
    # function yet; the address says it
    at_entry = pc == int(gdb.parse_and_eval('(unsigned long)&%s' % location)) & 0xFFFFFFFF
    expect(name == location or at_entry, 'stopped in %s (pc 0x%08x), not %s'
           % (name, pc, location), '')
    if want_what:
        what = gdb.parse_and_eval('what').string()
        expect(what == want_what, 'gdb_checkpoint("%s"), expected "%s"' % (what, want_what), '')


def zone_spans(lines):
    spans = {}
    for l in lines:
        m = re.match(r'^  (DMA|Normal|HighMem)\s+\[mem (0x[0-9a-f]+)-(0x[0-9a-f]+)\]', l)
        if m:
            spans[m.group(1)] = (int(m.group(2), 16) >> 12, (int(m.group(3), 16) + 1) >> 12)
    return spans


def main():
    # --- stop 1: initramfs_init(), the state show_buddyinfo() just printed
    stop_at('initramfs_init')
    log = serial()
    pae = ', PAE,' in find(log, r'^Fenestra version.*', 'the banner').group(0)
    po = int(find(log, r'^\s+lowmem\s*: (0x[0-9a-f]+)', 'the lowmem layout row').group(1), 16)
    high_memory = int(find(log, r'^\s+lowmem\s*: 0x[0-9a-f]+ - (0x[0-9a-f]+)',
                           'the lowmem layout row').group(1), 16)
    vmalloc_start = int(find(log, r'^\s+vmalloc\s*: (0x[0-9a-f]+)',
                             'the vmalloc layout row').group(1), 16)
    buddy_rx = r'^Node 0, zone +\S+( +\d+)+ *$'	# Linux's lines end in a space
    logged = [l.rstrip() for l in log if re.match(buddy_rx, l)]
    nzones = len({l.split()[3] for l in logged})
    logged = logged[-nzones:]
    spans = zone_spans(log)

    def buddyinfo():
        out = run('fen-buddyinfo')
        got = [l.rstrip() for l in out.splitlines() if re.match(buddy_rx, l)]
        expect(got == logged, 'differs from the last show_buddyinfo() lines of the log:\n'
               + '\n'.join(logged), out)
        return out
    check('buddyinfo_matches_boot_log', buddyinfo)

    top = logged[-1].split()
    zname = top[3]
    counts = [int(x) for x in top[4:]]
    order = max(o for o, n in enumerate(counts) if n)
    first_pfn = []

    def freelist():
        out = run('fen-freelist %s %d 100000' % (zname, order))
        pfns = [int(x, 16) for x in re.findall(r'0x[0-9a-f]+', ' '.join(
            l for l in out.splitlines()[1:]))]
        expect(len(pfns) == counts[order], '%d pfns listed, buddyinfo says %d'
               % (len(pfns), counts[order]), out)
        lo, hi = spans[zname]
        bad = [p for p in pfns if p % (1 << order) or p < lo or p + (1 << order) > hi]
        expect(not bad, 'blocks misaligned or outside zone %s [0x%x, 0x%x): %s'
               % (zname, lo, hi, ' '.join('0x%x' % p for p in bad[:8])), out)
        expect(len(set(pfns)) == len(pfns), 'a block is listed twice', out)
        first_pfn.append(pfns[0])
        return out
    check('freelist_%s_order%d_matches_buddyinfo' % (zname, order), freelist)

    def free_page():
        expect(first_pfn, 'no pfn from the free-list check', '')
        out = run('fen-page 0x%x' % first_pfn[0])
        for want in ('pfn 0x%05x' % first_pfn[0], 'zone %s' % zname, 'PG_buddy',
                     '_refcount 0', 'free block of order %d ' % order):
            expect(want in out, 'no "%s"' % want, out)
        return out
    check('page_free_block_head', free_page)

    def walk_kernel():
        out = run('fen-walk 0x%x' % (po + 0x100000))
        expect('phys 0x100000 (pfn 0x100)' in out.splitlines()[-1],
               'PAGE_OFFSET + 1 MiB must map phys 0x100000', out)
        levels = [l for l in out.splitlines() if re.match(r'^  (pgd|pmd|pte)\[', l)]
        expect(len(levels) == (3 if pae else 2), '%d levels walked for a %sPAE kernel'
               % (len(levels), '' if pae else 'non-'), out)
        expect('(not swapper_pg_dir!)' not in out, 'CR3 is not swapper_pg_dir', out)
        return out
    check('walk_page_offset_plus_1M', walk_kernel)

    def walk_hole():
        # the middle of the hole between lowmem and vmalloc, as the log's table has them
        out = run('fen-walk 0x%x' % ((high_memory + vmalloc_start) // 2 & ~0xfff))
        expect('not mapped' in out.splitlines()[-1], 'the 8 MiB hole must be unmapped', out)
        return out
    check('walk_hole_not_mapped', walk_hole)

    def bad_zone():
        try:
            run('fen-freelist NoSuchZone 0')
        except gdb.error as e:
            expect('no zone' in str(e), 'unexpected error text: %s' % e, str(e))
            return str(e) + '\n'
        raise AssertionError('fen-freelist accepted a bad zone name')
    check('freelist_bad_zone_is_an_error', bad_zone)

    def ps_rows(out):
        rows = {}
        for l in out.splitlines()[1:]:
            f = l.split()
            if f and f[0].isdigit():
                rows[int(f[0])] = (f, l)
        return rows

    def ps():
        out = run('fen-ps')
        rows = ps_rows(out)
        expect(0 in rows and 1 in rows, 'pid 0 and pid 1 must be listed', out)
        f0, l0 = rows[0]
        f1, l1 = rows[1]
        expect(f0[1:4] == ['swapper', 'R', '1'], 'pid 0: want swapper, state R, on_rq 1', out)
        expect(f0[4] == '-' and '[idle]' in l0, 'pid 0 is the idle task, not running', out)
        # switched out by rest_init()'s schedule(): the saved eip is in the scheduler
        expect(re.search(r'0x[0-9a-f]{8} <(__schedule|context_switch|schedule)\+\d+>', l0),
               "pid 0's saved eip should be inside __schedule()", out)
        expect(f1[1:6] == ['kernel_init', 'R', '1', 'running', f1[5]],
               'pid 1: want kernel_init, state R, on_rq 1, running', out)
        expect('- (running)' in l1, 'the running task has no saved eip', out)
        for f, l in (rows[0], rows[1]):
            m = re.search(r'0x([0-9a-f]{8})-0x([0-9a-f]{8}) +ok ', l)
            expect(m and int(m.group(2), 16) - int(m.group(1), 16) == 8192,
                   'pid %s: an 8 KiB stack with its canary intact' % f[0], out)
        expect(re.search(r'running on CPU 0: pid 1;', out), 'the summary names pid 1', out)
        # the tour runs preemptible with no reschedule pending: count 0, and the
        # folded PREEMPT_NEED_RESCHED bit set (it is kept inverted)
        expect('preempt_count word 0x80000000: count 0, PREEMPT_NEED_RESCHED set '
               '(no reschedule pending)' in out, 'the preempt_count line', out)
        return out
    check('ps_lists_swapper_idle_and_kernel_init_running', ps)

    def kmap_local_bad_pid():
        try:
            run('fen-kmap-local 9999')
        except gdb.error as e:
            expect('no task with pid 9999' in str(e), 'unexpected error text: %s' % e, str(e))
            return str(e) + '\n'
        raise AssertionError('fen-kmap-local accepted a pid that does not exist')
    check('kmap_local_bad_pid_is_an_error', kmap_local_bad_pid)

    # --- stop 2: a kmap_local slot in use
    stop_at('gdb_checkpoint', 'kmap_local')
    log = serial()
    pfn = int(find(log, r'^tour: alloc_page\(\S+\) = pfn (0x[0-9a-f]+)', 'the tour page')
              .group(1), 16)
    m = find(log, r'^tour: kmap_local_page\(\) = (0x[0-9a-f]+): kmap_local slot (\d+) = '
             r'fixmap index (\d+)', 'kmap_local_page()')
    local, slot, fix = int(m.group(1), 16), int(m.group(2)), int(m.group(3))
    pte = find(log, r'^tour:   lookup_pte_k\(0x%08x\) = (0x[0-9a-f]+): .*__set_fixmap'
               % local, 'the slot PTE').group(1)

    def kmap_local():
        out = run('fen-kmap-local')
        expect('depth %d of' % (slot + 1) in out, 'depth should be %d' % (slot + 1), out)
        want = 'slot %d: fixmap index %d, vaddr 0x%08x, pte %s, pfn 0x%05x' % (
            slot, fix, local, pte, pfn)
        expect(any(l.strip() == want for l in out.splitlines()), 'no line "%s"' % want, out)
        return out
    check('kmap_local_slot_matches_tour', kmap_local)

    def walk_local():
        out = run('fen-walk 0x%x' % local)
        expect('phys 0x%x (pfn 0x%x)' % (pfn << 12, pfn) in out.splitlines()[-1],
               'the slot must map the tour page 0x%x' % pfn, out)
        expect(re.search(r'pte\[\s*\d+\] @ 0x[0-9a-f]+ = %s ' % pte, out),
               'the pte level should read %s, as the tour printed' % pte, out)
        return out
    check('walk_kmap_local_slot_to_tour_page', walk_local)

    def kmap_local_pid1():
        out = run('fen-kmap-local 1')
        expect('pid 1 kernel_init, depth %d of' % (slot + 1) in out.splitlines()[0]
               and 'running on CPU 0' in out, 'pid 1 should be running, depth %d' % (slot + 1), out)
        want = 'slot %d: vaddr 0x%08x, pfn 0x%05x, live pte %s' % (slot, local, pfn, pte)
        expect(any(l.strip() == want for l in out.splitlines()), 'no line "%s"' % want, out)
        return out
    check('kmap_local_pid1_is_the_running_task', kmap_local_pid1)

    def kmap_local_pid0():
        out = run('fen-kmap-local 0')
        expect('pid 0 swapper, depth 0 of' in out and 'switched out' in out
               and 'slot ' not in out, 'pid 0 should hold no slots and be switched out', out)
        return out
    check('kmap_local_pid0_holds_none', kmap_local_pid0)

    def ps_kmap_column():
        out = run('fen-ps')
        rows = ps_rows(out)
        expect(1 in rows and rows[1][0][9] == str(slot + 1),
               'fen-ps should show pid 1 holding %d slot(s)' % (slot + 1), out)
        expect(0 in rows and rows[0][0][9] == '0', 'fen-ps should show pid 0 holding none', out)
        return out
    check('ps_shows_kmap_local_slots_held', ps_kmap_column)

    page_out = []

    def page_alloc():
        out = run('fen-page 0x%x' % pfn)
        # no flag set, only the zone number (enum zone_type) in the top bits;
        # kernel_constant() is tools/gdb/fenestra.py's, sourced before this file
        flags = int(gdb.parse_and_eval('ZONE_HIGHMEM')) << kernel_constant('ZONES_SHIFT')
        for want in ('pfn 0x%05x' % pfn, 'zone HighMem', 'flags 0x%08x: none' % flags,
                     '_refcount 1'):
            expect(want in out, 'no "%s"' % want, out)
        page_out.append(out)
        return out
    check('page_allocated_highmem', page_alloc)

    def page_by_address():
        expect(page_out, 'no output from the pfn check', '')
        addr = re.match(r'struct page (0x[0-9a-f]+)', page_out[0]).group(1)
        out = run('fen-page %s' % addr)
        expect(out == page_out[0], 'fen-page %s differs from fen-page 0x%x' % (addr, pfn), out)
        return out
    check('page_by_struct_page_address', page_by_address)

    # --- stop 3: a pkmap entry with one user
    stop_at('gdb_checkpoint', 'kmap')
    log = serial()
    pk = int(find(log, r'^tour: kmap\(\) = (0x[0-9a-f]+)', 'kmap()').group(1), 16)
    nr = int(find(log, r'^tour:   pkmap entry (\d+), users 1', 'the pkmap entry').group(1))

    def pkmap():
        out = run('fen-pkmap')
        want = 'entry %d: vaddr 0x%08x, count 2 (mapped, 1 user), page ' % (nr, pk)
        line = [l for l in out.splitlines() if l.strip().startswith(want)]
        expect(line, 'no line starting "%s"' % want, out)
        expect('pfn 0x%05x, pte ' % pfn in line[0] and '!' not in line[0],
               'entry %d should map pfn 0x%x with a matching PTE' % (nr, pfn), out)
        expect('1 with users' in out.splitlines()[0], 'one entry should have users', out)
        return out
    check('pkmap_entry_matches_tour', pkmap)

    def walk_pkmap():
        out = run('fen-walk 0x%x' % pk)
        expect('phys 0x%x (pfn 0x%x)' % (pfn << 12, pfn) in out.splitlines()[-1],
               'the pkmap entry must map the tour page', out)
        return out
    check('walk_pkmap_entry_to_tour_page', walk_pkmap)

    def kmap_local_empty():
        out = run('fen-kmap-local')
        expect('depth 0 of' in out and 'slot ' not in out,
               'kunmap_local() should have emptied the stack', out)
        return out
    check('kmap_local_empty_after_kunmap_local', kmap_local_empty)

    def page_address():
        out = run('fen-page 0x%x' % pfn)
        expect('page_address 0x%08x (highmem, a pkmap entry)' % pk in out,
               'page_address should be the pkmap address 0x%08x' % pk, out)
        return out
    check('page_address_is_pkmap_entry', page_address)



def user_main_stop():
    """Stop 4: /bin/showmaps at its main(), in ring 3 (fen-user-break, fen-user)."""
    def kthread_error():
        try:
            run('fen-user')
        except gdb.error as e:
            expect('kernel thread' in str(e), 'unexpected error text: %s' % e, str(e))
            return str(e) + '\n'
        raise AssertionError('fen-user loaded a program for a kernel thread')
    check('user_kernel_thread_is_an_error', kthread_error)

    def unknown_program():
        try:
            run('fen-user-break no-such-program main')
        except gdb.error as e:
            expect('no user program' in str(e) and 'showmaps' in str(e),
                   'unexpected error text: %s' % e, str(e))
            return str(e) + '\n'
        raise AssertionError('fen-user-break accepted a program that does not exist')
    check('user_break_unknown_program_is_an_error', unknown_program)

    out = run('fen-user-break showmaps main')
    m = re.search(r'breakpoint (\d+) at (0x[0-9a-f]+), main \(.*showmaps\.c:\d+\)', out)
    expect(m, 'fen-user-break did not say where it broke', out)
    bpnum, addr = int(m.group(1)), int(m.group(2), 16)
    # /init (pid 1) runs user code at the same addresses first: the
    # breakpoint must pass over it and stop in showmaps. The symbols are
    # unloaded first: `fen-user auto` must load showmaps's at the stop.
    run('fen-user -u')
    run('fen-user auto on')
    try:
        cont = run('continue')
        run('fen-user auto off')

        def auto_loaded():
            expect(re.search(r'fen-user: pid \d+ showmaps: loaded the symbols of \S+/showmaps ',
                             cont), 'fen-user auto did not load showmaps at the stop', cont)
            return cont
        check('user_auto_loads_the_program_at_a_user_stop', auto_loaded)
        def ring3_in_showmaps():
            pc = int(gdb.parse_and_eval('$pc')) & 0xFFFFFFFF
            cs = int(gdb.parse_and_eval('$cs'))
            t = gdb.parse_and_eval('pcpu_hot')[0]['current_task'].dereference()
            comm = t['comm'].string()
            fn = gdb.selected_frame().function()
            expect(pc == addr, 'stopped at 0x%08x, not at the breakpoint 0x%08x' % (pc, addr), out)
            expect(cs & 3 == 3, 'CS is 0x%x: not ring 3' % cs, out)
            expect(comm == 'showmaps', 'stopped in %s, not showmaps' % comm, out)
            expect(fn is not None and fn.name == 'main', 'frame function %s, not main'
                   % (fn.name if fn else '?'), out)
            expect(not any('/proc/self/maps of pid' in l for l in serial()),
                   'showmaps already printed its maps: not at the start of main', out)
            return out
        check('user_break_stops_in_showmaps_main_in_ring3', ring3_in_showmaps)

        def argc_argv():
            argc = int(gdb.parse_and_eval('argc'))
            argv0 = gdb.parse_and_eval('argv[0]').string()
            text = 'argc %d, argv[0] "%s"\n' % (argc, argv0)
            expect(argc == 1 and argv0 == '/bin/showmaps',
                   'want argc 1, argv[0] "/bin/showmaps" (init runs it without arguments)', text)
            return text
        check('user_main_reads_argc_and_argv', argc_argv)

        def user_current():
            run('fen-user -u')
            o = run('fen-user')
            expect(re.search(r'loaded symbols of \S+/user/bin/showmaps ', o)
                   and 'in user mode (ring 3)' in o, 'fen-user should load the running '
                   "program's symbols", o)
            sym = run('info symbol $pc')
            expect(sym.startswith('main '), 'the pc is %s' % sym.strip(), o + sym)
            return o + sym
        check('user_loads_current_program', user_current)
    finally:
        run('delete %d' % bpnum)
        run('fen-user -u')


def user_stop():
    """Stop 5: user processes (tools/gdb/fenestra.py's fen-vmas, fen-upt)."""
    stop_at('sys_exit_group')
    log = serial()
    head = find(log, r'^showmaps: /proc/self/maps of pid (\d+)$', 'showmaps\'s maps')
    parent = int(head.group(1))
    i = log.index(head.group(0)) + 1
    maps = []
    while i < len(log) and re.match(r'^[0-9a-f]{8}-[0-9a-f]{8} ', log[i]):
        maps.append(log[i].rstrip())
        i += 1
    child = int(gdb.parse_and_eval('pcpu_hot')[0]['current_task'].dereference()['pid'])

    def pm(who, what, nth=0):
        rx = r'^%s: %s +([0-9a-f]{8})  (?:pfn (0x[0-9a-f]+)  (\w+), (\w+)|not present)$' % (
            who, re.escape(what))
        hits = [re.match(rx, l) for l in log if re.match(rx, l)]
        if len(hits) <= nth:
            raise AssertionError('serial log has no line %d for "%s: %s" (/%s/)'
                                 % (nth + 1, who, what, rx))
        m = hits[nth]
        return int(m.group(1), 16), (int(m.group(2), 16) if m.group(2) else None), m.group(3)

    def vmas_parent():
        expect(maps, 'showmaps printed no maps lines', '')
        out = run('fen-vmas %d' % parent)
        got = [l.rstrip() for l in out.splitlines()[1:]]
        expect(got == maps, 'differs from the /proc/self/maps showmaps printed:\n'
               + '\n'.join(maps), out)
        expect(re.search(r'pid %d showmaps, .* %d VMAs' % (parent, len(maps)),
                         out.splitlines()[0]), 'the heading names pid, comm, count', out)
        return out
    check('vmas_match_proc_self_maps', vmas_parent)

    def vmas_kthread():
        out = run('fen-vmas 0')
        expect('kernel thread' in out and 'no mm' in out, 'pid 0 has no mm', out)
        return out
    check('vmas_kernel_thread_has_none', vmas_kthread)

    def frame_line(out):
        m = re.search(r'frame pfn (0x[0-9a-f]+) \(phys (0x[0-9a-f]+)\), zone (\w+).*'
                      r'_refcount (\d+)', out)
        expect(m, 'no frame line', out)
        return int(m.group(1), 16), int(m.group(2), 16), m.group(3), int(m.group(4))

    def pte_flags(out):
        m = re.search(r'^  pte\[\s*\d+\] @ phys 0x[0-9a-f]+ = 0x[0-9a-f]+  (.*?) +\(', out, re.M)
        expect(m, 'no pte line', out)
        return m.group(1).split()

    def upt_text():
        va, pfn, zone = pm('showmaps', 'text')
        out = run('fen-upt %d 0x%x' % (parent, va))
        got, phys, z, _ = frame_line(out)
        expect(got == pfn, 'frame 0x%x, pagemap said 0x%x' % (got, pfn), out)
        expect(z == zone, 'zone %s, showmaps said %s' % (z, zone), out)
        expect('r-xp' in out and '/bin/showmaps' in out, 'the VMA is the text', out)
        levels = re.findall(r'^  (pgd|pmd|pte)\[', out, re.M)
        pae = gdb.lookup_type('pte_t').sizeof == 8
        expect(levels == (['pgd', 'pmd', 'pte'] if pae else ['pgd', 'pte']),
               'levels walked: %s' % levels, out)
        # the frame holds the file's first page (the text VMA starts at offset 0)
        if phys + 4096 <= 1 << 32:
            with open(os.path.join(os.environ['FEN_USER_BIN'], 'showmaps'), 'rb') as f:
                want = f.read(4096)
            gdb.execute('maintenance packet Qqemu.PhyMemMode:1', to_string=True)
            try:
                have = bytes(gdb.selected_inferior().read_memory(phys, len(want)))
            finally:
                gdb.execute('maintenance packet Qqemu.PhyMemMode:0', to_string=True)
            expect(have == want, 'phys 0x%x does not hold the first page of /bin/showmaps'
                   % phys, out)
        return out
    check('upt_text_frame_is_pagemap_frame_with_file_bytes', upt_text)

    def upt_cow():
        va, shared, _ = pm('child', 'data', 0)
        _, copy, _ = pm('child', 'data', 1)
        expect(shared and copy and shared != copy, 'the child\'s write should have copied '
               '(pagemap: 0x%x then 0x%x)' % (shared or 0, copy or 0), '')
        out = run('fen-upt %d 0x%x' % (parent, va))
        got, _, _, ref = frame_line(out)
        expect(got == shared, 'parent frame 0x%x, want the shared 0x%x' % (got, shared), out)
        expect('RW' not in pte_flags(out), 'the parent PTE stays write-protected after fork',
               out)
        expect(ref == 1, 'the parent is the only user now (refcount %d)' % ref, out)
        out2 = run('fen-upt %d 0x%x' % (child, va))
        got, _, _, ref = frame_line(out2)
        expect(got == copy, 'child frame 0x%x, want its copy 0x%x' % (got, copy), out2)
        expect('RW' in pte_flags(out2) and ref == 1, 'the copy is writable, one user', out2)
        return out + out2
    check('upt_cow_parent_keeps_frame_child_has_copy', upt_cow)

    def upt_untouched():
        va, pfn, _ = pm('showmaps', 'mmap+1')
        expect(pfn is None, 'showmaps says the page is present', '')
        out = run('fen-upt %d 0x%x' % (parent, va))
        expect('not present' in out.splitlines()[-1] and 'rw-p' in out,
               'an untouched page of a VMA: no PTE yet', out)
        return out
    check('upt_untouched_page_not_present', upt_untouched)

    def upt_no_vma():
        out = run('fen-upt %d 0x40000000' % parent)
        expect('none covers it' in out and ('not mapped' in out or 'not present' in out),
               'no VMA, no mapping', out)
        return out
    check('upt_no_vma_not_mapped', upt_no_vma)

    def upt_kernel_half():
        try:
            run('fen-upt %d 0xc0000000' % parent)
        except gdb.error as e:
            expect('kernel half' in str(e), 'unexpected error text: %s' % e, str(e))
            return str(e) + '\n'
        raise AssertionError('fen-upt accepted a kernel address')
    check('upt_kernel_address_is_an_error', upt_kernel_half)


try:
    main()
    user_main_stop()
    user_stop()
except AssertionError as e:
    results.append(('session', False, str(e), getattr(e, 'output', '')))
except gdb.error as e:
    results.append(('session', False, 'gdb error: %s' % e, ''))

passed = sum(1 for r in results if r[1])
for name, ok, why, out in results:
    if ok:
        gdb.write('ok - %s\n' % name)
    else:
        gdb.write('not ok - %s: %s\n' % (name, why.split('\n')[0]))
        for l in why.split('\n')[1:] + out.rstrip('\n').split('\n'):
            gdb.write('    # %s\n' % l)
    if ok and os.environ.get('FEN_GDB_VERBOSE'):
        for l in out.rstrip('\n').split('\n'):
            gdb.write('    # %s\n' % l)
gdb.write('gdb-session: %d passed, %d failed\n' % (passed, len(results) - passed))
