#!/usr/bin/env bash
# The analytics plugin's benchmark:
#   bench/analytics.sh [--posts 1000000] [--members 50000] [--seed 42] [--db h2|mariadb]
# BENCH_HEAP sets the JVM heap (default 2g; the 1M-post run on H2 keeps everything in memory and needs ~6g).
# Feeds a generated year through the plugin's roll-ups and measures the dashboard's database work and arithmetic per
# period (p50/p95), in process (no server): on H2 in memory, or with --db mariadb on a fresh database
# hearth_bench_analytics on the MariaDB server at 127.0.0.1:3306 (root, no password). Writes
# bench/results/<time>-analytics-<posts>[-mariadb].md.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

source .ci/run
jdk=$(find_jdk) || { echo "bench: no JDK ${MIN_JDK}+ found (set JAVA_HOME)" >&2; exit 1; }
export JAVA_HOME=$jdk PATH="$jdk/bin:$PATH"

./mvnw -B -q -DskipTests package -pl bench -am
exec java "-Xmx${BENCH_HEAP:-2g}" -cp "bench/target/classes:$(cat bench/target/classpath.txt)" hearth.bench.analytics.AnalyticsBench "$@"
