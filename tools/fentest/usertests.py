# SPDX-License-Identifier: MIT
"""The `user` pseudo-expectation: a boot that ran user space from the
initramfs (matrix option initrd=yes, tests/README.md).

/init (user/bin/init.c) prints a banner as pid 1, runs /bin/usertests
(or the programs named on its command line), one line per program, and a
summary; usertests prints one KTAP document whose suites are all named
user_* (user/bin/usertests/). Its cases are counted like the kernel's own
KTAP cases (ktap.parse_ktap reads every document in the log); this check
adds what counting cannot see: that user space started at all, that the
usertests document is there and complete, and that init saw every
program exit 0.
"""

import re

INIT_BANNER_RE = re.compile(r'^init: Fenestra user space, pid (\d+)\s*$')
INIT_OK_RE = re.compile(r'^init: all (\d+) programs exited with status 0\s*$')
INIT_FAIL_RE = re.compile(r'^init: (\d+) of (\d+) programs failed\s*$')
INIT_PROG_RE = re.compile(r'^init: \S+ \(pid \d+\) (?!exited with status 0\s*$).*$')
USER_SUITE_RE = re.compile(r'^\s+# Subtest: (user_\w+)\s*$')
SUITE_RESULT_RE = re.compile(r'^(ok|not ok) \d+ (user_\w+)\b')
TOTALS_RE = re.compile(r'^# Totals: pass:\d+ fail:\d+ skip:\d+ total:\d+\s*$')


def check_user(lines):
    """Problems (a list of strings, empty when all is well) with the user
    space run in these timestamp-stripped serial log lines."""
    problems = []
    banner = [m for m in map(INIT_BANNER_RE.match, lines) if m]
    if not banner:
        return ['user: /init never started (no "init: Fenestra user space, pid 1" line)']
    if banner[0].group(1) != '1':
        problems.append('user: /init ran as pid %s, not pid 1' % banner[0].group(1))
    started = [m.group(1) for m in map(USER_SUITE_RE.match, lines) if m]
    ended = {m.group(2) for m in map(SUITE_RESULT_RE.match, lines) if m}
    if not started:
        problems.append('user: no usertests KTAP document (no "# Subtest: user_..." line)')
    for s in started:
        if s not in ended:
            problems.append('user: suite %s has no result line (usertests died in it?)' % s)
    if started and not any(TOTALS_RE.match(l) for l in lines):
        problems.append('user: usertests printed no "# Totals:" line')
    for l in lines:
        if INIT_PROG_RE.match(l):
            problems.append('user: %s' % l.strip())
    if not any(INIT_OK_RE.match(l) for l in lines):
        fail = [l.strip() for l in lines if INIT_FAIL_RE.match(l)]
        problems.append('user: %s' % (fail[0] if fail else
                                      'init printed no "init: all N programs exited with '
                                      'status 0" line'))
    return problems
