# SPDX-License-Identifier: MIT
"""tools/harness.py's command line: run() boots the selected matrix lines
and jobs and prints the report; main() parses the options."""

import argparse
import concurrent.futures
import os
import re
import signal
import subprocess
import sys
import time

from . import ROOT
from .matrix import parse_matrix
from .report import Tally, print_failure, print_table, progress_line
from .runner import GDB_JOBS, LAYOUT_LOGS, SHELL_TIMEOUT, Runner


def run(args):
    wall = time.monotonic()
    runner = Runner(args)
    matrix = args.matrix if os.path.isabs(args.matrix) else os.path.join(ROOT, args.matrix)
    try:
        configs, errors = parse_matrix(matrix, runner.expect_dir)
        for c in configs:
            for e in c.expects:
                if e not in ('mm', 'user', 'cpus'):
                    runner.expectation(e)
            if c.shell:
                runner.shell_test(c.shell)
    except (OSError, ValueError) as e:
        errors = [str(e)]
        configs = []
    if errors:
        for e in errors:
            print('harness: %s' % e, file=sys.stderr)
        print('0 passed, 1 failed')
        return 1

    if args.filter:
        configs = [c for c in configs if args.filter in c.name]
    run_host = os.path.isfile(os.path.join(ROOT, 'tests', 'host', 'Makefile')) \
        and (not args.filter or args.filter in 'host-tests')
    gdb_jobs = [j for j in GDB_JOBS if not args.filter or args.filter in j.name]
    run_unit = not args.filter or args.filter in 'harness-selftest'
    run_user_host = not args.filter or args.filter in 'usertests-host'
    run_sh_host = not args.filter or args.filter in 'sh-host'
    if not configs and not run_host and not gdb_jobs and not run_unit and not run_user_host \
            and not run_sh_host:
        print('harness: no configuration matches --filter %r' % args.filter, file=sys.stderr)
        print('0 passed, 1 failed')
        return 1

    os.makedirs(runner.logdir, exist_ok=True)
    if configs and not os.path.isfile(runner.kernel):
        print('harness: %s missing, running make -s %s'
              % (runner.rel(runner.kernel), runner.rel(runner.kernel)), file=sys.stderr)
        if subprocess.call(['make', '-s', runner.rel(runner.kernel)], cwd=ROOT) != 0 \
                or not os.path.isfile(runner.kernel):
            print('harness: cannot build %s' % runner.rel(runner.kernel), file=sys.stderr)
            print('0 passed, 1 failed')
            return 1

    # Build variants (make=VAR=VALUE in the matrix) once each, up front.
    variant_errors = {}
    for mv in sorted({c.make_vars for c in configs if c.make_vars}
                     | {j.make_vars for j in gdb_jobs if j.make_vars}):
        out_dir = runner.build_dir_for(mv)
        cmd = ['make', '--no-print-directory', 'O=' + runner.rel(out_dir)] + list(mv) + ['kernel']
        print('harness: building variant %s in %s' % (' '.join(mv), runner.rel(out_dir)),
              file=sys.stderr)
        p = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if p.returncode != 0:
            variant_errors[mv] = '%s failed:\n%s' % (' '.join(cmd),
                                                       p.stdout.decode(errors='replace')[-3000:])
    # The hostile boot loader (tests/hostile/) for shim:CASE lines, once.
    if any(c.boot.startswith('shim') for c in configs):
        cmd = ['make', '--no-print-directory', 'O=' + runner.rel(runner.build), 'shim']
        p = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        if p.returncode != 0:
            variant_errors[('shim',)] = '%s failed:\n%s' % (
                ' '.join(cmd), p.stdout.decode(errors='replace')[-3000:])
            configs = [c for c in configs if not c.boot.startswith('shim')]
    if variant_errors:
        for mv, err in variant_errors.items():
            print('harness: %s' % err, file=sys.stderr)
        configs = [c for c in configs if c.make_vars not in variant_errors]
        gdb_jobs = [j for j in gdb_jobs if j.make_vars not in variant_errors]
    if gdb_jobs and not os.path.isfile(runner.kernel):
        subprocess.call(['make', '-s', runner.rel(runner.kernel)], cwd=ROOT)

    results = {}
    host = None
    done = 0
    gdb_results = {}
    total_jobs = len(configs) + (1 if run_host else 0) + len(gdb_jobs)
    pool = concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs))
    try:
        futures = {pool.submit(runner.run_config, c): c for c in configs}
        host_future = pool.submit(runner.run_host_tests) if run_host else None
        user_future = pool.submit(runner.run_usertests_host) if run_user_host else None
        sh_future = pool.submit(runner.run_sh_host) if run_sh_host else None
        gdb_futures = {pool.submit(runner.run_gdb_tests, j): j for j in gdb_jobs}
        for f in concurrent.futures.as_completed(list(futures)):
            r = f.result()
            results[r.config.name] = r
            done += 1
            print(progress_line(done, total_jobs, r.passed, r.config.name, r.seconds),
                  flush=True)
        for f in concurrent.futures.as_completed(list(gdb_futures)):
            j = gdb_futures[f]
            gdb_results[j.name] = f.result()
            done += 1
            print(progress_line(done, total_jobs, gdb_results[j.name][1] == 0, j.name,
                                gdb_results[j.name][3]), flush=True)
        if host_future is not None:
            host = host_future.result()
        user_host = user_future.result() if user_future is not None else None
        sh_host = sh_future.result() if sh_future is not None else None
    except KeyboardInterrupt:
        runner.kill_all()
        pool.shutdown(wait=True, cancel_futures=True)
        print('\nharness: interrupted', file=sys.stderr)
        print('0 passed, 1 failed')
        return 130
    pool.shutdown(wait=True)

    ordered = [results[c.name] for c in configs]
    tally = Tally()
    for r in ordered:
        tally.add_boot(r)

    print()
    if ordered:
        print_table(ordered)
    for r in ordered:
        if r.skipped:
            print('--- SKIP %s: %s' % (r.config.name, r.skipped))
        elif not r.passed:
            print_failure(r)

    if host is not None:
        print()
        hp, hf, hs, hsecs, problem, htail = host
        tally.add(hp, hf, hs)
        print('host-tests: %s: %d passed, %d failed%s (%.1fs; log %s)'
              % ('PASS' if hf == 0 else 'FAIL', hp, hf,
                 ', %d skipped' % hs if hs else '', hsecs,
                 runner.rel(os.path.join(runner.logdir, 'host-tests.log'))))
        if problem:
            print('    host-tests: %s' % problem)
        if hf:
            for l in htail:
                print('        %s' % l)

    # usertests on the host (user/README.md): each KTAP case is one test.
    if user_host is not None:
        up, uf, us, usecs, problem, ulines = user_host
        tally.add(up, uf, us)
        print('usertests-host: %s: %d passed, %d failed%s (%.1fs; log %s)'
              % ('PASS' if uf == 0 else 'FAIL', up, uf, ', %d skipped' % us if us else '',
                 usecs, runner.rel(os.path.join(runner.logdir, 'usertests-host.log'))))
        if problem:
            print('    usertests-host: %s' % problem)
        for l in ulines[:40]:
            print('        %s' % l.replace('\n', '\n        '))

    # /bin/sh on the host (tests/shell/host_sh_test.py): under a pty and a pipe.
    if sh_host is not None:
        sp, sf, ss, ssecs, problem, stail = sh_host
        tally.add(sp, sf, ss)
        print('sh-host: %s: %d passed, %d failed%s (%.1fs; log %s)'
              % ('PASS' if sf == 0 else 'FAIL', sp, sf, ', %d skipped' % ss if ss else '',
                 ssecs, runner.rel(os.path.join(runner.logdir, 'sh-host.log'))))
        if problem:
            print('    sh-host: %s' % problem)
        if sf:
            for l in stail:
                print('        %s' % l)

    # The harness's own unit tests (tools/fentest/tests/): each test is one.
    if run_unit:
        from .tests import run_tests
        if host is None:
            print()
        log = os.path.join(runner.logdir, 'harness-selftest.log')
        with open(log, 'w') as f:
            up, uf, us, usecs, ufailures = run_tests(f)
        tally.add(up, uf, us)
        print('harness-selftest: %s: %d passed, %d failed%s (%.1fs; log %s)'
              % ('PASS' if uf == 0 else 'FAIL', up, uf, ', %d skipped' % us if us else '',
                 usecs, runner.rel(log)))
        for name in ufailures:
            print('        not ok %s' % name)

    # tools/layout.py on logs of the matrix: the SVG parses and is to scale.
    for name in LAYOUT_LOGS:
        if name not in results:
            continue
        log = os.path.join(runner.logdir, name + '.log')
        p = subprocess.run([sys.executable, os.path.join(ROOT, 'tests', 'layout_check.py'),
                            log, os.path.join(runner.logdir, name + '.svg')], cwd=ROOT,
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        out = p.stdout.decode(errors='replace').splitlines()
        m = re.match(r'^(\d+) passed, (\d+) failed$', out[-1]) if out else None
        lp, lf = (int(m.group(1)), int(m.group(2))) if m else (0, 1)
        tally.add(lp, lf)
        print('layout %s: %s: %d passed, %d failed (SVG %s)'
              % (name, 'PASS' if lf == 0 else 'FAIL', lp, lf,
                 runner.rel(os.path.join(runner.logdir, name + '.svg'))))
        for l in out:
            if l.startswith('not ok'):
                print('        %s' % l)

    for j in gdb_jobs:
        gp, gf, _, gsecs, problem, gtail = gdb_results[j.name]
        tally.add(gp, gf)
        print('%s: %s: %d passed, %d failed (%.1fs; %s -m %s; log %s)'
              % (j.name, 'PASS' if gf == 0 else 'FAIL', gp, gf, gsecs,
                 ' '.join(j.make_vars) or 'default build', j.mem,
                 runner.rel(os.path.join(runner.logdir, j.name + '.out'))))
        if problem:
            print('    %s: %s' % (j.name, problem))
        if gf:
            for l in gtail:
                print('        %s' % l)

    # Quoted log lines in docs/ and README.md (tools/docquotes.py): each block is one test.
    if not args.filter or args.filter in 'docs':
        import docquotes
        dp, df, _ = docquotes.run_in_harness(runner, configs, results)
        tally.add(dp, df)

    for mv, err in variant_errors.items():
        tally.add(failed=1)
        print('--- FAIL build variant %s (its configurations were not booted)' % ' '.join(mv))
        for l in err.splitlines()[-20:]:
            print('    %s' % l)

    print()
    print('wall time: %.1fs' % (time.monotonic() - wall))
    print(tally.line())
    return 0 if tally.failed == 0 else 1


def _on_sigterm(signum, frame):
    raise KeyboardInterrupt


def main(argv=None):
    ap = argparse.ArgumentParser(prog='harness.py',
                                 description='Boot-matrix test harness for Fenestra.')
    ap.add_argument('--build', default='build', help='build directory (default: build)')
    ap.add_argument('--jobs', '-j', type=int, default=os.cpu_count() or 1,
                    help='parallel QEMU boots (default: number of CPUs)')
    ap.add_argument('--filter', default='', help='run only configs whose name contains SUBSTR')
    ap.add_argument('--timeout', type=int, default=60, help='per-boot timeout in seconds')
    ap.add_argument('--shell-timeout', type=int, default=None,
                    help='per-boot timeout of shell= lines in seconds (default: %d or '
                    '--timeout, the larger)' % SHELL_TIMEOUT)
    ap.add_argument('--qemu', default='qemu-system-i386', help='QEMU binary')
    ap.add_argument('--matrix', default=os.path.join('tests', 'matrix.conf'),
                    help='matrix file (default: tests/matrix.conf)')
    ap.add_argument('--selftest', action='store_true',
                    help='check the harness itself (KTAP parser, mm computation) and exit')
    args = ap.parse_args(argv)
    if args.selftest:
        from .tests import selftest
        return selftest()
    signal.signal(signal.SIGTERM, _on_sigterm)
    return run(args)
