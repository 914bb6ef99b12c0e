#!/usr/bin/env bash
# The search-lucene plugin's benchmark: bench/search.sh [--posts 100000] [--queries 2000] [--seed 42]
# Indexes a generated community with the plugin's rebuild and measures search latency, in process (no server, no
# database). Writes bench/results/<time>-search-<posts>.md. See bench/README.md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

source .ci/run
jdk=$(find_jdk) || { echo "bench: no JDK ${MIN_JDK}+ found (set JAVA_HOME)" >&2; exit 1; }
export JAVA_HOME=$jdk PATH="$jdk/bin:$PATH"

./mvnw -B -q -DskipTests package -pl bench -am
exec java -Xmx1g -cp "bench/target/classes:$(cat bench/target/classpath.txt)" hearth.bench.search.SearchBench "$@"
