# SPDX-License-Identifier: MIT
"""fentest.shell and the shell= matrix option: the script format, prompt
detection, and the feeder driving fake_shell_qemu.py (a stand-in for QEMU
booting /bin/sh with -serial stdio): every line sent only at a prompt, the
directives, the closing ^D, no output lost, a hang and an early exit
reported with the step that waited; then a whole shell line through
Runner.run_config with that fake as the QEMU binary."""

import os
import subprocess
import sys
import tempfile
import threading
import time
import types
import unittest
from unittest import mock

from fentest import kconst
from fentest.matrix import Config, parse_matrix
from fentest.runner import Runner
from fentest.shell import Feeder, ShellScript, c_unescape, feed_problems, prompt_at_end

FAKE = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'fake_shell_qemu.py')


class QuickFeeder(Feeder):
    """A Feeder whose time-out expires as soon as expire_when(feeder) holds:
    the hang tests reach their state however loaded the machine is, and
    take no longer than that."""
    expire_when = None

    def run(self):
        pred = type(self).expire_when

        def watch():
            with self.cond:
                while not self.eof:
                    if pred(self):
                        self.deadline = time.monotonic()
                        self.cond.notify_all()
                        return
                    self.cond.wait(0.05)
        if pred:
            threading.Thread(target=watch, daemon=True).start()
        return super().run()


def quick(pred):
    return type('Quick', (QuickFeeder,), {'expire_when': staticmethod(pred)})


class TempDir(unittest.TestCase):

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.addCleanup(self.dir.cleanup)

    def write(self, name, text):
        p = os.path.join(self.dir.name, name)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, 'w') as f:
            f.write(text)
        return p

    def script(self, text, name='t'):
        return ShellScript(name, self.write(name + '.sh', text))


class ScriptTest(TempDir):

    def test_escapes(self):
        self.assertEqual(c_unescape(r'\x03'), b'\x03')
        self.assertEqual(c_unescape(r'ab\r\n\t\\\e[A\x1b\0\177'),
                         b'ab\r\n\t\\\x1b[A\x1b\x00\x7f')
        self.assertEqual(c_unescape('h\u00e9'), 'h\u00e9'.encode())
        for bad in ('\\', r'\q', r'\xg', r'\777'):
            self.assertRaises(ValueError, c_unescape, bad)

    def test_steps(self):
        s = self.script('# a comment\n\necho hi\n  #> wait ^hi$\n#> send \\x03\n'
                        'memhog 64  \n#>send ls\\r\n')
        self.assertEqual([(st.kind, st.lineno) for st in s.steps],
                         [('line', 3), ('wait', 4), ('send', 5), ('line', 6), ('send', 7),
                          ('eof', 0)])
        self.assertEqual(s.steps[0].data, b'echo hi\r')
        self.assertEqual(s.steps[2].data, b'\x03')
        self.assertEqual(s.steps[3].data, b'memhog 64  \r')
        self.assertEqual(s.steps[4].data, b'ls\r')
        self.assertEqual(s.steps[-1].data, b'\x04')
        self.assertTrue(s.steps[1].rx.search('x\nhi\ny'))

    def test_exit_ends_the_script(self):
        self.assertFalse(any(st.kind == 'eof' for st in self.script('echo\nexit\n').steps))
        self.assertFalse(any(st.kind == 'eof' for st in self.script('exit 3\n# bye\n').steps))
        self.assertEqual(self.script('exit\n#> wait x\n').steps[-1].kind, 'wait')
        # an exit with more lines after it, or a line that is not the command: ^D is added
        self.assertEqual(self.script('exit\nls\n').steps[-1].kind, 'eof')
        self.assertEqual(self.script('exitcode\n').steps[-1].kind, 'eof')
        self.assertEqual(self.script('').steps[-1].kind, 'eof')

    def test_bad_lines(self):
        for text, words in (('#> sleep 1\n', 'unknown directive'),
                            ('x\n#> wait (\n', 't.sh:2: bad regex'),
                            ('#> wait\n', 'needs a regex'),
                            ('#> send\n', 'needs the text'),
                            ('#> send \\q\n', 'unknown escape')):
            with self.assertRaises(ValueError) as cm:
                self.script(text)
            self.assertIn(words, str(cm.exception))

    def test_prompt_at_end(self):
        self.assertTrue(prompt_at_end(b'boot\r\n$ ', 0))
        self.assertTrue(prompt_at_end(b'$ ', 0))
        self.assertTrue(prompt_at_end(b'x\n\r\x1b[K$ \x1b[0m', 0))
        self.assertFalse(prompt_at_end(b'x$ ', 0))          # not at a line start
        self.assertFalse(prompt_at_end(b'\n$ ls', 0))       # typed after it
        self.assertFalse(prompt_at_end(b'\n$', 0))
        self.assertFalse(prompt_at_end(b'\n$ ', 2))         # before the last send
        self.assertTrue(prompt_at_end(bytearray(b'\n$ echo\r\nhi\r\n$ '), 3))
        # kernel lines printed after the prompt do not hide it; other text does
        self.assertTrue(prompt_at_end(b'\n$ [   12.345678] oom: x\r\n[   12.4] y\r\n', 0))
        self.assertTrue(prompt_at_end(b'\n$ \r\n[   12.345678] oom: x\r\n', 0))
        self.assertFalse(prompt_at_end(b'\n$ [   12.345678] oom: x', 0))
        self.assertFalse(prompt_at_end(b'\n$ [   12.345678] x\r\nls\r\n', 0))


