#!/usr/bin/env python3
"""Fenestra: /bin/sh tested on the Linux host.

build/user/bin/sh is a static i386 Linux program, so the host can run it.
Two ways, both checked here:

  * under a pseudo-terminal (the interactive path: raw mode, the shell's
    own echo and editing, history, ^C, ^D, process groups and tcsetpgrp):
    the shell is started in a new session with the pty as its controlling
    terminal, keys are written to the master side, and what the shell
    echoes and prints is read back; the terminal's modes and foreground
    group are read from the slave side while the shell runs;
  * under a pipe (isatty(0) false): plain lines, no echo, no prompt --
    the parser and the builtins.

Usage: tests/shell/host_sh_test.py [--sh PATH] [-v] [CHECK...]
Prints one line per check ("ok N - name" or "not ok N - name: why") and
a last line "N passed, M failed"; exits 1 if any failed. Python 3
standard library only; each check has a few seconds at most.
"""

import argparse
import fcntl
import os
import re
import select
import signal
import subprocess
import sys
import termios
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TIMEOUT = 5.0
SEGV = 'build/user/bin/segv'
ECHOARGS = 'build/user/bin/echoargs'


class Fail(Exception):
    pass


class PtyShell:
    """The shell on a fresh pty, its controlling terminal."""

    def __init__(self, sh, args=()):
        self.master, self.slave = os.openpty()
        # a known starting point, as a Linux console starts: cooked, echo, ISIG
        attrs = termios.tcgetattr(self.slave)
        attrs[3] |= termios.ICANON | termios.ECHO | termios.ISIG
        attrs[1] |= termios.OPOST | termios.ONLCR
        termios.tcsetattr(self.slave, termios.TCSANOW, attrs)
        self.initial = termios.tcgetattr(self.slave)

        def ctty():
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.proc = subprocess.Popen([sh] + list(args), stdin=self.slave, stdout=self.slave,
                                     stderr=self.slave, start_new_session=True,
                                     preexec_fn=ctty, cwd=ROOT, close_fds=True)
        self.out = b''      # everything read so far
        self.mark = 0       # expect() searches from here

    def send(self, data):
        if isinstance(data, str):
            data = data.encode()
        os.write(self.master, data)

    def _read(self, deadline):
        left = deadline - time.monotonic()
        if left <= 0:
            return False
        r, _, _ = select.select([self.master], [], [], left)
        if not r:
            return False
        try:
            chunk = os.read(self.master, 4096)
        except OSError:         # EIO: the slave side is closed
            return False
        if not chunk:
            return False
        self.out += chunk
        return True

    def expect(self, pattern, timeout=TIMEOUT, what=None):
        """Wait until the bytes pattern (a regex) matches the output after the mark."""
        rx = re.compile(pattern if isinstance(pattern, bytes) else pattern.encode(), re.S)
        deadline = time.monotonic() + timeout
        while True:
            m = rx.search(self.out, self.mark)
            if m:
                self.mark = m.end()
                return m
            if not self._read(deadline):
                raise Fail('%s never came; output after the last match: %r'
                           % (what or 'output matching %r' % pattern, self.out[self.mark:][-300:]))

    def prompt(self):
        return self.expect(rb'\$ $|\$ (?=\S)|\$ ', what='the prompt "$ "')

    def wait_exit(self, timeout=TIMEOUT):
        deadline = time.monotonic() + timeout
        while self.proc.poll() is None and time.monotonic() < deadline:
            self._read(min(deadline, time.monotonic() + 0.05))
        if self.proc.poll() is None:
            raise Fail('the shell did not exit; output: %r' % self.out[-300:])
        while self._read(time.monotonic() + 0.05):
            pass
        return self.proc.returncode

    def foreground(self):
        """The terminal's foreground group (asked on the master side: the slave is not ours)."""
        return os.tcgetpgrp(self.master)

    def modes(self):
        return termios.tcgetattr(self.slave)

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        os.close(self.master)
        os.close(self.slave)


def run_pipe(sh, text, args=()):
    p = subprocess.run([sh] + list(args), input=text.encode(), stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, cwd=ROOT, timeout=TIMEOUT)
    return p.returncode, p.stdout.decode(errors='replace'), p.stderr.decode(errors='replace')


def want(cond, why):
    if not cond:
        raise Fail(why)


def cmd(s, line, output_re):
    """Type line + Enter at the prompt and expect its output on a line of its own."""
    s.send(line + '\r')
    s.expect(r'\r\n' + output_re + r'\r\n', what='output %r of %r' % (output_re, line))
    s.prompt()


# ---- the interactive path (pty) ----

