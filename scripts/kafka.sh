#!/usr/bin/env bash
# Local single-node Apache Kafka 4.x broker (KRaft, broker+controller in one JVM) on 127.0.0.1.
# No Docker, no tarball: the jars come from Maven Central via scripts/kafka/pom.xml.
#
# Usage: scripts/kafka.sh {fetch|start|stop|status|reset}
#
#   fetch   collect the broker jars into $CACHE/libs (only if missing or the pom changed)
#   start   fetch if needed, write config, format storage once, start in the background and
#           wait until the broker answers a real metadata request (no-op if already running)
#   stop    SIGTERM, wait up to 30 s, then SIGKILL (no-op if not running)
#   status  print running/stopped; exit 0 if running, 1 if stopped
#   reset   stop and delete the data dir (keeps the jars)
#
# Environment:
#   INTYG_KAFKA_CACHE            jar cache and default data parent   (default ~/.cache/intyg-kafka)
#   INTYG_KAFKA_DATA             data dir: config, KRaft logs, pid, broker log (default $CACHE/data)
#   INTYG_KAFKA_PORT             client (PLAINTEXT) port              (default 9092)
#   INTYG_KAFKA_CONTROLLER_PORT  KRaft controller port                (default 9093)
#   INTYG_KAFKA_START_TIMEOUT    seconds to wait for readiness        (default 90)
#   INTYG_KAFKA_HEAP_OPTS        JVM heap flags                       (default -Xms512m -Xmx1g: a test run creates thousands of partitions)
#   INTYG_KAFKA_M2_REPO          Maven local repo override            (default: Maven's, ~/.m2/repository)
#   PYTHON                       interpreter with kafka-python, for the readiness check
#                                (default: the project's .venv/bin/python, else python3)
#   JAVA, MVN                    java / mvn executables                (default: from PATH)
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# The project's virtual environment has kafka-python (scripts/venv.sh); fall back to python3.
default_python() {
  local venv="$SCRIPT_DIR/../.venv/bin/python"
  if [[ -x "$venv" ]]; then echo "$venv"; else echo python3; fi
}
POM="$SCRIPT_DIR/kafka/pom.xml"
WAIT_PY="$SCRIPT_DIR/kafka_wait.py"

CACHE="${INTYG_KAFKA_CACHE:-$HOME/.cache/intyg-kafka}"
LIBS="$CACHE/libs"
POM_HASH_FILE="$CACHE/libs.pom.sha256"
DATA="${INTYG_KAFKA_DATA:-$CACHE/data}"
HOST="127.0.0.1"
PORT="${INTYG_KAFKA_PORT:-9092}"
CONTROLLER_PORT="${INTYG_KAFKA_CONTROLLER_PORT:-9093}"
BOOTSTRAP="$HOST:$PORT"
START_TIMEOUT="${INTYG_KAFKA_START_TIMEOUT:-90}"
STOP_TIMEOUT=30
HEAP_OPTS="${INTYG_KAFKA_HEAP_OPTS:--Xms512m -Xmx1g}"
PYTHON="${PYTHON:-$(default_python)}"
JAVA="${JAVA:-java}"
MVN="${MVN:-mvn}"

CONFIG="$DATA/server.properties"
LOG4J_CONFIG="$DATA/log4j2.xml"
CLUSTER_ID_FILE="$DATA/cluster.id"
PID_FILE="$DATA/kafka.pid"
LOG_DIR="$DATA/logs"              # broker's own logs (log4j2), plus JVM stdout/stderr
KRAFT_DIR="$DATA/kraft-combined-logs"  # log.dirs: topic partitions and the metadata log
SERVER_LOG="$LOG_DIR/server.log"
CONSOLE_LOG="$LOG_DIR/kafka.out"

say() { printf 'kafka.sh: %s\n' "$*"; }
die() { printf 'kafka.sh: error: %s\n' "$*" >&2; exit 1; }

need() { command -v "$1" >/dev/null 2>&1 || die "'$1' not found on PATH${2:+ ($2)}"; }

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d' ' -f1
  else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

