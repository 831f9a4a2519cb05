#!/usr/bin/env bash
# Trace journal benchmark (issue 5, D-17, D-24): traces committed per second on PostgreSQL and on
# the embedded H2 file database, one transaction per trace vs the journal's group commit, in one run.
#
#   bench/journal.sh                               # PostgreSQL at 127.0.0.1:5432/test (user root) and H2
#   bench/journal.sh --doc=docs/performance.md     # also rewrites the results block of that page
#   bench/journal.sh --threads=32 --duration=30 --databases=postgres
#
# Environment: MVN_FLAGS (e.g. "-o" offline), BENCH_BUILD_DIR (default war/target/bench).
# Builds the main classes and the test classpath (H2, PostgreSQL drivers) with Maven, compiles
# bench/src with javac, and runs fr.interopsr.trace.JournalBench. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${BENCH_BUILD_DIR:-$PWD/war/target/bench}"
mkdir -p "$BUILD"
# the WAR module and what it needs from the reactor (dev-pki, a test dependency); the WAR comes last, so the
# classpath file is the WAR's
# shellcheck disable=SC2086
mvn -B -q ${MVN_FLAGS:-} -pl war -am -Dspotless.check.skip=true -Dbuild.dir="$BUILD/build" compile dependency:build-classpath \
    -Dmdep.outputFile="$BUILD/classpath.txt" -Dmdep.includeScope=test >"$BUILD/maven.log" 2>&1 \
  || { cat "$BUILD/maven.log"; exit 1; }
CP="$BUILD/build/classes:$(cat "$BUILD/classpath.txt")"
rm -rf "$BUILD/bench-classes"
javac --release 17 -nowarn -d "$BUILD/bench-classes" -cp "$CP" $(find bench/src -name '*.java')
exec java -Xms512m -Xmx2g -cp "$BUILD/bench-classes:$CP" fr.interopsr.trace.JournalBench \
    --work-dir="$BUILD" --command="bench/journal.sh $*" "$@"
