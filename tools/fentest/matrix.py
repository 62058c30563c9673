# SPDX-License-Identifier: MIT
"""The two input formats of the boot tests (tests/README.md): expectation
files (tests/expect/*.expect and tests/shell/*.expect: regexes that must
match in order, `!` lines that must not match) and the matrix
(tests/matrix.conf: one boot per line). The shell scripts
(tests/shell/*.sh) are fentest.shell's."""

import os
import re
import shlex

from . import ROOT
from .qemu_model import machine_family, qemu_mem
from .smp import expected_cpus

# Expectation files

class Expect:
    def __init__(self, name, path):
        self.name = name
        self.path = path
        self.positive = []   # (lineno, regex text, compiled)
        self.negative = []
        with open(path) as f:
            for lineno, raw in enumerate(f, 1):
                line = raw.rstrip('\n')
                if not line.strip() or line.lstrip().startswith('#'):
                    continue
                neg = line.startswith('!')
                text = line[1:] if neg else line
                try:
                    rx = re.compile(text)
                except re.error as e:
                    raise ValueError('%s:%d: bad regex %r: %s' % (path, lineno, text, e))
                (self.negative if neg else self.positive).append((lineno, text, rx))

    def check(self, lines):
        return [p for p, _ in self.check_where(lines)]

    def check_where(self, lines):
        """check()'s problems, each with a log line index: where the search
        for a missing line began (after the previous match), or the line a
        forbidden pattern matched."""
        problems = []
        pos = 0
        for lineno, text, rx in self.positive:
            for j in range(pos, len(lines)):
                if rx.search(lines[j]):
                    pos = j + 1
                    break
            else:
                earlier = any(rx.search(l) for l in lines[:pos])
                problems.append(('%s.expect:%d: missing%s: %s'
                                 % (self.name, lineno,
                                    ' (only found before the previous match)' if earlier else '',
                                    text), pos))
        for lineno, text, rx in self.negative:
            for j, l in enumerate(lines):
                if rx.search(l):
                    problems.append(('%s.expect:%d: forbidden pattern %s found: %s'
                                     % (self.name, lineno, text, l.strip()), j))
                    break
        return problems


# ---------------------------------------------------------------------------
# The matrix

_NAME_RE = re.compile(r'^[A-Za-z0-9][A-Za-z0-9._-]*$')


class Config:
    def __init__(self, name, machine, mem, boot, cpu, cmdline, expects, exit_fail, where,
                 make_vars=(), exit_reset=False, exit_poweroff=False, qemu_args=(),
                 initrd=False, shell=None):
        self.name = name
        self.initrd = initrd                # initrd=yes: -initrd <build>/initramfs.cpio
        self.shell = shell                  # shell=NAME[:CHECKS]: see shell_names()
        self.make_vars = tuple(make_vars)   # e.g. ('VMSPLIT=2G',): a build variant
        self.qemu_args = tuple(qemu_args)   # qemu="ARGS": appended to the QEMU command
        self.machine = machine
        self.mem = mem
        self.mem_bytes = qemu_mem(mem)
        self.boot = boot
        self.cpu = cpu
        self.cmdline = cmdline
        self.expects = expects
        self.exit_fail = exit_fail
        self.exit_reset = exit_reset or exit_poweroff   # QEMU exits with status 0
        self.exit_poweroff = exit_poweroff  # exit=poweroff: status 0, and no triple fault
        self.where = where


def shell_names(spec):
    """(script, checks) of shell=SPEC: NAME types tests/shell/NAME.sh and
    checks NAME.expect; NAME:CHECKS types NAME.sh and checks CHECKS.expect
    (one script on two machines whose output differs)."""
    script, _, checks = spec.partition(':')
    return script, checks or script


def _display_path(path):
    rel = os.path.relpath(path, ROOT)
    return path if rel.startswith('..') else rel


# Options the harness sets itself from the other fields: qemu= may not set them.
_QEMU_OWN = ('-M', '-machine', '-m', '-cpu', '-kernel', '-initrd', '-append', '-cdrom',
             '-boot', '-serial', '-display', '-monitor', '-no-reboot', '-D', '-d')


def parse_qemu_option(text):
    """The value of qemu="ARGS": a list of QEMU arguments, or raise ValueError."""
    args = shlex.split(text)
    if not args or not args[0].startswith('-'):
        raise ValueError('qemu= wants QEMU options starting with "-", got %r' % text)
    for a in args:
        if a in _QEMU_OWN:
            raise ValueError('qemu=: %s is set from the line\'s own fields' % a)
    return args


