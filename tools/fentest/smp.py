# SPDX-License-Identifier: MIT
"""The `cpus` pseudo-expectation: every CPU the line's QEMU was given came
online (issue 16; arch/x86/kernel/smpboot.c).

An SMP line's suites prove little if an AP never called in and the run
went on with fewer CPUs (a bring-up failure is a warning, not a panic, as
in Linux). The number to expect is read from the line itself, not written
twice: QEMU's -smp N (its first number: "-smp 4,sockets=4" is 4), capped
by the kernel's maxcpus=K if the command line has one. The boot must say
Linux's "smp: Brought up 1 node, N CPUs" with that N, and each AP
1..N-1 its "smpboot: CPU k (APIC ID ...) online" line.
"""

import re

from .qemu_model import cmdline_params

BROUGHT_UP_RE = re.compile(r'^smp: Brought up 1 node, (\d+) CPUs?\s*$')
ONLINE_RE = re.compile(r'^smpboot: CPU (\d+) \(APIC ID 0x[0-9a-f]+\) online\b')


def qemu_smp(qemu_args):
    """N of the last -smp N[,...] in qemu_args (QEMU takes the last), or None."""
    n = None
    args = list(qemu_args)
    for i, a in enumerate(args):
        if a == '-smp' and i + 1 < len(args):
            m = re.match(r'^(?:cpus=)?(\d+)', args[i + 1])
            if m:
                n = int(m.group(1))
    return n


def expected_cpus(qemu_args, cmdline):
    """How many CPUs a boot with these QEMU arguments and kernel command
    line must bring up, or None when the line gives QEMU no -smp N."""
    n = qemu_smp(qemu_args)
    if n is None:
        return None
    params = cmdline_params(cmdline)
    m = re.match(r'^\d+$', params.get('maxcpus') or '')
    if m:
        n = max(1, min(n, int(params['maxcpus'])))
    return n


def check_cpus(qemu_args, cmdline, lines):
    """Problems (a list of strings, empty when all is well) with the CPUs
    these timestamp-stripped serial log lines say came online."""
    want = expected_cpus(qemu_args, cmdline)
    if want is None:
        return ['cpus: the line gives QEMU no -smp N (qemu="-smp N ...")']
    up = [int(m.group(1)) for m in map(BROUGHT_UP_RE.match, lines) if m]
    problems = []
    if not up:
        problems.append('cpus: no "smp: Brought up 1 node, %d CPUs" line (-smp %d)'
                        % (want, want))
    elif up[-1] != want:
        problems.append('cpus: %d of the %d CPUs came online ("smp: Brought up 1 node, %d CPUs")'
                        % (up[-1], want, up[-1]))
    online = {int(m.group(1)) for m in map(ONLINE_RE.match, lines) if m}
    missing = [k for k in range(1, want) if k not in online]
    if missing:
        problems.append('cpus: no "smpboot: CPU k (APIC ID ...) online" line for CPU %s'
                        % ', '.join(map(str, missing)))
    return problems
