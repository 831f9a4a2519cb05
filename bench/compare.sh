#!/usr/bin/env bash
# Issue 8: Interops-R Server against Keycloak 26.7.3 on the same machine, the same JDK, the same
# load tool (wrk), in one run. See bench/README.md and docs/performance.md.
#
#   bench/compare.sh                              # build, start both servers, measure, print the table
#   bench/compare.sh --doc=docs/performance.md    # also rewrites the compare block of that page
#
# Environment: DURATION (s, default 30), WARMUP (s, default 60), RUNS (default 3), CONNECTIONS
# (default 16), BENCH_JAVA_HOME (default: the newest JDK under /usr/lib/jvm), BENCH_WORK_DIR
# (default war/target/compare), MVN_FLAGS (e.g. -o), PGHOST/PGPORT/PGUSER (default
# 127.0.0.1/5432/root, trust authentication as on this machine kind).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DOC=""
for a in "$@"; do
  case "$a" in
    --doc=*) DOC="${a#--doc=}" ;;
    *) echo "usage: bench/compare.sh [--doc=docs/performance.md]" >&2; exit 2 ;;
  esac
done
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-60}
RUNS=${RUNS:-3}
CONNECTIONS=${CONNECTIONS:-16}
WORK=${BENCH_WORK_DIR:-$ROOT/war/target/compare}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-root}
KC_VERSION=26.7.3
OUR_HTTP=28080 OUR_HTTPS=28443 KC_HTTP=28180 KC_HTTPS=28543 KC_MGMT=28900
PKI=$ROOT/truststores/dev
RUN_ID=$$
OUR_DB=bench_ours_$RUN_ID
KC_DB=bench_kc_$RUN_ID
mkdir -p "$WORK"
LOG=$WORK/logs
rm -rf "$LOG" && mkdir -p "$LOG"

say() { printf '%s\n' "$*" >&2; }

