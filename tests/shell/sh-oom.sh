# The prompt survives a memory hog: at -m 128M /bin/hog touches memory until
# the OOM killer ends it (SIGKILL: "Killed", $? 137); the shell, smaller,
# is spared and goes on, and the hog's memory is back (memhog 64 succeeds).
hog
echo status $?
echo still here
memhog 64
echo status $?
exit
