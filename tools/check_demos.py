#!/usr/bin/env python3
"""Fenestra: the demonstrations stay out of the kernel's way.

The self-tests, the tour, the deliberate crashes and the benchmarks are
built in only when asked for (kernel/demos.c, the Makefile's DEMOS, KTEST,
TOUR, CRASH and BENCH). Two checks keep it so:

  --tree               no mechanism source includes a test header, and no
                       test, tour or bench file sits among the mechanisms
                       (`ls mm/` shows the memory manager; mm/tests/ and
                       mm/demo/ hold the rest). `make test` runs it.
  --bench-image SYM... each kernel.sym (nm -n) of a bench kernel holds no
                       symbol of the KTAP runner or a suite, the tour or the
                       crashes, and an empty .ktest_suites section (only the
                       bench runner and its rows). `make bench` runs it.
  --selftest           both checks on made-up input that must pass and
                       must fail. `make test` runs it.

Exit status 0 when every check passes, 1 otherwise (each offender named).
Python 3 standard library only.
"""

import argparse
import os
import re
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Where mechanism code lives; a tests/ or demo/ directory under them is not.
MECHANISM_DIRS = ['boot', 'arch/x86', 'kernel', 'mm', 'include', 'fs', 'init', 'drivers']
DEMO_DIRS = {'tests', 'demo', 'bench'}
# Files that are demonstrations wherever they sit outside a demo directory.
DEMO_FILE_RE = re.compile(r'(_test\.[ch]|^tour\.[ch]|^bench_[a-z0-9_]+\.c|^ktest\.c)$')
# A test header: the KTAP API or a suite's own helpers.
TEST_INCLUDE_RE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]*(?:ktest\.h|_test\.h|tests/[^>"]*))[>"]')
# Files outside the demo directories that may include a test header: the
# one place that calls the runner.
TREE_ALLOWED = {'kernel/demos.c'}

# Symbols that must not be in a bench kernel: the KTAP runner and suites,
# the tour and its gdb stop, the deliberate crashes.
BENCH_FORBIDDEN_RE = re.compile(
    r'(ktest|KTEST|_test_|^test_|tour|gdb_checkpoint|crash_setup|crash_if_asked|crash_by_bug'
    r'|fault_catch_armed|^arm_fault_catch$|^end_catch_fault$'
    # what only the self-tests use, though it sits with the mechanisms' code
    r'|^setjmp$|^longjmp$|^buddy_check_|^report_expect$|^report_take$|oops_fixup)')
# kernel/demos.c is in every kernel: its option parsers and flags say
# "not built into this kernel" when the code is left out.
BENCH_ALLOWED_RE = re.compile(r'^(parse_(tour|ktest|crash|bench)|__setup_parse_(tour|ktest|crash|bench)'
                              r'|want_(tour|ktest|crash|bench))$')
# Linker-script symbols that exist in every kernel: they must be equal.
SUITES_START, SUITES_END = '__ktest_suites_start', '__ktest_suites_end'
# ... and what a bench kernel is for: the rows.
BENCH_REQUIRED = 'bench_mm_run'


def check_tree(root):
    """Offenders in the source tree, as strings."""
    bad = []
    for top in MECHANISM_DIRS:
        for dirpath, dirnames, filenames in os.walk(os.path.join(root, top)):
            rel_dir = os.path.relpath(dirpath, root)
            if DEMO_DIRS & set(rel_dir.split(os.sep)):
                dirnames[:] = []
                continue
            for name in sorted(filenames):
                if not name.endswith(('.c', '.h')):
                    continue
                rel = os.path.join(rel_dir, name).replace(os.sep, '/')
                # include/ declares what demos.c calls (kernel/ktest.h,
                # mm/tour.h): headers of every switch, built or not
                if DEMO_FILE_RE.search(name) and not rel.startswith('include/'):
                    bad.append('%s: a test, tour or bench file among the mechanisms '
                               '(move it to a tests/, demo/ or bench/ directory)' % rel)
                    continue
                if rel in TREE_ALLOWED or rel.startswith('include/'):
                    continue
                with open(os.path.join(dirpath, name), errors='replace') as f:
                    for nr, line in enumerate(f, 1):
                        m = TEST_INCLUDE_RE.match(line)
                        if m:
                            bad.append('%s:%d: includes the test header %s' % (rel, nr, m.group(1)))
    return bad


def check_bench_image(sym_path):
    """Offenders in one kernel.sym (`nm -n` output), as strings."""
    bad, addr = [], {}
    try:
        with open(sym_path) as f:
            lines = f.read().splitlines()
    except OSError as e:
        return ['%s: cannot read it (%s): run `make bench`' % (sym_path, e.strerror)]
    for line in lines:
        parts = line.split()
        if len(parts) < 3:
            continue
        value, kind, name = parts[0], parts[1], parts[2]
        if name in (SUITES_START, SUITES_END, BENCH_REQUIRED):
            addr[name] = value
        elif BENCH_FORBIDDEN_RE.search(name) and not BENCH_ALLOWED_RE.match(name):
            bad.append('%s: %s (%s): test, tour or crash code in the bench kernel'
                       % (sym_path, name, kind))
    if BENCH_REQUIRED not in addr:
        bad.append('%s: no %s: the bench rows are not built in (BENCH=1)' % (sym_path, BENCH_REQUIRED))
    if SUITES_START not in addr or SUITES_END not in addr:
        bad.append('%s: no %s/%s: not a Fenestra kernel.sym?' % (sym_path, SUITES_START, SUITES_END))
    elif addr[SUITES_START] != addr[SUITES_END]:
        bad.append('%s: .ktest_suites is not empty (%s..%s): KTAP suites in the bench kernel'
                   % (sym_path, addr[SUITES_START], addr[SUITES_END]))
    return bad


def selftest():
    """Each check passes on clean input and fails on one planted offender."""
    fails, cases = [], []

    def want(what, got_bad, should_fail):
        cases.append(what)
        if bool(got_bad) != should_fail:
            fails.append('%s: expected %s, got %s' % (what, 'a failure' if should_fail else 'a pass',
                                                    got_bad or 'a pass'))

    with tempfile.TemporaryDirectory() as tmp:
        sym = os.path.join(tmp, 'kernel.sym')
        clean = ['c0100000 T _text', 'c0101000 T bench_run', 'c0102000 T bench_mm_run',
                 'c0102800 t parse_ktest', 'c0102900 b want_tour',
                 'c0103000 t bench_page_order0', 'c0200000 D __ktest_suites_start',
                 'c0200000 D __ktest_suites_end']
        for name, extra, should_fail in (
                ('clean bench kernel', [], False),
                ('a suite object', ['c0200000 d buddy_ktest_suite'], True),
                ('the KTAP runner', ['c0104000 T ktest_run_selected'], True),
                ('the tour', ['c0104000 T highmem_tour'], True),
                ('a crash', ['c0104000 T crash_if_asked'], True),
                ('a suite helper', ['c0104000 t kmalloc_test_leaks'], True)):
            with open(sym, 'w') as f:
                f.write('\n'.join(clean + extra) + '\n')
            want('bench image, ' + name, check_bench_image(sym), should_fail)
        with open(sym, 'w') as f:
            f.write('\n'.join(clean[:-1] + ['c0200040 D __ktest_suites_end']) + '\n')
        want('bench image, a non-empty .ktest_suites', check_bench_image(sym), True)
        with open(sym, 'w') as f:
            f.write('\n'.join(l for l in clean if 'bench_mm_run' not in l) + '\n')
        want('bench image, without the rows', check_bench_image(sym), True)

        def tree(files):
            root = os.path.join(tmp, 'tree%d' % len(os.listdir(tmp)))
            for rel, text in files.items():
                path = os.path.join(root, rel)
                os.makedirs(os.path.dirname(path), exist_ok=True)
                with open(path, 'w') as f:
                    f.write(text)
            return check_tree(root)

        base = {'mm/buddy.c': '#include "buddy.h"\n', 'mm/buddy.h': '',
                'mm/tests/buddy_test.c': '#include <kernel/ktest.h>\n#include "mm_test.h"\n',
                'mm/demo/tour.c': '#include <mm/tour.h>\n'}
        want('tree, clean', tree(base), False)
        want('tree, mm/ includes ktest.h',
             tree(dict(base, **{'mm/slab.c': '#include <kernel/ktest.h>\n'})), True)
        want('tree, mm/ includes a suite helper',
             tree(dict(base, **{'mm/slab.c': '# include "tests/mm_test.h"\n'})), True)
        want('tree, a suite in mm/',
             tree(dict(base, **{'mm/pcp_test.c': '\n'})), True)
        want('tree, the tour in mm/', tree(dict(base, **{'mm/tour.c': '\n'})), True)
    for f in fails:
        print('check_demos: selftest FAILED %s' % f)
    if not fails:
        print('check_demos: selftest ok (%d cases: clean input passes, each planted '
              'offender fails)' % len(cases))
    return 1 if fails else 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--tree', action='store_true', help='check the source tree')
    ap.add_argument('--bench-image', nargs='+', metavar='SYM', default=[],
                    help='check bench kernels\' kernel.sym files')
    ap.add_argument('--selftest', action='store_true', help='check the checks')
    args = ap.parse_args()
    if args.selftest:
        return selftest()
    bad = []
    if args.tree:
        bad += check_tree(ROOT)
    for sym in args.bench_image:
        bad += check_bench_image(sym)
    for b in bad:
        print('check_demos: FAIL %s' % b)
    if bad:
        return 1
    what = (['tree (no test header or test file among the mechanisms)'] if args.tree else []) + \
        ['%s (bench rows, no test, tour or crash symbol)' % s for s in args.bench_image]
    print('check_demos: ok: %s' % '; '.join(what))
    return 0


if __name__ == '__main__':
    sys.exit(main())
