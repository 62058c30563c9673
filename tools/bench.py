#!/usr/bin/env python3
"""Fenestra benchmarks: guest instructions per mm operation (`make bench`).

Boots the DEBUG_VM=0 kernel under QEMU TCG with
`-icount shift=0,align=off,sleep=off`, where every guest instruction
advances the TSC by exactly one, so the kernel's RDTSC differences are
instruction counts: the same on every host and every run. The kernel's
`bench` option (kernel/bench/bench.c, kernel/bench/bench_mm.c) prints one line per row:

    bench: <row-id> <instr/op> min=<> median=<> max=<> invlpg=<> flushes=<> ptes=<>

This script boots -m 4G and -m 512M with `bench` (every row; without
highmem the highmem rows say n/a), -m 4G with the initramfs and
`rdinit=/bin/bench_user -- all` (the user-process rows, timed from user
space by user/bin/bench_user.c, which prints `bench: ROW N INSTR`) and -m 128M, 1G (and 8G with PAE=1)
with `bench=boot` (instructions from power-on to "buddy allocator ready"
and to the end of boot), all twice, checks that the two runs printed
identical lines, and prints a table beside Linux 6.1's numbers (measured
the same way, in a module, -m 4G); its last row is the boot itself, power-on
to "buddy allocator ready" at -m 4G, with a target like the others.

The SMP columns: -m 4G with `bench` again under -smp 2 and -smp 4 (the
rows on CPU 0, the other CPUs online and idle; with -icount QEMU runs the
vCPUs round-robin, so these runs are as deterministic as the others).
With more than one CPU each row's line goes on with the IPIs sent, the
shootdowns (cross-CPU flushes) and the flush batches (pkmap wraps, lazy
vunmap purges) per 1,000 ops of its timed loop; a second table shows
them beside the one-CPU instructions and the IPIs Linux 6.1 would send
(SMP_ROWS says how each figure is computed). Exit status: 0 when every
target is met and the runs agree, 1 otherwise (the missed rows are
named).

Python 3 standard library only.
"""

import argparse
import concurrent.futures
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from fentest.kconst import KernelConstError, exit_statuses  # noqa: E402
from fentest.qemu import qemu_command  # noqa: E402

# (row id, operation, Linux 6.1, target here); None: informational row
ROWS = [
    ('page-order0', 'alloc_page(GFP_KERNEL) + __free_page', 684, 120),
    ('page-order3', 'alloc_pages(GFP_KERNEL, 3) + __free_pages', 891, 300),
    ('page-highuser', 'alloc_page(GFP_HIGHUSER) + __free_page', 599, 120),
    ('bulk-alloc', '10,000 order-0 allocations (per page)', 362, 100),
    ('bulk-free', '  ... then the 10,000 frees (per page)', 318, 100),
    ('bulk-free-shuffled', '  the frees in shuffled order (info)', None, None),
    ('kmalloc-64', 'kmalloc(64) + kfree', 216, 80),
    ('kmalloc-1024', 'kmalloc(1024) + kfree', 216, 80),
    ('cache-128', 'kmem_cache_alloc + kmem_cache_free, 128 B', 187, 70),
    ('kmap-local-high', 'kmap_local_page + kunmap_local, highmem', 201, 40),
    ('kmap-local-low', 'kmap_local_page + kunmap_local, lowmem', 63, 15),
    ('kmap-atomic-high', 'kmap_atomic + kunmap_atomic, highmem', 213, 45),
    ('kmap-same', 'kmap + kunmap, same highmem page', 318, 100),
    ('kmap-cycle', 'kmap + kunmap cycling over 2048 highmem pages', 615, 300),
    ('vmalloc-64k', 'vmalloc(64 KiB) + vfree', 9000, 4000),
    ('irq-timer', 'timer interrupt entry to exit, nothing to do', None, 150),
    ('sched-yield', 'kthread switch, yield() ping-pong, per switch', 2071, 200),
    ('sched-wake', 'kthread block/wake ping-pong, per switch', 4329, 500),
    ('sched-completion', 'completion ping-pong, per switch', 4473, 500),
    ('kmap-local-preempted', 'kmap_local preempted: per switch per live slot', None, 20),
    # user processes (user/bin/bench_user.c, pid 1 of a -m 4G boot with the
    # initramfs): a system call, a switch between address spaces, the user
    # fault paths, fork; Linux 6.1 686 -m 4G in the same QEMU, init_on_alloc=1
    ('user-getpid', 'getpid through int $0x80, round trip', 338, 80),
    ('user-yield', 'sched_yield ping-pong, 2 processes, per switch', 2499, 400),
    ('user-anon-fault', 'first write to an anonymous page (highmem, zeroed)', 4217, 1500),
    ('user-munmap', 'munmap of touched pages, per page', 1313, 250),
    ('user-brk', 'brk +4 KiB then first touch, per page', 8376, 1800),
    ('user-fork', 'fork + child exit_group(0) + wait4', 110376, 20000),
    ('user-devzero', 'read 4096 bytes of /dev/zero into a touched buffer', 1766, 1200),
    ('user-anon-fault-highpte', '  the first write with `highpte` (info)', None, None),
    # a boot milestone (bench.c's `boot-` lines), not a pair; Linux 6.1's is about
    # 481 million counted from its TSC start, an approximate figure: shown as ~481 M
    ('boot-buddy-ready', 'boot, power-on to "buddy allocator ready"', 481000000, 24000000),
]

