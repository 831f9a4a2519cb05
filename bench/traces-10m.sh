#!/usr/bin/env bash
# Traces at scale (issue 15, "Scale (PostgreSQL, D-24)"): fills a PostgreSQL schema of its own with
# 10 000 000 chained traces and signed checkpoint rounds, then measures the full check, the trace query
# by jti and by one hour, the export and a retention run with the journal writing beside it.
# Not part of .ci/run (about 15 minutes on 2 CPUs and 12 GB of disk for 10 000 000 traces).
#
#   bench/traces-10m.sh                              # PostgreSQL at 127.0.0.1:5432/test (user root), schema dropped at the end
#   bench/traces-10m.sh --traces=100000              # a quick functional run (figures meaningless)
#   bench/traces-10m.sh --keep                       # keep the schema; then:
#   bench/traces-10m.sh --reuse=SCHEMA --steps=check,queries
#   flock /tmp/interops-it.lock bench/traces-10m.sh  # on a machine shared with integration tests
#
# Environment: MVN_FLAGS (e.g. "-o" offline), BENCH_BUILD_DIR (default war/target/bench-traces),
# BENCH_JAVA_OPTS (default "-Xms1g -Xmx3g").
# Builds the main classes and the test classpath (PostgreSQL driver) with Maven, takes EclipseLink
# from the Payara Micro jar the build uses (to run TraceQueries' JPQL as the server does), compiles
# bench/src with javac, and runs fr.interopsr.trace.TracesAtScaleBench. See bench/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD="${BENCH_BUILD_DIR:-$PWD/war/target/bench-traces}"
mkdir -p "$BUILD"
PAYARA_VERSION=$(sed -n 's:.*<payara.micro.version>\(.*\)</payara.micro.version>.*:\1:p' war/pom.xml)
# shellcheck disable=SC2086
mvn -B -q ${MVN_FLAGS:-} -f war/pom.xml -Dbuild.dir="$BUILD/build" compile dependency:build-classpath \
    -Dmdep.outputFile="$BUILD/classpath.txt" -Dmdep.includeScope=test \
    dependency:copy -Dartifact="fish.payara.extras:payara-micro:$PAYARA_VERSION" -DoutputDirectory="$BUILD" \
    -Dmdep.stripVersion=true >"$BUILD/maven.log" 2>&1 \
  || { cat "$BUILD/maven.log"; exit 1; }
# EclipseLink as Payara Micro runs it (its JPA provider), for TraceQueries outside a container
rm -rf "$BUILD/eclipselink"
mkdir -p "$BUILD/eclipselink"
for jar in org.eclipse.persistence.core org.eclipse.persistence.jpa org.eclipse.persistence.jpa.jpql \
    org.eclipse.persistence.asm asm; do
  unzip -q -o -j "$BUILD/payara-micro.jar" "MICRO-INF/runtime/$jar.jar" -d "$BUILD/eclipselink"
done
CP="$BUILD/build/classes:$(cat "$BUILD/classpath.txt")"
for jar in "$BUILD"/eclipselink/*.jar; do CP="$CP:$jar"; done
rm -rf "$BUILD/bench-classes"
# shellcheck disable=SC2046
javac --release 17 -nowarn -d "$BUILD/bench-classes" -cp "$CP" $(find bench/src -name '*.java')
# shellcheck disable=SC2086
exec java ${BENCH_JAVA_OPTS:--Xms1g -Xmx3g} -cp "$BUILD/bench-classes:$CP" fr.interopsr.trace.TracesAtScaleBench \
    --work-dir="$BUILD" --command="bench/traces-10m.sh $*" "$@"
