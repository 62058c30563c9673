#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write compile_commands.json, the compilation database clangd reads.

  make compile_commands.json                        # the default build (build/)
  make compile_commands.json PAE=1                  # the flags of build-pae/
  python3 tools/gen_compile_commands.py -o FILE     # what the target runs
  python3 tools/gen_compile_commands.py --check     # make test's check

How this works: the flags are not repeated here. `make print-flags`
(the Makefile) prints, one `FEN_NAME=value` line each, the compiler and
the exact CFLAGS (INCLUDES, CONFIG_DEFS) the kernel rules use, the
USER_CFLAGS of user/user.mk, the hostile shim's SHIM_CFLAGS, and the C
files each set compiles (the kernel's C_SRCS with this variant's
demonstrations, plus asm-offsets.c). Run from make, the sub-make sees the
same variables (MAKEFLAGS carries PAE=1, O=, ...). Each value is split as
the recipe's shell would split it (shlex), so -DCONFIG_VMSPLIT_STR=\\"3G\\"
becomes the one argument -DCONFIG_VMSPLIT_STR="3G". One entry per file:
{"directory": the tree's absolute path, "file", "arguments": [CC, flags
without the -MMD -MP dependency-file options, -c, FILE, -o, O/FILE.o],
"output"}. The database lies at the root of the tree, where clangd looks
first for any file below it; it names one variant's generated headers
(-Ibuild/gen or -Ibuild-pae/gen), which must exist: the make target
generates them first. tests/host/ (host builds with their own Makefile)
is not in it.

--check generates the database in memory (it writes nothing) and runs
clang's preprocessor with every entry's arguments (`clang --target=
i686-linux-gnu -M`, the gcc-only flags of GCC_ONLY dropped), in parallel:
an #include that does not resolve fails the entry, and so does one that
resolves outside the tree, clang's own headers (stddef.h, stdarg.h) and
the entry's -isystem directories (user/: gcc's): the kernel and the user
programs have no libc but their own, so a <stdlib.h> found in the host's
/usr/include or a cross sysroot is a bug, not a success.
Then, if clangd is installed, `clangd --check` on the files of
CLANGD_FILES (clangd's own parse, as an editor would see them; clangd's
errors fail the check). Prints `ok - ...` / `not ok - ...` lines and
ends with `N passed, M failed` (-q, as make test runs it: only the
failures and one `compile_commands: ...` line); exit status 0 iff none
failed.

Where it differs from Bear (which records a real build): no build is
run, so the database is complete even for files a variant leaves out of
its link... only for the files this variant compiles; and the commands are
make's, read from make, not intercepted.

Standard library only.
"""

import argparse
import concurrent.futures
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# The three sets of files and the variable naming their flags.
SETS = (('C_SRCS', 'CFLAGS', 'kernel'), ('USER_C_SRCS', 'USER_CFLAGS', 'user'),
        ('SHIM_C_SRCS', 'SHIM_CFLAGS', 'shim'))
# Options that write dependency files (make's business, not an editor's).
DEP_FLAGS = {'-MMD', '-MP', '-MD'}
# gcc options clang does not know (clang rejects them): left out of --check's
# clang commands; .clangd removes them for clangd.
GCC_ONLY = {'-fno-tree-loop-distribute-patterns'}
CLANG_TARGET = '--target=i686-linux-gnu'
# clangd --check on these (one kernel file with many headers, one user program).
CLANGD_FILES = ('mm/page_alloc.c', 'kernel/main.c', 'user/bin/init.c')


def make_flags(make_args):
    """{NAME: value} from `make print-flags` (values as make holds them)."""
    cmd = ['make', '--no-print-directory', '-s', '-C', ROOT] + list(make_args) + ['print-flags']
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    if p.returncode:
        raise SystemExit('gen_compile_commands: %s failed:\n%s'
                         % (' '.join(cmd), p.stderr.decode(errors='replace')))
    flags = {}
    for line in p.stdout.decode().splitlines():
        if line.startswith('FEN_') and '=' in line:
            k, v = line[4:].split('=', 1)
            flags[k] = v
    for k in ('O', 'CC') + tuple(n for s in SETS for n in s[:2]):
        if k not in flags:
            raise SystemExit('gen_compile_commands: `make print-flags` printed no FEN_%s' % k)
    return flags


def object_path(o, kind, src):
    """Where the Makefile puts src's object (user/user.mk: O/user/obj/...)."""
    base = os.path.splitext(src)[0] + '.o'
    if kind == 'user':
        return os.path.join(o, 'user', 'obj', os.path.relpath(base, 'user'))
    if kind == 'shim':
        return os.path.join(o, 'hostile', os.path.basename(base))
    return os.path.join(o, base)


def entries(flags):
    out = []
    cc = flags['CC']
    for srcs, var, kind in SETS:
        args = [a for a in shlex.split(flags[var]) if a not in DEP_FLAGS]
        for f in shlex.split(flags[srcs]):
            obj = object_path(flags['O'], kind, f)
            out.append({'directory': ROOT, 'file': os.path.join(ROOT, f),
                        'arguments': [cc] + args + ['-c', f, '-o', obj],
                        'output': obj, 'kind': kind})
    return out


def database(ents):
    return [{k: e[k] for k in ('directory', 'file', 'arguments', 'output')} for e in ents]


def clang_cmd(clang, e):
    """The entry's command, preprocessing only, with clang for the i386 target."""
    args = e['arguments'][1:]
    i = args.index('-c')
    args = [a for a in args[:i] if a not in GCC_ONLY]
    return [clang, CLANG_TARGET] + args + ['-M', '-MF', '-', '-o', os.devnull,
                                           os.path.relpath(e['file'], ROOT)]