# ---------------------------------------------------------------------------------------- fetch

libs_fresh() {
  [[ -d "$LIBS" && -f "$POM_HASH_FILE" ]] || return 1
  compgen -G "$LIBS/kafka_2.13-*.jar" >/dev/null || return 1
  [[ "$(cat "$POM_HASH_FILE")" == "$(sha256 "$POM")" ]]
}

cmd_fetch() {
  [[ -f "$POM" ]] || die "missing $POM"
  if libs_fresh; then
    say "jars up to date in $LIBS"
    return 0
  fi
  need "$MVN" "install Maven"
  if running_pid >/dev/null; then
    say "warning: the broker is running on the old jars; restart it (stop, start) to use the new ones"
  fi
  mkdir -p "$CACHE"
  # Download into a fresh dir and swap it in, so an interrupted fetch never leaves a half-filled
  # classpath and jars of an older pinned version never linger next to the new ones.
  local tmp="$CACHE/libs.tmp.$$"
  rm -rf "$tmp"
  local -a mvn_args=(-q -B -Dstyle.color=never -f "$POM" dependency:copy-dependencies
    -DincludeScope=runtime -DoutputDirectory="$tmp")
  if [[ -n "${INTYG_KAFKA_M2_REPO:-}" ]]; then mvn_args+=("-Dmaven.repo.local=$INTYG_KAFKA_M2_REPO"); fi
  say "fetching broker jars with Maven into $LIBS ..."
  local t0=$SECONDS
  # (sed strips the colour escapes Debian's Maven prints even with -q -B; pipefail keeps mvn's status)
  if ! "$MVN" "${mvn_args[@]}" 2>&1 | sed $'s/\e\\[[0-9;]*m//g' >&2; then
    rm -rf "$tmp"
    die "Maven could not collect the jars (see output above)"
  fi
  compgen -G "$tmp/kafka_2.13-*.jar" >/dev/null || { rm -rf "$tmp"; die "no kafka_2.13 jar after fetch"; }
  rm -rf "$LIBS"
  mv "$tmp" "$LIBS"
  sha256 "$POM" >"$POM_HASH_FILE"
  say "fetched $(find "$LIBS" -name '*.jar' | wc -l | tr -d ' ') jars in $((SECONDS - t0)) s"
}

# ---------------------------------------------------------------------------------------- process

read_pid() { [[ -f "$PID_FILE" ]] && tr -dc '0-9' <"$PID_FILE" || true; }

# True if $1 is a live process that is our broker (guards against a recycled pid).
is_broker_pid() {
  local pid="$1"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  local args
  args="$(ps -ww -p "$pid" -o args= 2>/dev/null || true)"  # -ww: COLUMNS may be set (pytest-xdist) and cut it
  [[ "$args" == *kafka.Kafka* ]]
}

running_pid() {
  local pid
  pid="$(read_pid)"
  if is_broker_pid "$pid"; then echo "$pid"; return 0; fi
  return 1
}

LOG_MARK=0  # line count of server.log before this start, so errors of older runs are not shown

log_tail() {
  local f errors
  if [[ -s "$SERVER_LOG" ]]; then
    errors="$(tail -n "+$((LOG_MARK + 1))" "$SERVER_LOG" \
      | grep -E '\] (ERROR|FATAL) |^[A-Za-z.$]+(Exception|Error)\b' | tail -n 8 || true)"
    if [[ -n "$errors" ]]; then
      printf -- '----- errors in %s -----\n%s\n' "$SERVER_LOG" "$errors" >&2
    fi
  fi
  for f in "$SERVER_LOG" "$CONSOLE_LOG"; do
    if [[ -s "$f" ]]; then
      printf -- '----- last 30 lines of %s -----\n' "$f" >&2
      tail -n 30 "$f" >&2
    fi
  done
}

