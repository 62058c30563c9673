#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Write a newc cpio archive (Linux's initramfs format), deterministically.

newc (cpio -H newc, magic 070701) is what Linux's init/initramfs.c
unpacks and what Fenestra's kernel reads. Each member is a 110-byte ASCII
header of thirteen 8-digit hex fields, the NUL-terminated name, padding
to a multiple of 4, the data, padding to a multiple of 4; the archive
ends with a member named TRAILER!!!:

    070701 ino mode uid gid nlink mtime filesize devmajor devminor
           rdevmajor rdevminor namesize check   name\\0 [pad] data [pad]

Nothing depends on the build host: mtime 0, uid and gid 0, inode numbers
1, 2, 3, ... in archive order, files mode 0100755, directories 040755.

    mkcpio.py -o OUT [--dir NAME ...] [--file NAME=PATH ...]

Directories are written first, then files, each in the order given.
"""

import argparse
import os
import sys

MAGIC = b'070701'
TRAILER = 'TRAILER!!!'
S_IFDIR = 0o040000
S_IFREG = 0o100000


def _pad4(n):
    return (4 - n % 4) % 4


def member(name, mode, data, ino):
    """The bytes of one member: header, name, padding, data, padding."""
    bname = name.encode() + b'\0'
    nlink = 2 if mode & S_IFDIR else 1
    fields = [ino, mode, 0, 0, nlink, 0, len(data), 0, 0, 0, 0, len(bname), 0]
    head = MAGIC + b''.join(b'%08X' % f for f in fields)
    out = head + bname + b'\0' * _pad4(len(head) + len(bname))
    return out + data + b'\0' * _pad4(len(data))


def archive(dirs, files):
    """dirs: [name]; files: [(name, bytes)] -> the archive's bytes."""
    out = []
    ino = 1
    for d in dirs:
        out.append(member(d.strip('/'), S_IFDIR | 0o755, b'', ino))
        ino += 1
    for name, data in files:
        out.append(member(name.strip('/'), S_IFREG | 0o755, data, ino))
        ino += 1
    out.append(member(TRAILER, 0, b'', 0))
    return b''.join(out)


def parse(blob):
    """Read a newc archive back: [(name, mode, ino, data)] without the
    trailer; raises ValueError on a malformed archive."""
    entries = []
    pos = 0
    while True:
        head = blob[pos:pos + 110]
        if len(head) < 110 or head[:6] != MAGIC:
            raise ValueError('bad newc header at offset %d' % pos)
        f = [int(head[6 + 8 * i:14 + 8 * i], 16) for i in range(13)]
        ino, mode, size, namesize = f[0], f[1], f[6], f[11]
        name_end = pos + 110 + namesize
        name = blob[pos + 110:name_end - 1].decode()
        if blob[name_end - 1:name_end] != b'\0':
            raise ValueError('name of %r not NUL-terminated' % name)
        data_start = name_end + _pad4(110 + namesize)
        data = blob[data_start:data_start + size]
        pos = data_start + size + _pad4(size)
        if name == TRAILER:
            return entries
        entries.append((name, mode, ino, data))


def main(argv=None):
    ap = argparse.ArgumentParser(description='write a newc cpio archive')
    ap.add_argument('-o', '--output', required=True)
    ap.add_argument('--dir', action='append', default=[], metavar='NAME')
    ap.add_argument('--file', action='append', default=[], metavar='NAME=PATH')
    args = ap.parse_args(argv)
    files = []
    for spec in args.file:
        name, sep, path = spec.partition('=')
        if not sep or not name:
            ap.error('--file wants NAME=PATH, not %r' % spec)
        try:
            with open(path, 'rb') as f:
                files.append((name, f.read()))
        except OSError as e:
            print('mkcpio: %s: %s' % (path, e.strerror), file=sys.stderr)
            return 1
    tmp = args.output + '.tmp'
    with open(tmp, 'wb') as f:
        f.write(archive(args.dir, files))
    os.replace(tmp, args.output)
    return 0


if __name__ == '__main__':
    sys.exit(main())