# The SMP table: the in-kernel rows again at -smp 2 and -smp 4, and the
# issue's targets for four of them. kind 'local': the instructions within
# SMP_LOCAL_SLACK of the one-CPU figure and 0 IPIs (kmap_local and
# kmap_atomic slots are per CPU: nobody else can hold their translation);
# 'wrap': at most one shootdown per pkmap pool wrap; 'purge': at most one
# shootdown per lazy vunmap purge batch; None: shown, no target.
SMP_CPUS = (2, 4)
SMP_LOCAL_SLACK = 10
SMP_TARGETS = {'kmap-local-high': 'local', 'kmap-local-low': 'local',
               'kmap-atomic-high': 'local', 'kmap-cycle': 'wrap', 'vmalloc-64k': 'purge'}

# Linux 6.1's pkmap pool: LAST_PKMAP 1024 entries (686 without PAE). Cycling
# kmap()+kunmap() over 2048 pages maps a new page every time (each page's
# entry was freed by the wrap in between), so the scan wraps once per 1024
# maps: 1000 / 1024 = 0.977 wraps per 1,000 ops, and each wrap's
# flush_all_zero_pkmaps() -> flush_tlb_kernel_range() is one IPI to each
# of the N - 1 other CPUs.
LINUX_LAST_PKMAP = 1024
# Linux 6.1's lazy vunmap: a purge once the lazily freed pages exceed
# lazy_max_pages() = fls(N) * 32 MiB / 4 KiB; a vfree(64 KiB) frees 17
# pages (16 and the guard page), so a purge every
# floor(fls(N) * 8192 / 17) + 1 vfrees, again one IPI to each other CPU.
LINUX_LAZY_PAGES_PER_LOG = 8192
VFREE_64K_PAGES = 17


def linux_ipis_per_1000(rid, ncpus):
    """IPIs per 1,000 ops that Linux 6.1 would send for row rid on ncpus
    CPUs, as the comments above work it out; None where there is no figure."""
    if rid in ('kmap-local-high', 'kmap-local-low', 'kmap-atomic-high', 'kmap-same'):
        return 0.0
    if rid == 'kmap-cycle':
        return (ncpus - 1) * 1000.0 / LINUX_LAST_PKMAP
    if rid == 'vmalloc-64k':
        per_purge = ncpus.bit_length() * LINUX_LAZY_PAGES_PER_LOG // VFREE_64K_PAGES + 1
        return (ncpus - 1) * 1000.0 / per_purge
    return None


