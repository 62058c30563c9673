# SPDX-License-Identifier: MIT
"""What `make test` prints: the per-configuration table, one FAIL section
per failed boot (why, the log's last lines, QEMU's stderr and log), and the
final line `N passed, N failed[, N skipped]` counted by a Tally."""


class Tally:
    """The counts behind the final line. Each KTAP leaf case is one test;
    a boot's exit status and expectations together are one more; every
    other job (host tests, layout, gdb, docs, the harness's unit tests)
    adds what it counted itself."""

    def __init__(self):
        self.passed = self.failed = self.skipped = 0

    def add(self, passed=0, failed=0, skipped=0):
        self.passed += passed
        self.failed += failed
        self.skipped += skipped

    def add_boot(self, r):
        """One boot's Result: its KTAP cases plus one for the rest; a boot
        not attempted (its QEMU machine type is missing) is one skip."""
        if getattr(r, 'skipped', ''):
            self.add(skipped=1)
            return
        self.add(r.ktap.passed + (0 if r.reasons else 1),
                 r.ktap.failed + (1 if r.reasons else 0),
                 r.ktap.skipped)

    def line(self):
        return '%d passed, %d failed%s' % (self.passed, self.failed,
                                          ', %d skipped' % self.skipped if self.skipped else '')


def progress_line(done, total, ok, name, seconds):
    return '[%d/%d] %-4s %s (%.1fs)' % (done, total, 'PASS' if ok else 'FAIL', name, seconds)


def print_table(results):
    hdr = ('name', 'machine', 'mem', 'boot', 'cpu', 'result', 'pass', 'fail', 'skip', 'secs')
    rows = []
    for r in results:
        c = r.config
        rows.append((c.name, c.machine, c.mem, c.boot, c.cpu,
                     'SKIP' if getattr(r, 'skipped', '') else 'PASS' if r.passed else 'FAIL',
                     str(r.ktap.passed), str(r.ktap.failed), str(r.ktap.skipped),
                     '%.1f' % r.seconds))
    widths = [max(len(x[i]) for x in [hdr] + rows) for i in range(len(hdr))]
    right = {6, 7, 8, 9}

    def fmt(row):
        return '  '.join(v.rjust(w) if i in right else v.ljust(w)
                         for i, (v, w) in enumerate(zip(row, widths))).rstrip()
    print(fmt(hdr))
    for row in rows:
        print(fmt(row))


def print_failure(r):
    c = r.config
    print()
    print('--- FAIL %s (%s, -m %s, %s boot, -cpu %s, "%s"; %s)'
          % (c.name, c.machine, c.mem, c.boot, c.cpu, c.cmdline, c.where))
    print('    log: %s' % r.log)
    print('    exit: %s' % r.exit_desc)
    for reason in r.reasons:
        first, *rest = reason.split('\n')
        print('    %s' % first)
        for l in rest:
            print('        %s' % l)
    for name, diag in r.ktap.failures:
        print('    KTAP not ok: %s' % name)
        for d in diag:
            print('        %s' % d)
    for p in r.ktap.problems:
        print('    KTAP: %s' % p)
    if r.stderr_tail:
        print('    QEMU stderr:')
        for l in r.stderr_tail:
            print('        %s' % l)
    if r.tail:
        print('    last %d log lines:' % len(r.tail))
        for l in r.tail:
            print('        %s' % l)
    if r.qemu_tail:
        print('    last lines of %s.qemu (register dumps omitted):' % r.log)
        for l in r.qemu_tail:
            print('        %s' % l)
