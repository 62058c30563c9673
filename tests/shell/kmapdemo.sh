# kmapdemo typed at the shell (-m 4G: highmem present): the pkmap pool
# filled, a kmap() that blocks until a kunmap() wakes it, a kmap_local
# section preempted; then a bad argument (0, "5x", one past 2^32) gets the
# usage line and exit status 2.
kmapdemo
echo kmapdemo exit $?
kmapdemo 0
echo kmapdemo bad-arg exit $?
kmapdemo 5x
echo kmapdemo junk exit $?
kmapdemo 4294967297
echo kmapdemo wrap exit $?
