# SPDX-License-Identifier: MIT
"""The oracle: what the kernel's physical-memory code must print for a QEMU
machine type, `-m` size, `-cpu` model and command line, computed from
QEMU's and SeaBIOS's rules (measured, see the tables below) and Linux's
(memparse, mem=, zone boundaries), never from the kernel's own code.

What belongs to the kernel's build rather than to QEMU or Linux (where its
address space starts, where the vmalloc area ends, the default vmalloc
reserve) is passed in by the caller, read from the kernel itself
(fentest.kernel), so that changing a number in the kernel's layout header
does not need a matching edit here.
"""

import re

KIB = 1 << 10
MIB = 1 << 20
GIB = 1 << 30
FOUR_GIB = 1 << 32
PAGE_SHIFT = 12

# SeaBIOS keeps a small area at the top of the RAM below 4 GiB for its own
# tables (ACPI, SMBIOS, ...) and marks it reserved.  Measured with QEMU 7.2 /
# SeaBIOS 1.16.2 from SeaBIOS's own e820 dump and from the multiboot memory map
# for -m 8M ... 8G: constant for a machine type, larger on q35 (bigger ACPI
# tables), 8 KiB on pc-i440fx-2.0 and older, none at all on isapc.
#
# A machine family is the set of machine types that share these rules:
#   'pc'      pc, pc-i440fx-2.1 and later
#   'pc-2.0'  pc-i440fx-2.0: the small top reserve
#   'pc-1.7'  pc-i440fx-1.7 and older: the small top reserve, and no
#             gigabyte alignment of the RAM below 4 GiB (see ram_split)
#   'q35'     q35, pc-q35-*
#   'isapc'   isapc: no PCI, no ACPI tables, no alignment
SEABIOS_TOP_RESERVE = {'pc': 0x20000, 'pc-2.0': 0x2000, 'pc-1.7': 0x2000, 'q35': 0x21000,
                       'isapc': 0}

# Fixed reserved ranges (start, end exclusive) besides the top-of-RAM one.
_PC_RESERVED = [(0x9fc00, 0xa0000), (0xf0000, 0x100000), (0xfffc0000, FOUR_GIB)]
_FIXED_RESERVED = {
    'pc': _PC_RESERVED, 'pc-2.0': _PC_RESERVED, 'pc-1.7': _PC_RESERVED, 'isapc': _PC_RESERVED,
    # q35 adds the PCIe MMCONFIG window and the ICH9 root complex register block.
    'q35': [(0x9fc00, 0xa0000), (0xf0000, 0x100000), (0xb0000000, 0xc0000000),
            (0xfed1c000, 0xfed20000), (0xfffc0000, FOUR_GIB)],
}

# The highest RAM QEMU puts below 4 GiB (where the PCI hole starts), and
# whether it is then cut back to a gigabyte boundary (QEMU's gigabyte_align,
# on from pc-i440fx-2.0; off for isapc).
_BELOW_4G = {'pc': (0xE0000000, 0xC0000000), 'pc-2.0': (0xE0000000, 0xC0000000),
             'pc-1.7': (0xE0000000, None), 'isapc': (0xE0000000, None),
             'q35': (0xB0000000, 0x80000000)}


def machine_family(machine):
    """The family of a QEMU -M name (see SEABIOS_TOP_RESERVE), or None."""
    if machine == 'q35' or machine.startswith('pc-q35'):
        return 'q35'
    if machine == 'isapc':
        return 'isapc'
    if machine == 'pc':
        return 'pc'
    m = re.fullmatch(r'pc-(?:i440fx-)?(\d+)\.(\d+)', machine)
    if m:
        version = (int(m.group(1)), int(m.group(2)))
        return 'pc' if version >= (2, 1) else 'pc-2.0' if version == (2, 0) else 'pc-1.7'
    if machine.startswith('pc-'):
        return 'pc'
    return None


def ram_split(family, mem):
    """QEMU's split of `-m mem` into RAM below and above 4 GiB: all of it
    below if it fits under the PCI hole; else, with gigabyte alignment, 2
    or 3 GiB below (q35, pc), without it up to where the hole starts."""
    if family not in _BELOW_4G:
        raise ValueError('no memory layout known for machine family %r' % family)
    hole, aligned = _BELOW_4G[family]
    if mem < hole:
        below = mem
    else:
        below = aligned if aligned is not None else hole
    return below, mem - below


