#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Check tools/layout.py on one serial log: the SVG it writes must parse,
name every area, and draw them to scale.

  python3 tests/layout_check.py build/test-logs/pc-4G.log build/test-logs/pc-4G.svg

Prints `ok - NAME` / `not ok - NAME: why` per check and `N passed, M failed`.
tools/harness.py runs it on the pc-4G and pae-pc-8G logs after the boots.
"""

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NS = '{http://www.w3.org/2000/svg}'


def main():
    log, svg = sys.argv[1], sys.argv[2]
    results = []

    def check(name, cond, why=''):
        results.append((name, bool(cond), why))

    p = subprocess.run([sys.executable, os.path.join(ROOT, 'tools', 'layout.py'), log, '-o', svg],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    check('layout_py_runs', p.returncode == 0, p.stdout.decode(errors='replace').strip())
    try:
        root = ET.parse(svg).getroot()
        check('svg_parses_as_xml', root.tag == NS + 'svg', 'root element %s' % root.tag)
    except (OSError, ET.ParseError) as e:
        check('svg_parses_as_xml', False, str(e))
        root = None
    if root is not None:
        text = ' '.join(t.text or '' for t in root.iter(NS + 'text'))
        missing = [w for w in ('user space', 'lowmem', '8 MiB hole', 'vmalloc', 'pkmap',
                               'fixmap', 'ZONE_DMA', 'ZONE_NORMAL', 'ZONE_HIGHMEM',
                               'top 128 MiB') if w not in text]
        check('svg_names_every_area', not missing, 'missing labels: %s' % ', '.join(missing))

        rects = {r.get('id'): r for r in root.iter(NS + 'rect') if r.get('id')}
        lines = [re.sub(r'^\[\s*\d+\.\d+\] ', '', l) for l in
                 open(log, errors='replace').read().splitlines()]

        def height(prefix, name=None):
            return sum(float(r.get('height')) for i, r in rects.items()
                       if i.startswith(prefix) and (name is None or
                                                    re.fullmatch(prefix + name + r'\d*', i)))

        low_mb = int(next(re.match(r'^(\d+)MB LOWMEM', l).group(1) for l in lines
                          if re.match(r'^\d+MB LOWMEM', l)))
        ratio = height('v-', 'lowmem') / height('v-')
        want = low_mb / 4096
        check('lowmem_height_to_scale', abs(ratio - want) < 0.002,
              'lowmem is %.4f of the 4 GiB column, the log says %d MB = %.4f'
              % (ratio, low_mb, want))
        row = next((re.match(r'^\s+vmalloc : (0x[0-9a-f]+) - (0x[0-9a-f]+)', l) for l in lines
                    if re.match(r'^\s+vmalloc : ', l)), None)
        vm = rects.get('z-vmalloc')
        ok = row and vm is not None and int(vm.get('data-start'), 16) == int(row.group(1), 16) \
            and int(vm.get('data-end'), 16) == int(row.group(2), 16)
        zratio = height('z-', 'vmalloc') / height('z-') if ok else 0
        zwant = (int(row.group(2), 16) - int(row.group(1), 16)) / (128 << 20) if row else 1
        check('zoomed_vmalloc_to_scale', ok and abs(zratio - zwant) < 0.002,
              'vmalloc is %.4f of the zoomed 128 MiB, the log row says %.4f' % (zratio, zwant))
        zones = {}
        for l in lines:
            m = re.match(r'^  (DMA|Normal|HighMem)\s+\[mem (0x[0-9a-f]+)-(0x[0-9a-f]+)\]', l)
            if m:
                zones[m.group(1)] = (int(m.group(2), 16), int(m.group(3), 16) + 1)
        usable = [(int(m.group(1), 16), int(m.group(2), 16) + 1) for m in
                  (re.match(r'^BIOS-e820: \[mem (0x[0-9a-f]+)-(0x[0-9a-f]+)\] usable', l)
                   for l in lines) if m]
        top = max([1 << 32] + [e for _, e in usable])
        hs, he = zones.get('HighMem', (0, 0))
        high_ram = sum(max(0, min(e, he) - max(s, hs)) for s, e in usable)
        pratio = height('p-', 'HighMem') / height('p-')
        check('physical_highmem_to_scale', abs(pratio - high_ram / top) < 0.002,
              'HighMem RAM is %.4f of the physical column, e820 and zones say %.4f'
              % (pratio, high_ram / top))

    passed = sum(1 for r in results if r[1])
    for name, ok, why in results:
        print('ok - %s' % name if ok else 'not ok - %s: %s' % (name, why))
    print('%d passed, %d failed' % (passed, len(results) - passed))
    return 0 if passed == len(results) else 1


if __name__ == '__main__':
    sys.exit(main())