# --- the JDK: the newest under /usr/lib/jvm unless given ------------------------------------------
newest_jdk() {
  local best="" best_v=0 j v
  for j in /usr/lib/jvm/*/bin/java; do
    [ -x "$j" ] || continue
    v=$("$j" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
    v=${v%%.*}
    if [ -n "$v" ] && [ "$v" -gt "$best_v" ]; then best_v=$v; best=$(dirname "$(dirname "$j")"); fi
  done
  echo "$best"
}
JDK=${BENCH_JAVA_HOME:-$(newest_jdk)}
JAVA_VERSION=$("$JDK/bin/java" -version 2>&1 | head -1)

# --- tools ----------------------------------------------------------------------------------------
if ! command -v wrk >/dev/null 2>&1; then
  say "installing wrk from Debian"; apt-get install -y -q wrk >/dev/null
fi
for t in jq psql curl openssl; do
  command -v $t >/dev/null 2>&1 || { say "missing tool: $t"; exit 1; }
done
pg_isready -q || { say "PostgreSQL is not answering at $PGHOST:$PGPORT"; exit 1; }

# --- clean-up on every exit -----------------------------------------------------------------------
OUR_PID="" KC_PID=""
cleanup() {
  [ -n "$OUR_PID" ] && kill "$OUR_PID" 2>/dev/null || true
  [ -n "$KC_PID" ] && kill "$KC_PID" 2>/dev/null || true
  sleep 3
  [ -n "$OUR_PID" ] && kill -9 "$OUR_PID" 2>/dev/null || true
  [ -n "$KC_PID" ] && kill -9 "$KC_PID" 2>/dev/null || true
  psql -d postgres -qc "DROP DATABASE IF EXISTS $OUR_DB" >/dev/null 2>&1 || true
  psql -d postgres -qc "DROP DATABASE IF EXISTS $KC_DB" >/dev/null 2>&1 || true
}
trap cleanup EXIT
trap "exit 130" INT TERM

# --- build: the WAR, Payara Micro, the PostgreSQL driver; Keycloak from Maven Central -------------
say "building the WAR (log: $LOG/build.log)"
# shellcheck disable=SC2086
mvn -B -q ${MVN_FLAGS:-} -f war/pom.xml -Dbuild.dir="$WORK/build" package -Dmaven.test.skip=true \
    >"$LOG/build.log" 2>&1 || { cat "$LOG/build.log"; exit 1; }
WAR=$WORK/build/interops.war
WAR_DIR=$WORK/build/interops
MICRO=$WORK/build/payara/payara-micro.jar
PGJAR=$WORK/build/payara/postgresql.jar
KC_HOME=$WORK/keycloak-$KC_VERSION
if [ ! -x "$KC_HOME/bin/kc.sh" ]; then
  say "fetching Keycloak $KC_VERSION from Maven Central"
  # shellcheck disable=SC2086
  mvn -B -q ${MVN_FLAGS:-} dependency:copy -Dartifact=org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip \
      -DoutputDirectory="$WORK/dl" >"$LOG/keycloak-download.log" 2>&1 || { cat "$LOG/keycloak-download.log"; exit 1; }
  (cd "$WORK" && unzip -q -o "dl/keycloak-quarkus-dist-$KC_VERSION.zip")
fi

psql -d postgres -qc "CREATE DATABASE $OUR_DB" >/dev/null
psql -d postgres -qc "CREATE DATABASE $KC_DB" >/dev/null

wait_ready() { # url seconds -> prints the seconds it took
  local url=$1 limit=$2 start now
  start=$(date +%s.%N)
  while true; do
    if [ "$(curl -sk -o /dev/null -w '%{http_code}' "$url" 2>/dev/null)" = 200 ]; then break; fi
    now=$(date +%s.%N)
    if (( $(echo "$now - $start > $limit" | bc) )); then say "not ready within $limit s: $url"; return 1; fi
    sleep 0.2
  done
  now=$(date +%s.%N)
  echo "$now - $start" | bc
}

# --- our server: Payara Micro, PostgreSQL, journal on, production mode (no dev secrets) -----------
HMAC_KEY=$(head -c 32 /dev/urandom | base64)
OUR_CONF=$WORK/ours
rm -rf "$OUR_CONF" && mkdir -p "$OUR_CONF/conventions"
cp "$ROOT"/server-config/dev/conventions/*.json "$OUR_CONF/conventions/"
cat >"$OUR_CONF/interops.properties" <<EOF
javax.net.ssl.keyStore=$PKI/server.p12
javax.net.ssl.keyStoreType=PKCS12
javax.net.ssl.keyStorePassword=changeit
javax.net.ssl.trustStore=$PKI/truststore.p12
javax.net.ssl.trustStoreType=PKCS12
javax.net.ssl.trustStorePassword=changeit
interops.pg.host=$PGHOST
interops.pg.port=$PGPORT
interops.pg.database=$OUR_DB
interops.pg.user=$PGUSER
interops.pg.password=trust
interops.pg.schema=public
interops.issuer=https://localhost:8443/interops
interops.truststores.dir=$PKI
interops.truststore.path=$PKI/truststore.p12
interops.signing.keystore=$PKI/signing.p12
interops.conventions.dir=$OUR_CONF/conventions
interops.node.name=bench
interops.tls.trusted-proxies=127.0.0.1
EOF
start_ours() { # log-name ready-limit-seconds; sets OUR_PID and OUR_READY
  local start
  start=$(date +%s.%N)
  INTEROPS_TRACES_HMAC_KEY=$HMAC_KEY INTEROPS_SIGNING_KEYSTORE_PASSWORD=changeit \
  "$JDK/bin/java" -jar "$MICRO" --nocluster --disablephonehome --port $OUR_HTTP --sslport $OUR_HTTPS \
      --sslcert server --addlibs "$PGJAR" --systemproperties "$OUR_CONF/interops.properties" \
      --prebootcommandfile "$ROOT/server-config/payara/pre-boot-commands.txt" \
      --postbootcommandfile "$ROOT/server-config/payara/post-boot-commands-postgres.txt" \
      --deploy "$WAR" --contextroot interops >"$LOG/$1.log" 2>&1 &
  OUR_PID=$!
  wait_ready "http://localhost:$OUR_HTTP/health/ready" "$2" >/dev/null || return 1
  OUR_READY=$(echo "$(date +%s.%N) - $start" | bc)
}
say "starting Interops-R Server on $JAVA_VERSION"
start_ours ours 300
OUR_READY_2=$OUR_READY
ADMIN_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
echo "$ADMIN_PASSWORD" | INTEROPS_JDBC_PASSWORD=trust "$JDK/bin/java" \
    -cp "$WAR_DIR/WEB-INF/classes:$WAR_DIR/WEB-INF/lib/*:$PGJAR" fr.interopsr.admin.login.AdminUserTool \
    --jdbc-url "jdbc:postgresql://$PGHOST:$PGPORT/$OUR_DB" --jdbc-user "$PGUSER" \
    --user bench-admin --roles interops-admin >"$LOG/admin-user.log" 2>&1
OUR_CLIENT=institution-b-portal
OUR_SECRET=$(curl -sf --cacert "$PKI/ca.pem" -u "bench-admin:$ADMIN_PASSWORD" -X POST \
    "https://localhost:$OUR_HTTPS/interops/admin/api/conventions/demo-beneficiaries-basic/secret" | jq -r .clientSecret)
OUR_TOKEN_URL_HTTPS=https://localhost:$OUR_HTTPS/interops/idp/token
OUR_TOKEN_URL_HTTP=http://localhost:$OUR_HTTP/interops/idp/token
curl -sf --cacert "$PKI/ca.pem" -u "$OUR_CLIENT:$OUR_SECRET" -d grant_type=client_credentials "$OUR_TOKEN_URL_HTTPS" \
    | jq -e '.token_type == "Bearer"' >/dev/null || { say "our token request failed"; exit 1; }

# --- Keycloak: PostgreSQL, realm signing ES256, confidential client, login events saved ---------
KC_ADMIN_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
say "building and starting Keycloak $KC_VERSION on $JAVA_VERSION"
JAVA_HOME=$JDK "$KC_HOME/bin/kc.sh" build --db=postgres --health-enabled=true >"$LOG/keycloak-build.log" 2>&1
KC_START=$(date +%s.%N)
JAVA_HOME=$JDK KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=$KC_ADMIN_PASSWORD \
"$KC_HOME/bin/kc.sh" start --optimized \
    --db-url="jdbc:postgresql://$PGHOST:$PGPORT/$KC_DB" --db-username="$PGUSER" --db-password=trust \
    --http-enabled=true --http-port=$KC_HTTP --https-port=$KC_HTTPS --http-management-port=$KC_MGMT \
    --https-key-store-file="$PKI/server.p12" --https-key-store-password=changeit \
    --hostname-strict=false >"$LOG/keycloak.log" 2>&1 &
KC_PID=$!
wait_ready "https://localhost:$KC_MGMT/health/ready" 300 >/dev/null
KC_READY=$(echo "$(date +%s.%N) - $KC_START" | bc)
KCADM="$KC_HOME/bin/kcadm.sh"
export JAVA_HOME=$JDK
"$KCADM" config credentials --server "http://localhost:$KC_HTTP" --realm master --user admin \
    --password "$KC_ADMIN_PASSWORD" --config "$WORK/kcadm.config" >"$LOG/kcadm.log" 2>&1
kc() { "$KCADM" "$@" --config "$WORK/kcadm.config" >>"$LOG/kcadm.log" 2>&1; }
kc create realms -s id=bench -s realm=bench -s enabled=true -s defaultSignatureAlgorithm=ES256 \
    -s eventsEnabled=true -s 'enabledEventTypes=["CLIENT_LOGIN","CLIENT_LOGIN_ERROR"]' -s eventsExpiration=86400 \
    -s accessTokenLifespan=300
kc create components -r bench -s name=ecdsa-p256 -s providerId=ecdsa-generated \
    -s providerType=org.keycloak.keys.KeyProvider -s parentId=bench \
    -s 'config.priority=["200"]' -s 'config.ecdsaEllipticCurveKey=["P-256"]'
KC_SECRET=$(head -c 32 /dev/urandom | base64 | tr -d '/+=')
kc create clients -r bench -s clientId=bench-client -s enabled=true -s publicClient=false \
    -s serviceAccountsEnabled=true -s standardFlowEnabled=false -s directAccessGrantsEnabled=false \
    -s clientAuthenticatorType=client-secret -s "secret=$KC_SECRET"
KC_TOKEN_URL_HTTP=http://localhost:$KC_HTTP/realms/bench/protocol/openid-connect/token
KC_TOKEN_URL_HTTPS=https://localhost:$KC_HTTPS/realms/bench/protocol/openid-connect/token
KC_ALG=$(curl -sf -u "bench-client:$KC_SECRET" -d grant_type=client_credentials "$KC_TOKEN_URL_HTTP" \
    | jq -r .access_token | cut -d. -f1 | tr '_-' '/+' | base64 -d 2>/dev/null | jq -r .alg || true)
[ "$KC_ALG" = ES256 ] || { say "Keycloak does not sign ES256 (alg=$KC_ALG): see $LOG/kcadm.log"; exit 1; }
OUR_ALG=$(curl -sf --cacert "$PKI/ca.pem" -u "$OUR_CLIENT:$OUR_SECRET" -d grant_type=client_credentials "$OUR_TOKEN_URL_HTTPS" \
    | jq -r .access_token | cut -d. -f1 | tr '_-' '/+' | base64 -d 2>/dev/null | jq -r .alg || true)

# --- load: wrk, keep-alive, POST client_credentials with Basic --------------------------------------
lua_for() { # name client secret [forwarded] -> lua file
  local f=$WORK/$1.lua basic
  basic=$(printf '%s:%s' "$2" "$3" | base64 -w0)
  {
    echo 'wrk.method = "POST"'
    echo 'wrk.body = "grant_type=client_credentials"'
    echo 'wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"'
    echo "wrk.headers[\"Authorization\"] = \"Basic $basic\""
    # row 1 for us: plain HTTP as from our own TLS-terminating proxy (D-2, D-3)
    if [ -n "${4:-}" ]; then echo 'wrk.headers["X-Forwarded-Proto"] = "https"'; fi
  } >"$f"
  echo "$f"
}
to_ms() { # wrk time like 1.23ms / 812.00us / 1.02s
  case "$1" in
    *us) echo "${1%us} / 1000" | bc -l ;;
    *ms) echo "${1%ms}" ;;
    *s) echo "${1%s} * 1000" | bc -l ;;
  esac
}
measure() { # name url lua seconds -> "rps p50 p99 requests errors"
  local out
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$4"s --latency -s "$3" "$2" 2>&1)
  echo "$out" >>"$LOG/wrk-$1.log"
  local rps p50 p99 req err
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(to_ms "$(echo "$out" | awk '$1 == "50%" {print $2}')")
  p99=$(to_ms "$(echo "$out" | awk '$1 == "99%" {print $2}')")
  req=$(echo "$out" | awk '/requests in/ {print $1}')
  err=$(echo "$out" | awk '/Non-2xx or 3xx responses/ {print $5}')
  echo "$rps $p50 $p99 $req ${err:-0}"
}
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
declare -A RESULT
TOKENS_OURS=0
row() { # key url lua
  say "  $1: warm-up ${WARMUP} s, then $RUNS x ${DURATION} s"
  measure "$1" "$2" "$3" "$WARMUP" >/dev/null
  local rs=() p50s=() p99s=() i m e=0
  for i in $(seq 1 "$RUNS"); do
    m=$(measure "$1" "$2" "$3" "$DURATION")
    say "    run $i: $m"
    read -r r a b q x <<<"$m"
    rs+=("$r"); p50s+=("$a"); p99s+=("$b"); e=$((e + x))
    case "$1" in ours-*) TOKENS_OURS=$((TOKENS_OURS + q - x)) ;; esac
  done
  RESULT[$1]="$(printf '%s\n' "${rs[@]}" | median) $(printf '%s\n' "${p50s[@]}" | median) $(printf '%s\n' "${p99s[@]}" | median) $e"
}

say "row 1: HTTP/1.1 keep-alive, $CONNECTIONS connections"
row ours-http "$OUR_TOKEN_URL_HTTP" "$(lua_for ours-http "$OUR_CLIENT" "$OUR_SECRET" forwarded)"
row kc-http "$KC_TOKEN_URL_HTTP" "$(lua_for kc "bench-client" "$KC_SECRET")"
say "row 2: HTTPS (TLS 1.3), keep-alive, $CONNECTIONS connections"
row ours-https "$OUR_TOKEN_URL_HTTPS" "$(lua_for ours-https "$OUR_CLIENT" "$OUR_SECRET")"
row kc-https "$KC_TOKEN_URL_HTTPS" "$WORK/kc.lua"

# --- row 7: memory after a full GC, RSS, time to ready ---------------------------------------------
heap_after_gc() { # pid -> MiB used after a full GC
  "$JDK/bin/jcmd" "$1" GC.run >/dev/null 2>&1 || true
  sleep 1
  "$JDK/bin/jcmd" "$1" GC.heap_info 2>/dev/null | awk '/used/ {for (i = 1; i <= NF; i++) if ($i == "used") {v = $(i + 1); sub(/K,?/, "", v); print int(v / 1024); exit}}'
}
rss() { awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$1/status"; }
java_pid_of() { # the JVM under a launcher script, or the pid itself
  local p=$1 c
  c=$(pgrep -P "$p" java | head -1 || true)
  echo "${c:-$p}"
}
OUR_JVM=$(java_pid_of "$OUR_PID")
KC_JVM=$(java_pid_of "$KC_PID")
OUR_HEAP=$(heap_after_gc "$OUR_JVM"); KC_HEAP=$(heap_after_gc "$KC_JVM")
OUR_RSS=$(rss "$OUR_JVM"); KC_RSS=$(rss "$KC_JVM")

# --- row 6: row 1 again with 10 000 conventions loaded -------------------------------------------
if [ "${SCALE_CONVENTIONS:-10000}" -gt 2 ]; then
  say "row 6: row 1 with ${SCALE_CONVENTIONS:-10000} conventions (our server restarted on the same database)"
  kill "$OUR_PID"; wait "$OUR_PID" 2>/dev/null || true
  python3 - "$OUR_CONF/conventions" "${SCALE_CONVENTIONS:-10000}" <<'PY'
import json, sys, pathlib
d = pathlib.Path(sys.argv[1]); n = int(sys.argv[2])
base = json.loads((d / "demo-beneficiaries-basic.json").read_text())
for i in range(1, n - 1):  # with the two demo conventions: n in all
    c = json.loads(json.dumps(base))
    c["id"] = f"bench-{i:05d}"
    c["scopes"] = [f"urn:bench:svc{i:05d}:1.0:read"]
    c["defaultScopes"] = c["scopes"]
    c["serviceProvider"]["id"] = f"https://partner-{i:05d}.example/app"
    c["serviceProvider"]["clientId"] = f"partner-{i:05d}"
    (d / f"bench-{i:05d}.json").write_text(json.dumps(c))
PY
  if start_ours ours-10k 900; then
    OUR_READY_10K=$OUR_READY
    CONVENTIONS_LOADED=$(psql -d "$OUR_DB" -Atc "SELECT count(*) FROM convention")
    say "  $CONVENTIONS_LOADED conventions in the database, ready in $OUR_READY_10K s"
    row ours-http-10k "$OUR_TOKEN_URL_HTTP" "$WORK/ours-http.lua"
  else
    SCALE_FAILED="- Row 6: the server with ${SCALE_CONVENTIONS:-10000} conventions was not ready within 900 s ($LOG/ours-10k.log)."
  fi
fi

# --- every VI traced, chains intact; Keycloak's events saved ---------------------------------------
TRACES=$(psql -d "$OUR_DB" -Atc "SELECT count(*) FROM trace_record WHERE kind = 'VI_GENERATION' AND status = 'SUCCESS'")
VERIFY=$(INTEROPS_TRACES_HMAC_KEY=$HMAC_KEY INTEROPS_JDBC_PASSWORD=trust "$JDK/bin/java" \
    -cp "$WAR_DIR/WEB-INF/classes:$WAR_DIR/WEB-INF/lib/*:$PGJAR" fr.interopsr.trace.TraceVerifyTool \
    --jdbc-url "jdbc:postgresql://$PGHOST:$PGPORT/$OUR_DB" --jdbc-user "$PGUSER" 2>&1 | tr '\n' ' ')
KC_EVENTS=$(psql -d "$KC_DB" -Atc "SELECT count(*) FROM event_entity WHERE type = 'CLIENT_LOGIN'" 2>/dev/null || echo "?")

# --- the table ------------------------------------------------------------------------------------
fmt_row() { # label ours-key kc-key
  local o_r o_50 o_99 o_e k_r k_50 k_99 k_e
  read -r o_r o_50 o_99 o_e <<<"${RESULT[$2]}"
  read -r k_r k_50 k_99 k_e <<<"${RESULT[$3]}"
  printf '| %s | %.0f | %.2f | %.2f | %.0f | %.2f | %.2f | %.2fx | %s |\n' "$1" "$o_r" "$o_50" "$o_99" "$k_r" "$k_50" "$k_99" \
      "$(echo "$o_r / $k_r" | bc -l)" "$( [ "$o_e" = 0 ] && [ "$k_e" = 0 ] && echo none || echo "ours $o_e, Keycloak $k_e")"
}
TABLE=$(
  echo "| row | ours tokens/s | ours p50 ms | ours p99 ms | Keycloak tokens/s | Keycloak p50 ms | Keycloak p99 ms | ours ÷ Keycloak | non-2xx answers |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---|"
  fmt_row "1. client_credentials, client_secret_basic, HTTP/1.1 keep-alive" ours-http kc-http
  fmt_row "2. the same over HTTPS (TLS 1.3, connections kept)" ours-https kc-https
  if [ -n "${RESULT[ours-http-10k]:-}" ]; then
    read -r a_r a_50 a_99 a_e <<<"${RESULT[ours-http]}"
    read -r b_r b_50 b_99 b_e <<<"${RESULT[ours-http-10k]}"
    echo
    echo "| row 6 (ours, row 1) | 2 conventions | $CONVENTIONS_LOADED conventions | change |"
    echo "|---|---:|---:|---:|"
    printf '| tokens/s | %.0f | %.0f | %+.1f %% |\n' "$a_r" "$b_r" "$(echo "($b_r - $a_r) * 100 / $a_r" | bc -l)"
    printf '| p50 / p99 ms | %.2f / %.2f | %.2f / %.2f | |\n' "$a_50" "$a_99" "$b_50" "$b_99"
    printf '| start to /health/ready (s) | %.1f | %.1f (importing the files) | |\n' "$OUR_READY_2" "$OUR_READY_10K"
  fi
  echo
  echo "| row 7 | ours | Keycloak |"
  echo "|---|---:|---:|"
  printf '| heap used after a full GC (MiB) | %s | %s |\n' "$OUR_HEAP" "$KC_HEAP"
  printf '| RSS (MiB) | %s | %s |\n' "$OUR_RSS" "$KC_RSS"
  printf '| start to /health/ready (s) | %.1f | %.1f |\n' "$OUR_READY_2" "$KC_READY"
)
CHECKS="- Our VIs: $TOKENS_OURS tokens answered 200 in the measured runs (wrk count); $TRACES VI_GENERATION traces committed in all (warm-ups and checks included). Chain check: $VERIFY
- Keycloak: $KC_EVENTS CLIENT_LOGIN events saved in its database.
- VI algorithm: ours $OUR_ALG, Keycloak $KC_ALG.${SCALE_FAILED:+
$SCALE_FAILED}"
HEADER="Measured $(date -u +%Y-%m-%d) with \`bench/compare.sh${DOC:+ --doc=$DOC}\` (DURATION=$DURATION WARMUP=$WARMUP RUNS=$RUNS CONNECTIONS=$CONNECTIONS): wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}'), \`-t2 -c$CONNECTIONS\`, each figure the median of $RUNS runs after a warm-up.

- JDK (both servers): $JAVA_VERSION ($JDK)
- Machine: $(nproc) CPUs ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(uname -sr)
- Servers: Interops-R Server (Payara Micro 6.2025.10, PostgreSQL, trace journal on, every VI traced before its answer) and Keycloak $KC_VERSION (PostgreSQL, realm ES256, confidential client with a service account, CLIENT_LOGIN events saved); PostgreSQL $(psql -d postgres -Atc 'SHOW server_version'), synchronous_commit=$(psql -d postgres -Atc 'SHOW synchronous_commit')
- Not measured by this script yet (issue 8): rows 3, 4, 5, and of row 6 the 10 000 cached VIs and the million-trace export."
echo
echo "$HEADER"
echo
echo "$TABLE"
echo
echo "$CHECKS"
if [ -n "$DOC" ]; then
  { echo "$HEADER"; echo; echo "$TABLE"; echo; echo "$CHECKS"; } >"$WORK/block.md"
  python3 - "$DOC" "$WORK/block.md" <<'PY'
import sys
doc, block_file = sys.argv[1], sys.argv[2]
s = open(doc).read()
begin = "<!-- compare-bench:begin (written by bench/compare.sh --doc=docs/performance.md; edit around it) -->"
end = "<!-- compare-bench:end -->"
block = begin + "\n" + open(block_file).read().rstrip("\n") + "\n" + end
if begin in s:
    i = s.index(begin); j = s.index(end) + len(end)
    s = s[:i] + block + s[j:]
else:
    s = s.rstrip("\n") + "\n\n" + block + "\n"
open(doc, "w").write(s)
PY
  say "results written to $DOC"
fi