def seabios_e820(family, mem):
    """The e820 map SeaBIOS hands over: [(start, end_exclusive, type)]."""
    below, above = ram_split(family, mem)
    top = below - SEABIOS_TOP_RESERVE[family]
    m = [(0, 0x9fc00, 'usable'), (0x100000, top, 'usable')]
    if top < below:
        m.append((top, below, 'reserved'))
    m += [(s, e, 'reserved') for s, e in _FIXED_RESERVED[family]]
    if above:
        m.append((FOUR_GIB, FOUR_GIB + above, 'usable'))
    return sorted(m)


def memparse(text):
    """Linux memparse(): a C integer (0x.. hex, 0.. octal) with an optional
    K/M/G/T/P/E suffix (either case)."""
    m = re.match(r'^\s*(0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*)([kKmMgGtTpPeE]?)', text)
    if not m:
        raise ValueError('bad size %r' % text)
    num = m.group(1)
    if num[:2] in ('0x', '0X'):
        val = int(num, 16)
    elif len(num) > 1 and num[0] == '0':
        val = int(num, 8)
    else:
        val = int(num)
    shift = {'': 0, 'k': 10, 'm': 20, 'g': 30, 't': 40, 'p': 50, 'e': 60}[m.group(2).lower()]
    return val << shift


def qemu_mem(text):
    """QEMU's -m size: a number with optional K/M/G/T suffix, MiB by default,
    as QEMU computes it: the whole part times the unit plus the fraction
    times the unit (truncated), then rounded up to 8 KiB (QEMU aligns
    ram_size to 8192: `-m 100.3M` is 105177088 bytes, measured)."""
    m = re.match(r'^(\d+)(?:\.(\d+))?([kKmMgGtT]?)[bB]?$', text)
    if not m:
        raise ValueError('bad memory size %r' % text)
    unit = 1 << {'': 20, 'k': 10, 'm': 20, 'g': 30, 't': 40}[m.group(3).lower()]
    size = int(m.group(1)) * unit
    if m.group(2):
        size += int(float('0.' + m.group(2)) * unit)
    return (size + 8191) & ~8191


def valid_size(text, minimum):
    """The kernel's own acceptance rule for a size option: the whole value
    parses (digits plus at most one K/M/G suffix), fits in 64 bits (the
    kernel's memparse stops in front of a digit or suffix that would
    overflow, kernel/lib/string.c) and is at least minimum."""
    if not re.fullmatch(r'(0[xX][0-9a-fA-F]+|[0-9]+)[kKmMgG]?', text or ''):
        return False
    return minimum <= memparse(text) < 1 << 64


def cmdline_params(cmdline):
    """key=value parameters of a kernel command line (the last one wins).
    Malformed mem=/vmalloc= values are dropped: the kernel warns and
    ignores them (arch/x86/kernel/e820.c, arch/x86/mm/init.c)."""
    params = {}
    for tok in cmdline.split():
        key, eq, val = tok.partition('=')
        if key == 'mem' and not valid_size(val, 4096):
            continue
        if key == 'vmalloc' and not valid_size(val, 4 * MIB):
            continue
        params[key] = val if eq else None
    return params


class KernelLayout:
    """The numbers of one kernel build that the oracle takes as given
    (fentest.kconst reads them from the build): PAGE_OFFSET, VMALLOC_END
    (below it the vmalloc area; above it guard pages, pkmap and the
    fixmap), the default vmalloc reserve above lowmem, and PAE."""

    def __init__(self, page_offset, vmalloc_end, vmalloc_reserve, pae):
        self.page_offset = page_offset
        self.vmalloc_end = vmalloc_end
        self.vmalloc_reserve = vmalloc_reserve
        self.pae = pae

    def __repr__(self):
        return ('KernelLayout(page_offset=%#x, vmalloc_end=%#x, vmalloc_reserve=%#x, pae=%r)'
                % (self.page_offset, self.vmalloc_end, self.vmalloc_reserve, self.pae))


# What vmalloc=S means (the option's documented semantics, as Linux's
# i386 vmalloc= does): the reserve above lowmem becomes S plus the 8 MiB
# hole (Linux's VMALLOC_OFFSET) plus what lies above VMALLOC_END, rounded
# up to 4 MiB so lowmem ends on a page-table boundary; S must fit in the
# kernel's share of the address space and leave 32 MiB of lowmem.
VMALLOC_HOLE = 8 * MIB
VMALLOC_ALIGN = 4 * MIB
MIN_LOWMEM = 32 * MIB


