#!/usr/bin/env bash
# Runs Hearth's benchmarks: bench/run.sh [--size small|medium|large] [--db h2|mariadb] [options] [scenario ...]
# Scenarios: upper-bound topic-anon topic-member topic-json topic-list category profile search post live (default: all).
# Options: --seed N, --connections 32, --duration 20, --warmup 8, --watchers 1000,10000, --heap 256m, --fresh.
# Writes bench/results/<time>-<size>-<db>.md and .json. See docs/performance.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# The JDK finder of CI (.ci/run), so both agree on which Java builds Hearth.
source .ci/run
jdk=$(find_jdk) || { echo "bench: no JDK ${MIN_JDK}+ found (set JAVA_HOME)" >&2; exit 1; }
export JAVA_HOME=$jdk PATH="$jdk/bin:$PATH"

if ! command -v wrk >/dev/null; then
    echo "bench: installing wrk (Debian package)" >&2
    if [[ $(id -u) == 0 ]]; then apt-get update -qq && apt-get install -y -qq wrk; else sudo apt-get install -y wrk; fi
fi
if [[ " $* " == *" --db mariadb "* ]]; then
    ensure_mariadb
fi

./mvnw -B -q -DskipTests package -pl bench -am
# 10,000 live watchers hold 10,000 sockets in the server and as many in the client.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
exec java -cp "bench/target/classes:$(cat bench/target/classpath.txt)" hearth.bench.load.BenchRun "$@"
