# vmallocdemo typed at the shell (-m 4G): a 2 MiB area built from highmem
# frames, in /proc/vmallocinfo and VmallocUsed, then vfree()d; a second
# vfree is refused; a bad size or trailing junk gets the usage line (exit 2).
vmallocdemo 2048
echo vmallocdemo exit $?
vmallocdemo 3
echo vmallocdemo bad-arg exit $?
vmallocdemo 64k
echo vmallocdemo junk exit $?