port_in_use() {  # $1 = port; true if something accepts connections on 127.0.0.1:$1
  (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null
}

wait_ready() {  # $1 = pid, $2 = timeout seconds
  [[ -f "$WAIT_PY" ]] || die "missing $WAIT_PY"
  "$PYTHON" "$WAIT_PY" --bootstrap "$BOOTSTRAP" --pid "$1" --timeout "$2"
}

# ---------------------------------------------------------------------------------------- config

write_config() {
  mkdir -p "$DATA" "$LOG_DIR" "$KRAFT_DIR"
  cat >"$CONFIG" <<EOF
# Generated by scripts/kafka.sh on every start; edits are overwritten.
# Single-node KRaft: this one process is both broker and controller.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$CONTROLLER_PORT
controller.listener.names=CONTROLLER
listeners=PLAINTEXT://$HOST:$PORT,CONTROLLER://$HOST:$CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$PORT
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KRAFT_DIR

# One node: every internal topic at replication 1 (else creating them fails or stalls).
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
default.replication.factor=1
min.insync.replicas=1
num.partitions=1

# Dev/test behaviour.
group.initial.rebalance.delay.ms=0
auto.create.topics.enable=false
delete.topic.enable=true
EOF

  cat >"$LOG4J_CONFIG" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by scripts/kafka.sh. Broker logs go to a file in the data dir, not the console. -->
<Configuration status="WARN">
  <Appenders>
    <RollingFile name="server" fileName="$SERVER_LOG" filePattern="$LOG_DIR/server.log.%i">
      <PatternLayout pattern="[%d] %p %m (%c)%n"/>
      <SizeBasedTriggeringPolicy size="50 MB"/>
      <DefaultRolloverStrategy max="3"/>
    </RollingFile>
  </Appenders>
  <Loggers>
    <Root level="INFO"><AppenderRef ref="server"/></Root>
    <Logger name="kafka.request.logger" level="WARN"/>
    <Logger name="org.apache.kafka.clients.NetworkClient" level="WARN"/>
  </Loggers>
</Configuration>
EOF
}

format_storage() {
  if [[ ! -s "$CLUSTER_ID_FILE" ]]; then
    "$JAVA" -cp "$LIBS/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n 1 | tr -d '[:space:]' \
      >"$CLUSTER_ID_FILE.tmp"
    [[ -s "$CLUSTER_ID_FILE.tmp" ]] || die "StorageTool random-uuid produced no cluster id"
    mv "$CLUSTER_ID_FILE.tmp" "$CLUSTER_ID_FILE"
  fi
  # Already formatted for this cluster id: skip the extra JVM run (~0.7 s). Otherwise format;
  # --ignore-formatted keeps it idempotent should the check above ever miss.
  if grep -qx "cluster.id=$(cat "$CLUSTER_ID_FILE")" "$KRAFT_DIR/meta.properties" 2>/dev/null; then
    say "storage already formatted (cluster $(cat "$CLUSTER_ID_FILE"))"
    return 0
  fi
  local out
  if ! out="$("$JAVA" -Dlog4j2.configurationFile="$LOG4J_CONFIG" -Dkafka.logs.dir="$LOG_DIR" \
      -cp "$LIBS/*" kafka.tools.StorageTool format \
      -t "$(cat "$CLUSTER_ID_FILE")" -c "$CONFIG" --ignore-formatted 2>&1)"; then
    printf '%s\n' "$out" >&2
    die "formatting storage in $KRAFT_DIR failed"
  fi
  if [[ "$out" == *"already formatted"* ]]; then
    say "storage already formatted (cluster $(cat "$CLUSTER_ID_FILE"))"
  else
    say "formatted storage (cluster $(cat "$CLUSTER_ID_FILE"))"
  fi
}

# ---------------------------------------------------------------------------------------- commands

check_python() {
  need "$PYTHON" "run scripts/venv.sh, or set PYTHON to an interpreter with kafka-python"
  "$PYTHON" -c 'import kafka' 2>/dev/null \
    || die "PYTHON=$PYTHON cannot import kafka-python (needed to check readiness); run scripts/venv.sh or set PYTHON"
}

cmd_start() {
  local pid
  check_python
  if pid="$(running_pid)"; then
    # Running (possibly still starting from a concurrent call): make sure it answers.
    if wait_ready "$pid" "$START_TIMEOUT" >/dev/null; then
      say "already running (pid $pid) on $BOOTSTRAP"
      return 0
    fi
    log_tail
    die "broker pid $pid is running but does not answer on $BOOTSTRAP"
  fi
  rm -f "$PID_FILE"

  need "$JAVA" "install a JDK 17+"
  local port
  for port in "$PORT" "$CONTROLLER_PORT"; do
    if port_in_use "$port"; then
      die "port $HOST:$port is already in use by another process (set INTYG_KAFKA_PORT / INTYG_KAFKA_CONTROLLER_PORT)"
    fi
  done
  local t0=$SECONDS
  cmd_fetch
  write_config
  format_storage

  LOG_MARK=0
  [[ -f "$SERVER_LOG" ]] && LOG_MARK="$(wc -l <"$SERVER_LOG" | tr -d ' ')"

  # Every partition keeps several files open, and a test run makes thousands of partitions:
  # give the broker as many open files as the system allows (it stops at "Too many open files").
  ulimit -n 1048576 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
  # Detach from the caller's session so Ctrl-C / job teardown of the caller does not kill it.
  local -a launcher=()
  command -v setsid >/dev/null 2>&1 && launcher=(setsid)
  # shellcheck disable=SC2086  # HEAP_OPTS is a list of flags
  nohup ${launcher[@]+"${launcher[@]}"} "$JAVA" $HEAP_OPTS \
    -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -Djava.awt.headless=true \
    -Dlog4j2.configurationFile="$LOG4J_CONFIG" -Dkafka.logs.dir="$LOG_DIR" \
    -cp "$LIBS/*" kafka.Kafka "$CONFIG" >"$CONSOLE_LOG" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$PID_FILE"
  say "started broker pid $pid, waiting up to ${START_TIMEOUT}s for $BOOTSTRAP ..."

  local rc=0
  wait_ready "$pid" "$START_TIMEOUT" || rc=$?
  if [[ $rc -eq 0 ]]; then
    if ! is_broker_pid "$pid"; then
      log_tail
      die "something answers on $BOOTSTRAP but our broker (pid $pid) is gone; port taken?"
    fi
    say "ready on $BOOTSTRAP in $((SECONDS - t0)) s (log: $SERVER_LOG)"
    return 0
  fi
  if [[ $rc -eq 2 ]] || ! kill -0 "$pid" 2>/dev/null; then
    rm -f "$PID_FILE"
    log_tail
    die "broker exited during start"
  fi
  log_tail
  die "broker (pid $pid) not ready after ${START_TIMEOUT}s; still running, see $SERVER_LOG or run '$0 stop'"
}

cmd_stop() {
  local pid
  if ! pid="$(running_pid)"; then
    rm -f "$PID_FILE"
    say "not running"
    return 0
  fi
  say "stopping broker pid $pid ..."
  kill -TERM "$pid" 2>/dev/null || true
  local i
  for ((i = 0; i < STOP_TIMEOUT * 10; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    say "still alive after ${STOP_TIMEOUT}s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$PID_FILE"
  say "stopped"
}

cmd_status() {
  local pid
  if pid="$(running_pid)"; then
    echo "running (pid $pid, $BOOTSTRAP, data $DATA)"
    return 0
  fi
  echo "stopped"
  return 1
}

cmd_reset() {
  cmd_stop
  case "$DATA" in
    "" | "/" | "$HOME" | "$HOME/" | "$CACHE" | "$CACHE/" | "$LIBS" | "$LIBS/")
      die "refusing to delete data dir '$DATA'" ;;
  esac
  if [[ -d "$DATA" ]]; then
    rm -rf "$DATA"
    say "deleted $DATA"
  else
    say "no data dir at $DATA"
  fi
}

usage() {
  sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'
}

main() {
  local cmd="${1:-}"
  case "$cmd" in
    fetch) cmd_fetch ;;
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    reset) cmd_reset ;;
    -h | --help | help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
}

main "$@"
