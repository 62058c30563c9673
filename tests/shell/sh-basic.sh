# /bin/sh: words, quoting, $?, programs with arguments, not found, a killed
# program, kill refusing to kill this shell, the builtins.
# Format: tests/shell/README.md; checks: sh-basic.expect.
echo hello world
echo $?
echo "double  quoted $?" 'single $? quoted' back\ slash "a\"b" # a comment
echo one; echo two
no_such_program
echo status $?
/bin/echoargs one "two words" 3
echo status $?
/bin/segv
echo status $?
sh -c 'echo nested $$ >/dev/null'
echo status $?
sh -c 'echo nested; exit 7'
echo status $?
sh -c 'kill -KILL $$'
echo status $?
sh -c 'kill -INT $$'
echo status $?
kill 0
echo status $?
kill -KILL $$
kill -- -$$
echo status $?
kill -FOO 1
kill 99999
echo status $?
kill -l
echo "unterminated
echo status $?
help
ls
ls /proc/self /dev
ls /no/such/dir
echo status $?
ps
free
cat /proc/meminfo
cat /no/such/file
echo status $?
exit 0
