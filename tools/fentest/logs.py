# SPDX-License-Identifier: MIT
"""Serial and QEMU logs as the checks read them: escape sequences, CRs and
control characters removed, the `[    0.001234] ` timestamp stripped."""

import re

_ANSI_RE = re.compile(r'\x1b(?:\[[0-9;?]*[ -/]*[@-~]|[()][0-9A-Za-z]|[=>78cDEHM])')
_CTRL_RE = re.compile(r'[\x00-\x08\x0b-\x1f\x7f]')
_TS_RE = re.compile(r'^\[\s*\d+\.\d+\] ')


def clean_line(raw):
    """One raw serial line without escape sequences, CRs or control chars."""
    return _CTRL_RE.sub('', _ANSI_RE.sub('', raw))


def strip_timestamp(line):
    return _TS_RE.sub('', line, count=1)


def log_lines(text):
    """The log as a list of lines with the `[    0.001234] ` prefix removed
    (lines without a timestamp, e.g. GRUB's, are kept as they are)."""
    if text.endswith('\n'):
        text = text[:-1]
    if not text:
        return []
    return [strip_timestamp(clean_line(l)) for l in text.split('\n')]


def read_text(path):
    try:
        with open(path, 'rb') as f:
            return f.read().decode('utf-8', errors='replace')
    except OSError:
        return ''


def tail(path, n):
    text = read_text(path).rstrip('\n')
    if not text:
        return []
    return [clean_line(l) for l in text.split('\n')[-n:]]


_REG_LINE_RE = re.compile(r'^[A-Z][A-Z0-9]*\s*=')


def qemu_log_events(path, n):
    """The last n lines of a QEMU -d log without the register dumps that
    -d cpu_reset writes for every CPU reset (two at every start)."""
    text = read_text(path).rstrip('\n')
    events, in_dump = [], False
    for line in text.split('\n') if text else []:
        if line.startswith('CPU Reset'):
            in_dump = True
            continue
        if in_dump and _REG_LINE_RE.match(line):
            continue
        in_dump = False
        events.append(clean_line(line))
    return events[-n:]

