# forkcow through the shell (-m 4G: the frames are HighMem): 8 pages shared
# after fork, the child's writes copy the even ones; then 4 pages, and a bad argument.
forkcow
echo status $?
forkcow 4
echo status $?
forkcow 1
echo status $?
exit
