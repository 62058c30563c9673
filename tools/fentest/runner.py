# SPDX-License-Identifier: MIT
"""Running the boots: one QEMU per matrix line (a thread pool runs them
`--jobs` at a time, each with a time-out), ISOs for `iso` lines, the
hostile shim for `shim:`/`shim-noexit:` lines, the build variants of
`make=` lines, the shell scripts of `shell=` lines (fentest.shell feeds
them over -serial stdio), the host tests and the gdb sessions; and judging
one boot: its exit status (success, failure, or a reset: status 0 under
-no-reboot, with the QEMU log's "Triple fault"), its expectations, the
oracle's memory lines, its KTAP results and, for a shell line, whether
every script line was fed and tests/shell/NAME.expect holds."""

import hashlib
import os
import re
import shlex
import subprocess
import sys
import threading
import time

from . import ROOT
from . import kconst
from .ktap import KtapReport, parse_ktap
from .logs import clean_line, log_lines, qemu_log_events, read_text, tail
from .matrix import Expect, shell_names
from .qemu import describe_exit, qemu_command
from .shell import Feeder, ShellScript, feed_problems
from .smp import check_cpus
from .usertests import check_user
from .qemu_model import check_mm, cmdline_params, cpu_phys_bits, machine_family, mm_layout, \
    pae_from_banner

LAST_LINES = 15

# A shell line's one time-out (a hang: fentest.shell has no per-step limit).
# Generous: a loaded 2-core machine runs two boots per core under TCG.
SHELL_TIMEOUT = 240
SHELL_EXPECT_SHOWN = 3     # expect problems listed when the feed stopped early

def variant_build_dir(build, make_vars):
    """build/ for the default kernel, build-vmsplit2G/ for VMSPLIT=2G, ...:
    the Makefile's own names, in its order (build-pae-vmsplit1G,
    build-demos0, build-ktest0, build-demos0-ktest1: a demonstration switch
    gets a suffix when it differs from DEMOS, which defaults to 1)."""
    vals = dict(mv.split('=', 1) for mv in make_vars)
    demos = vals.get('DEMOS', '1')
    parts = []
    if vals.get('PAE', '0') == '1':
        parts.append('pae')
    if vals.get('VMSPLIT', '3G') != '3G':
        parts.append('vmsplit' + vals['VMSPLIT'])
    if demos == '0':
        parts.append('demos0')
    for k in ('KTEST', 'TOUR', 'CRASH', 'BENCH'):
        if vals.get(k, demos) != demos:
            parts.append(k.lower() + vals[k])
    for k in sorted(set(vals) - {'PAE', 'VMSPLIT', 'DEMOS', 'KTEST', 'TOUR', 'CRASH', 'BENCH'}):
        parts.append(k.lower() + vals[k])       # not a Makefile variant name: kept apart
    return build + ''.join('-' + p for p in parts)


class Result:
    def __init__(self, config):
        self.config = config
        self.passed = False
        self.reasons = []
        self.ktap = KtapReport()
        self.seconds = 0.0
        self.exit_desc = ''
        self.skipped = ''       # why the boot was not attempted (counted as a skip)
        self.tail = []
        self.qemu_tail = []
        self.stderr_tail = []
        self.log = ''


