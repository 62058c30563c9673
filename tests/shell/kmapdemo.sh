# kmapdemo typed at the shell (-m 4G: highmem present): the pkmap pool
# filled, a kmap() that blocks until a kunmap() wakes it, a kmap_local
# section preempted; then a bad argument gets the usage line.
kmapdemo
echo kmapdemo exit $?
kmapdemo 0
echo kmapdemo bad-arg exit $?
