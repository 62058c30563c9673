# SPDX-License-Identifier: MIT
"""Kernel constants, read from what the build of that kernel wrote.

The harness, the bench and the gdb helpers need a few of the kernel's
numbers: where its address space starts, where the vmalloc area ends, the
default vmalloc reserve, the values it writes to the isa-debug-exit port.
They are read from `<build>/gen/asm-offsets.inc`, which the build
generates from the C headers (arch/x86/kernel/asm-offsets.c) beside every
kernel.elf, so each build variant (build-pae/, build-vmsplit2G/, ...)
answers for itself and no number is copied here.
"""

import os
import re

_DEFINE_RE = re.compile(r'^%define\s+(\w+)\s+(-?\d+)\s*$')


class KernelConstError(Exception):
    pass


def asm_offsets_path(build_dir):
    return os.path.join(build_dir, 'gen', 'asm-offsets.inc')


def parse_asm_offsets(text):
    """{name: int} from the text of an asm-offsets.inc."""
    out = {}
    for line in text.splitlines():
        m = _DEFINE_RE.match(line)
        if m:
            out[m.group(1)] = int(m.group(2))
    return out


_cache = {}


def constants(build_dir):
    """The constants of the kernel built in build_dir (cached per file
    modification time, so a rebuild is seen)."""
    path = asm_offsets_path(build_dir)
    try:
        mtime = os.stat(path).st_mtime_ns
    except OSError:
        raise KernelConstError('%s is missing: build the kernel first (make O=%s kernel)'
                               % (path, build_dir))
    key = (path, mtime)
    if key not in _cache:
        with open(path) as f:
            _cache[key] = parse_asm_offsets(f.read())
    return _cache[key]


def constant(build_dir, name):
    c = constants(build_dir)
    if name not in c:
        raise KernelConstError('%s has no %s: rebuild the kernel (arch/x86/kernel/'
                               'asm-offsets.c defines it)' % (asm_offsets_path(build_dir), name))
    return c[name]


def qemu_exit_status(value):
    """QEMU's isa-debug-exit rule: writing value makes QEMU exit with
    (value << 1) | 1."""
    return (value << 1) | 1


def exit_statuses(build_dir):
    """(success, failure): the QEMU exit statuses of the kernel's
    machine_exit(KERNEL_EXIT_SUCCESS / KERNEL_EXIT_FAILURE)."""
    return (qemu_exit_status(constant(build_dir, 'KERNEL_EXIT_SUCCESS')),
            qemu_exit_status(constant(build_dir, 'KERNEL_EXIT_FAILURE')))


def kernel_layout(build_dir):
    """The build's fixed layout numbers as a qemu_model.KernelLayout."""
    from .qemu_model import KernelLayout
    return KernelLayout(page_offset=constant(build_dir, 'PAGE_OFFSET'),
                        vmalloc_end=constant(build_dir, 'VMALLOC_END'),
                        vmalloc_reserve=constant(build_dir, 'VMALLOC_RESERVE_DEFAULT'),
                        pae=bool(constant(build_dir, 'CONFIG_X86_PAE')))