def parse_matrix(path, expect_dir, shell_dir=None):
    """(configs, errors) of a matrix file; expect_dir holds the NAME.expect
    files of the expect field, shell_dir (default: expect_dir's sibling
    shell/) the NAME.sh and NAME.expect of shell=NAME."""
    if shell_dir is None:
        shell_dir = os.path.join(os.path.dirname(expect_dir), 'shell')
    configs = []
    errors = []
    seen = set()
    with open(path) as f:
        for lineno, raw in enumerate(f, 1):
            where = '%s:%d' % (_display_path(path), lineno)
            try:
                fields = shlex.split(raw, comments=True)
            except ValueError as e:
                errors.append('%s: %s' % (where, e))
                continue
            if not fields:
                continue
            if len(fields) < 7:
                errors.append('%s: expected at least 7 fields (name machine mem boot cpu '
                              '"cmdline" expect [exit=fail] [make=VAR=VALUE ...]), got %d'
                              % (where, len(fields)))
                continue
            name, machine, mem, boot, cpu, cmdline, expect = fields[:7]
            exit_fail = exit_reset = exit_poweroff = initrd = False
            shell = None
            make_vars = []
            qemu_args = []
            bad = False
            for opt in fields[7:]:
                if opt == 'exit=fail':
                    exit_fail = True
                elif opt == 'exit=reset':
                    exit_reset = True
                elif opt == 'exit=poweroff':
                    exit_poweroff = True
                elif opt in ('exit=success', 'exit=ok'):
                    pass
                elif opt in ('initrd=yes', 'initrd=no'):
                    initrd = opt == 'initrd=yes'
                elif opt.startswith('shell='):
                    shell = opt[len('shell='):]
                    names = shell_names(shell)
                    if not all(_NAME_RE.match(n) for n in names) or shell.count(':') > 1:
                        errors.append('%s: bad shell script name %r (NAME or NAME:CHECKS)'
                                      % (where, shell))
                        bad = True
                        continue
                    missing = [n + ext for n, ext in zip(names, ('.sh', '.expect'))
                               if not os.path.isfile(os.path.join(shell_dir, n + ext))]
                    if missing:
                        errors.append('%s: shell=%s: no %s in %s'
                                      % (where, shell, ' or '.join(missing),
                                         _display_path(shell_dir)))
                        bad = True
                elif re.fullmatch(r'make=[A-Z_]+=[A-Za-z0-9_]+', opt):
                    make_vars.append(opt[len('make='):])
                elif opt.startswith('qemu='):
                    try:
                        qemu_args += parse_qemu_option(opt[len('qemu='):])
                    except ValueError as e:
                        errors.append('%s: %s' % (where, e))
                        bad = True
                else:
                    errors.append('%s: unknown option %r (exit=fail, exit=reset, exit=poweroff, '
                                  'initrd=yes, shell=NAME[:CHECKS], make=VAR=VALUE or '
                                  'qemu="ARGS")'
                                  % (where, opt))
                    bad = True
            if bad:
                continue
            if not _NAME_RE.match(name):
                errors.append('%s: bad config name %r' % (where, name))
                continue
            if name in seen:
                errors.append('%s: duplicate config name %r' % (where, name))
                continue
            seen.add(name)
            if boot not in ('kernel', 'iso') and not re.fullmatch(r'shim(-noexit)?:[a-z0-9-]+',
                                                                  boot):
                errors.append('%s: boot must be "kernel", "iso", "shim:CASE" or '
                              '"shim-noexit:CASE", not %r' % (where, boot))
                continue
            if initrd and boot.startswith('shim'):
                errors.append('%s: initrd=yes with boot %s: the shim\'s module is the kernel'
                              % (where, boot))
                continue
            if shell and not initrd:
                errors.append('%s: shell=%s needs initrd=yes (the shell comes from the '
                              'initramfs)' % (where, shell))
                continue
            if shell and boot not in ('kernel', 'iso'):
                errors.append('%s: shell=%s with boot %s: only kernel and iso boots run a shell'
                              % (where, shell, boot))
                continue
            try:
                qemu_mem(mem)
            except ValueError as e:
                errors.append('%s: %s' % (where, e))
                continue
            expects = [e for e in expect.split(',') if e]
            if 'user' in expects and not initrd:
                errors.append('%s: "user" needs initrd=yes (user space comes from the '
                              'initramfs)' % where)
                continue
            if 'cpus' in expects and expected_cpus(qemu_args, cmdline) is None:
                errors.append('%s: "cpus" needs qemu="-smp N ..." (the CPUs to expect online)'
                              % where)
                continue
            for e in expects:
                if e in ('user', 'cpus'):
                    continue
                if e == 'mm':
                    if machine_family(machine) is None:
                        errors.append('%s: "mm" needs machine pc, pc-i440fx-*, q35 or isapc, not %r'
                                      % (where, machine))
                    continue
                if not os.path.isfile(os.path.join(expect_dir, e + '.expect')):
                    errors.append('%s: no expectation file %s.expect in %s'
                                  % (where, e, _display_path(expect_dir)))
            configs.append(Config(name, machine, mem, boot, cpu, cmdline, expects,
                                  exit_fail, where, sorted(make_vars), exit_reset,
                                  exit_poweroff, qemu_args, initrd, shell))
    return configs, errors

