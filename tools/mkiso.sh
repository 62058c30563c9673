#!/bin/sh
# tools/mkiso.sh KERNEL_ELF OUT_ISO "CMDLINE" [INITRD]
#
# Builds a BIOS-bootable GRUB rescue ISO that boots KERNEL_ELF via multiboot
# with CMDLINE, GRUB's console on the first serial port (115200 baud) and on
# the screen and keyboard (a PC or VM without a serial port still shows
# GRUB). INITRD (the initramfs, build/initramfs.cpio) becomes the multiboot
# module /boot/initramfs.cpio, as QEMU's -initrd does for -kernel boots.
# `make iso` passes an empty CMDLINE by default: /init then runs its
# default program, the shell (docs/hacking.md, "Booting the ISO").
set -u

if [ $# -lt 2 ] || [ $# -gt 4 ]; then
    echo "usage: $0 KERNEL_ELF OUT_ISO [\"CMDLINE\" [INITRD]]" >&2
    exit 2
fi
kernel=$1
out=$2
cmdline=${3:-}
initrd=${4:-}

if [ ! -f "$kernel" ]; then
    echo "mkiso: $kernel: no such file" >&2
    exit 1
fi
for tool in grub-file grub-mkrescue; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "mkiso: $tool not found (run tools/deps.sh iso)" >&2
        exit 1
    fi
done
if [ -n "$initrd" ] && [ ! -f "$initrd" ]; then
    echo "mkiso: $initrd: no such file" >&2
    exit 1
fi
if ! grub-file --is-x86-multiboot "$kernel"; then
    echo "mkiso: $kernel is not a valid x86 multiboot kernel" \
         "(grub-file --is-x86-multiboot failed)" >&2
    exit 1
fi

# GRUB would interpret these characters itself (quoting, variables, command
# separators); refuse them rather than pass the kernel something different.
case $cmdline in
    *[\"\'\\\$\;\&\|\<\>\{\}\#]*)
        echo "mkiso: command line contains characters GRUB would interpret: $cmdline" >&2
        exit 1 ;;
esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/fenestra-iso.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
stage=$tmp/iso

mkdir -p "$stage/boot/grub"
cp "$kernel" "$stage/boot/kernel.elf" || exit 1
module=
if [ -n "$initrd" ]; then
    cp "$initrd" "$stage/boot/initramfs.cpio" || exit 1
    module="module /boot/initramfs.cpio"
fi
cat > "$stage/boot/grub/grub.cfg" <<EOF
set timeout=0
set default=0
serial --unit=0 --speed=115200
terminal_input serial console
terminal_output serial console

menuentry "Fenestra" {
    multiboot /boot/kernel.elf $cmdline
    $module
    boot
}
EOF

mkdir -p "$(dirname "$out")"
if ! grub-mkrescue -o "$out" "$stage" >"$tmp/mkrescue.log" 2>&1; then
    echo "mkiso: grub-mkrescue failed:" >&2
    cat "$tmp/mkrescue.log" >&2
    exit 1
fi
