# SPDX-License-Identifier: MIT
"""The QEMU command line every boot of this kernel uses, and what QEMU's
exit status says about how the boot ended.

One builder for the harness, the docs check, the bench and the gdb
sessions: the machine, then the boot (-kernel/-append, -cdrom, the shim),
then a headless console with the serial port in a file, -no-reboot (a
triple fault ends QEMU with status 0 instead of rebooting) and the
isa-debug-exit device the kernel writes its exit code to.
"""

# The port asm/reboot.h's machine_exit() writes (QEMU_EXIT_PORT).
ISA_DEBUG_EXIT = 'isa-debug-exit,iobase=0xf4,iosize=0x04'


def qemu_command(qemu, mem, boot, serial_log, machine=None, cpu=None, before_boot=(),
                 exit_device=True, qemu_log=None, extra=()):
    """[qemu, -accel tcg, -M machine, -m mem, -cpu cpu, *before_boot, *boot,
    -display none, -serial file:serial_log, -monitor none, -no-reboot,
    -device isa-debug-exit (unless exit_device is False),
    -d cpu_reset,guest_errors -D qemu_log (if given), *extra].
    cpu '-' or 'default' (or None) leaves QEMU's default model. serial_log
    None gives -serial stdio instead: the caller reads QEMU's stdout and
    writes its stdin (the shell tests, fentest.shell)."""
    cmd = [qemu, '-accel', 'tcg']
    if machine:
        cmd += ['-M', machine]
    cmd += ['-m', mem]
    if cpu not in (None, '-', 'default'):
        cmd += ['-cpu', cpu]
    cmd += list(before_boot) + list(boot)
    cmd += ['-display', 'none', '-serial', 'stdio' if serial_log is None else 'file:' + serial_log,
            '-monitor', 'none', '-no-reboot']
    if exit_device:
        cmd += ['-device', ISA_DEBUG_EXIT]
    if qemu_log:
        cmd += ['-d', 'cpu_reset,guest_errors', '-D', qemu_log]
    return cmd + list(extra)


def describe_exit(status, timed_out, timeout, statuses):
    """One line on how a boot ended; statuses = (success, failure) from
    kconst.exit_statuses()."""
    success, failure = statuses
    if timed_out:
        return 'hang: no exit within %ds (QEMU killed)' % timeout
    if status == success:
        return 'kernel reported success (exit status %d)' % success
    if status == failure:
        return 'kernel reported failure (exit status %d)' % failure
    if status == 0:
        return 'triple fault or reset (QEMU exit status 0 under -no-reboot)'
    if status == 1:
        return 'QEMU error (exit status 1)'
    if status < 0:
        return 'QEMU killed by signal %d' % -status
    return 'unexpected QEMU exit status %d' % status
