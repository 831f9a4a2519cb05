#!/usr/bin/env bash
# Issue 8: Interops-R Server against Keycloak 26.7.3 on the same machine, the same JDK, the same
# load tools (wrk; TokenLoad for mutual TLS), in one run. See bench/README.md and docs/performance.md.
#
#   bench/compare.sh                              # build, start both servers, measure, print the tables
#   bench/compare.sh --doc=docs/performance.md    # also rewrites the compare block of that page
#
# Issue 14: row 2 alone (client_credentials, client_secret_basic, HTTPS TLS 1.3 keep-alive, wrk, our
# server on PostgreSQL, no Keycloak), the builds of baseline commits against this checkout's build,
# all started once and measured in turn (A B A B A B) in one session:
#
#   bench/compare.sh --row2-baseline=5ee3cdf                  # one baseline commit
#   bench/compare.sh --row2-baseline=5ee3cdf,da2a43e --row2-rate-off
#                     # two baselines, and this checkout's build a second time with its rate limits off
#
# It exits with 3 when this checkout's tokens/s is below ROW2_MIN_RATIO (0.90) times a baseline's.
#
# Environment: DURATION (s, default 30), WARMUP (s, first row of each server, default 60), WARMUP2
# (s, later rows of a server already warm, default 20), RUNS (default 3), CONNECTIONS (default 16),
# FIRST_SEEN_DURATION (s, row 5, default 10), SCALE_CONVENTIONS (default 10000; 0 skips the restart),
# CACHED_VIS (row 6, default 10000), EXPORT_TRACES (row 6, default 1000000), BENCH_JAVA_HOME
# (default: the newest JDK under /usr/lib/jvm), BENCH_WORK_DIR (default war/target/compare),
# MVN_FLAGS (e.g. -o), PGHOST/PGPORT/PGUSER (default 127.0.0.1/5432/root, trust authentication as on
# this machine kind); with --row2-baseline: ROW2_MIN_RATIO (default 0.90), ROW2_QUIET_MAX (% of one
# CPU, default 25) and ROW2_QUIET_WAIT (s, default 120): before each run, wait at most that long for the
# rest of the machine to use less than that.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
DOC="" ROW2_BASELINES="" ROW2_RATE_OFF=""
usage() {
  echo "usage: bench/compare.sh [--doc=docs/performance.md]" >&2
  echo "       bench/compare.sh --row2-baseline=<commit>[,<commit>...] [--row2-rate-off] [--doc=docs/performance.md]" >&2
  exit 2
}
for a in "$@"; do
  case "$a" in
    --doc=*) DOC="${a#--doc=}" ;;
    --row2-baseline=?*) ROW2_BASELINES="${a#--row2-baseline=}" ;;
    --row2-rate-off) ROW2_RATE_OFF=1 ;;
    *) usage ;;
  esac
done
[ -z "$ROW2_RATE_OFF" ] || [ -n "$ROW2_BASELINES" ] || usage
DURATION=${DURATION:-30}
WARMUP=${WARMUP:-60}
WARMUP2=${WARMUP2:-20}
RUNS=${RUNS:-3}
CONNECTIONS=${CONNECTIONS:-16}
FIRST_SEEN_DURATION=${FIRST_SEEN_DURATION:-10}
SCALE_CONVENTIONS=${SCALE_CONVENTIONS:-10000}
CACHED_VIS=${CACHED_VIS:-10000}
EXPORT_TRACES=${EXPORT_TRACES:-1000000}
ROW2_MIN_RATIO=${ROW2_MIN_RATIO:-0.90}
ROW2_QUIET_MAX=${ROW2_QUIET_MAX:-25}
ROW2_QUIET_WAIT=${ROW2_QUIET_WAIT:-120}
WORK=${BENCH_WORK_DIR:-$ROOT/war/target/compare}
export PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-root}
KC_VERSION=26.7.3
OUR_HTTP=28080 OUR_HTTPS=28443 KC_HTTP=28180 KC_HTTPS=28543 KC_MGMT=28900 EMB_HTTP=28280 EMB_HTTPS=28643
PKI=$ROOT/truststores/dev
RUN_ID=$$
OUR_DB=bench_ours_$RUN_ID
KC_DB=bench_kc_$RUN_ID
mkdir -p "$WORK"
LOG=$WORK/logs${ROW2_BASELINES:+-row2}
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
for t in jq psql curl openssl bc python3; do
  command -v $t >/dev/null 2>&1 || { say "missing tool: $t"; exit 1; }
done
pg_isready -q || { say "PostgreSQL is not answering at $PGHOST:$PGPORT"; exit 1; }

