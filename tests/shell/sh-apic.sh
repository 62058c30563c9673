# /proc/interrupts in APIC mode (-smp 2): every typed byte arrives through
# the I/O APIC's pin 4 (IRQ 4, COM1), the tick is the local APIC timer.
# Format: tests/shell/README.md; checks: sh-apic.expect.
echo typed through the I/O APIC
cat /proc/interrupts