def vmalloc_reserve_for(size, kernel):
    reserve = size + VMALLOC_HOLE + (FOUR_GIB - kernel.vmalloc_end)
    return (reserve + VMALLOC_ALIGN - 1) & ~(VMALLOC_ALIGN - 1)


def vmalloc_accepted(vmalloc, kernel):
    """The kernel's semantic checks on vmalloc=: the size fits in the
    kernel's share, and at least 32 MiB of lowmem is left."""
    size = memparse(vmalloc)
    if size > FOUR_GIB - kernel.page_offset:
        return False
    return vmalloc_reserve_for(size, kernel) <= FOUR_GIB - kernel.page_offset - MIN_LOWMEM


def lowmem_end(vmalloc, kernel):
    """Physical address where lowmem ends (MAXMEM) for a vmalloc= value
    (None: not given).

    Without vmalloc= it is the kernel virtual space above PAGE_OFFSET minus
    the build's default reserve (128 MiB: 0x38000000, 896 MiB, for
    PAGE_OFFSET 0xC0000000). With vmalloc=S:
        0x100000000 - PAGE_OFFSET - vmalloc_reserve_for(S)
    """
    if vmalloc is None:
        return FOUR_GIB - kernel.page_offset - kernel.vmalloc_reserve
    return max(FOUR_GIB - kernel.page_offset - vmalloc_reserve_for(memparse(vmalloc), kernel), 0)


# QEMU's 32-bit CPU models without PSE-36 (measured with qemu-system-i386
# 7.2, which gives every model that has it 36 address bits). The models
# that have no PAE either are here too: 32 bits is what they address.
_NO_PSE36_MODELS = ('486', 'pentium', 'base', 'qemu32', 'coreduo', 'n270')


def cpu_phys_bits(cpu):
    """Physical address bits qemu-system-i386 gives a -cpu: 36 if the model
    has PSE-36, else 32 (QEMU's rule for CPUs without long mode, and the
    i386 binary masks long mode from every model, so qemu64, Nehalem and
    max get 36 too; CPUID 0x80000008 then reports the same number). A
    +pse36/-pse36 or pse36=on/off flag decides, the last one winning.
    `-` is the machine's default model (qemu32, or 486 on isapc): 32."""
    flags = cpu.split(',')
    model = re.sub(r'-v\d+$', '', flags[0])
    pse36 = model not in ('-', 'default') and model not in _NO_PSE36_MODELS
    for f in flags[1:]:
        if f in ('+pse36', 'pse36=on', 'pse36=true', 'pse36'):
            pse36 = True
        elif f in ('-pse36', 'pse36=off', 'pse36=false'):
            pse36 = False
    return 36 if pse36 else 32


def mm_layout(family, mem, cmdline, kernel, phys_bits=32, lowmem_end_override=None):
    """Everything the kernel's physical-memory code must print, computed
    independently from the QEMU/SeaBIOS/Linux rules for the kernel build
    described by `kernel` (a KernelLayout).  Returns a dict.
    Without PAE only RAM below 4 GiB is used; with PAE, RAM below
    min(64 GiB, 2^phys_bits), and the span above lowmem is all HighMem."""
    pae = kernel.pae
    e820 = seabios_e820(family, mem)
    params = cmdline_params(cmdline)
    user = None
    if params.get('mem'):
        # mem=: RAM at and above the limit is dropped (other types stay), and
        # the result is printed as Linux's "user-defined physical RAM map".
        limit = memparse(params['mem'])
        user = [(s, min(e, limit) if t == 'usable' else e, t) for s, e, t in e820
                if t != 'usable' or s < limit]
    usable = [(s, e) for s, e, t in (user or e820) if t == 'usable']
    limit = min(1 << 36, 1 << phys_bits) if pae else FOUR_GIB
    above_4g = sum(e - max(s, limit) for s, e in usable if e > limit)
    max_pfn = 0
    for s, e in usable:
        if s >> PAGE_SHIFT < (limit >> PAGE_SHIFT):
            max_pfn = max(max_pfn, min(e >> PAGE_SHIFT, limit >> PAGE_SHIFT))
    if lowmem_end_override is not None:
        low_end = lowmem_end_override
    else:
        vm = params.get('vmalloc')
        if vm is not None and not vmalloc_accepted(vm, kernel):
            vm = None           # the kernel warns and keeps the default
        low_end = lowmem_end(vm, kernel)
    max_low_pfn = min(max_pfn, low_end >> PAGE_SHIFT)
    zones = [('DMA', 1, min(4096, max_low_pfn)),
             ('Normal', 4096, max_low_pfn),
             ('HighMem', max_low_pfn, max_pfn)]
    zone_lines = []
    for name, start, end in zones:
        if start >= end:
            zone_lines.append('  %-8s empty' % name)
        else:
            zone_lines.append('  %-8s [mem %#018x-%#018x]'
                              % (name, start << PAGE_SHIFT, (end << PAGE_SHIFT) - 1))
    warning = None
    if above_4g and not pae:
        warning = ('Warning: %dMB of RAM above 4 GiB ignored: this kernel has no PAE'
                   % (above_4g >> 20))
    elif above_4g:
        warning = ('Warning: %dMB of RAM above %d GiB ignored: the CPU addresses %d physical bits'
                   % (above_4g >> 20, limit >> 30, phys_bits))
    return {
        'e820': e820,
        'e820_lines': ['BIOS-e820: [mem %#018x-%#018x] %s' % (s, e - 1, t)
                       for s, e, t in e820],
        'user_lines': None if user is None else
                      ['user: [mem %#018x-%#018x] %s' % (s, e - 1, t) for s, e, t in user],
        'max_pfn': max_pfn,
        'max_low_pfn': max_low_pfn,
        'above_4g': above_4g,
        'warning': warning,
        'highmem_line': '%dMB HIGHMEM available.' % ((max_pfn - max_low_pfn) >> 8),
        'lowmem_line': '%dMB LOWMEM available.' % (max_low_pfn >> 8),
        'zone_lines': zone_lines,
    }


