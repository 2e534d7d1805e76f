# Shared steps of the bench/run-*.sh scripts (sourced, from the project root).

# wrk from Debian's packages, installed when missing.
need_wrk() {
  command -v wrk >/dev/null && return
  if [ "$(id -u)" = 0 ]; then apt-get install -y -q wrk >/dev/null; else sudo apt-get install -y -q wrk >/dev/null; fi
}

# The server, the test support the programs use, and their class path in target/bench-classpath.txt.
build_bench() {
  mvn -B -q -DskipTests package
  mvn -B -q test-compile
  mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
}

# Runs one bench/src program with its arguments: run_bench HEAP PROGRAM.java [args...]
run_bench() {
  local heap=$1 program=$2
  shift 2
  java "-Xmx$heap" -cp "target/classes:target/test-classes:$(cat target/bench-classpath.txt)" "bench/src/$program" "$@"
}
