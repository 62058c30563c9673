# memhog through the shell (a -m 4G machine, no PAE: HighMem is 3 GiB):
# 64 MiB touched, every frame from HighMem; then a bad argument.
memhog 64
echo status $?
memhog lots
echo status $?
exit