QEMU_ICOUNT = ['-icount', 'shift=0,align=off,sleep=off',
               '-rtc', 'base=2024-01-01,clock=vm']

_BENCH_RE = re.compile(r'^(?:\[\s*\d+\.\d+\] )?bench: (.*)$')
_ROW_RE = re.compile(r'^(\S+) (\d+\.\d+)(?: min=(\d+) median=(\d+) max=(\d+))?'
                     r' invlpg=(\S+) flushes=(\S+) ptes=(\S+)'
                     r'(?: ipis=(\S+) shootdowns=(\S+) wraps=(\S+) purges=(\S+))?$')
_NA_RE = re.compile(r'^(\S+) n/a \((.*)\)$')
# bench_user's lines: "bench: ROW N INSTR_PER_ITERATION"
_USER_RE = re.compile(r'^(\S+) (\d+) (\d+\.\d+)$')
# bench_user row -> (our row, events per iteration): the yield loop's one
# iteration is two switches (to the other process and back)
USER_ROWS = {'getpid': ('user-getpid', 1), 'sched_yield_pingpong': ('user-yield', 2),
             'anon_first_write': ('user-anon-fault', 1), 'munmap_touched': ('user-munmap', 1),
             'brk_4k_touch': ('user-brk', 1), 'fork_exit_wait': ('user-fork', 1),
             'read_devzero_4k': ('user-devzero', 1)}


class Boot:
    """One configuration: a kernel, a machine and a command line."""

    def __init__(self, name, kernel, mem, cmdline, cpu='qemu32', initrd=None, smp=1):
        self.name, self.kernel, self.mem = name, kernel, mem
        self.cmdline, self.cpu, self.initrd, self.smp = cmdline, cpu, initrd, smp


def run_boot(boot, run, qemu, logdir, timeout):
    """Boot once; return (bench lines, error or None)."""
    log = os.path.join(logdir, '%s.run%d.log' % (boot.name, run))
    if os.path.exists(log):
        os.unlink(log)
    # The serial port writes a file, not a pipe: a full pipe would stall the
    # UART and the guest's polling loop would count the wait as instructions.
    args = ['-kernel', boot.kernel, '-append', boot.cmdline]
    if boot.initrd:
        args += ['-initrd', boot.initrd]
    cmd = qemu_command(qemu, boot.mem, args, log, machine='pc', cpu=boot.cpu,
                       before_boot=QEMU_ICOUNT,
                       extra=['-smp', str(boot.smp)] if boot.smp > 1 else [])
    try:
        success, _ = exit_statuses(os.path.dirname(boot.kernel))
    except KernelConstError as e:
        return [], str(e)
    try:
        p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.STDOUT, timeout=timeout)
        status, out = p.returncode, p.stdout.decode(errors='replace')
    except subprocess.TimeoutExpired:
        return [], 'timed out after %d s (log %s)' % (timeout, log)
    except OSError as e:
        return [], 'cannot run %s: %s' % (qemu, e)
    lines, run_complete = [], False
    try:
        with open(log, 'rb') as f:
            for raw in f.read().decode(errors='replace').splitlines():
                m = _BENCH_RE.match(raw.rstrip('\r'))
                if m:
                    lines.append(m.group(1))
                if re.search(r'Fenestra: run complete$', raw.rstrip('\r')):
                    run_complete = True
    except OSError:
        pass
    if status != success:
        return lines, 'QEMU exit status %d, not %d (log %s)%s' % (
            status, success, log, (': ' + out.strip()[-300:]) if out.strip() else '')
    if boot.initrd:
        if not run_complete:
            return lines, 'no "Fenestra: run complete" line: init failed (log %s)' % log
    elif not any(l == 'done' for l in lines):
        return lines, 'no "bench: done" line (log %s)' % log
    return lines, None


