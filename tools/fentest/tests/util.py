# SPDX-License-Identifier: MIT
"""Helpers shared by the harness's unit tests."""

from fentest.logs import log_lines


def ts(lines):
    """A serial log: each line with a kernel timestamp prefix."""
    return '\n'.join('[    0.%06d] %s' % (i, l) for i, l in enumerate(lines)) + '\n'


def log(lines):
    """The lines as the checks see them (timestamps stripped)."""
    return log_lines(ts(lines))