def t_prompt_and_raw_mode(s):
    s.prompt()
    want(s.out.startswith(b'$ '), 'output does not start with "$ ": %r' % s.out[:40])
    lflag = s.modes()[3]
    want(not lflag & termios.ICANON and not lflag & termios.ECHO and not lflag & termios.ISIG,
         'the terminal is not in raw mode at the prompt (lflag %#x)' % lflag)
    want(s.foreground() == s.proc.pid, 'the shell is not the foreground group')


def t_echo_builtin(s):
    s.prompt()
    s.send('echo hello world\r')
    s.expect(r'echo hello world\r\nhello world\r\n\$ ', what='the echo of the line and its output')


def t_status(s):
    s.prompt()
    cmd(s, 'echo $?', '0')
    cmd(s, 'nosuchprogram', 'sh: nosuchprogram: not found')
    cmd(s, 'echo $?', '127')


def t_program_with_args(s):
    s.prompt()
    s.send(ECHOARGS + ' one "two words" three\r')
    s.expect(r'argv\[1\] = "one"\r\nargv\[2\] = "two words"\r\nargv\[3\] = "three"\r\n',
             what='echoargs\'s argv lines (ONLCR on for the program)')
    s.prompt()


def t_segv(s):
    s.prompt()
    cmd(s, SEGV, 'Segmentation fault')
    cmd(s, 'echo $?', '139')
    want(not s.modes()[3] & termios.ICANON, 'raw mode not re-applied after the program')


def t_backspace(s):
    s.prompt()
    s.send('echo helo\x7f\x7fllo\r')
    s.expect(r'helo\x08 \x08\x08 \x08llo\r\nhello\r\n', what='"\\b \\b" twice, then hello')
    s.prompt()
    s.send('echo abx\x08c\r')
    s.expect(r'\r\nabc\r\n', what='^H erasing too')
    s.prompt()


def t_arrows_insert(s):
    s.prompt()
    s.send('echo hllo\x1b[D\x1b[D\x1b[De\r')
    s.expect(r'\r\nhello\r\n', what='insertion after three left arrows')
    s.prompt()
    s.send('echo ac\x1b[D\x1b[D\x1b[Cb\r')
    s.expect(r'\r\nabc\r\n', what='right arrow then insertion')
    s.prompt()
    s.send('echo xyz\x1b[D\x1b[D\x7f\r')
    s.expect(r'\r\nyz\r\n', what='backspace in the middle')
    s.prompt()


def t_kill_line_and_word(s):
    s.prompt()
    s.send('echo junk\x15echo ok\r')
    s.expect(r'\r\nok\r\n', what='^U then a new line')
    want(b'\r\njunk' not in s.out, '^U: "junk" was run')
    s.prompt()
    s.send('echo one two\x17three\r')
    s.expect(r'\r\none three\r\n', what='^W erasing "two"')
    s.prompt()


def t_history(s):
    s.prompt()
    cmd(s, 'echo first', 'first')
    cmd(s, 'echo second', 'second')
    s.send('\x1b[A\x1b[A\r')
    s.expect(r'\r\nfirst\r\n', what='up, up: "echo first" again')
    s.prompt()
    s.send('\x1b[A\x1b[A\x1b[A\x1b[B\r')     # first, second, first (top), down
    s.expect(r'\r\nsecond\r\n', what='up x3, down: "echo second"')
    s.prompt()
    s.send('echo typed\x1b[A\x1b[B\r')
    s.expect(r'\r\ntyped\r\n', what='the line being typed back after up, down')
    s.prompt()


def t_history_16(s):
    s.prompt()
    for i in range(20):
        cmd(s, 'echo line%d' % i, 'line%d' % i)
    s.send('\x1b[A' * 17 + '\r')
    s.expect(r'\r\nline4\r\n', what='the oldest of the last 16 lines (line4)')
    s.prompt()


def t_ctrl_c_line(s):
    s.prompt()
    s.send('echo abc\x03')
    s.expect(r'echo abc\^C\r\n\$ ', what='"^C" and a new prompt')
    want(b'\r\nabc\r\n' not in s.out, '^C: the line was run')
    cmd(s, 'echo $?', '130')