def parse(lines):
    """The lines of one boot as a dict."""
    d = {'rows': {}, 'na': {}, 'boot': {}, 'config': '', 'ram': ''}
    for l in lines:
        if l.startswith('config '):
            d['config'] = l[len('config '):]
        elif l.startswith('ram '):
            d['ram'] = l[len('ram '):]
        elif l.startswith('boot-'):
            k, v = l.split()
            d['boot'][k] = int(v)
        elif l.startswith('overheads ') or l == 'done':
            continue
        elif _USER_RE.match(l) and _USER_RE.match(l).group(1) in USER_ROWS:
            m = _USER_RE.match(l)
            rid, per = USER_ROWS[m.group(1)]
            d['rows'][rid] = {'mean': float(m.group(3)) / per, 'min': None, 'median': None,
                              'max': None, 'invlpg': '0', 'flushes': '0', 'ptes': '0',
                              'user': True}
        else:
            m = _ROW_RE.match(l)
            if m:
                d['rows'][m.group(1)] = {
                    'mean': float(m.group(2)),
                    'min': m.group(3), 'median': m.group(4), 'max': m.group(5),
                    'invlpg': m.group(6), 'flushes': m.group(7), 'ptes': m.group(8)}
                if m.group(9) is not None:
                    d['rows'][m.group(1)].update(
                        ipis=float(m.group(9)), shootdowns=float(m.group(10)),
                        wraps=float(m.group(11)), purges=float(m.group(12)))
                continue
            m = _NA_RE.match(l)
            if m:
                d['na'][m.group(1)] = m.group(2)
    return d


def fmt_count(n):
    return '{:,}'.format(n)


def fmt_num(x, places=2):
    return ('%.*f' % (places, x)).rstrip('0').rstrip('.') if x != int(x) else '%d' % x


def fmt_big(n, approx=False):
    """A count for the table's narrow columns: millions past ten million."""
    if n < 10000000:
        return fmt_count(n) if n == int(n) else fmt_num(n)
    return ('~%d M' if approx else '%.2f M') % (round(n / 1e6) if approx else n / 1e6)


