# lowmem-pressure typed at the shell (-m 4G): lowmem taken in 64 MiB steps
# while HighFree stays put, the floor, lowmem_reserve's verdicts, a real
# GFP_KERNEL failure; then the shell still runs a builtin and a program.
lowmem-pressure 65536
echo lowmem-pressure exit $?
lowmem-pressure 8x
echo lowmem-pressure junk exit $?
free
kmapdemo 4
echo after exit $?