def wait_foreground(s):
    """Until a group other than the shell's has the terminal, with ISIG on."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        if s.foreground() != s.proc.pid and s.modes()[3] & termios.ISIG:
            return
        time.sleep(0.02)
    raise Fail('the command never became the foreground group with ISIG on')


def t_cat_stdin(s):
    s.prompt()
    s.send('cat\r')
    wait_foreground(s)
    s.send('some text\n')
    s.expect(r'some text\r\nsome text\r\n', what='the line echoed by the terminal, then by cat')
    s.send('\x04')
    s.prompt()
    cmd(s, 'echo $?', '0')
    s.send('cat\r')
    wait_foreground(s)
    s.send('\x03')
    s.expect(r'Interrupt\r\n\$ ', what='cat interrupted by ^C')
    want(s.proc.poll() is None, 'the shell died of the ^C')
    cmd(s, 'echo $?', '130')


def t_ctrl_c_program(s):
    s.prompt()
    s.send('sleep 20\r')
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        fg = s.foreground()
        if fg != s.proc.pid and s.modes()[3] & termios.ISIG:
            break
        time.sleep(0.02)
    else:
        raise Fail('sleep never became the foreground group with ISIG on')
    want(fg != s.proc.pid, 'foreground group is still the shell')
    t0 = time.monotonic()
    s.send('\x03')
    s.expect(r'Interrupt\r\n\$ ', what='"Interrupt" and the prompt')
    want(time.monotonic() - t0 < 5, 'sleep was not interrupted')
    want(s.proc.poll() is None, 'the shell died of the ^C')
    want(s.foreground() == s.proc.pid, 'the shell did not take the terminal back')
    cmd(s, 'echo $?', '130')


def t_ctrl_d_exit(s):
    s.prompt()
    cmd(s, 'echo $?', '0')
    s.send('\x04')
    s.expect(r'exit\r\n', what='"exit" on ^D')
    rc = s.wait_exit()
    want(rc == 0, 'exit status %r after ^D, want 0' % rc)
    m = s.modes()
    want(m[3] == s.initial[3] and m[1] == s.initial[1] and m[0] == s.initial[0],
         'the terminal modes were not restored: lflag %#x (was %#x)' % (m[3], s.initial[3]))


def t_ctrl_d_nonempty(s):
    s.prompt()
    s.send('echo ab\x1b[D\x04\r')       # ^D deletes under the cursor on a non-empty line
    s.expect(r'\r\na\r\n', what='^D deleting "b"')
    s.prompt()
    want(s.proc.poll() is None, 'the shell exited on ^D with a non-empty line')


def t_exit_status(s):
    s.prompt()
    s.send('exit 5\r')
    rc = s.wait_exit()
    want(rc == 5, 'exit 5 gave %r' % rc)
    want(s.modes()[3] & termios.ICANON, 'canonical mode not restored after exit')


def t_crlf_and_long_line(s):
    s.prompt()
    s.send('echo crlf\r\n')
    s.expect(r'\r\ncrlf\r\n\$ ', what='a line ended by "\\r\\n"')
    s.send('echo x\r')
    s.expect(r'\r\nx\r\n', what='the next line (the \\n was not an empty line)')
    s.prompt()
    s.send('a' * 1100 + '\r')
    s.expect(r'sh: line too long \(more than 1023 bytes\): ignored\r\n', what='the too-long message')
    s.prompt()
    cmd(s, 'echo $?', '2')


def t_ctrl_l_and_home_end(s):
    s.prompt()
    s.send('cho z\x01e\x05!\r')     # ^A e ^E !
    s.expect(r'\r\nz!\r\n', what='^A/^E editing')
    s.prompt()


# ---- the non-terminal path (pipe) ----

def p_basic(sh):
    rc, out, err = run_pipe(sh, 'echo hi\necho $?\nexit 3\n')
    want(rc == 3, 'exit 3 gave %r' % rc)
    want(out == 'hi\n0\n', 'output %r' % out)


def p_quoting(sh):
    rc, out, err = run_pipe(sh, 'echo "a  b" \'c $? d\' e\\ f "$?x" "q\\"q" \'\' end\n')
    want(out == 'a  b c $? d e f 0x q"q  end\n', 'output %r' % out)


def p_status_and_semicolon(sh):
    rc, out, err = run_pipe(sh, 'nosuch; echo $?; %s; echo $?\n%s 0 x\n' % (SEGV, ECHOARGS))
    want(out.startswith('127\nSegmentation fault\n139\n'), 'output %r' % out)
    want('argv[2] = "x"' in out, 'echoargs output missing: %r' % out)
    want('sh: nosuch: not found' in err, 'stderr %r' % err)


def p_comments(sh):
    rc, out, err = run_pipe(sh, '#!/bin/sh\n# a comment\necho a#b # c\n   \n\necho "#x"\n')
    want(out == 'a#b\n#x\n' and rc == 0, 'output %r rc %r' % (out, rc))


def p_errors(sh):
    rc, out, err = run_pipe(sh, 'echo a | b\necho "open\nkill -FOO 1\nkill\nexit x\nkill 999999999\n'
                            'echo %s\necho $?\n' % ' '.join(['w'] * 200))
    for line in ("sh: '|' is not supported", 'sh: missing closing "', 'sh: kill: bad signal FOO',
                 'sh: kill: no process named', 'sh: exit: bad number "x"', 'sh: kill: 999999999: ESRCH',
                 'sh: too many words (at most 128)'):
        want(line in err, '%r not in stderr %r' % (line, err))
    want(out == '2\n', 'output %r' % out)


def p_builtins(sh):
    rc, out, err = run_pipe(sh, 'help\nls build/user\nls /nonexistent\necho $?\nfree\nps\nkill -l\n'
                            'cat tests/shell/host_sh_test.py\ncat /nonexistent\necho $?\n')
    want('Builtins:' in out and 'kill [-SIG|-N] PID...' in out, 'help output')
    want('bin/\n' in out and 'libfen.a\n' in out, 'ls build/user output')
    want('ls: /nonexistent: ENOENT' in err, 'ls error line')
    want(re.search(r'^Mem: +\d+ +\d+ +\d+$', out, re.M), 'free: no Mem: row')
    want(re.search(r'^  PID  PPID STATE', out, re.M) and re.search(r'^ *%d +\d+ \S' % 1, out, re.M),
         'ps: no header or no pid 1')
    want(' 9) SIGKILL' in out, 'kill -l')
    want('def p_builtins' in out, 'cat of a file')
    want('cat: /nonexistent: ENOENT' in err, 'cat error')
    want(out.rstrip().endswith('1'), 'cat of a missing file: $? not 1')


def p_dash_c_and_file(sh):
    rc, out, err = run_pipe(sh, '', args=['-c', 'echo one; echo two\necho $?; exit 4'])
    want(rc == 4 and out == 'one\ntwo\n0\n', 'sh -c: rc %r out %r' % (rc, out))
    path = '/tmp/host_sh_test_%d.sh' % os.getpid()
    with open(path, 'w') as f:
        f.write('#!/bin/sh\necho from file\nnosuch\n')
    try:
        rc, out, err = run_pipe(sh, '', args=[path])
    finally:
        os.unlink(path)
    want(rc == 127 and out == 'from file\n', 'sh FILE: rc %r out %r' % (rc, out))
    rc, out, err = run_pipe(sh, '', args=['/nonexistent/script'])
    want(rc == 127 and 'sh: /nonexistent/script: not found' in err, 'sh MISSING: rc %r' % rc)
    rc, out, err = run_pipe(sh, '', args=['-x'])
    want(rc == 2 and 'unknown option' in err, 'sh -x: rc %r' % rc)


def p_eof_status(sh):
    rc, out, err = run_pipe(sh, 'nosuch\n')
    want(rc == 127, 'end of input after a failure: rc %r, want 127 ($?)' % rc)
    rc, out, err = run_pipe(sh, 'echo no newline at the end')
    want(rc == 0 and out == 'no newline at the end\n', 'last line without newline: %r' % out)


PTY_CHECKS = [t_prompt_and_raw_mode, t_echo_builtin, t_status, t_program_with_args, t_segv,
              t_backspace, t_arrows_insert, t_kill_line_and_word, t_history, t_history_16,
              t_ctrl_c_line, t_ctrl_c_program, t_cat_stdin, t_ctrl_d_exit, t_ctrl_d_nonempty, t_exit_status,
              t_crlf_and_long_line, t_ctrl_l_and_home_end]
PIPE_CHECKS = [p_basic, p_quoting, p_status_and_semicolon, p_comments, p_errors, p_builtins,
               p_dash_c_and_file, p_eof_status]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--sh', default=os.path.join(ROOT, 'build/user/bin/sh'))
    ap.add_argument('-v', '--verbose', action='store_true', help='print each pty transcript')
    ap.add_argument('checks', nargs='*', help='names (or parts of names) of checks to run')
    args = ap.parse_args()
    if not os.access(args.sh, os.X_OK):
        print('host_sh_test: %s is not built (make user)' % args.sh)
        return 2
    passed = failed = n = 0
    for check in PTY_CHECKS + PIPE_CHECKS:
        name = check.__name__[2:]
        if args.checks and not any(c in name for c in args.checks):
            continue
        n += 1
        s = None
        try:
            if check in PTY_CHECKS:
                s = PtyShell(args.sh)
                check(s)
            else:
                check(args.sh)
            print('ok %d - %s' % (n, name))
            passed += 1
        except (Fail, subprocess.TimeoutExpired, OSError) as e:
            print('not ok %d - %s: %s' % (n, name, e))
            failed += 1
        finally:
            if s:
                if args.verbose:
                    print('# transcript: %r' % s.out)
                s.close()
    print('%d passed, %d failed' % (passed, failed))
    return 1 if failed else 0


if __name__ == '__main__':
    sys.exit(main())