class FeederTest(TempDir):

    def feed(self, text, timeout=30.0, expire_when=None):
        s = self.script(text)
        log = os.path.join(self.dir.name, 't.log')
        p = subprocess.Popen([sys.executable, FAKE, '-serial', 'stdio'], stdin=subprocess.PIPE,
                             stdout=subprocess.PIPE)
        self.addCleanup(lambda: p.poll() is None and (p.kill(), p.wait()))
        with open(log, 'wb', buffering=0) as out, \
                open(log + '.feed', 'w') as fl:
            res = quick(expire_when)(p, s, out, fl, timeout).run()
        with open(log, 'rb') as f:
            self.assertEqual(f.read(), res.output, 'the log holds all output')
        return res

    def test_lines_directives_and_closing_eof(self):
        res = self.feed('echo hello\nsplit\necho after split\nfakeprompt\necho after fake\n'
                        'spin\n#> wait ^spinning$\n#> send \\x03\necho status $?\n'
                        '#> wait ^\\$ \\Z\n#> send ech\\x7fho edited\\r\nbig\necho end\n')
        out = res.output.decode()
        self.assertEqual((res.stopped, res.status, res.timed_out), ('done', 33, False), out[-500:])
        for piece in ('\r\nhello\r\n', '\r\n$ echo after split\r\n',
                      'x$ \r\n$ echo after fake\r\n',
                      'Interrupt\r\n$ echo status $?\r\nstatus 130\r\n',
                      '$ ech\b \bho edited\r\nedited\r\n',
                      'line 2999 of big\r\n$ echo end\r\nend\r\n$ \r\n'):
            self.assertTrue(piece in out, '%r not in the output' % piece)
        self.assertEqual(out.count('line 1234 of big\r\n'), 1)
        self.assertFalse('TYPEAHEAD' in out, 'a line was sent before its prompt')
        self.assertEqual(res.sent[-1][1].kind, 'eof')
        self.assertEqual(len(res.sent), 12)
        self.assertEqual(feed_problems(res, 't.sh'), [])

    def test_typing_waits_for_the_echo(self):
        # the fake now drops all but 20 bytes of what arrives at once: a
        # 66-byte line arrives whole only if typed 16 bytes per echo
        long = 'the quick brown fox jumps over the lazy dog 0123456789 ABCDEFGHIJ'
        res = self.feed('lossy\necho %s\nexit\n' % long)
        self.assertIn(('\r\n%s\r\n' % long).encode(), res.output)
        self.assertEqual(res.status, 33)

    def test_exit_line_ends_it(self):
        res = self.feed('echo x\nexit 1\n')
        self.assertEqual((res.stopped, res.status), ('done', 35))
        self.assertEqual(res.sent[-1][1].text, 'exit 1')

    def test_hang_names_the_waiting_line(self):
        res = self.feed('echo a\nhang\necho never\n',
                        expire_when=lambda f: b'hanging\r\n' in f.out)
        self.assertTrue(res.timed_out)
        self.assertEqual((res.stopped, res.status), ('timeout', None))
        probs = feed_problems(res, 't.sh')
        self.assertEqual(len(probs), 1)
        self.assertIn('shell: hang: the feeder was waiting for the prompt "$ " to send '
                      "t.sh:3 'echo never'", probs[0])
        self.assertIn("'hang\\r\\nhanging\\r\\n'", probs[0])

    def test_all_fed_but_no_exit(self):
        res = self.feed('stuck\necho a\n', expire_when=lambda f: f.res.stopped == ''
                        and f.res.waiting is None and f.res.sent)
        self.assertEqual((res.stopped, res.waiting, res.sent[-1][1].kind), ('timeout', None, 'eof'))
        probs = feed_problems(res, 't.sh')
        self.assertEqual(len(probs), 1)
        self.assertIn('shell: hang: every step was fed, the last t.sh (end) (the ^D', probs[0])
        self.assertIn("but QEMU did not exit", probs[0])

    def test_wait_that_never_matches(self):
        res = self.feed('echo a\n#> wait ^b$\n', expire_when=lambda f: b'a\r\n$ ' in f.out)
        self.assertIn('waiting for a match, for t.sh:2 "#> wait ^b$"',
                      feed_problems(res, 't.sh')[0])

    def test_shell_gone_before_the_closing_eof(self):
        # (the wait makes sure the prompt came before the exit was sent)
        res = self.feed('echo a\n#> wait ^a\\n\\$ \\Z\n#> send exit\\r\n')
        self.assertEqual(res.sent[-1][1].kind, 'send')
        self.assertEqual((res.stopped, res.status, res.waiting), ('done', 33, None))
        self.assertEqual(feed_problems(res, 't.sh'), [])

    def test_qemu_exiting_early(self):
        res = self.feed('echo a\ndie\necho never\n')
        self.assertEqual((res.stopped, res.status, res.timed_out), ('exited', 1, False))
        self.assertIn('shell: QEMU exited while the feeder was waiting for the prompt "$ " to '
                      "send t.sh:3 'echo never'", feed_problems(res, 't.sh')[0])


