# maps through the shell (-m 4G, VMSPLIT=3G): its own address space beside
# the 3G/1G picture, then pid 1's, then a PID that does not exist and one
# that is not a number.
maps
echo status $?
maps 1
echo status $?
maps 4000
echo status $?
maps nope
echo status $?
exit
