# vmallocdemo typed at the shell (-m 4G): a 2 MiB area built from highmem
# frames, in /proc/vmallocinfo and VmallocUsed, then vfree()d; a second
# vfree is refused; a bad size gets the usage line.
vmallocdemo 2048
echo vmallocdemo exit $?
vmallocdemo 3
echo vmallocdemo bad-arg exit $?