class ShellLineTest(TempDir):
    """A whole shell= line through the runner, fake_shell_qemu.py as QEMU."""

    def setUp(self):
        super().setUp()
        build = os.path.join(self.dir.name, 'build')
        self.write('build/gen/asm-offsets.inc',
                   '%define KERNEL_EXIT_SUCCESS 16\n%define KERNEL_EXIT_FAILURE 17\n')
        assert os.path.isfile(kconst.asm_offsets_path(build))
        for f in ('kernel.elf', 'initramfs.cpio'):
            self.write('build/' + f, '')
        os.chmod(FAKE, 0o755)
        self.runner = Runner(types.SimpleNamespace(build=build, qemu=FAKE, timeout=5,
                                                   shell_timeout=20))
        self.runner._machines = None
        os.makedirs(self.runner.logdir)
        self.runner.shell_dir = os.path.join(self.dir.name, 'shell')
        self.runner.expect_dir = os.path.join(self.dir.name, 'expect')
        self.write('expect/boot.expect', '^Fenestra: boot complete\n')

    def run_line(self, script, expect, extra=''):
        self.runner.shell_tests.clear()
        self.write('shell/t.sh', script)
        self.write('shell/t.expect', expect)
        cfgs, errs = parse_matrix(self.write('m.conf', 't pc 128M kernel qemu32 "rdinit=/init" '
                                             'boot shell=t initrd=yes %s\n' % extra),
                                  self.runner.expect_dir)
        self.assertEqual(errs, [])
        self.assertEqual(cfgs[0].shell, 't')
        return self.runner.run_config(cfgs[0])

    def test_script_with_other_checks(self):
        self.write('shell/t-other.expect', '^three$\n')
        r = self.run_line('echo one\n', '^one$\n')
        self.assertTrue(r.passed, r.reasons)
        self.runner.shell_tests.clear()
        cfgs, errs = parse_matrix(self.write('m.conf', 'u pc 128M kernel - "" boot '
                                             'shell=t:t-other initrd=yes\n'),
                                  self.runner.expect_dir)
        self.assertEqual(errs, [])
        r = self.runner.run_config(cfgs[0])
        self.assertEqual([x.split('\n')[0] for x in r.reasons],
                         ['shell/t-other.expect:1: missing: ^three$'])

    def test_pass(self):
        r = self.run_line('echo one\necho two\n', '^\\$ echo one$\n^one$\n^two$\n!TYPEAHEAD\n')
        self.assertTrue(r.passed, r.reasons)
        with open(r.log + '.cmd') as f:
            self.assertIn('-serial stdio', f.read())

    def test_missing_line_names_the_script_line(self):
        r = self.run_line('echo one\necho two\n', '^one$\n^three$\n')
        self.assertFalse(r.passed)
        self.assertEqual(len(r.reasons), 1, r.reasons)
        self.assertIn('shell/t.expect:2: missing: ^three$', r.reasons[0])
        self.assertIn("in the output of ", r.reasons[0])
        # the search began on the line "echo two" was typed on
        self.assertIn("(searched from log line 6, in the output of ", r.reasons[0])
        self.assertIn("t.sh:2 'echo two'", r.reasons[0])

    def test_wrong_status_and_hang(self):
        r = self.run_line('exit 1\n', '')
        self.assertEqual(r.reasons, ['exit status: expected the success status 33'])
        self.assertTrue(self.run_line('exit 1\n', '', 'exit=fail').passed)
        self.assertEqual(self.runner.shell_timeout(), 20)
        self.runner.args.shell_timeout = None   # the default: 240 s or --timeout
        self.assertEqual(self.runner.shell_timeout(), 240)
        self.runner.args.timeout = 300
        self.assertEqual(self.runner.shell_timeout(), 300)
        self.runner.args.shell_timeout = 30
        hung = quick(lambda f: b'hanging\r\n' in f.out)
        with mock.patch('fentest.runner.Feeder', hung):
            r = self.run_line('hang\necho x\n', '')
        self.assertFalse(r.passed)
        self.assertIn('hang: no exit within 30s', r.exit_desc)
        self.assertTrue(any("shell: hang: the feeder was waiting for the prompt" in x
                            and "t.sh:2 'echo x'" in x for x in r.reasons), r.reasons)
        # a feed that stopped early lists 3 of the expect file's problems
        with mock.patch('fentest.runner.Feeder', hung):
            r = self.run_line('hang\necho x\n', ''.join('^x%d$\n' % i for i in range(6)))
        self.assertEqual([x.split('\n')[0] for x in r.reasons[-4:]],
                         ['shell/t.expect:1: missing: ^x0$', 'shell/t.expect:2: missing: ^x1$',
                          'shell/t.expect:3: missing: ^x2$',
                          '... and 3 more problems of shell/t.expect (the feed stopped early)'])

    def test_docs_quotes_never_reuse_a_shell_log(self):
        import docquotes
        c = Config('sh', 'pc', '128M', 'kernel', 'qemu32', 'rdinit=/init', ['boot'], False,
                   'm:1', initrd=True, shell='t')
        u = Config('u', 'pc', '128M', 'kernel', 'qemu32', 'rdinit=/init', ['boot'], False,
                   'm:2', initrd=True)
        logs = docquotes.matrix_logs_from([c, u], {'sh': None, 'u': None}, '/l')
        self.assertEqual([name for name, _ in logs.values()], ['u'])

    def test_a_feeder_bug_fails_the_line_only(self):
        with mock.patch('fentest.runner.Feeder.run', side_effect=RuntimeError('boom')):
            r = self.run_line('echo one\n', '')
        self.assertFalse(r.passed)
        self.assertIn('shell: the feeder failed: RuntimeError: boom', r.reasons)

    def test_matrix_errors(self):
        self.write('shell/ok.sh', '')
        self.write('shell/ok.expect', '')
        self.write('shell/half.sh', '')
        _, errs = parse_matrix(self.write('m.conf',
                                          'a pc 128M kernel - "" boot shell=ok\n'
                                          'b pc 128M kernel - "" boot shell=half initrd=yes\n'
                                          'c pc 128M shim:good - "" boot shell=ok initrd=yes\n'
                                          'd pc 128M kernel - "" boot shell=../x initrd=yes\n'
                                          'e pc 128M kernel - "" boot shell=ok:no initrd=yes\n'
                                          'f pc 128M kernel - "" boot shell=half:ok initrd=yes\n'),
                               self.runner.expect_dir)
        self.assertEqual(len(errs), 5, errs)
        self.assertIn('shell=ok:no: no no.expect in', errs[4])
        self.assertIn('shell=ok needs initrd=yes', errs[0])
        self.assertIn('shell=half: no half.expect in', errs[1])
        self.assertIn('initrd=yes with boot shim', errs[2])
        self.assertIn("bad shell script name '../x'", errs[3])


if __name__ == '__main__':
    unittest.main()