# --- clean-up on every exit -----------------------------------------------------------------------
# Our servers are named instances: S[<name>:<field>] (new_server below). What was started or made is
# listed here and undone on exit: servers, Keycloak, the embedded default, databases, git worktrees.
declare -A S
SERVERS=() DBS=() WORKTREES=()
KC_PID="" EMB_PID="" SAMPLER_PID=""
stop_pid() { # pid: TERM, then KILL after 10 s
  local p=$1 i
  [ -n "$p" ] || return 0
  kill "$p" 2>/dev/null || return 0
  for i in $(seq 1 50); do kill -0 "$p" 2>/dev/null || return 0; sleep 0.2; done
  kill -9 "$p" 2>/dev/null || true
}
cleanup() {
  local n d w
  [ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null || true
  for n in "${SERVERS[@]}"; do [ -z "${S[$n:pid]:-}" ] || kill -CONT "${S[$n:pid]}" 2>/dev/null || true; done
  for n in "${SERVERS[@]}"; do stop_pid "${S[$n:pid]:-}"; done
  stop_pid "$KC_PID"; stop_pid "$EMB_PID"
  for d in "${DBS[@]}"; do psql -d postgres -qc "DROP DATABASE IF EXISTS $d" >/dev/null 2>&1 || true; done
  for w in "${WORKTREES[@]}"; do git -C "$ROOT" worktree remove --force "$w" >/dev/null 2>&1 || true; done
}
trap cleanup EXIT
trap "exit 130" INT TERM

# --- build: the WAR, Payara Micro and the PostgreSQL driver of one source tree ----------------------
build_war() { # source-root build-dir log [maven arguments...]: <build-dir>/interops.war, <build-dir>/interops
  # (exploded), <build-dir>/payara/payara-micro.jar and postgresql.jar; the build also makes the source
  # tree's development PKI (truststores/dev) when it has none
  local src=$1 out=$2 log=$3
  shift 3
  if [ -f "$src/dev-pki/pom.xml" ]; then
    # the WAR module and what it needs from the reactor (dev-pki, a test dependency), then the operator's tools
    # (admin-user, trace-verify: <src>/tools/target/interops-tools.jar); the WAR comes last of the first build, so
    # a classpath file asked for is the WAR's
    # shellcheck disable=SC2086
    mvn -B -ntp -q ${MVN_FLAGS:-} -f "$src/pom.xml" -pl war -am -Dspotless.check.skip=true -Dbuild.dir="$out" \
        package -Dmaven.test.skip=true "$@" >"$log" 2>&1 || { cat "$log"; exit 1; }
    # shellcheck disable=SC2086
    mvn -B -ntp -q ${MVN_FLAGS:-} -f "$src/pom.xml" -pl tools -am -Dspotless.check.skip=true -Dbuild.dir="$out" \
        package -Dmaven.test.skip=true >>"$log" 2>&1 || { cat "$log"; exit 1; }
  else # a tree from before the tools module (a baseline commit)
    # shellcheck disable=SC2086
    mvn -B -ntp -q ${MVN_FLAGS:-} -f "$src/war/pom.xml" -Dbuild.dir="$out" package -Dmaven.test.skip=true "$@" \
        >"$log" 2>&1 || { cat "$log"; exit 1; }
  fi
}
tools() { # source-root build-dir command args...: the operator's tools of that tree (its jar, or before the tools
  # module, the main class in the WAR's classes)
  local src=$1 build=$2 cmd=$3
  shift 3
  if [ -f "$src/tools/target/interops-tools.jar" ]; then
    "$JDK/bin/java" -jar "$src/tools/target/interops-tools.jar" "$cmd" "$@"
  else
    local main=fr.interopsr.admin.login.AdminUserTool
    [ "$cmd" = trace-verify ] && main=fr.interopsr.trace.TraceVerifyTool
    "$JDK/bin/java" -cp "$build/interops/WEB-INF/classes:$build/interops/WEB-INF/lib/*:$build/payara/postgresql.jar" "$main" "$@"
  fi
}

# --- helpers ---------------------------------------------------------------------------------------
wait_ready() { # url seconds -> 0 when it answered 200 in time
  local url=$1 limit=$2 start now
  start=$(date +%s.%N)
  while true; do
    if [ "$(curl -sk -o /dev/null -w '%{http_code}' "$url" 2>/dev/null)" = 200 ]; then return 0; fi
    now=$(date +%s.%N)
    if (( $(echo "$now - $start > $limit" | bc) )); then say "not ready within $limit s: $url"; return 1; fi
    sleep 0.2
  done
}
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

alg_of() { jq -r .access_token | cut -d. -f1 | tr '_-' '/+' | base64 -d 2>/dev/null | jq -r .alg || true; }
cpu_ticks() { # pid -> user + system clock ticks used so far
  awk '{print $14 + $15}' "/proc/$1/stat" 2>/dev/null || echo 0
}
children_ticks() { awk '{print $16 + $17}' /proc/$$/stat; } # what this script's finished children used (wrk)
busy_ticks() { awk '/^cpu / {print $2 + $3 + $4 + $7 + $8 + $9}' /proc/stat; } # the machine, every CPU
pg_ticks() { local p t=0; for p in $(pgrep -u postgres); do t=$((t + $(cpu_ticks "$p"))); done; echo "$t"; }

# --- our server: Payara Micro, PostgreSQL, journal on, production mode (no dev secrets) -----------
HMAC_KEY=$(head -c 32 /dev/urandom | base64)
OUR_CLIENT=institution-b-portal
# issue 14 §2: the rate limits stay on, raised far above what the bench sends (a few thousand requests a
# second from one address and one client), so that their cost is measured and nothing is refused; a
# build without rate limits ignores these settings
RATE_RAISED=$(for door in token api admin-login; do for key in per-client per-address; do
  echo "interops.rate.$door.$key.capacity=1000000"
  echo "interops.rate.$door.$key.refill-per-second=1000000"
done; done)
new_server() { # name source-root build-dir http-port https-port database war [more settings]
  # The instance's own database (dropped on exit), its configuration directory $WORK/<name> (settings,
  # the source tree's demo conventions), and its source tree's server-config and development PKI.
  local n=$1 src=$2 pki=$2/truststores/dev conf=$WORK/$1
  S[$n:src]=$src S[$n:build]=$3 S[$n:http]=$4 S[$n:https]=$5 S[$n:db]=$6 S[$n:war]=$7 S[$n:pki]=$pki S[$n:conf]=$conf
  psql -d postgres -qc "CREATE DATABASE $6" >/dev/null
  DBS+=("$6")
  rm -rf "$conf" && mkdir -p "$conf/conventions"
  cp "$src"/server-config/dev/conventions/*.json "$conf/conventions/"
  cat >"$conf/interops.properties" <<PROPERTIES
javax.net.ssl.keyStore=$pki/server.p12
javax.net.ssl.keyStoreType=PKCS12
javax.net.ssl.keyStorePassword=changeit
javax.net.ssl.trustStore=$pki/truststore.p12
javax.net.ssl.trustStoreType=PKCS12
javax.net.ssl.trustStorePassword=changeit
interops.pg.host=$PGHOST
interops.pg.port=$PGPORT
interops.pg.database=$6
interops.pg.user=$PGUSER
interops.pg.password=trust
interops.pg.schema=public
interops.issuer=https://localhost:8443/interops
interops.truststores.dir=$pki
interops.truststore.path=$pki/truststore.p12
interops.signing.keystore=$pki/signing.p12
interops.conventions.dir=$conf/conventions
interops.node.name=bench
# issue 14 §5: the bench runs production mode on the development PKI, which a production start refuses;
# issue 15: the checkpoints and their keys kept outside the database, for the chain check at the end
interops.allow-development-defaults=true
interops.traces.checkpoint-file=$conf/checkpoints.log
interops.traces.checkpoint-keys-file=$conf/checkpoint-keys.jwks
${8:-}
PROPERTIES
}
start_server() { # name log-name ready-limit-seconds; sets S[name:pid] and S[name:ready]
  local n=$1 src=${S[$1:src]} build=${S[$1:build]} start
  start=$(date +%s.%N)
  INTEROPS_TRACES_HMAC_KEY=$HMAC_KEY INTEROPS_SIGNING_KEYSTORE_PASSWORD=changeit \
  "$JDK/bin/java" -jar "$build/payara/payara-micro.jar" --nocluster --disablephonehome \
      --port "${S[$n:http]}" --sslport "${S[$n:https]}" --sslcert server --addlibs "$build/payara/postgresql.jar" \
      --systemproperties "${S[$n:conf]}/interops.properties" \
      --prebootcommandfile "$src/server-config/payara/pre-boot-commands.txt" \
      --postbootcommandfile "$src/server-config/payara/post-boot-commands-postgres.txt" \
      --deploy "${S[$n:war]}" --contextroot interops >"$LOG/$2.log" 2>&1 &
  S[$n:pid]=$!
  [[ " ${SERVERS[*]} " == *" $n "* ]] || SERVERS+=("$n")
  wait_ready "http://localhost:${S[$n:http]}/health/ready" "$3" || return 1
  S[$n:ready]=$(echo "$(date +%s.%N) - $start" | bc)
}
stop_server() { stop_pid "${S[$1:pid]:-}"; S[$1:pid]=""; }
server_client() { # name: an administrator (admin and auditor roles, AdminUserTool of that build) and a new
  # secret for the demo client_secret_basic client through the admin API; sets S[name:admin],
  # S[name:secret], S[name:token_url]
  local n=$1 dir=${S[$1:build]}/interops pw secret
  pw=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  echo "$pw" | INTEROPS_JDBC_PASSWORD=trust tools "${S[$n:src]}" "${S[$n:build]}" admin-user \
      --jdbc-url "jdbc:postgresql://$PGHOST:$PGPORT/${S[$n:db]}" --jdbc-user "$PGUSER" \
      --user bench-admin --roles interops-admin,interops-auditor >"$LOG/admin-user-$n.log" 2>&1 \
      || { say "$n: AdminUserTool failed ($LOG/admin-user-$n.log)"; return 1; }
  secret=$(curl -sf --cacert "${S[$n:pki]}/ca.pem" -u "bench-admin:$pw" -X POST -H 'Content-Type: application/json' \
      "https://localhost:${S[$n:https]}/interops/admin/api/conventions/demo-beneficiaries-basic/secret" | jq -r .clientSecret || true)
  if [ -z "$secret" ] || [ "$secret" = null ]; then say "$n: no client secret from the admin API"; return 1; fi
  S[$n:admin]=$pw S[$n:secret]=$secret S[$n:token_url]=https://localhost:${S[$n:https]}/interops/idp/token
}

# --- load -----------------------------------------------------------------------------------------
lua_token() { # name client secret -> lua file: POST client_credentials with Basic
  local f=$WORK/$1.lua basic
  basic=$(printf '%s:%s' "$2" "$3" | base64 -w0)
  cat >"$f" <<EOF
wrk.method = "POST"
wrk.body = "grant_type=client_credentials"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic $basic"
EOF
  echo "$f"
}
lua_bearer() { # name vi -> lua file: GET with one VI
  local f=$WORK/$1.lua
  echo "wrk.headers[\"Authorization\"] = \"Bearer $2\"" >"$f"
  echo "$f"
}
# wrk threads, each with its own file of VIs: the collector writes the VIs the token endpoint
# answers; the user sends them in turn (once each, or round and round when CYCLE is true) and
# says in its summary whether a thread ran out of VIs.
LUA_THREADS='
local counter = 0
function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end'
lua_collect() { # prefix -> lua file (writes <prefix>.<thread id>)
  local f=$WORK/collect.lua basic
  basic=$(printf '%s:%s' "$OUR_CLIENT" "$OUR_SECRET" | base64 -w0)
  cat >"$f" <<EOF
$LUA_THREADS
wrk.method = "POST"
wrk.body = "grant_type=client_credentials"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic $basic"
local out
function init(args)
  out = io.open("$1." .. id, "w")
  out:setvbuf("line")
end
function response(status, headers, body)
  local vi = string.match(body, '"access_token":"([^"]+)"')
  if status == 200 and vi then out:write(vi, "\n") end
end
EOF
  echo "$f"
}
lua_use() { # prefix cycle(true|false) -> lua file
  local f=$WORK/use-$2.lua
  cat >"$f" <<EOF
$LUA_THREADS
local threads = {}
local setup_id = setup
function setup(thread)
  setup_id(thread)
  threads[#threads + 1] = thread
end
vis, loaded, next_vi, ran_out = {}, 0, 1, false
function init(args)
  for line in io.lines("$1." .. id) do vis[#vis + 1] = line end
  loaded = #vis
end
function request()
  if next_vi > #vis then
    next_vi = 1
    ran_out = true
  end
  local vi = vis[next_vi]
  next_vi = next_vi + 1
  return wrk.format("GET", nil, {["Authorization"] = "Bearer " .. vi})
end
function done(summary, latency, requests)
  for _, t in ipairs(threads) do
    if t:get("ran_out") and not $2 then io.write("RAN_OUT_OF_VIS\n") end
    io.write("VIS_LOADED ", t:get("id"), " ", t:get("loaded"), "\n")
  end
end
EOF
  echo "$f"
}
collect_vis() { # prefix seconds -> number of VIs collected
  rm -f "$1".*
  wrk -t2 -c"$CONNECTIONS" -d"$2"s -s "$(lua_collect "$1")" "$OUR_TOKEN_URL" >>"$LOG/wrk-collect.log" 2>&1
  cat "$1".* | wc -l
}
to_ms() { # wrk time like 1.23ms / 812.00us / 1.02s
  case "$1" in
    *us) echo "${1%us} / 1000" | bc -l ;;
    *ms) echo "${1%ms}" ;;
    *s) echo "${1%s} * 1000" | bc -l ;;
  esac
}
wrk_run() { # name url lua seconds -> "rps p50 p99 requests errors"
  local out
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$4"s --latency -s "$3" "$2" 2>&1)
  echo "$out" >>"$LOG/wrk-$1.log"
  if echo "$out" | grep -q RAN_OUT_OF_VIS; then RAN_OUT="$RAN_OUT $1"; fi
  local rps p50 p99 req err
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(to_ms "$(echo "$out" | awk '$1 == "50%" {print $2}')")
  p99=$(to_ms "$(echo "$out" | awk '$1 == "99%" {print $2}')")
  req=$(echo "$out" | awk '/requests in/ {print $1}')
  err=$(echo "$out" | awk '/Non-2xx or 3xx responses/ {print $5}')
  echo "$rps $p50 $p99 $req ${err:-0}"
}
RAN_OUT=""
token_load() { # name url mode cert client-id seconds -> "rps p50 p99 requests errors" (TokenLoad)
  "${TOKEN_LOAD[@]}" --url="$2" --mode="$3" --keystore="$4" --keystore-password=changeit \
      --truststore="$PKI/ca.pem" --client-id="$5" --connections="$CONNECTIONS" --duration="$6" \
      2>>"$LOG/tokenload-$1.log" | tail -1
}
median() { sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
declare -A RESULT
PREPARE=""
row() { # key warm-up-seconds command... (the command gets the duration as its last argument)
  local key=$1 warm=$2 rs=() p50s=() p99s=() i m e=0 r a b q x
  shift 2
  say "  $key: warm-up ${warm} s, then $RUNS x ${DURATION} s"
  [ -n "$PREPARE" ] && $PREPARE
  "$@" "$warm" >/dev/null
  for i in $(seq 1 "$RUNS"); do
    [ -n "$PREPARE" ] && $PREPARE
    m=$("$@" "$DURATION")
    say "    run $i: $m"
    read -r r a b q x <<<"$m"
    rs+=("$r"); p50s+=("$a"); p99s+=("$b"); e=$((e + x))
  done
  RESULT[$key]="$(printf '%s\n' "${rs[@]}" | median) $(printf '%s\n' "${p50s[@]}" | median) $(printf '%s\n' "${p99s[@]}" | median) $e"
}
wrk_row() { local key=$1 warm=$2 url=$3 lua=$4; row "$key" "$warm" wrk_run "$key" "$url" "$lua"; }

write_block() { # doc name block-file: replaces the <!-- name:begin … --> … <!-- name:end --> block of doc (or appends it)
  python3 - "$1" "$2" "$3" <<'PY'
import sys
doc, name, block_file = sys.argv[1], sys.argv[2], sys.argv[3]
s = open(doc).read()
flag = "--doc=docs/performance.md" if name == "compare-bench" else "--row2-baseline=… --doc=docs/performance.md"
begin = f"<!-- {name}:begin (written by bench/compare.sh {flag}; edit around it) -->"
end = f"<!-- {name}:end -->"
block = begin + "\n" + open(block_file).read().rstrip("\n") + "\n" + end
if begin in s:
    i = s.index(begin); j = s.index(end) + len(end)
    s = s[:i] + block + s[j:]
else:
    s = s.rstrip("\n") + "\n\n" + block + "\n"
open(doc, "w").write(s)
PY
  say "results written to $1"
}
machine_lines() { # the JDK, the machine, PostgreSQL
  echo "- JDK: $JAVA_VERSION ($JDK)"
  echo "- Machine: $(nproc) CPUs ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(uname -sr)"
  echo "- PostgreSQL $(psql -d postgres -Atc 'SHOW server_version'), synchronous_commit=$(psql -d postgres -Atc 'SHOW synchronous_commit')"
}

# === issue 14: row 2 alone, baseline commits against this checkout, one session =====================
# Every build is started once, each on its own ports and database, and stays up; each is warmed up
# (WARMUP s), then RUNS rounds measure each build in turn (A B A B A B), each run after WARMUP2 s of
# load on that server again. Servers not under load are frozen (SIGSTOP). The same wrk, JDK and
# PostgreSQL serve all builds; medians per build.
if [ -n "$ROW2_BASELINES" ]; then
  git_label() { # a commit's short hash, date and subject, cut to 79 bytes
    git -C "$1" log -1 --format='%h %cs %s' HEAD | awk '{print (length($0) > 79 ? substr($0, 1, 78) "…" : $0)}'
  }
  CURRENT_LABEL=$(git_label "$ROOT")
  [ -z "$(git -C "$ROOT" status --porcelain --untracked-files=no)" ] || CURRENT_LABEL="$CURRENT_LABEL (with uncommitted changes)"
  say "building this checkout: $CURRENT_LABEL (log: $LOG/build.log)"
  build_war "$ROOT" "$WORK/build" "$LOG/build.log"
  NAMES=() BASES=()
  declare -A LABEL
  i=0
  IFS=, read -ra COMMITS <<<"$ROW2_BASELINES"
  for c in "${COMMITS[@]}"; do
    sha=$(git -C "$ROOT" rev-parse --verify --quiet "$c^{commit}") || { say "not a commit: $c"; exit 2; }
    short=${sha:0:7}
    n=baseline-$short
    wt=$WORK/$n-src
    git -C "$ROOT" worktree remove --force "$wt" >/dev/null 2>&1 || true
    rm -rf "$wt"
    git -C "$ROOT" worktree add --detach "$wt" "$sha" >"$LOG/worktree-$short.log" 2>&1 \
        || { cat "$LOG/worktree-$short.log"; exit 1; }
    WORKTREES+=("$wt")
    LABEL[$n]="baseline $(git_label "$wt")"
    say "building ${LABEL[$n]} in $wt (log: $LOG/build-$short.log)"
    build_war "$wt" "$wt/war/target/bench-build" "$LOG/build-$short.log"
    new_server "$n" "$wt" "$wt/war/target/bench-build" $((28081 + i)) $((28444 + i)) "bench_baseline_${short}_$RUN_ID" \
        "$wt/war/target/bench-build/interops.war" "$RATE_RAISED"
    NAMES+=("$n") BASES+=("$n")
    i=$((i + 1))
  done
  new_server current "$ROOT" "$WORK/build" $OUR_HTTP $OUR_HTTPS "bench_current_$RUN_ID" "$WORK/build/interops.war" "$RATE_RAISED"
  LABEL[current]="this checkout: $CURRENT_LABEL"
  NAMES+=(current)
  if [ -n "$ROW2_RATE_OFF" ]; then
    new_server current-rate-off "$ROOT" "$WORK/build" 28089 28452 "bench_current_rate_off_$RUN_ID" "$WORK/build/interops.war" \
        "interops.rate.enabled=false"
    LABEL[current-rate-off]="this checkout, rate limits off (interops.rate.enabled=false)"
    NAMES+=(current-rate-off)
  fi
  for n in "${NAMES[@]}"; do
    say "starting $n (ports ${S[$n:http]} and ${S[$n:https]}, database ${S[$n:db]}) on $JAVA_VERSION"
    start_server "$n" "$n" 300 || { say "$n is not ready: $LOG/$n.log"; exit 1; }
    server_client "$n"
    S[$n:lua]=$(lua_token "$n" "$OUR_CLIENT" "${S[$n:secret]}")
    alg=$(curl -sf --cacert "${S[$n:pki]}/ca.pem" -u "$OUR_CLIENT:${S[$n:secret]}" -d grant_type=client_credentials \
        "${S[$n:token_url]}" | alg_of)
    [ "$alg" = ES256 ] || { say "$n: no ES256 VI from its token endpoint (alg=$alg)"; exit 1; }
    say "  ready in $(printf '%.1f' "${S[$n:ready]}") s"
  done
  # Only the server under load runs: the others are frozen (SIGSTOP) during its warm-up and its run, so
  # that they take no CPU; each gets WARMUP2 s of load after it is thawed, before it is measured.
  TCK=$(getconf CLK_TCK)
  focus() { # name: thaw that server, freeze the others
    local o
    for o in "${NAMES[@]}"; do [ "$o" = "$1" ] || kill -STOP "${S[$o:pid]}"; done
    kill -CONT "${S[$1:pid]}"
  }
  # This machine is shared: before each run, wait (at most ROW2_QUIET_WAIT s) until the machine, our
  # server idle, uses less than ROW2_QUIET_MAX % of one CPU over 2 s
  quiet() { # -> seconds waited, % of a CPU in the last 2 s
    local start=$SECONDS b0 b1 pct
    while true; do
      b0=$(busy_ticks); sleep 2; b1=$(busy_ticks)
      pct=$(( (b1 - b0) * 100 / TCK / 2 ))
      if [ "$pct" -lt "$ROW2_QUIET_MAX" ] || [ $((SECONDS - start)) -ge "$ROW2_QUIET_WAIT" ]; then break; fi
    done
    echo "$((SECONDS - start)) $pct"
  }
  declare -A RPS P50 P99 CPU ERR IDLE OTHER
  load() { wrk -t2 -c"$CONNECTIONS" -d"$2"s -s "${S[$1:lua]}" "${S[$1:token_url]}" >>"$LOG/wrk-warmup-$1.log" 2>&1; }
  say "row 2 alone: $CONNECTIONS connections; warm-up $WARMUP s each, then $RUNS rounds of ${NAMES[*]}: $WARMUP2 s of warm-up, $DURATION s measured"
  for n in "${NAMES[@]}"; do focus "$n"; load "$n" "$WARMUP"; done
  WAITS=""
  for r in $(seq 1 "$RUNS"); do
    for n in "${NAMES[@]}"; do
      focus "$n"
      read -r waited busy_pct <<<"$(quiet)"
      [ "$WARMUP2" -gt 0 ] && load "$n" "$WARMUP2"
      declare -A before=()
      for o in "${NAMES[@]}"; do before[$o]=$(cpu_ticks "${S[$o:pid]}"); done
      busy0=$(busy_ticks) pg0=$(pg_ticks) wrk0=$(children_ticks)
      m=$(wrk_run "row2-$n" "${S[$n:token_url]}" "${S[$n:lua]}" "$DURATION")
      busy1=$(busy_ticks) pg1=$(pg_ticks) wrk1=$(children_ticks)
      read -r rps p50 p99 req err <<<"$m"
      # CPU of the server under load per token; the other (frozen) servers' CPU; the CPU that the rest
      # of the machine used meanwhile (all CPUs' busy time less this server, PostgreSQL and wrk), in %
      # of one CPU: other work on a shared machine
      srv=$(( $(cpu_ticks "${S[$n:pid]}") - ${before[$n]} ))
      cpu_ms=$(echo "$srv * 1000 / $TCK / $req" | bc -l)
      idle=0
      for o in "${NAMES[@]}"; do
        [ "$o" = "$n" ] && continue
        idle=$(echo "($(cpu_ticks "${S[$o:pid]}") - ${before[$o]}) * 100 / $TCK / $DURATION + $idle" | bc -l)
      done
      other=$(echo "(($busy1 - $busy0) - $srv - ($pg1 - $pg0) - ($wrk1 - $wrk0)) * 100 / $TCK / $DURATION" | bc -l)
      RPS[$n]+=" $rps" P50[$n]+=" $p50" P99[$n]+=" $p99" CPU[$n]+=" $cpu_ms" ERR[$n]=$(( ${ERR[$n]:-0} + err ))
      IDLE[$n]+=" $idle" OTHER[$n]+=" $other"
      say "  round $r, $n: $(printf '%.0f tokens/s, p50 %.2f ms, p99 %.2f ms, %.3f ms of server CPU per token, %s non-2xx; frozen servers %.1f %%, rest of the machine %.0f %% of a CPU (waited %s s for %s %%)' \
          "$rps" "$p50" "$p99" "$cpu_ms" "$err" "$idle" "$other" "$waited" "$busy_pct")"
      WAITS+=" $waited"
    done
  done
  for n in "${NAMES[@]}"; do kill -CONT "${S[$n:pid]}"; done
  med() { printf '%s\n' $1 | median; }
  # the rate limiter's state: on, its buckets in use (keys remembered), nothing refused
  rate_state() { # name -> the interops_rate_* lines of the token door
    curl -s "http://localhost:${S[$1:http]}/interops/metrics" | awk '/^interops_rate_(keys|refused_total)\{.*endpoint="token"/ {printf "%s%s %s", sep, $1, $2; sep = ", "}'
  }
  C_RPS=$(med "${RPS[current]}")
  STATUS=0 VERDICT=""
  TABLE=$(
    echo "| build | tokens/s (median) | each run | p50 ms | p99 ms | server CPU ms per token | rest of the machine, % of a CPU | current ÷ this | non-2xx |"
    echo "|---|---:|---|---:|---:|---:|---:|---:|---:|"
    for n in "${NAMES[@]}"; do
      ratio=$(echo "$C_RPS / $(med "${RPS[$n]}")" | bc -l)
      printf '| %s | %.0f | %s | %.2f | %.2f | %.3f | %.0f | %.2f | %s |\n' "${LABEL[$n]//|/\\|}" "$(med "${RPS[$n]}")" \
          "$(printf '%.0f ' ${RPS[$n]} | sed 's/ $//; s/ / · /g')" "$(med "${P50[$n]}")" "$(med "${P99[$n]}")" \
          "$(med "${CPU[$n]}")" "$(med "${OTHER[$n]}")" "$ratio" "${ERR[$n]}"
    done
  )
  for n in "${BASES[@]}"; do
    ratio=$(echo "$C_RPS / $(med "${RPS[$n]}")" | bc -l)
    if (( $(echo "$ratio < $ROW2_MIN_RATIO" | bc -l) )); then
      VERDICT="$VERDICT
- **BELOW $ROW2_MIN_RATIO**: this checkout makes $(printf '%.2f' "$ratio")× the tokens/s of ${n#baseline-}."
      STATUS=3
    else
      VERDICT="$VERDICT
- Within: this checkout makes $(printf '%.2f' "$ratio")× the tokens/s of ${n#baseline-} (limit $ROW2_MIN_RATIO)."
    fi
  done
  IDLE_MAX=$(printf '%s\n' ${IDLE[*]} | sort -g | tail -1)
  ARGS="--row2-baseline=$ROW2_BASELINES${ROW2_RATE_OFF:+ --row2-rate-off}${DOC:+ --doc=$DOC}"
  HEADER="Measured $(date -u +%Y-%m-%d) with \`bench/compare.sh $ARGS\` (DURATION=$DURATION WARMUP=$WARMUP WARMUP2=$WARMUP2 RUNS=$RUNS CONNECTIONS=$CONNECTIONS): row 2 alone (client_credentials, client_secret_basic, HTTPS TLS 1.3, connections kept), wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}') \`-t2 -c$CONNECTIONS\`. Every build started once on its own ports and PostgreSQL database (Payara Micro, trace journal on, production mode) and kept up, frozen (SIGSTOP) while another is under load; each warmed up $WARMUP s, then $RUNS rounds measured the builds in turn (${NAMES[*]}), each run after $WARMUP2 s of load again; medians of the $RUNS runs. Rate limits on, every limit raised to 1000000 at once and 1000000/s (a build without rate limits ignores the settings)${ROW2_RATE_OFF:+, except for the build marked off}.

$(machine_lines)
- The frozen servers used at most $(printf '%.1f' "$IDLE_MAX") % of one CPU during a run. \"Rest of the machine\": the CPU that all processes other than the server under load, PostgreSQL and wrk used during the run (this machine is shared). Before each run the bench waited for the machine to use less than $ROW2_QUIET_MAX % of one CPU (at most $ROW2_QUIET_WAIT s): $(printf '%s\n' $WAITS | awk '{t += $1; if ($1 > m) m = $1} END {printf "%d s in all, at most %d s", t, m}') before a run."
  CHECKS="- Rate limiter of this checkout at the end (token door): $(rate_state current)${ROW2_RATE_OFF:+; with the limits off: $(rate_state current-rate-off)}.$VERDICT"
  echo
  echo "$HEADER"
  echo
  echo "$TABLE"
  echo
  echo "$CHECKS"
  if [ -n "$DOC" ]; then
    { echo "$HEADER"; echo; echo "$TABLE"; echo; echo "$CHECKS"; } >"$WORK/row2-block.md"
    write_block "$DOC" row2-baseline "$WORK/row2-block.md"
  fi
  exit "$STATUS"
fi

# === the full run: rows 1 to 7 against Keycloak ====================================================
# --- build: the WAR, Payara Micro, the PostgreSQL driver; the bench WAR; Keycloak ----------------
say "building the WAR (log: $LOG/build.log)"
build_war "$ROOT" "$WORK/build" "$LOG/build.log" dependency:build-classpath \
    -Dmdep.outputFile="$WORK/classpath.txt" -Dmdep.includeScope=test
WAR=$WORK/build/interops.war
WAR_DIR=$WORK/build/interops
MICRO=$WORK/build/payara/payara-micro.jar
PGJAR=$WORK/build/payara/postgresql.jar
# The bench WAR: the shipped WAR plus the row-4 control endpoint (bench/control), which no other
# build holds. Same file name, so the application is deployed exactly as the shipped one.
rm -rf "$WORK/control-classes" "$WORK/bench-war" && mkdir -p "$WORK/control-classes" "$WORK/bench-war"
"$JDK/bin/javac" --release 17 -nowarn -d "$WORK/control-classes" \
    -cp "$WAR_DIR/WEB-INF/classes:$(cat "$WORK/classpath.txt")" $(find bench/control -name '*.java')
cp -r "$WAR_DIR" "$WORK/bench-war/interops"
cp -r "$WORK/control-classes/." "$WORK/bench-war/interops/WEB-INF/classes/"
(cd "$WORK/bench-war/interops" && "$JDK/bin/jar" cf "$WORK/bench-war/interops.war" .)
BENCH_WAR=$WORK/bench-war/interops.war
KC_HOME=$WORK/keycloak-$KC_VERSION
if [ ! -x "$KC_HOME/bin/kc.sh" ]; then
  say "fetching Keycloak $KC_VERSION from Maven Central"
  # shellcheck disable=SC2086
  mvn -B -q ${MVN_FLAGS:-} dependency:copy -Dartifact=org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip \
      -DoutputDirectory="$WORK/dl" >"$LOG/keycloak-download.log" 2>&1 || { cat "$LOG/keycloak-download.log"; exit 1; }
  (cd "$WORK" && unzip -q -o "dl/keycloak-quarkus-dist-$KC_VERSION.zip")
fi
TOKEN_LOAD=(java "$ROOT/bench/src/fr/interopsr/bench/TokenLoad.java")
TOKEN_LOAD[0]=$JDK/bin/java


# --- row 7, the embedded default: the shipped WAR on H2, as mvn -Prun starts it, first start -----
say "row 7: the embedded default (H2, a new database) from launch to /health/ready"
rm -rf "$WORK/embedded"
EMB_START=$(date +%s.%N)
"$JDK/bin/java" -Dinterops.h2.path="$WORK/embedded/h2/interops" \
    -Dinterops.conventions.dir="$ROOT/server-config/dev/conventions" -Dinterops.https.port=$EMB_HTTPS \
    -jar "$MICRO" --nocluster --disablephonehome --port $EMB_HTTP --sslport $EMB_HTTPS --sslcert server \
    --systemproperties "$WORK/build/payara/dev.properties" \
    --prebootcommandfile "$ROOT/server-config/payara/pre-boot-commands.txt" \
    --postbootcommandfile "$ROOT/server-config/payara/post-boot-commands.txt" \
    --deploy "$WAR" --contextroot interops >"$LOG/embedded.log" 2>&1 &
EMB_PID=$!
if wait_ready "http://localhost:$EMB_HTTP/health/ready" 300; then
  EMB_READY=$(echo "$(date +%s.%N) - $EMB_START" | bc)
else
  EMB_READY=""
fi
stop_pid "$EMB_PID"; EMB_PID=""
say "  ready in ${EMB_READY:-(not ready)} s"


psql -d postgres -qc "CREATE DATABASE $KC_DB" >/dev/null
DBS+=("$KC_DB")

# --- our server: the bench WAR, rate limits raised (RATE_RAISED above) --------------------------
new_server ours "$ROOT" "$WORK/build" $OUR_HTTP $OUR_HTTPS "$OUR_DB" "$BENCH_WAR" "$RATE_RAISED"
OUR_CONF=${S[ours:conf]}
start_ours() { # log-name ready-limit-seconds; sets OUR_PID and OUR_READY
  start_server ours "$1" "$2" || return 1
  OUR_PID=${S[ours:pid]} OUR_READY=${S[ours:ready]}
}
say "starting Interops-R Server on $JAVA_VERSION"
start_ours ours 300
OUR_READY_2=$OUR_READY
server_client ours
ADMIN_PASSWORD=${S[ours:admin]} OUR_SECRET=${S[ours:secret]} OUR_TOKEN_URL=${S[ours:token_url]}
OUR_API=https://localhost:$OUR_HTTPS/interops/api/v1/beneficiaries/B00001
OUR_CONTROL=https://localhost:$OUR_HTTPS/interops/bench-control/v1/beneficiaries/B00001
our_vi() { curl -sf --cacert "$PKI/ca.pem" -u "$OUR_CLIENT:$OUR_SECRET" -d grant_type=client_credentials "$OUR_TOKEN_URL" | jq -r .access_token; }
VI=$(our_vi)
[ "$(curl -s -o /dev/null -w '%{http_code}' --cacert "$PKI/ca.pem" -H "Authorization: Bearer $VI" "$OUR_API")" = 200 ] \
    || { say "our data provider does not answer 200 to our VI"; exit 1; }
cmp -s <(curl -sf --cacert "$PKI/ca.pem" -H "Authorization: Bearer $VI" "$OUR_API") <(curl -sf --cacert "$PKI/ca.pem" "$OUR_CONTROL") \
    || { say "the control endpoint does not answer what the API answers"; exit 1; }
[ "$(curl -s -o /dev/null -w '%{http_code}' --cacert "$PKI/ca.pem" "$OUR_API")" = 401 ] \
    || { say "our data provider answers without a VI"; exit 1; }

# --- Keycloak: PostgreSQL, realm signing ES256, confidential clients, login events saved --------
KC_ADMIN_PASSWORD=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
say "building and starting Keycloak $KC_VERSION on $JAVA_VERSION"
JAVA_HOME=$JDK "$KC_HOME/bin/kc.sh" build --db=postgres --health-enabled=true --https-client-auth=request >"$LOG/keycloak-build.log" 2>&1
KC_START=$(date +%s.%N)
JAVA_HOME=$JDK KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=$KC_ADMIN_PASSWORD \
"$KC_HOME/bin/kc.sh" start --optimized \
    --db-url="jdbc:postgresql://$PGHOST:$PGPORT/$KC_DB" --db-username="$PGUSER" --db-password=trust \
    --http-enabled=true --http-port=$KC_HTTP --https-port=$KC_HTTPS --http-management-port=$KC_MGMT \
    --https-key-store-file="$PKI/server.p12" --https-key-store-password=changeit \
    --https-trust-store-file="$PKI/truststore.p12" --https-trust-store-password=changeit \
    --hostname-strict=false >"$LOG/keycloak.log" 2>&1 &
KC_PID=$!
wait_ready "https://localhost:$KC_MGMT/health/ready" 300
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
# row 3: the same client authenticated by its X.509 certificate (RFC 8705 tls_client_auth)
# Keycloak compares the RFC 2253 form; with the issuer's DN it also checks the issuing CA (without it,
# Keycloak 26.7 logs a deprecation warning on every token)
KC_MTLS_SUBJECT=$(openssl x509 -in "$PKI/institution-a.pem" -noout -subject -nameopt RFC2253 | sed 's/^subject=//')
KC_MTLS_ISSUER=$(openssl x509 -in "$PKI/institution-a.pem" -noout -issuer -nameopt RFC2253 | sed 's/^issuer=//')
kc create clients -r bench -s clientId=bench-mtls -s enabled=true -s publicClient=false \
    -s serviceAccountsEnabled=true -s standardFlowEnabled=false -s directAccessGrantsEnabled=false \
    -s clientAuthenticatorType=client-x509 -s "attributes.\"x509.subjectdn\"=$KC_MTLS_SUBJECT" \
    -s "attributes.\"x509.casubjectdn\"=$KC_MTLS_ISSUER" \
    -s 'attributes."x509.allow.regex.pattern.comparison"=false'
KC_TOKEN_URL_HTTP=http://localhost:$KC_HTTP/realms/bench/protocol/openid-connect/token
KC_TOKEN_URL=https://localhost:$KC_HTTPS/realms/bench/protocol/openid-connect/token
KC_ALG=$(curl -sf -u "bench-client:$KC_SECRET" -d grant_type=client_credentials "$KC_TOKEN_URL_HTTP" | alg_of)
[ "$KC_ALG" = ES256 ] || { say "Keycloak does not sign ES256 (alg=$KC_ALG): see $LOG/kcadm.log"; exit 1; }
KC_MTLS_ALG=$(curl -sf --cacert "$PKI/ca.pem" --cert "$PKI/institution-a.pem" -d grant_type=client_credentials \
    -d client_id=bench-mtls "$KC_TOKEN_URL" | alg_of)
[ "$KC_MTLS_ALG" = ES256 ] || { say "Keycloak's tls_client_auth client gets no ES256 token: see $LOG/kcadm.log"; exit 1; }
OUR_ALG=$(curl -sf --cacert "$PKI/ca.pem" -u "$OUR_CLIENT:$OUR_SECRET" -d grant_type=client_credentials "$OUR_TOKEN_URL" | alg_of)
OUR_MTLS_ALG=$(curl -sf --cacert "$PKI/ca.pem" --cert "$PKI/institution-a.pem" -d grant_type=client_credentials \
    -d client_id=institution-a "$OUR_TOKEN_URL" | alg_of)
[ "$OUR_MTLS_ALG" = ES256 ] || { say "our tls_client_auth client gets no ES256 VI"; exit 1; }
no_cert_status() { curl -s -o /dev/null -w '%{http_code}' --cacert "$PKI/ca.pem" -d grant_type=client_credentials -d "client_id=$1" "$2"; }
[ "$(no_cert_status bench-mtls "$KC_TOKEN_URL")" = 401 ] || { say "Keycloak gives a tls_client_auth token without a certificate"; exit 1; }
[ "$(no_cert_status institution-a "$OUR_TOKEN_URL")" = 401 ] || { say "we give a tls_client_auth VI without a certificate"; exit 1; }


# --- rows 1 to 3: the token endpoints -------------------------------------------------------------
OUR_TOKEN_LUA=$(lua_token ours "$OUR_CLIENT" "$OUR_SECRET")
KC_TOKEN_LUA=$(lua_token kc bench-client "$KC_SECRET")
say "row 1: HTTP/1.1 keep-alive, $CONNECTIONS connections (Keycloak only: ours answers HTTPS only, D-3, D-24)"
wrk_row kc-http "$WARMUP" "$KC_TOKEN_URL_HTTP" "$KC_TOKEN_LUA"
say "row 2: HTTPS (TLS 1.3), keep-alive, $CONNECTIONS connections"
wrk_row ours-https "$WARMUP" "$OUR_TOKEN_URL" "$OUR_TOKEN_LUA"
wrk_row kc-https "$WARMUP2" "$KC_TOKEN_URL" "$KC_TOKEN_LUA"
say "row 3: tls_client_auth, client certificate, kept connections and one full handshake per token"
row ours-mtls-keepalive "$WARMUP2" token_load ours-mtls-keepalive "$OUR_TOKEN_URL" keepalive "$PKI/institution-a.p12" institution-a
row kc-mtls-keepalive "$WARMUP2" token_load kc-mtls-keepalive "$KC_TOKEN_URL" keepalive "$PKI/institution-a.p12" bench-mtls
row ours-mtls-handshake "$WARMUP2" token_load ours-mtls-handshake "$OUR_TOKEN_URL" handshake "$PKI/institution-a.p12" institution-a
row kc-mtls-handshake "$WARMUP2" token_load kc-mtls-handshake "$KC_TOKEN_URL" handshake "$PKI/institution-a.p12" bench-mtls

# Keycloak's part ends here: its memory, its events; then it is stopped, so that it does not share
# the machine with our data provider rows
KC_JVM=$(java_pid_of "$KC_PID")
KC_HEAP=$(heap_after_gc "$KC_JVM"); KC_RSS=$(rss "$KC_JVM")
KC_EVENTS=$(psql -d "$KC_DB" -Atc "SELECT count(*) FROM event_entity WHERE type = 'CLIENT_LOGIN'" 2>/dev/null || echo "?")
stop_pid "$KC_PID"; KC_PID=""

# --- row 4: the data provider with one cached VI, against the unchecked control -------------------
say "row 4: GET of a beneficiary with one cached VI, and the same record from the control endpoint"
: >"$WORK/empty.lua"
fresh_vi_lua() { VI_LUA=$(lua_bearer api "$(our_vi)"); }
api_run() { wrk_run ours-api "$OUR_API" "$VI_LUA" "$1"; }
PREPARE=fresh_vi_lua
row ours-api "$WARMUP2" api_run
PREPARE=""
wrk_row control "$WARMUP2" "$OUR_CONTROL" "$WORK/empty.lua"

# --- row 5: first-seen VIs, each used once, against the JDK's single-thread ES256 verify rate ------
say "row 5: first-seen VIs (collected from the token endpoint just before each run, each sent once)"
first_seen_run() { # seconds
  local n
  n=$(collect_vis "$WORK/first-seen" "$(( $1 * 2 + 5 ))")
  say "    ($n VIs collected)"
  wrk_run ours-first-seen "$OUR_API" "$(lua_use "$WORK/first-seen" false)" "$1"
}
SAVED_DURATION=$DURATION; DURATION=$FIRST_SEEN_DURATION
row ours-first-seen "$FIRST_SEEN_DURATION" first_seen_run
DURATION=$SAVED_DURATION
say "  the JDK's ES256 rates on this machine (servers idle)"
read -r ES_SIGN1 ES_SIGN_N ES_VERIFY1 ES_VERIFY_N ES_CPUS <<<"$("$JDK/bin/java" "$ROOT/bench/src/fr/interopsr/bench/Es256Rate.java" 5)"

# --- row 6: 10 000 distinct cached VIs ---------------------------------------------------------------
say "row 6: row 4 with $CACHED_VIS distinct VIs, each cached by a first pass"
N=$(collect_vis "$WORK/cached" 8)
while [ "$N" -lt "$CACHED_VIS" ]; do N=$(( N + $(collect_vis "$WORK/cached-more" 4) )); cat "$WORK"/cached-more.* >>"$WORK/cached.0"; done
awk -v n="$CACHED_VIS" 'FNR == 1 && NR > n {exit} NR <= n' "$WORK"/cached.* >"$WORK/cached-all"
rm -f "$WORK"/cached.* "$WORK"/cached-more.*
awk -v p="$WORK/cached." '{print > (p (NR % 2))}' "$WORK/cached-all"
CACHED_LUA=$(lua_use "$WORK/cached" true)
# the first pass: every VI once, so that the measured runs find them all in the cache
wrk -t2 -c"$CONNECTIONS" -d"$WARMUP2"s -s "$CACHED_LUA" "$OUR_API" >>"$LOG/wrk-cached-first-pass.log" 2>&1
wrk_row ours-api-cached "$WARMUP2" "$OUR_API" "$CACHED_LUA"
CACHE_SIZE=$(curl -s "http://localhost:$OUR_HTTP/interops/metrics" | awk '/^interops_vi_cache_entries/ {print $2; exit}')

# --- row 7: our memory at the end of the load ---------------------------------------------------------
OUR_JVM=$(java_pid_of "$OUR_PID")
OUR_HEAP=$(heap_after_gc "$OUR_JVM"); OUR_RSS=$(rss "$OUR_JVM")

# --- row 6: trace query and export with a million traces in the table --------------------------------
TRACE_COUNT=$(psql -d "$OUR_DB" -Atc "SELECT count(*) FROM trace_record")
if [ "$TRACE_COUNT" -lt "$EXPORT_TRACES" ]; then
  TOP_UP=$(( (EXPORT_TRACES - TRACE_COUNT) / 1000 + 10 ))
  say "row 6: $TRACE_COUNT traces; $TOP_UP s more of token load to pass $EXPORT_TRACES"
  wrk -t2 -c"$CONNECTIONS" -d"$TOP_UP"s -s "$OUR_TOKEN_LUA" "$OUR_TOKEN_URL" >>"$LOG/wrk-top-up.log" 2>&1
  TRACE_COUNT=$(psql -d "$OUR_DB" -Atc "SELECT count(*) FROM trace_record")
fi
say "row 6: trace query and export with $TRACE_COUNT traces in the table"
ADMIN=(curl -s --cacert "$PKI/ca.pem" -u "bench-admin:$ADMIN_PASSWORD")
SOME_JTI=$(psql -d "$OUR_DB" -Atc "SELECT jti FROM trace_record WHERE kind = 'VI_GENERATION' ORDER BY id DESC LIMIT 1 OFFSET 5000")
QUERY_PAGE=$("${ADMIN[@]}" -o /dev/null -w '%{time_starttransfer}' "https://localhost:$OUR_HTTPS/interops/admin/api/traces?kind=VI_GENERATION")
QUERY_JTI=$("${ADMIN[@]}" -o /dev/null -w '%{time_starttransfer}' "https://localhost:$OUR_HTTPS/interops/admin/api/traces?jti=$SOME_JTI")
HEAP_BEFORE_EXPORT=$(heap_after_gc "$OUR_JVM")
# old generation used (jstat OU, KiB), sampled every 500 ms during the export: what the export keeps
"$JDK/bin/jstat" -gc "$OUR_JVM" 500 >"$WORK/jstat-export.txt" 2>/dev/null &
SAMPLER_PID=$!
EXPORT=$("${ADMIN[@]}" -o "$WORK/export.jsonl" -w '%{time_starttransfer} %{time_total} %{size_download} %{http_code}' \
    "https://localhost:$OUR_HTTPS/interops/admin/api/traces/export?format=jsonl")
kill "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""
read -r EXPORT_TTFB EXPORT_TIME EXPORT_BYTES EXPORT_STATUS <<<"$EXPORT"
EXPORT_ROWS=$(wc -l <"$WORK/export.jsonl")
rm -f "$WORK/export.jsonl"
OLD_MAX=$(awk 'NR == 1 {for (i = 1; i <= NF; i++) if ($i == "OU") c = i; next} $c + 0 > m {m = $c + 0} END {printf "%d", m / 1024}' "$WORK/jstat-export.txt")
OLD_FIRST=$(awk 'NR == 1 {for (i = 1; i <= NF; i++) if ($i == "OU") c = i; next} NR == 2 {printf "%d", $c / 1024}' "$WORK/jstat-export.txt")
HEAP_AFTER_EXPORT=$(heap_after_gc "$OUR_JVM")

# --- row 6: row 2 again with 10 000 conventions loaded ------------------------------------------------
if [ "$SCALE_CONVENTIONS" -gt 2 ]; then
  say "row 6: row 2 with $SCALE_CONVENTIONS conventions (our server restarted on the same database)"
  stop_server ours; OUR_PID=""
  python3 - "$OUR_CONF/conventions" "$SCALE_CONVENTIONS" <<'PY'
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
    wrk_row ours-https-10k "$WARMUP" "$OUR_TOKEN_URL" "$OUR_TOKEN_LUA"
  else
    SCALE_FAILED="- Row 6: the server with $SCALE_CONVENTIONS conventions was not ready within 900 s ($LOG/ours-10k.log)."
  fi
fi

# --- every VI traced, chains intact ------------------------------------------------------------------
TRACES=$(psql -d "$OUR_DB" -Atc "SELECT count(*) FROM trace_record WHERE kind = 'VI_GENERATION' AND status = 'SUCCESS'")
TRACES_ALL=$(psql -d "$OUR_DB" -Atc "SELECT kind || ' ' || count(*) FROM trace_record GROUP BY kind ORDER BY kind" | paste -sd, | sed 's/,/, /g')
VERIFY=$(INTEROPS_TRACES_HMAC_KEY=$HMAC_KEY INTEROPS_JDBC_PASSWORD=trust tools "$ROOT" "$WORK/build" trace-verify \
    --jdbc-url "jdbc:postgresql://$PGHOST:$PGPORT/$OUR_DB" --jdbc-user "$PGUSER" \
    --keys "${S[ours:conf]}/checkpoint-keys.jwks" --checkpoints "${S[ours:conf]}/checkpoints.log" 2>&1 | tail -2 | tr '\n' ' ' || true)

# --- the tables ---------------------------------------------------------------------------------------
num() { printf '%.0f' "$1"; }
ms() { printf '%.2f' "$1"; }
cell() { # key field(1 rps, 2 p50, 3 p99, 4 errors)
  local v; v=$(echo "${RESULT[$1]:-}" | awk -v f="$2" '{print $f}')
  if [ -z "$v" ]; then echo "–"; elif [ "$2" = 1 ] || [ "$2" = 4 ]; then num "$v"; else ms "$v"; fi
}
ratio() { # a b -> a / b with 2 decimals, or –
  local a b; a=$(echo "${RESULT[$1]:-}" | awk '{print $1}'); b=$(echo "${RESULT[$2]:-}" | awk '{print $1}')
  if [ -n "$a" ] && [ -n "$b" ]; then printf '%.2f×' "$(echo "$a / $b" | bc -l)"; else echo "–"; fi
}
errors() { # keys... -> "none" or the non-2xx counts
  local k e out=""
  for k in "$@"; do e=$(cell "$k" 4); [ "$e" = "–" ] || [ "$e" = 0 ] || out="$out $k $e"; done
  echo "${out:- none}" | sed 's/^ //'
}
token_row() { # label ours-key kc-key
  printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$1" "$(cell "$2" 1)" "$(cell "$2" 2)" "$(cell "$2" 3)" \
      "$(cell "$3" 1)" "$(cell "$3" 2)" "$(cell "$3" 3)" "$(ratio "$2" "$3")" "$(errors "$2" "$3")"
}
TABLE=$(
  echo "| row | ours tokens/s | ours p50 ms | ours p99 ms | Keycloak tokens/s | Keycloak p50 ms | Keycloak p99 ms | ours ÷ Keycloak | non-2xx |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---|"
  token_row "1. client_credentials, client_secret_basic, HTTP/1.1 keep-alive (ours: HTTPS only, D-3, D-24)" none kc-http
  token_row "2. the same over HTTPS (TLS 1.3, connections kept)" ours-https kc-https
  token_row "3a. tls_client_auth, client certificate, connections kept" ours-mtls-keepalive kc-mtls-keepalive
  token_row "3b. tls_client_auth, one new full TLS handshake per token" ours-mtls-handshake kc-mtls-handshake
  echo
  echo "| data provider (ours) | requests/s | p50 ms | p99 ms | ratio | non-2xx |"
  echo "|---|---:|---:|---:|---:|---|"
  printf '| 4. GET /api/v1/beneficiaries/B00001, one cached VI | %s | %s | %s | %s of the control | %s |\n' \
      "$(cell ours-api 1)" "$(cell ours-api 2)" "$(cell ours-api 3)" "$(ratio ours-api control)" "$(errors ours-api)"
  printf '| 4. control: the same record, no VI check, no trace (bench build only) | %s | %s | %s | 1.00× | %s |\n' \
      "$(cell control 1)" "$(cell control 2)" "$(cell control 3)" "$(errors control)"
  printf '| 5. first-seen VIs, each used once (runs of %s s) | %s | %s | %s | %s of the single-thread verify rate (%s/s) | %s |\n' \
      "$FIRST_SEEN_DURATION" "$(cell ours-first-seen 1)" "$(cell ours-first-seen 2)" "$(cell ours-first-seen 3)" \
      "$(printf '%.0f %%' "$(echo "$(echo "${RESULT[ours-first-seen]}" | awk '{print $1}') * 100 / $ES_VERIFY1" | bc -l)")" \
      "$ES_VERIFY1" "$(errors ours-first-seen)"
  printf '| 6. row 4 with %s distinct VIs, all cached (cache holds %s) | %s | %s | %s | %s of row 4 | %s |\n' \
      "$CACHED_VIS" "${CACHE_SIZE:-?}" "$(cell ours-api-cached 1)" "$(cell ours-api-cached 2)" "$(cell ours-api-cached 3)" \
      "$(ratio ours-api-cached ours-api)" "$(errors ours-api-cached)"
  echo
  echo "| JDK ES256 on this machine (Es256Rate, servers idle) | 1 thread | $ES_CPUS threads |"
  echo "|---|---:|---:|"
  echo "| signatures/s | $ES_SIGN1 | $ES_SIGN_N |"
  echo "| verifications/s | $ES_VERIFY1 | $ES_VERIFY_N |"
  if [ -n "${RESULT[ours-https-10k]:-}" ]; then
    echo
    echo "| row 6 (ours, row 2) | 2 conventions | $CONVENTIONS_LOADED conventions | change |"
    echo "|---|---:|---:|---:|"
    read -r a_r a_50 a_99 a_e <<<"${RESULT[ours-https]}"
    read -r b_r b_50 b_99 b_e <<<"${RESULT[ours-https-10k]}"
    printf '| tokens/s | %.0f | %.0f | %+.1f %% |\n' "$a_r" "$b_r" "$(echo "($b_r - $a_r) * 100 / $a_r" | bc -l)"
    printf '| p50 / p99 ms | %.2f / %.2f | %.2f / %.2f | |\n' "$a_50" "$a_99" "$b_50" "$b_99"
    printf '| start to /health/ready (s) | %.1f | %.1f (importing the files) | |\n' "$OUR_READY_2" "$OUR_READY_10K"
  fi
  echo
  echo "| row 6: traces (ours) | figure |"
  echo "|---|---:|"
  echo "| traces in the table | $TRACE_COUNT |"
  printf '| query, first page of VI_GENERATION: time to first byte | %.0f ms |\n' "$(echo "$QUERY_PAGE * 1000" | bc -l)"
  printf '| query by jti: time to first byte | %.0f ms |\n' "$(echo "$QUERY_JTI * 1000" | bc -l)"
  printf '| export, JSON Lines, everything (HTTP %s): time to first byte | %.0f ms |\n' "$EXPORT_STATUS" "$(echo "$EXPORT_TTFB * 1000" | bc -l)"
  printf '| export: records, MiB, seconds | %s, %.0f, %.1f |\n' "$EXPORT_ROWS" "$(echo "$EXPORT_BYTES / 1048576" | bc -l)" "$EXPORT_TIME"
  printf '| export: records/s | %.0f |\n' "$(echo "$EXPORT_ROWS / $EXPORT_TIME" | bc -l)"
  echo "| heap used after a full GC, before / after the export (MiB) | $HEAP_BEFORE_EXPORT / $HEAP_AFTER_EXPORT |"
  echo "| old generation used during the export, first sample / highest (MiB, jstat every 500 ms) | $OLD_FIRST / $OLD_MAX |"
  echo
  echo "| row 7 | ours | Keycloak |"
  echo "|---|---:|---:|"
  printf '| heap used after a full GC, at the end of its load (MiB) | %s | %s |\n' "$OUR_HEAP" "$KC_HEAP"
  printf '| RSS (MiB) | %s | %s |\n' "$OUR_RSS" "$KC_RSS"
  printf '| launch to /health/ready on PostgreSQL (s) | %.1f | %.1f |\n' "$OUR_READY_2" "$KC_READY"
  printf '| launch to /health/ready, embedded default (H2, new database) (s) | %s | – |\n' "${EMB_READY:+$(printf '%.1f' "$EMB_READY")}"
)
CHECKS="- Our VI_GENERATION traces committed: $TRACES (warm-ups, collections and checks included); all traces by kind: $TRACES_ALL. Chain check: $VERIFY
- Keycloak: $KC_EVENTS CLIENT_LOGIN events saved in its database.
- VI algorithm: ours $OUR_ALG (Basic) and $OUR_MTLS_ALG (tls_client_auth), Keycloak $KC_ALG and $KC_MTLS_ALG.${RAN_OUT:+
- WARNING: a wrk thread ran out of first-seen VIs and sent some twice in:$RAN_OUT}${SCALE_FAILED:+
$SCALE_FAILED}"
HEADER="Measured $(date -u +%Y-%m-%d) with \`bench/compare.sh${DOC:+ --doc=$DOC}\` (DURATION=$DURATION WARMUP=$WARMUP WARMUP2=$WARMUP2 RUNS=$RUNS CONNECTIONS=$CONNECTIONS FIRST_SEEN_DURATION=$FIRST_SEEN_DURATION): wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}') \`-t2 -c$CONNECTIONS\` and, for row 3, \`bench/src/fr/interopsr/bench/TokenLoad.java\` ($CONNECTIONS threads); each figure the median of $RUNS runs after a warm-up (WARMUP s for the first row of each server, WARMUP2 s after).

- JDK (both servers): $JAVA_VERSION ($JDK)
- Machine: $(nproc) CPUs ($(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)), $(awk '/MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo), $(uname -sr)
- Servers: Interops-R Server (Payara Micro 6.2025.10, PostgreSQL, trace journal on, every VI and API call traced before its answer, rate limits on and raised to 1000000 at once and 1000000/s) and Keycloak $KC_VERSION (PostgreSQL, realm ES256, confidential clients with service accounts, CLIENT_LOGIN events saved; stopped after row 3); PostgreSQL $(psql -d postgres -Atc 'SHOW server_version'), synchronous_commit=$(psql -d postgres -Atc 'SHOW synchronous_commit')"
echo
echo "$HEADER"
echo
echo "$TABLE"
echo
echo "$CHECKS"
if [ -n "$DOC" ]; then
  { echo "$HEADER"; echo; echo "$TABLE"; echo; echo "$CHECKS"; } >"$WORK/block.md"
  write_block "$DOC" compare-bench "$WORK/block.md"
fi
