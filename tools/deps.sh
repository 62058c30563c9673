#!/bin/sh
# tools/deps.sh TARGET... -- make sure the host tools a make target needs exist.
#
# Targets: build run test iso bench debug.  Only missing tools are installed, with
# apt-get (through sudo when not root).  Prints nothing when all is present;
# it runs before every `make run` / `make test`, so the check must stay cheap
# (only `command -v` and one directory test, no package-database queries).
set -u

usage() {
    echo "usage: $0 build|run|test|iso|bench|debug..." >&2
    exit 2
}

[ $# -ge 1 ] || usage

# Accumulated results: space-separated package list and a comma-separated
# list of reasons ("tool missing").
pkgs=""
why=""
missing_tools=""

add_pkg() { # add_pkg PACKAGE REASON
    case " $pkgs " in
        *" $1 "*) ;;
        *) pkgs="${pkgs:+$pkgs }$1" ;;
    esac
    case ", $why, " in
        *", $2, "*) ;;
        *) why="${why:+$why, }$2" ;;
    esac
}

need_tool() { # need_tool TOOL PACKAGE...
    tool=$1
    shift
    if ! command -v "$tool" >/dev/null 2>&1; then
        case " $missing_tools " in
            *" $tool "*) ;;
            *) missing_tools="${missing_tools:+$missing_tools }$tool" ;;
        esac
        for p in "$@"; do
            add_pkg "$p" "$tool missing"
        done
    fi
}

need_build() {
    need_tool make make
    need_tool nasm nasm
    # tools/mkcpio.py writes the initramfs in every kernel build (user/user.mk).
    need_tool python3 python3
    # A cross toolchain given explicitly (or an i686-elf one) replaces the
    # Debian i686-linux-gnu cross compiler.
    if [ -n "${CROSS_COMPILE:-}" ] && command -v "${CROSS_COMPILE}gcc" >/dev/null 2>&1; then
        :
    elif command -v i686-elf-gcc >/dev/null 2>&1; then
        :
    else
        need_tool i686-linux-gnu-gcc gcc-i686-linux-gnu
        need_tool i686-linux-gnu-ld binutils-i686-linux-gnu
    fi
}

need_qemu() {
    need_tool qemu-system-i386 qemu-system-x86
}

need_iso() {
    need_tool grub-mkrescue grub-common grub-pc-bin
    need_tool grub-file grub-common grub-pc-bin
    if [ ! -d /usr/lib/grub/i386-pc ]; then
        missing_tools="${missing_tools:+$missing_tools }/usr/lib/grub/i386-pc"
        add_pkg grub-pc-bin "/usr/lib/grub/i386-pc missing"
    fi
    need_tool xorriso xorriso
    need_tool mformat mtools
}

for target in "$@"; do
    case $target in
        build) need_build ;;
        run)   need_build; need_qemu ;;
        iso)   need_build; need_iso ;;
        test)  need_build; need_qemu; need_iso
               need_tool python3 python3
               need_tool gcc gcc
               need_tool clang clang
               # tools/gen_compile_commands.py --check: clangd --check on the database
               need_tool clangd clangd
               need_tool gdb gdb
               # the mkcpio.py self-test reads its archive back with cpio(1)
               need_tool cpio cpio ;;
        debug) need_build; need_qemu
               need_tool gdb gdb ;;
        bench) need_build; need_qemu
               need_tool python3 python3 ;;
        *) usage ;;
    esac
done

[ -n "$pkgs" ] || exit 0

if ! command -v apt-get >/dev/null 2>&1; then
    echo "deps: error: missing $missing_tools and apt-get is not available;" \
         "install them by hand (Debian packages: $pkgs)" >&2
    exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
else
    echo "deps: error: missing $missing_tools; need root or sudo to install $pkgs" >&2
    exit 1
fi

echo "deps: installing $pkgs ($why)"
# shellcheck disable=SC2086  # $pkgs is a word list on purpose
if ! $sudo apt-get update -qq >/dev/null; then
    echo "deps: error: apt-get update failed" >&2
    exit 1
fi
# shellcheck disable=SC2086
if ! $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $pkgs >/dev/null; then
    echo "deps: error: apt-get install $pkgs failed" >&2
    exit 1
fi

# Verify that the installation actually provided what was missing.
still=""
for t in $missing_tools; do
    case $t in
        /*) [ -e "$t" ] || still="${still:+$still }$t" ;;
        *) command -v "$t" >/dev/null 2>&1 || still="${still:+$still }$t" ;;
    esac
done
if [ -n "$still" ]; then
    echo "deps: error: still missing after install: $still" >&2
    exit 1
fi
exit 0