def check_entry(clang, e):
    """(ok, why) for one entry: its includes resolve, and no kernel header is the host's."""
    cmd = clang_cmd(clang, e)
    p = subprocess.run(cmd, cwd=e['directory'], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    err = p.stderr.decode(errors='replace').strip()
    if p.returncode:
        first = [l for l in err.splitlines() if 'error' in l] or err.splitlines() or ['?']
        return False, first[0] + '\n' + ' '.join(shlex.quote(a) for a in cmd)
    deps = p.stdout.decode(errors='replace').replace('\\\n', ' ').split()[1:]
    args = e['arguments']
    allowed = [ROOT, resource_dir(clang)] + [os.path.realpath(args[i + 1]) for i, a in
                                             enumerate(args[:-1]) if a == '-isystem']
    foreign = [d for d in deps if not any(
        os.path.realpath(os.path.join(e['directory'], d)).startswith(a.rstrip('/') + '/')
        for a in allowed)]
    if foreign:
        return False, 'headers from outside the tree and the compiler\'s own: %s' \
            % ' '.join(foreign[:4])
    return True, '%d headers' % (len(deps) - 1)


_resource = {}


def resource_dir(clang):
    """clang's own headers (stddef.h, stdarg.h, ...): the one outside place allowed."""
    if clang not in _resource:
        p = subprocess.run([clang, '-print-resource-dir'], stdout=subprocess.PIPE)
        _resource[clang] = os.path.realpath(p.stdout.decode().strip() or '/nonexistent')
    return _resource[clang]


def check_clangd(clangd, ents, files):
    """`clangd --check=FILE` with the database in a temporary directory."""
    results = []
    with tempfile.TemporaryDirectory(prefix='fen-ccdb-') as d:
        with open(os.path.join(d, 'compile_commands.json'), 'w') as f:
            json.dump(database(ents), f)
        for rel in files:
            path = os.path.join(ROOT, rel)
            if not any(e['file'] == path for e in ents):
                results.append((False, 'clangd --check=%s' % rel, 'not in the database'))
                continue
            p = subprocess.run([clangd, '--check=' + path, '--compile-commands-dir=' + d,
                                '--log=error'], cwd=ROOT, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, timeout=120)
            out = p.stdout.decode(errors='replace')
            errs = [l for l in out.splitlines() if '[' in l and 'error' in l.lower()]
            why = '' if p.returncode == 0 else '\n'.join((errs or out.splitlines()[-5:])[:5])
            results.append((p.returncode == 0, 'clangd --check=%s' % rel, why))
    return results


def run_check(ents, jobs, quiet=False):
    clang = shutil.which('clang')
    results = []
    if not clang:
        print('not ok - clang not found (tools/deps.sh test installs it)')
        print('0 passed, 1 failed')
        return 1
    start = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(jobs) as pool:
        futs = [(e, pool.submit(check_entry, clang, e)) for e in ents]
        for e, f in futs:
            ok, why = f.result()
            results.append((ok, 'includes resolve: %s' % os.path.relpath(e['file'], ROOT), why))
    secs = time.monotonic() - start
    kinds = {k: sum(1 for e in ents if e['kind'] == k) for _, _, k in SETS}
    results.append((all(k for k in kinds.values()), 'database has kernel, user and shim '
                    'entries (%s)' % ', '.join('%s %d' % kv for kv in kinds.items()), ''))
    try:
        with open(os.path.join(ROOT, '.clangd')) as f:
            dotclangd = f.read()
        missing = [g for g in sorted(GCC_ONLY) if g not in dotclangd]
        results.append((not missing, '.clangd removes the gcc-only options', 'it does not '
                        'remove %s' % ' '.join(missing)))
    except OSError as e:
        results.append((False, '.clangd removes the gcc-only options', str(e)))
    clangd = shutil.which('clangd')
    if clangd:
        results += check_clangd(clangd, ents, CLANGD_FILES)
    passed = 0
    for ok, name, why in results:
        passed += ok
        # one line per failure; the passing entries summed up (there are ~150)
        if not ok:
            print('not ok - %s: %s' % (name, why.split('\n')[0]))
            for l in why.split('\n')[1:]:
                print('    # %s' % l)
        elif not name.startswith('includes resolve') and not quiet:
            print('ok - %s' % name)
    n_inc = sum(1 for r in results if r[1].startswith('includes resolve'))
    note = '' if clangd else '; clangd not installed: its check skipped'
    if quiet:
        print('compile_commands: %d entries preprocessed in %.1fs, %d passed, %d failed%s'
              % (n_inc, secs, passed, len(results) - passed, note))
    else:
        print('# %d entries preprocessed by %s in %.1fs (%d jobs)%s'
              % (n_inc, clang, secs, jobs, note))
        print('%d passed, %d failed' % (passed, len(results) - passed))
    return 0 if passed == len(results) else 1


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('-o', '--output', help='write the database here '
                    '(default: compile_commands.json at the root of the tree)')
    ap.add_argument('--check', action='store_true',
                    help='check every entry with clang (and clangd); write nothing')
    ap.add_argument('-q', '--quiet', action='store_true',
                    help='with --check: the failures and one summary line (make test)')
    ap.add_argument('-j', '--jobs', type=int, default=os.cpu_count() or 2)
    ap.add_argument('make_args', nargs='*', help='make variables, e.g. PAE=1')
    args = ap.parse_args()
    ents = entries(make_flags(args.make_args))
    if args.check:
        return run_check(ents, args.jobs, args.quiet)
    out = args.output or os.path.join(ROOT, 'compile_commands.json')
    tmp = out + '.tmp'
    with open(tmp, 'w') as f:
        json.dump(database(ents), f, indent=1)
        f.write('\n')
    os.replace(tmp, out)
    return 0


if __name__ == '__main__':
    sys.exit(main())
