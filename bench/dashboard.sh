#!/usr/bin/env bash
# Dashboard benchmark (issue 18 §2, D-24): 1 000 000 traces on PostgreSQL, their counts written as the journal writes
# them, a rebuild of 31 days, then the time the dashboard page takes for the last hour, day and month.
#
#   bench/dashboard.sh                       # PostgreSQL at 127.0.0.1:5432/test (user root); a few minutes
#   bench/dashboard.sh --traces=100000       # a quick functional run
#   bench/dashboard.sh --runs=50 --keep      # more runs; keep the schema bench_dashboard_<pid>_<time>
#
# Environment: MVN_FLAGS (e.g. "-o" offline), BENCH_BUILD_DIR (default war/target/bench-dashboard).
# Not in CI. On a machine shared with integration tests, hold /tmp/interops-it.lock while it runs.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${BENCH_BUILD_DIR:-$PWD/war/target/bench-dashboard}"
mkdir -p "$BUILD"
# shellcheck disable=SC2086
mvn -B -q ${MVN_FLAGS:-} -pl war -am -Dspotless.check.skip=true -Dbuild.dir="$BUILD/build" compile dependency:build-classpath \
    -Dmdep.outputFile="$BUILD/classpath.txt" -Dmdep.includeScope=test >"$BUILD/maven.log" 2>&1 \
  || { cat "$BUILD/maven.log"; exit 1; }
CP="$BUILD/build/classes:$(cat "$BUILD/classpath.txt")"
rm -rf "$BUILD/bench-classes"
javac --release 17 -nowarn -d "$BUILD/bench-classes" -cp "$CP" $(find bench/src -name '*.java')
exec java -Xms512m -Xmx2g -cp "$BUILD/bench-classes:$CP" fr.interopsr.trace.DashboardBench "$@"