def pae_from_banner(lines):
    """True when the banner says the kernel was built with PAE=1."""
    banner = next((l for l in lines if l.startswith('Fenestra version')), '')
    return bool(re.search(r'(?<!non-)\bPAE\b', banner))


_WARNING_RE = re.compile(r'^Warning: \d+MB of RAM above \d+ GiB ignored')
_HIGHMEM_RE = re.compile(r'^\d+MB HIGHMEM available')
_LOWMEM_RE = re.compile(r'^\d+MB LOWMEM available')


def check_mm(lines, layout, check_warning=True):
    """Compare the memory lines of a (timestamp-stripped) log with a layout
    from mm_layout().  Returns a list of human-readable problems."""
    problems = []
    got = [l.rstrip() for l in lines if l.startswith('BIOS-e820: ')]
    want = layout['e820_lines']
    if got != want:
        if not got:
            problems.append('mm: no "BIOS-e820:" lines in the log')
        for l in want:
            if l not in got:
                problems.append('mm: missing e820 line: %s' % l)
        for l in got:
            if l not in want:
                problems.append('mm: unexpected e820 line: %s' % l)
        if sorted(got) == sorted(want):
            problems.append('mm: e820 lines out of order')

    if layout['user_lines'] is not None:
        got = [l.rstrip() for l in lines if l.startswith('user: [mem ')]
        if got != layout['user_lines']:
            for l in layout['user_lines']:
                if l not in got:
                    problems.append('mm: missing mem= map line: %s' % l)
            for l in got:
                if l not in layout['user_lines']:
                    problems.append('mm: unexpected mem= map line: %s' % l)

    if check_warning:
        # The line may go on with an explanation after the fixed text.
        warns = [l.rstrip() for l in lines if _WARNING_RE.match(l)]
        if layout['warning']:
            if not any(w.startswith(layout['warning']) for w in warns):
                problems.append('mm: expected "%s", got %s'
                                % (layout['warning'], warns or 'no such line'))
        elif warns:
            problems.append('mm: unexpected line "%s" (no RAM above 4 GiB)' % warns[0])

    for regex, want_line in ((_HIGHMEM_RE, layout['highmem_line']),
                             (_LOWMEM_RE, layout['lowmem_line'])):
        found = [l.rstrip() for l in lines if regex.match(l)]
        if not found:
            problems.append('mm: missing "%s"' % want_line)
        elif found[-1] != want_line:
            problems.append('mm: expected "%s", got "%s"' % (want_line, found[-1]))

    stripped = [l.rstrip() for l in lines]
    if 'Zone ranges:' not in stripped:
        problems.append('mm: no "Zone ranges:" line in the log')
    else:
        i = stripped.index('Zone ranges:')
        got_zones = stripped[i + 1:i + 1 + len(layout['zone_lines'])]
        for k, want_line in enumerate(layout['zone_lines']):
            have = got_zones[k] if k < len(got_zones) else '(end of log)'
            if have != want_line:
                problems.append('mm: zone line %d: expected "%s", got "%s"'
                                % (k + 1, want_line, have))
    return problems
