#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Dependency cycles between the files of arch/, mm/ and kernel/.

Two graphs, one node per file:

  include  a -> b when a has `#include <b>` or `#include "b"` (headers are
           resolved the way the Makefile's -I flags do: <asm/x.h> is
           arch/x86/include/asm/x.h, <mm/x.h> and <kernel/x.h> are under
           include/, "x.h" is beside the includer)
  link     a.c -> b.c when a.o uses a symbol b.o defines (nm over the
           objects of a build directory; skipped if there is none)

Every strongly connected component of more than one file is a cycle. A
cycle is allowed only if tools/depcheck.allow lists exactly its files
with the essay that justifies it; anything else fails, naming the files
and one edge path. Test, bench and tour files (*_test.c, mm_test.*,
bench*.c, tour.c, ktest.*) are left out: they may depend on anything,
and nothing in a mechanism may depend on them (but kernel/demos.c, which
runs them at the end of boot, and main.c's one bench mark: RUNNERS below),
which is checked too.

    python3 tools/depcheck.py [--build build] [-v]
"""
import argparse
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DIRS = ("arch/x86", "mm", "kernel", "include", "boot", "fs", "init", "drivers")
INCLUDE_RE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]', re.M)
TEST_RE = re.compile(r'(_test\.[ch]$|(^|/)mm_test\.[ch]$|(^|/)bench[^/]*\.[ch]$|(^|/)tour\.[ch]$|'
                     r'(^|/)ktest\.[ch]$|(^|/)tests/|(^|/)demo/)')


# The mechanism files that may depend on test, bench and tour files:
# kernel/demos.c runs them at the end of boot (any of them); kernel/main.c
# only for the one bench_boot_mark() at "buddy allocator ready" (an empty
# inline unless the kernel is built with BENCH=1, include/kernel/bench.h);
# fs/proc/root.c only to open /proc/mmdemo, inside IS_ENABLED(CONFIG_TOUR).
RUNNERS = {"kernel/demos.c": None,
           "kernel/main.c": {"include/kernel/bench.h", "kernel/bench/bench.c"},
           "fs/proc/root.c": {"mm/demo/mmdemo.c"}}


def runner_may_use(f, d):
    allowed = RUNNERS.get(f, ())
    return f in RUNNERS and (allowed is None or d in allowed)


def is_test(path):
    return bool(TEST_RE.search(path))


def sources():
    out = []
    for d in DIRS:
        for dirpath, _, files in os.walk(os.path.join(ROOT, d)):
            for f in files:
                if f.endswith((".c", ".h")):
                    out.append(os.path.relpath(os.path.join(dirpath, f), ROOT))
    return sorted(out)


def resolve(includer, quote, name):
    cands = []
    if quote == '"':
        cands.append(os.path.normpath(os.path.join(os.path.dirname(includer), name)))
    cands += [os.path.join("include", name), os.path.join("arch/x86/include", name)]
    for c in cands:
        if os.path.isfile(os.path.join(ROOT, c)):
            return c
    return None            # generated (version.h) or the C library


def include_graph(files):
    g = {f: set() for f in files}
    for f in files:
        with open(os.path.join(ROOT, f), encoding="utf-8", errors="replace") as fh:
            text = fh.read()
        for quote, name in INCLUDE_RE.findall(text):
            r = resolve(f, quote, name)
            if r and r != f:
                g[f].add(r)
    return g


def link_graph(build):
    objs = {}
    for f in sources():
        if f.endswith(".c"):
            o = os.path.join(ROOT, build, f[:-2] + ".o")
            if os.path.isfile(o):
                objs[f] = o
    if not objs:
        return None
    nm = os.environ.get("NM") or ("i686-elf-nm" if subprocess.call(
        ["sh", "-c", "command -v i686-elf-nm >/dev/null"]) == 0 else "i686-linux-gnu-nm")
    defined, weak, used = {}, {}, {}
    for f, o in objs.items():
        out = subprocess.run([nm, o], capture_output=True, text=True, check=True).stdout
        used[f] = set()
        for line in out.splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[0] == "U":
                used[f].add(parts[1])
            elif len(parts) == 3 and parts[1] in "TDRBCG":
                defined.setdefault(parts[2], f)
            elif len(parts) == 3 and parts[1] in "WV":
                weak.setdefault(parts[2], set()).add(f)
    # A weak default stands for the strong definition that overrides it at
    # link time: the file with the default calls whoever overrides it.
    for s, fs in weak.items():
        if s in defined:
            for f in fs:
                used[f].add(s)
        else:
            defined.setdefault(s, sorted(fs)[0])
    g = {f: set() for f in objs}
    for f, syms in used.items():
        for s in syms:
            d = defined.get(s)
            if d and d != f:
                g[f].add(d)
    return g


def sccs(g):
    """Tarjan, iterative: the components of more than one node."""
    index, low, on, stack, out, n = {}, {}, set(), [], [], [0]
    for root in sorted(g):
        if root in index:
            continue
        work = [(root, iter(sorted(g[root])))]
        index[root] = low[root] = n[0]; n[0] += 1
        stack.append(root); on.add(root)
        while work:
            v, it = work[-1]
            for w in it:
                if w not in g:
                    continue
                if w not in index:
                    index[w] = low[w] = n[0]; n[0] += 1
                    stack.append(w); on.add(w)
                    work.append((w, iter(sorted(g[w]))))
                    break
                if w in on:
                    low[v] = min(low[v], index[w])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[v])
                if low[v] == index[v]:
                    comp = []
                    while True:
                        w = stack.pop(); on.discard(w); comp.append(w)
                        if w == v:
                            break
                    if len(comp) > 1:
                        out.append(sorted(comp))
    return out


def path(g, a, b, within):
    """A shortest path a -> ... -> b inside @within (for the message)."""
    prev, todo = {a: None}, [a]
    while todo:
        v = todo.pop(0)
        for w in sorted(g[v]):
            if w in within and w not in prev:
                prev[w] = v
                if w == b:
                    p = [w]
                    while prev[p[-1]] is not None:
                        p.append(prev[p[-1]])
                    return p[::-1]
                todo.append(w)
    return [a, b]


def load_allow():
    allow = {}
    p = os.path.join(ROOT, "tools", "depcheck.allow")
    if os.path.isfile(p):
        for line in open(p, encoding="utf-8"):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            kind, why, *files = line.split()
            allow[(kind, frozenset(files))] = why
    return allow


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default="build")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()

    files = sources()
    mech = [f for f in files if not is_test(f)]
    allow = load_allow()
    bad = 0
    graphs = [("include", include_graph(files))]
    lg = link_graph(args.build)
    if lg is not None:
        graphs.append(("link", lg))
    for kind, g in graphs:
        # a mechanism must not depend on a test file
        for f in sorted(g):
            if is_test(f):
                continue
            for d in sorted(g[f]):
                if is_test(d) and not runner_may_use(f, d):
                    print(f"depcheck: {kind}: {f} depends on the test file {d}")
                    bad += 1
        sub = {f: {d for d in g[f] if d in g and not is_test(d)} for f in g if not is_test(f)}
        comps = sccs(sub)
        for comp in comps:
            why = allow.get((kind, frozenset(comp)))
            a = comp[0]
            back = next(d for d in sorted(sub[a]) if d in comp) if any(d in comp for d in sub[a]) else comp[1]
            cyc = path(sub, a, back, set(comp)) + path(sub, back, a, set(comp))[1:]
            msg = " -> ".join(cyc)
            if why:
                if args.verbose:
                    print(f"depcheck: {kind} cycle allowed ({why}): {msg}")
            else:
                print(f"depcheck: {kind} cycle of {len(comp)} files: {msg}")
                if len(comp) > 2:
                    print(f"  all of: {' '.join(comp)}")
                bad += 1
        print(f"depcheck: {kind}: {len(sub)} files, {len(comps)} cycle(s), "
              f"{sum(1 for c in comps if (kind, frozenset(c)) in allow)} allowed")
    if lg is None:
        print(f"depcheck: link: no objects in {args.build}/ (build first); skipped")
    if bad:
        print(f"depcheck: {bad} problem(s); list a justified cycle in tools/depcheck.allow")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
