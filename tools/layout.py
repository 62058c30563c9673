#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Draw one boot's memory layout as an SVG, to scale, from its serial log.

  python3 tools/layout.py build/test-logs/pc-4G.log -o build/layout.svg
  make layout [LOG=path] [OUT=path] [MEM=4G PAE=1 ...]

Reads the lines the kernel prints at boot -- the banner (PAE or not,
VMSPLIT), `BIOS-e820:`, `Zone ranges:`, `N MB LOWMEM/HIGHMEM available.`,
`mem_map:` and the `virtual kernel memory layout:` table -- and draws
three panels:

  1. the 4 GiB virtual address space: user, lowmem, hole, vmalloc, pkmap,
     fixmap, to scale (the areas at the top are a few pixels high)
  2. the top 128 MiB of it, zoomed, where those small areas live
  3. physical memory: the e820 map coloured by zone (DMA, Normal, HighMem),
     reserved ranges and holes, and RAM above 4 GiB used (PAE) or ignored

Every area is a <rect> with id="v-NAME", "z-NAME" or "p-N" and
data-start/data-end attributes holding the addresses it stands for, so a
test can check the proportions. Python 3 standard library only.
"""

import argparse
import os
import re
import sys
from xml.sax.saxutils import escape

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fentest.logs import log_lines  # noqa: E402

MIB = 1 << 20
GIB = 1 << 30
FOUR_GIB = 1 << 32

COLORS = {
    'user': '#dfe8f5', 'lowmem': '#7fb77e', 'hole': '#f4f4f4', 'vmalloc': '#f2b950',
    'guard': '#e9e9e9', 'pkmap': '#d9734e', 'unused': '#f4f4f4', 'fixmap': '#9b6bc2',
    'kernel': '#3d6e3c', 'never': '#cccccc',
    'DMA': '#5b8fd1', 'Normal': '#7fb77e', 'HighMem': '#e58f65',
    'reserved': '#b7b7b7', 'ignored': '#f1d1d1', 'nothing': '#ffffff',
}


class LayoutError(Exception):
    pass


def parse_log(text):
    """The layout facts of one boot. Raises LayoutError naming what is missing."""
    lines = log_lines(text)
    info = {'e820': [], 'zones': {}, 'virt': {}, 'pae': False, 'vmsplit': '3G',
            'lowmem_mb': None, 'highmem_mb': None, 'warning': None, 'mem_map': None,
            'banner': ''}
    for i, l in enumerate(lines):
        if l.startswith('Fenestra version'):
            info['banner'] = l
            info['pae'] = bool(re.search(r'(?<!non-)\bPAE\b', l))
            m = re.search(r'VMSPLIT_(\d)G', l)
            if m:
                info['vmsplit'] = m.group(1) + 'G'
        m = re.match(r'^BIOS-e820: \[mem (0x[0-9a-f]+)-(0x[0-9a-f]+)\] (\S+)', l)
        if m:
            info['e820'].append((int(m.group(1), 16), int(m.group(2), 16) + 1, m.group(3)))
        m = re.match(r'^  (DMA|Normal|HighMem)\s+(?:\[mem (0x[0-9a-f]+)-(0x[0-9a-f]+)\]|empty)', l)
        if m and m.group(2):
            info['zones'][m.group(1)] = (int(m.group(2), 16), int(m.group(3), 16) + 1)
        m = re.match(r'^(\d+)MB (LOWMEM|HIGHMEM) available', l)
        if m:
            info['lowmem_mb' if m.group(2) == 'LOWMEM' else 'highmem_mb'] = int(m.group(1))
        if re.match(r'^Warning: \d+MB of RAM above', l):
            info['warning'] = l
        m = re.match(r'^mem_map: (\d+) pages x (\d+) bytes = (\d+) KiB', l)
        if m:
            info['mem_map'] = (int(m.group(1)), int(m.group(2)), int(m.group(3)))
        if l.startswith('virtual kernel memory layout:'):
            for row in lines[i + 1:i + 12]:
                m = re.match(r'^\s+(\.?\w+)\s*: (0x[0-9a-f]+) - (0x[0-9a-f]+)', row)
                if not m:
                    break
                info['virt'][m.group(1)] = (int(m.group(2), 16), int(m.group(3), 16))
    missing = [what for what, ok in (
        ('"virtual kernel memory layout:" table', {'lowmem', 'vmalloc', 'pkmap', 'fixmap'}
         <= set(info['virt'])),
        ('"BIOS-e820:" lines', info['e820']),
        ('"Zone ranges:" lines', info['zones']),
        ('"LOWMEM available" line', info['lowmem_mb'] is not None)) if not ok]
    if missing:
        raise LayoutError('the log has no ' + ', no '.join(missing))
    return info


def virtual_areas(info):
    """[(name, start, end, label)] covering [0, 4 GiB) bottom to top."""
    v = info['virt']
    po, low_end = v['lowmem']
    vm_start, vm_end = v['vmalloc']
    pk_start, pk_end = v['pkmap']
    fx_start, fx_end = v['fixmap']
    areas = [('user', 0, po, 'user space (%d GiB)' % (po >> 30)),
             ('lowmem', po, low_end, 'lowmem (direct map of phys 0-%d MiB)' % ((low_end - po) >> 20)),
             ('hole', low_end, vm_start, '%d MiB hole' % ((vm_start - low_end) >> 20)),
             ('vmalloc', vm_start, vm_end, 'vmalloc (%d MiB)' % ((vm_end - vm_start) >> 20)),
             ('guard', vm_end, pk_start, 'guard pages'),
             ('pkmap', pk_start, pk_end, 'pkmap: %d kmap() entries' % ((pk_end - pk_start) >> 12)),
             ('unused', pk_end, fx_start, 'unused'),
             ('fixmap', fx_start, fx_end, 'fixmap (%d KiB)' % ((fx_end - fx_start) >> 10)),
             ('never', fx_end, FOUR_GIB, 'one page, never mapped')]
    return [a for a in areas if a[2] > a[1]]


def physical_areas(info):
    """[(kind, start, end)] from the e820 map and the zones, bottom to top:
    kind is a zone name, 'reserved', 'ignored' (usable, in no zone) or
    'nothing' (no e820 entry: the PCI hole and the like)."""
    zones = info['zones']
    pieces = []
    for s, e, t in sorted(info['e820']):
        if t != 'usable':
            pieces.append(('reserved', s, e))
            continue
        cuts = sorted({s, e} | {x for z in zones.values() for x in z if s < x < e})
        for a, b in zip(cuts, cuts[1:]):
            kind = next((n for n, (zs, ze) in zones.items() if zs <= a and b <= ze), 'ignored')
            # pfn 0 is outside DMA ([mem 0x1000-...]) but is RAM: count it as DMA.
            if kind == 'ignored' and b <= 0x1000 and 'DMA' in zones:
                kind = 'DMA'
            pieces.append((kind, a, b))
    out, pos = [], 0
    for kind, s, e in sorted(pieces, key=lambda p: p[1]):
        if s > pos:
            out.append(('nothing', pos, s))
        if out and out[-1][0] == kind and out[-1][2] == s:
            out[-1] = (kind, out[-1][1], e)
        else:
            out.append((kind, max(s, pos), e))
        pos = max(pos, e)
    return out


def human(n):
    if n >= GIB and n % GIB == 0:
        return '%d GiB' % (n >> 30)
    if n >= MIB:
        return '%d MiB' % (n >> 20)        # rounded down, as the log's "MB" lines
    return '%d KiB' % round(n / 1024)


class Svg:
    def __init__(self, width, height):
        self.w, self.h = width, height
        self.items = []

    def rect(self, x, y, w, h, fill, ident=None, start=None, end=None, stroke='#555'):
        attrs = ''
        if ident:
            attrs += ' id="%s"' % escape(ident)
        if start is not None:
            attrs += ' data-start="0x%x" data-end="0x%x"' % (start, end)
        self.items.append('<rect x="%.2f" y="%.3f" width="%.2f" height="%.3f" fill="%s" '
                          'stroke="%s" stroke-width="0.6"%s/>' % (x, y, w, h, fill, stroke, attrs))

    def text(self, x, y, s, size=12, anchor='start', weight='normal', fill='#222', cls=None):
        self.items.append('<text x="%.1f" y="%.1f" font-size="%d" text-anchor="%s" '
                          'font-weight="%s" fill="%s"%s>%s</text>'
                          % (x, y, size, anchor, weight, fill,
                             ' class="%s"' % cls if cls else '', escape(s)))

    def line(self, x1, y1, x2, y2, color='#888', dash=None, width=0.8):
        self.items.append('<line x1="%.1f" y1="%.2f" x2="%.1f" y2="%.2f" stroke="%s" '
                          'stroke-width="%.1f"%s/>' % (x1, y1, x2, y2, color, width,
                                                       ' stroke-dasharray="%s"' % dash if dash else ''))

    def polygon(self, points, fill, opacity):
        self.items.append('<polygon points="%s" fill="%s" fill-opacity="%.2f" stroke="none"/>'
                          % (' '.join('%.1f,%.2f' % p for p in points), fill, opacity))

    def render(self):
        return ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" '
                'viewBox="0 0 %d %d" font-family="DejaVu Sans, Helvetica, Arial, sans-serif">\n'
                '<rect x="0" y="0" width="%d" height="%d" fill="#ffffff"/>\n%s\n</svg>\n'
                % (self.w, self.h, self.w, self.h, self.w, self.h, '\n'.join(self.items)))


TOP, BOTTOM = 90, 730           # y of the top (highest address) and bottom of a column
COL_H = BOTTOM - TOP


def place_labels(centres, gap, top=TOP - 2, bottom=BOTTOM + 6):
    """Baselines for labels wanted at y = centres, at least gap apart and
    inside [top, bottom]: pushed down from the top, then back up from the
    bottom, so thin areas side by side still get readable labels."""
    order = sorted(range(len(centres)), key=lambda i: centres[i])
    ys = [0.0] * len(centres)
    prev = top - gap
    for i in order:
        ys[i] = max(centres[i] + 4, prev + gap)
        prev = ys[i]
    nxt = bottom + gap
    for i in reversed(order):
        ys[i] = min(ys[i], nxt - gap)
        nxt = ys[i]
    return ys


def draw_column(svg, x, w, lo, hi, areas, prefix, label_x, min_label_gap=13):
    """Draw areas [(name, start, end, label)] between addresses lo (bottom)
    and hi (top), to scale. Returns {name: (y_top, y_bottom)}."""
    scale = COL_H / (hi - lo)
    ys = {}
    labels = []
    for name, s, e, label in areas:
        s2, e2 = max(s, lo), min(e, hi)
        if e2 <= s2:
            continue
        y_top = BOTTOM - (e2 - lo) * scale
        y_bot = BOTTOM - (s2 - lo) * scale
        svg.rect(x, y_top, w, y_bot - y_top, COLORS.get(name, '#ddd'),
                 '%s-%s' % (prefix, name), s2, e2)
        ys[name] = (y_top, y_bot)
        labels.append(((y_top + y_bot) / 2, '%s, %s' % (label, human(e2 - s2)) if
                       not label.endswith(')') and name not in ('guard', 'never', 'unused')
                       else label, name))
    for (yc, text, name), y in zip(labels, place_labels([l[0] for l in labels],
                                                        min_label_gap)):
        svg.line(x + w, yc, label_x - 3, y - 4, '#999')
        svg.text(label_x, y, text, 11)
    return ys


def address_ticks(svg, x, lo, hi, marks):
    scale = COL_H / (hi - lo)
    # The panel's ends first, then the other marks where they have room.
    placed = []
    inside = [a for a in set(marks) if lo <= a <= hi]
    for addr in [lo, hi] + sorted(a for a in inside if a not in (lo, hi)):
        y = BOTTOM - (addr - lo) * scale
        if any(abs(y - p) < 11 for p in placed):
            continue
        placed.append(y)
        svg.text(x, y + 4, '0x%08x' % addr if addr < FOUR_GIB else '0x%x' % addr, 10,
                 anchor='end', fill='#444')


def render(info, title=None):
    svg = Svg(1360, 800)
    pae = info['pae']
    svg.text(20, 28, title or 'Fenestra memory layout: %s%s' % (
        'PAE' if pae else 'non-PAE', ', VMSPLIT_' + info['vmsplit']), 18, weight='bold')
    sub = []
    if info['lowmem_mb'] is not None:
        sub.append('%d MB LOWMEM' % info['lowmem_mb'])
    if info['highmem_mb'] is not None:
        sub.append('%d MB HIGHMEM' % info['highmem_mb'])
    if info['mem_map']:
        sub.append('mem_map %d KiB of lowmem' % info['mem_map'][2])
    svg.text(20, 48, ' | '.join(sub), 12, fill='#444')
    if info['warning']:
        svg.text(20, 64, info['warning'][:150], 11, fill='#a33')

    # Panel 1: the whole 4 GiB virtual space.
    areas = virtual_areas(info)
    x1 = 100
    svg.text(x1 + 40, TOP - 12, 'virtual: 4 GiB (to scale)', 13, 'middle', 'bold')
    draw_column(svg, x1, 80, 0, FOUR_GIB, areas, 'v', x1 + 92)
    po, low_end = info['virt']['lowmem']
    address_ticks(svg, x1 - 4, 0, FOUR_GIB, [0, po, low_end, FOUR_GIB])

    # Panel 2: the top 128 MiB.
    x2 = 520
    zlo = FOUR_GIB - 128 * MIB
    svg.text(x2 + 40, TOP - 12, 'virtual: top 128 MiB (zoomed)', 13, 'middle', 'bold')
    draw_column(svg, x2, 80, zlo, FOUR_GIB, areas, 'z', x2 + 92, 14)
    address_ticks(svg, x2 - 4, zlo, FOUR_GIB,
                  [zlo] + [a[1] for a in areas if a[1] >= zlo] + [FOUR_GIB])
    # Zoom connectors from panel 1.
    y_zlo = BOTTOM - (zlo / FOUR_GIB) * COL_H
    svg.line(x1 + 80, y_zlo, x2, BOTTOM, '#666', '3,3')
    svg.line(x1 + 80, TOP, x2, TOP, '#666', '3,3')

    # Panel 3: physical memory.
    phys = physical_areas(info)
    top = max(FOUR_GIB, phys[-1][2])
    x3 = 1010
    svg.text(x3 + 40, TOP - 12, 'physical: %s (to scale)' % human(top), 13, 'middle', 'bold')
    labels = {'DMA': 'ZONE_DMA', 'Normal': 'ZONE_NORMAL', 'HighMem': 'ZONE_HIGHMEM',
              'reserved': 'reserved', 'nothing': 'no RAM (PCI hole, ...)',
              'ignored': 'RAM ignored: above %s' % ('the CPU\'s reach' if pae else '4 GiB, no PAE')}
    parr = [('%s' % k, s, e, labels[k]) for k, s, e in phys]
    # Ids must be unique: number repeated kinds.
    seen = {}
    numbered = []
    for k, s, e, lab in parr:
        seen[k] = seen.get(k, 0) + 1
        numbered.append((k if seen[k] == 1 else '%s%d' % (k, seen[k]), s, e, lab))
    scale = COL_H / top
    for k, s, e, lab in numbered:
        base = re.sub(r'\d+$', '', k)
        y_top, y_bot = BOTTOM - e * scale, BOTTOM - s * scale
        svg.rect(x3, y_top, 80, y_bot - y_top, COLORS[base], 'p-' + k, s, e)
    # One label per kind, on its largest piece.
    best = {}
    for k, s, e, lab in numbered:
        base = re.sub(r'\d+$', '', k)
        if base not in best or e - s > best[base][1] - best[base][0]:
            best[base] = (s, e, lab)
    total = {}
    for k, s, e, lab in numbered:
        base = re.sub(r'\d+$', '', k)
        total[base] = total.get(base, 0) + e - s
    items = sorted(best.items(), key=lambda kv: kv[1][0])
    centres = [BOTTOM - (s + e) / 2 * scale for _, (s, e, _) in items]
    for (base, (s, e, lab)), yc, y in zip(items, centres, place_labels(centres, 13)):
        svg.line(x3 + 80, yc, x3 + 89, y - 4, '#999')
        svg.text(x3 + 92, y, '%s, %s' % (lab, human(total[base])), 11)
    marks = [0, FOUR_GIB, top] + [z[0] for z in info['zones'].values()] + \
        [z[1] for z in info['zones'].values()] + \
        [e for s, e, t in info['e820'] if t == 'usable']
    address_ticks(svg, x3 - 4, 0, top, marks)
    # The direct map: lowmem (virtual) is physical [0, lowmem end) + PAGE_OFFSET.
    pv_top = BOTTOM - (low_end / FOUR_GIB) * COL_H
    pv_bot = BOTTOM - (po / FOUR_GIB) * COL_H
    pp_top = BOTTOM - ((low_end - po) / top) * COL_H
    svg.polygon([(x1 + 80, pv_top), (x3, pp_top), (x3, BOTTOM), (x1 + 80, pv_bot)],
                COLORS['lowmem'], 0.18)
    tx = x1 + 80 + 70
    ty = (pv_top + pv_bot) / 2 + ((pp_top + BOTTOM) / 2 - (pv_top + pv_bot) / 2) * 70 / (x3 - x1 - 80)
    svg.text(tx, ty + 4, 'direct map: virtual = physical + 0x%08x' % po, 11, 'start',
             fill='#3d6e3c')
    svg.text(20, 785, 'Drawn by tools/layout.py from the boot log: the "virtual kernel memory '
             'layout" table, BIOS-e820 lines and Zone ranges.', 10, fill='#666')
    return svg.render()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('log', help='serial log of a boot ("-" for stdin)')
    ap.add_argument('-o', '--out', default='build/layout.svg', help='SVG to write')
    ap.add_argument('--title', help='title line (default: from the banner)')
    args = ap.parse_args()
    try:
        text = sys.stdin.read() if args.log == '-' else \
            open(args.log, 'rb').read().decode('utf-8', errors='replace')
        info = parse_log(text)
    except (OSError, LayoutError) as e:
        print('layout: %s: %s' % (args.log, e), file=sys.stderr)
        return 1
    with open(args.out, 'w') as f:
        f.write(render(info, args.title))
    print('layout: wrote %s (%s, lowmem %d MB, %d e820 ranges)'
          % (args.out, 'PAE' if info['pae'] else 'non-PAE', info['lowmem_mb'], len(info['e820'])))
    return 0


if __name__ == '__main__':
    sys.exit(main())