def print_smp_table(one, smp, missed):
    """The SMP table: the in-kernel rows of ROWS at -smp 2 and -smp 4 beside
    the one-CPU figure (one: the pc-4G boot), the IPIs, shootdowns and flush
    batches per 1,000 ops, and SMP_TARGETS checked on every SMP boot (the
    missed ones appended to missed). Return: how many targets it checks."""
    ns = sorted(smp)
    print('SMP: -m 4G again with -smp %s; the rows on CPU 0, the other CPUs online and idle'
          % ' and -smp '.join('%d' % n for n in ns))
    print('  instructions per op: -icount\'s TSC is one clock all vCPUs advance, so they count')
    print('  every CPU\'s instructions during the loop (the IPI handlers on the targets too);')
    print('  per 1,000 ops of the timed loop: IPIs (every CPU\'s, one per target CPU),')
    print('  shootdowns (the cross-CPU flushes that sent them) and batches (pkmap wraps +')
    print('  lazy vunmap purges: what Linux sends one shootdown for);')
    print('  Linux 6.1: its IPIs per 1,000 ops as its pkmap pool and lazy_max_pages() make them')
    hdr = ('%-46s %8s' % ('operation', '1 CPU') +
           ''.join(' %8s' % ('-smp %d' % n) for n in ns) +
           ''.join(' %15s' % ('IPIs %d (Linux)' % n) for n in ns) +
           ' %11s %11s  %-21s %s' % ('shootdowns', 'batches', 'target', 'met'))
    print(hdr)
    print('%-46s %8s' % ('', '') + ''.join(' %8s' % '' for _ in ns) +
          ''.join(' %15s' % '' for _ in ns) +
          ' %11s %11s' % ('/'.join('%d' % n for n in ns), '/'.join('%d' % n for n in ns)))
    print('-' * len(hdr))
    checked = 0
    for rid, what, _, _ in ROWS:
        if rid.startswith('user-') or rid.startswith('boot-'):
            continue
        r1 = one['rows'].get(rid)
        rs = {n: smp[n]['rows'].get(rid) for n in ns}
        kind = SMP_TARGETS.get(rid)
        if r1 is None or any(r is None or 'ipis' not in r for r in rs.values()):
            why = [one['na'][rid]] if rid in one['na'] else []
            smp_na = [n for n in ns if rid in smp[n]['na']]
            if smp_na and len(set(smp[n]['na'][rid] for n in smp_na)) == 1:
                why.append('-smp %s: %s' % ('/'.join('%d' % n for n in smp_na),
                                            smp[smp_na[0]]['na'][rid]))
            else:
                why += ['-smp %d: %s' % (n, smp[n]['na'][rid]) for n in smp_na]
            print('%-46s %8s   n/a: %s' % (what, fmt_num(r1['mean']) if r1 else '-',
                                          '; '.join(why) or 'no line printed'))
            if kind:
                missed.append('%s on SMP (no result)' % rid)
                checked += 1
            continue
        ipi_cells = []
        for n in ns:
            lx = linux_ipis_per_1000(rid, n)
            ipi_cells.append(' %15s' % ('%s (%s)' % (fmt_num(rs[n]['ipis'], 3),
                                                     '-' if lx is None else '%.2f' % lx)))
        why = []
        if kind == 'local':
            target = '<=%s instr, 0 IPIs' % fmt_num(r1['mean'] + SMP_LOCAL_SLACK)
            for n in ns:
                if rs[n]['mean'] > r1['mean'] + SMP_LOCAL_SLACK:
                    why.append('-smp %d: %s instructions, one CPU %s' %
                               (n, fmt_num(rs[n]['mean']), fmt_num(r1['mean'])))
                if rs[n]['ipis'] != 0:
                    why.append('-smp %d: %s IPIs per 1,000' % (n, fmt_num(rs[n]['ipis'], 3)))
        elif kind in ('wrap', 'purge'):
            batch = 'wraps' if kind == 'wrap' else 'purges'
            target = 'shootdowns <= %s' % batch
            for n in ns:
                if rs[n]['shootdowns'] > rs[n][batch]:
                    why.append('-smp %d: %s shootdowns per 1,000, %s %s' %
                               (n, fmt_num(rs[n]['shootdowns'], 3), fmt_num(rs[n][batch], 3),
                                batch))
        else:
            target = '-'
        if kind:
            checked += 1
            missed.extend('%s: %s' % (rid, w) for w in why)
        met = 'info' if not kind else ('MISSED' if why else 'yes')
        print('%-46s %8s' % (what, fmt_num(r1['mean'])) +
              ''.join(' %8s' % fmt_num(rs[n]['mean']) for n in ns) + ''.join(ipi_cells) +
              ' %11s %11s  %-21s %s' % (
                  '/'.join(fmt_num(rs[n]['shootdowns'], 3) for n in ns),
                  '/'.join(fmt_num(rs[n]['wraps'] + rs[n]['purges'], 3) for n in ns),
                  target, met))
    return checked


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--build', default='build-bench', help='DEBUG_VM=0 build dir')
    ap.add_argument('--build-pae', default=None,
                    help='PAE=1 DEBUG_VM=0 build dir (boot cost at -m 8G)')
    ap.add_argument('--qemu', default='qemu-system-i386')
    ap.add_argument('--jobs', type=int, default=os.cpu_count() or 2)
    ap.add_argument('--timeout', type=int, default=300)
    args = ap.parse_args()

    kernel = os.path.join(args.build, 'kernel.elf')
    if not os.path.exists(kernel):
        print('bench: %s is missing: run `make bench`' % kernel, file=sys.stderr)
        return 2
    initrd = os.path.join(args.build, 'initramfs.cpio')
    boots = [Boot('pc-4G', kernel, '4G', 'bench'),
             Boot('pc-4G-user', kernel, '4G', 'rdinit=/bin/bench_user -- all', initrd=initrd),
             Boot('pc-4G-user-highpte', kernel, '4G',
                  'highpte rdinit=/bin/bench_user -- anon_first_write', initrd=initrd),
             Boot('pc-512M', kernel, '512M', 'bench'),
             Boot('pc-128M', kernel, '128M', 'bench=boot'),
             Boot('pc-1G', kernel, '1G', 'bench=boot')]
    boots += [Boot('smp%d-pc-4G' % n, kernel, '4G', 'bench', smp=n) for n in SMP_CPUS]
    pae_kernel = os.path.join(args.build_pae, 'kernel.elf') if args.build_pae else None
    if pae_kernel and os.path.exists(pae_kernel):
        boots.append(Boot('pae-pc-8G', pae_kernel, '8G', 'bench=boot', 'qemu32,+pse36,+nx'))
    logdir = os.path.join(args.build, 'bench-logs')
    os.makedirs(logdir, exist_ok=True)

    jobs = [(b, run) for run in (1, 2) for b in boots]
    results = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as ex:
        futs = {ex.submit(run_boot, b, run, args.qemu, logdir, args.timeout): (b, run)
                for b, run in jobs}
        for f in concurrent.futures.as_completed(futs):
            results[futs[f]] = f.result()

    failures = []
    for b, run in jobs:
        err = results[(b, run)][1]
        if err:
            failures.append('%s (run %d): %s' % (b.name, run, err))
    if failures:
        for f in failures:
            print('bench: FAILED %s' % f)
        return 1

    # Reproducibility: both runs must print the same bench lines.
    differ, compared = [], 0
    for b in boots:
        l1, l2 = results[(b, 1)][0], results[(b, 2)][0]
        compared += len(l1)
        if l1 != l2:
            diff = [(x, y) for x, y in zip(l1, l2) if x != y] or [('(line count)', '')]
            differ.append((b.name, diff))

    data = {b.name: parse(results[(b, 1)][0]) for b in boots}
    big, small = data['pc-4G'], data['pc-512M']
    big['rows'].update(data['pc-4G-user']['rows'])
    hp = data['pc-4G-user-highpte']['rows'].get('user-anon-fault')
    if hp:
        big['rows']['user-anon-fault-highpte'] = hp

    print('Fenestra mm benchmarks: guest instructions per operation')
    print('  QEMU TCG %s: one guest instruction = one TSC tick' % ' '.join(QEMU_ICOUNT[:2]))
    print('  kernel %s: %s' % (kernel, big['config']))
    print('  (DEBUG_VM=0 turns off VM_BUG_ON, slab red zones and poison, kmap_local guard')
    print('  pages, the kmap_local counters and the page allocator\'s tail-page checks;')
    print('  the misuse reports that cost nothing on the fast paths stay on)')
    print('  -m 4G: %s; Linux 6.1: Debian 686, init_on_alloc/free off, -m 4G, in a module'
          % big['ram'])
    print('  mean of 10,000 ops after a warm-up, loop cost subtracted; min/median/max of')
    print('  single ops, RDTSC bracket subtracted; TLB work per op at -m 4G')
    print()
    hdr = ('%-46s %9s %9s %7s %7s %-6s %9s  %-16s %7s %7s %6s' %
           ('operation', 'Linux 6.1', 'ours 4G', 'Linux/', 'target', 'met', 'ours 512M',
            'min/median/max', 'invlpg', 'flushes', 'PTEs'))
    print(hdr)
    print('%-46s %9s %9s %7s' % ('', '', '', 'ours'))
    print('-' * len(hdr))
    missed = []
    for rid, what, linux, target in ROWS:
        if rid.startswith('boot-'):
            # a milestone of every boot (bench.c), not a timed pair: no spread, no TLB work
            ours, ours512 = big['boot'].get(rid), small['boot'].get(rid)
            if ours is None:
                print('%-46s %9s %9s   n/a: no line printed' % (what, fmt_big(linux, True), '-'))
                missed.append('%s (no result: no line printed)' % rid)
                continue
            met = 'yes' if ours <= target else 'MISSED'
            if ours > target:
                missed.append('%s: %s instructions, target %s' % (rid, fmt_count(ours),
                                                                   fmt_count(target)))
            print('%-46s %9s %9s %7s %7s %-6s %9s  %-16s %7s %7s %6s' %
                  (what, fmt_big(linux, True), fmt_big(ours), '%.1fx' % (linux / ours),
                   '<=' + fmt_big(target).replace('.00 M', ' M'), met,
                   fmt_big(ours512) if ours512 is not None else '-', '-', '-', '-', '-'))
            continue
        r = big['rows'].get(rid)
        r512 = small['rows'].get(rid)
        if r is None:
            why = big['na'].get(rid, 'no line printed')
            print('%-46s %9s %9s   n/a: %s' % (what, fmt_count(linux) if linux else '-',
                                               '-', why))
            if target is not None:
                missed.append('%s (no result: %s)' % (rid, why))
            continue
        ours = r['mean']
        if target is None:
            met = 'info'
        elif ours <= target:
            met = 'yes'
        else:
            met = 'MISSED'
            missed.append('%s: %s instructions, target %d' % (rid, fmt_num(ours), target))
        ratio = '%.1fx' % (linux / ours) if linux and ours else '-'
        spread = ('%s/%s/%s' % (r['min'], r['median'], r['max'])) if r['min'] else '-'
        s512 = fmt_num(r512['mean']) if r512 else ('n/a' if rid in small['na'] else '-')
        print('%-46s %9s %9s %7s %7s %-6s %9s  %-16s %7s %7s %6s' %
              (what, fmt_count(linux) if linux else '-', fmt_num(ours), ratio,
               ('<=%d' % target) if target else '-', met, s512, spread,
               *(('-', '-', '-') if r.get('user') else
                 (fmt_num(float(r['invlpg']), 3), fmt_num(float(r['flushes']), 3),
                  fmt_num(float(r['ptes']), 3)))))
    print()
    print('Boot: instructions from power-on (firmware and loader included)')
    cols = [('128M', 'pc-128M'), ('1G', 'pc-1G'), ('4G', 'pc-4G'), ('8G PAE', 'pae-pc-8G')]
    print('%-34s' % '' + ''.join('%14s' % c for c, _ in cols))
    for key, label in (('boot-buddy-ready', 'to "buddy allocator ready"'),
                       ('boot-end', 'to the end of boot')):
        cells = []
        for _, name in cols:
            if name in data:
                cells.append('%14s' % fmt_count(data[name]['boot'].get(key, 0)))
            else:
                cells.append('%14s' % 'no PAE build')
        print('%-34s' % label + ''.join(cells))
    print()
    smp_targets = print_smp_table(big, {n: data['smp%d-pc-4G' % n] for n in SMP_CPUS}, missed)
    print()
    if differ:
        print('reproducible: NO -- the two runs printed different numbers:')
        for name, diff in differ:
            for x, y in diff[:5]:
                print('  %s: run 1 "%s"' % (name, x))
                print('  %s: run 2 "%s"' % (name, y))
    else:
        print('reproducible: yes -- every configuration booted twice, all %d bench lines '
              'identical' % compared)
    if missed:
        print('targets: MISSED in %d row(s):' % len(missed))
        for m in missed:
            print('  %s' % m)
    else:
        print('targets: all %d met (%d of them the SMP table\'s, each at -smp %s)' %
              (sum(1 for r in ROWS if r[3] is not None) + smp_targets, smp_targets,
               ' and -smp '.join('%d' % n for n in SMP_CPUS)))
    print('logs: %s/' % logdir)
    return 1 if (missed or differ) else 0


if __name__ == '__main__':
    sys.exit(main())