class Runner:
    def __init__(self, args):
        self.args = args
        self.build = os.path.join(ROOT, args.build) if not os.path.isabs(args.build) else args.build
        self.kernel = os.path.join(self.build, 'kernel.elf')
        self.logdir = os.path.join(self.build, 'test-logs')
        self.expect_dir = os.path.join(ROOT, 'tests', 'expect')
        self.expects = {}
        self.shell_dir = os.path.join(ROOT, 'tests', 'shell')
        self.shell_tests = {}   # shell= spec -> (ShellScript, Expect), see shell_test()
        self.iso_lock = threading.Lock()
        self.isos = {}          # cmdline -> (path or None, error text)
        self.iso_locks = {}
        self.procs = set()
        self.procs_lock = threading.Lock()
        self.stopping = False

    def build_dir_for(self, make_vars):
        return variant_build_dir(self.build, make_vars)

    def kernel_for(self, c):
        return os.path.join(self.build_dir_for(c.make_vars), 'kernel.elf')

    def initrd_for(self, c):
        """The initramfs an initrd=yes line boots: its build's (user/user.mk)."""
        return os.path.join(self.build_dir_for(c.make_vars), 'initramfs.cpio')

    def rel(self, path):
        r = os.path.relpath(path, ROOT)
        return path if r.startswith('..') else r

    def expectation(self, name):
        if name not in self.expects:
            self.expects[name] = Expect(name, os.path.join(self.expect_dir, name + '.expect'))
        return self.expects[name]

    def shell_test(self, spec):
        """(ShellScript, Expect) of a line's shell=NAME (tests/shell/NAME.sh
        and NAME.expect) or shell=NAME:CHECKS (NAME.sh, CHECKS.expect), read
        once; ValueError for a bad line in either."""
        if spec not in self.shell_tests:
            script, checks = shell_names(spec)
            self.shell_tests[spec] = (
                ShellScript(script, os.path.join(self.shell_dir, script + '.sh')),
                Expect('shell/' + checks, os.path.join(self.shell_dir, checks + '.expect')))
        return self.shell_tests[spec]

    def shell_timeout(self):
        """--shell-timeout, by default the larger of SHELL_TIMEOUT and --timeout."""
        t = getattr(self.args, 'shell_timeout', None)
        return t if t else max(SHELL_TIMEOUT, self.args.timeout)

    def popen(self, cmd, **kw):
        with self.procs_lock:
            if self.stopping:
                raise KeyboardInterrupt
            p = subprocess.Popen(cmd, **kw)
            self.procs.add(p)
        return p

    def forget(self, p):
        with self.procs_lock:
            self.procs.discard(p)

    def kill_all(self):
        with self.procs_lock:
            self.stopping = True
            for p in self.procs:
                try:
                    p.kill()
                except OSError:
                    pass

    def iso_for(self, cmdline, kernel, initrd=None):
        """Build (once per distinct kernel, command line and initramfs) the ISO
        for iso boots; initrd becomes GRUB's `module /boot/initramfs.cpio`."""
        key = (kernel, cmdline, initrd or '')
        with self.iso_lock:
            lock = self.iso_locks.setdefault(key, threading.Lock())
        with lock:
            if key in self.isos:
                return self.isos[key]
            tag = hashlib.sha1(('%s\0%s' % key[:2] + ('\0%s' % initrd if initrd else ''))
                               .encode()).hexdigest()[:10]
            iso = os.path.join(self.logdir, 'fenestra-%s.iso' % tag)
            cmd = ['sh', os.path.join(ROOT, 'tools', 'mkiso.sh'), kernel, iso, cmdline] \
                + ([initrd] if initrd else [])
            p = self.popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
            out = p.communicate()[0].decode('utf-8', errors='replace')
            self.forget(p)
            if p.returncode != 0:
                self.isos[key] = (None, 'tools/mkiso.sh failed (status %d):\n%s'
                                  % (p.returncode, out.rstrip()))
            else:
                with open(os.path.join(self.logdir, 'fenestra-%s.cmdline' % tag), 'w') as f:
                    f.write(cmdline + '\n')
                self.isos[key] = (iso, '')
            return self.isos[key]

    def qemu_cmd(self, c, log, iso=None):
        if iso:
            boot = ['-cdrom', self.rel(iso), '-boot', 'd']
        elif c.boot.startswith('shim'):
            # tests/hostile/: the shim loads kernel.elf (its module) and plays CASE
            boot = ['-kernel', self.rel(os.path.join(self.build, 'hostile', 'shim.elf')),
                    '-initrd', self.rel(self.kernel_for(c)),
                    '-append', (c.boot.split(':', 1)[1] + ' ' + c.cmdline).strip()]
        else:
            boot = ['-kernel', self.rel(self.kernel_for(c))]
            if c.initrd:
                boot += ['-initrd', self.rel(self.initrd_for(c))]
            boot += ['-append', c.cmdline]
        # shim-noexit: no isa-debug-exit device, an ACPI power-off must end it;
        # shell=: -serial stdio, the harness writes the log (fentest.shell)
        return qemu_command(self.args.qemu, c.mem, boot,
                            None if getattr(c, 'shell', None) else self.rel(log),
                            machine=c.machine,
                            cpu=c.cpu, exit_device=not c.boot.startswith('shim-noexit:'),
                            qemu_log=self.rel(log) + '.qemu', extra=c.qemu_args)

    def exit_statuses(self, c):
        """(success, failure) QEMU statuses of c's kernel build."""
        return kconst.exit_statuses(self.build_dir_for(c.make_vars))

    def run_config(self, c):
        r = Result(c)
        log = os.path.join(self.logdir, c.name + '.log')
        r.log = self.rel(log)
        for suffix in ('', '.qemu', '.stderr', '.cmd', '.feed'):
            try:
                os.unlink(log + suffix)
            except OSError:
                pass
        try:
            statuses = self.exit_statuses(c)
        except kconst.KernelConstError as e:
            r.reasons.append(str(e))
            r.exit_desc = 'not booted'
            return r
        missing = self.missing_machine(c.machine)
        if missing:
            r.skipped = missing
            r.passed = True
            r.exit_desc = 'not booted'
            return r
        if c.initrd and not os.path.isfile(self.initrd_for(c)):
            r.reasons.append('initrd=yes but there is no %s (make kernel builds it: '
                             'user/user.mk)' % self.rel(self.initrd_for(c)))
            r.exit_desc = 'not booted'
            return r
        iso = None
        if c.boot == 'iso':
            iso, err = self.iso_for(c.cmdline, self.kernel_for(c),
                                    self.initrd_for(c) if c.initrd else None)
            if iso is None:
                r.reasons.append(err)
                r.exit_desc = 'not booted'
                return r
        cmd = self.qemu_cmd(c, log, iso)
        with open(log + '.cmd', 'w') as f:
            f.write(' '.join(shlex.quote(a) for a in cmd) + '\n')
        start = time.monotonic()
        timed_out = False
        timeout = self.shell_timeout() if c.shell else self.args.timeout
        with open(log + '.stderr', 'wb') as err:
            try:
                p = self.popen(cmd, cwd=ROOT, stdout=subprocess.PIPE if c.shell else err,
                               stdin=subprocess.PIPE if c.shell else subprocess.DEVNULL,
                               stderr=err)
            except OSError as e:
                r.reasons.append('cannot run %s: %s' % (self.args.qemu, e))
                r.exit_desc = 'not booted'
                return r
            try:
                if c.shell:
                    try:
                        with open(log, 'wb', buffering=0) as out, \
                                open(log + '.feed', 'w') as fl:
                            r.feed = Feeder(p, self.shell_test(c.shell)[0], out, fl,
                                            timeout).run()
                        timed_out = r.feed.timed_out
                    except Exception as e:     # a bug of the feeder fails this line only
                        r.reasons.append('shell: the feeder failed: %s: %s'
                                         % (type(e).__name__, e))
                        p.kill()
                    status = p.wait()
                else:
                    status = p.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                timed_out = True
                p.kill()
                status = p.wait()
            finally:
                if p.poll() is None:        # the feeder failed: never leave QEMU behind
                    p.kill()
                    p.wait()
                self.forget(p)
        r.seconds = time.monotonic() - start
        r.exit_desc = describe_exit(status, timed_out, timeout, statuses)
        if status == 0 and not timed_out:
            if any('Triple fault' in l for l in qemu_log_events(log + '.qemu', 1000)):
                r.exit_desc += '; the QEMU log says: Triple fault'
        self.evaluate(r, read_text(log), status, timed_out, statuses)
        if not r.passed:
            r.tail = tail(log, LAST_LINES)
            r.stderr_tail = tail(log + '.stderr', 10)
            if timed_out or status not in statuses:
                r.qemu_tail = qemu_log_events(log + '.qemu', 10)
        return r

    def missing_machine(self, machine):
        """'' if QEMU has this -M type, else why not: old machine types
        (pc-i440fx-1.7, ...) are deprecated and later QEMU releases drop
        them, which must not fail make test on a newer host."""
        if not hasattr(self, '_machines'):
            try:
                out = subprocess.run([self.args.qemu, '-M', 'help'], capture_output=True,
                                     text=True, timeout=30).stdout
                self._machines = {l.split()[0] for l in out.splitlines()[1:] if l.strip()}
            except (OSError, subprocess.SubprocessError):
                self._machines = None           # cannot tell: let the boot say
        base = machine.split(',')[0]
        if self._machines is None or base in self._machines:
            return ''
        return '%s has no machine type %r (qemu -M help)' % (self.args.qemu, base)

    def evaluate(self, r, text, status, timed_out, statuses):
        """Judge one boot: statuses = (success, failure) of its kernel."""
        c = r.config
        lines = log_lines(text)
        success, failure = statuses
        want = 0 if c.exit_reset else failure if c.exit_fail else success
        if timed_out or status != want:
            r.reasons.append('exit status: expected %s'
                             % ('a power-off (status 0)' if c.exit_poweroff
                                else 'a triple fault or reset (status 0)' if c.exit_reset
                                else 'the failure status %d' % failure if c.exit_fail
                                else 'the success status %d' % success))
            panics = [l.strip() for l in lines if 'Kernel panic - not syncing' in l]
            if panics:
                r.reasons.append('panic: %s' % panics[0])
        if c.exit_poweroff and 'Triple fault' in (r.exit_desc or ''):
            r.reasons.append('exit: expected a power-off, but the QEMU log says: Triple fault')
        if not text:
            r.reasons.append('the serial log is empty')
        for e in c.expects:
            if e == 'mm':
                r.reasons += self.check_mm_config(c, lines)
            elif e == 'user':
                r.reasons += check_user(lines)
            elif e == 'cpus':
                r.reasons += check_cpus(c.qemu_args, c.cmdline, lines)
            else:
                r.reasons += self.expectation(e).check(lines)
        if getattr(c, 'shell', None):
            r.reasons += self.check_shell(c, r, lines)
        r.ktap = parse_ktap(lines)
        if 'ktest' in cmdline_params(c.cmdline) and not (c.exit_fail or c.exit_reset) \
                and not r.ktap.found:
            r.reasons.append('no KTAP output ("KTAP version 1") although the command '
                             'line has ktest=')
        r.passed = not r.reasons and r.ktap.failed == 0

    def check_shell(self, c, r, lines):
        """A shell line's problems: a script line never fed (a hang or an
        early QEMU exit, with the step that waited), then tests/shell/NAME.expect,
        each problem naming the script line whose output it was in."""
        script, expect = self.shell_test(c.shell)
        sh = self.rel(script.path)
        feed = getattr(r, 'feed', None)
        problems = feed_problems(feed, sh) if feed else []
        sent = [(feed.output[:off].count(b'\n'), step) for off, step in feed.sent] \
            if feed else []
        found = expect.check_where(lines)
        if problems and len(found) > SHELL_EXPECT_SHOWN + 1:
            # the feed stopped early: the rest are its consequences
            more = len(found) - SHELL_EXPECT_SHOWN
            found = found[:SHELL_EXPECT_SHOWN]
        else:
            more = 0
        for problem, pos in found:
            steps = [step for at, step in sent if at <= pos]
            if steps:
                problem += '\n(%s log line %d, in the output of %s)' % (
                    'searched from' if ': missing' in problem else 'at', pos + 1,
                    steps[-1].describe(sh))
            problems.append(problem)
        if more:
            problems.append('... and %d more problems of %s.expect (the feed stopped early)'
                            % (more, expect.name))
        return problems

    def check_mm_config(self, c, lines):
        pae = pae_from_banner(lines)
        if pae != ('PAE=1' in c.make_vars):
            return ['mm: the banner says %sPAE but the configuration builds %s'
                    % ('' if pae else 'non-', ' '.join(c.make_vars) or 'the default kernel')]
        kernel = kconst.kernel_layout(self.build_dir_for(c.make_vars))
        return check_mm(lines, mm_layout(machine_family(c.machine), c.mem_bytes, c.cmdline,
                                         kernel, phys_bits=cpu_phys_bits(c.cpu)))

    def run_counted(self, what, cmd, out_path, timeout, count_re):
        """Run a test program whose output ends in "N passed, N failed"
        (host tests, gdb sessions); returns (passed, failed, skipped,
        seconds, problem, output text). A crash, a time-out or a missing
        count line is one more failure, named in problem."""
        start = time.monotonic()
        with open(out_path, 'wb') as out:
            try:
                p = self.popen(cmd, cwd=ROOT, stdin=subprocess.DEVNULL, stdout=out,
                               stderr=subprocess.STDOUT)
            except OSError as e:
                return 0, 1, 0, 0.0, 'cannot run %s: %s' % (what, e), ''
            try:
                status = p.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
                status = None
            finally:
                self.forget(p)
        secs = time.monotonic() - start
        text = read_text(out_path)
        counts = None
        for line in text.splitlines():
            m = count_re.search(clean_line(line))
            if m:
                counts = (int(m.group(1)), int(m.group(2)),
                          int(m.group(3) or 0) if m.re.groups >= 3 else 0)
        problem = None
        if status is None:
            problem = '%s timed out' % what
        elif counts is None:
            problem = '%s printed no "N passed, N failed" line (status %d)' % (what, status)
        elif status != 0 and counts[1] == 0:
            problem = '%s failed (status %d)' % (what, status)
        passed, failed, skipped = counts or (0, 0, 0)
        if problem:
            failed += 1
        return passed, failed, skipped, secs, problem, text

    def run_host_tests(self):
        """make -C tests/host; returns (passed, failed, skipped, seconds, problem, tail)."""
        out_path = os.path.join(self.logdir, 'host-tests.log')
        r = self.run_counted('make -C tests/host', ['make', '-C', os.path.join('tests', 'host')],
                             out_path, max(self.args.timeout, 300),
                             re.compile(r'(?<![\w-])(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$'))
        return r[:5] + (tail(out_path, LAST_LINES),)

    def run_usertests_host(self):
        """<build>/user/bin/usertests run natively (user/README.md): it uses
        Linux's i386 ABI, so on an x86 Linux host it must pass (the cases only
        Fenestra can pass say # SKIP). Each KTAP case is one test; a status
        other than 0 or a broken document is one more failure. Returns
        (passed, failed, skipped, seconds, problem, failure lines); a host
        that cannot run i386 binaries is one skip, named in problem."""
        binary = os.path.join(self.build, 'user', 'bin', 'usertests')
        out_path = os.path.join(self.logdir, 'usertests-host.log')
        if not os.path.isfile(binary):
            return 0, 1, 0, 0.0, '%s missing (make kernel builds it)' % self.rel(binary), []
        start = time.monotonic()
        with open(out_path, 'wb') as out:
            try:
                p = self.popen([binary], cwd=self.logdir, stdin=subprocess.DEVNULL,
                               stdout=out, stderr=subprocess.STDOUT)
            except OSError as e:
                return 0, 0, 1, 0.0, 'skipped: this host cannot run i386 binaries (%s)' % e, []
            try:
                status = p.wait(timeout=self.args.timeout)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
                status = None
            finally:
                self.forget(p)
        secs = time.monotonic() - start
        rep = parse_ktap(log_lines(read_text(out_path)))
        problem = None
        if status is None:
            problem = 'timed out after %ds' % self.args.timeout
        elif not rep.found:
            problem = 'printed no KTAP document (status %d)' % status
        elif status != 0 and rep.failed == 0:
            problem = 'exited with status %d' % status
        failed = rep.failed + (1 if problem else 0)
        lines = ['not ok %s' % name + ''.join('\n    ' + d for d in diag)
                 for name, diag in rep.failures] + rep.problems
        return rep.passed, failed, rep.skipped, secs, problem, lines

    def run_sh_host(self):
        """tests/shell/host_sh_test.py: <build>/user/bin/sh run natively under
        a pty (the line editor in raw mode) and a pipe; each check is one
        test. Returns the same tuple as run_host_tests."""
        out_path = os.path.join(self.logdir, 'sh-host.log')
        sh = os.path.join(self.build, 'user', 'bin', 'sh')
        cmd = [sys.executable, os.path.join(ROOT, 'tests', 'shell', 'host_sh_test.py'),
               '--sh', sh]
        r = self.run_counted('tests/shell/host_sh_test.py', cmd, out_path,
                             max(self.args.timeout, 120),
                             re.compile(r'(?<![\w-])(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$'))
        return r[:5] + (tail(out_path, LAST_LINES),)

    def run_gdb_tests(self, job):
        """tests/gdb/run.py against one build (a GdbJob); returns the same
        tuple as run_host_tests.  Each gdb command check is one test."""
        out_path = os.path.join(self.logdir, job.name + '.out')
        kernel = os.path.join(self.build_dir_for(job.make_vars), 'kernel.elf')
        timeout = max(self.args.timeout, 120)
        cmd = [sys.executable, os.path.join(ROOT, 'tests', 'gdb', job.script),
               '--kernel', self.rel(kernel), '--mem', job.mem, '--cpu', job.cpu,
               '--qemu', self.args.qemu, '--timeout', str(timeout),
               '--log', self.rel(os.path.join(self.logdir, job.name + '.log'))]
        r = self.run_counted('tests/gdb/' + job.script, cmd, out_path, timeout + 30,
                             re.compile(r'^(\d+) passed, (\d+) failed$'))
        failures = [l for l in r[5].splitlines() if l.startswith('not ok') or l.startswith('    #')]
        return r[:5] + (failures[:40],)


class GdbJob:
    """One scripted gdb session (tests/gdb/) against a build of the kernel."""

    def __init__(self, name, make_vars, mem, cpu, script='run.py'):
        self.name, self.make_vars, self.mem, self.cpu = name, tuple(make_vars), mem, cpu
        self.script = script    # tests/gdb/<script>


# Logs of the matrix that tests/layout_check.py draws with tools/layout.py.
LAYOUT_LOGS = ('pc-4G', 'pae-pc-8G')

# The gdb commands are checked on a 2-level and a PAE kernel, each with highmem.
# magic.py uses gdb to hand the kernel a wrong multiboot magic.
GDB_JOBS = [GdbJob('gdb', (), '4G', 'qemu32'),
            GdbJob('gdb-pae', ('PAE=1',), '8G', 'qemu32,+pse36,+nx'),
            GdbJob('gdb-magic', (), '128M', 'qemu32', script='magic.py')]

