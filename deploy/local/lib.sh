#!/usr/bin/env bash
# Shared helpers for run.sh and test.sh: pick a JDK >= 21, make sure PostgreSQL and RabbitMQ answer
# (use them when they answer, start them when installed but stopped, install them with apt-get when
# missing), and create the plimsoll role and databases. Every step says what it does.
# Sourced, not run. Sets PLIMSOLL_STARTED (space-separated list of what this script started).

PLIMSOLL_STARTED="${PLIMSOLL_STARTED:-}"
# Where the services and tests expect them (see each service's application.properties).
PG_HOST=127.0.0.1
PG_PORT=5432
RABBIT_HOST=127.0.0.1
RABBIT_PORT=5672
export PGCONNECT_TIMEOUT=3

say() { printf '\033[1;34m[plimsoll]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[plimsoll] error:\033[0m %s\n' "$*" >&2; exit 1; }

java_major() { "$1/bin/java" -version 2>&1 | awk -F'"' '/version/ {split($2,v,"."); print (v[1]=="1")?v[2]:v[1]; exit}'; }

# Picks a JDK >= 21: $JAVA_HOME if good enough, else the newest under /usr/lib/jvm, else java on PATH.
ensure_jdk() {
  local candidates=() c best="" best_major=0 m
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  for c in /usr/lib/jvm/*; do [ -x "$c/bin/javac" ] && candidates+=("$c"); done
  if command -v javac >/dev/null 2>&1; then candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")"); fi
  for c in "${candidates[@]}"; do
    [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ] || continue
    m="$(java_major "$c")"
    if [ -n "$m" ] && [ "$m" -ge 21 ] && [ "$m" -gt "$best_major" ]; then best="$c"; best_major="$m"; fi
    # Prefer the caller's JAVA_HOME when it is new enough.
    if [ "$c" = "${JAVA_HOME:-}" ] && [ -n "$m" ] && [ "$m" -ge 21 ]; then best="$c"; best_major=999; fi
  done
  [ -n "$best" ] || die "no JDK >= 21 found (looked at \$JAVA_HOME, /usr/lib/jvm/*, javac on PATH). Install one, e.g. 'apt-get install -y openjdk-21-jdk' or Temurin 21+, and set JAVA_HOME."
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
  say "using JDK at $JAVA_HOME ($(java_major "$JAVA_HOME"))"
}

port_open() { (exec 3<>"/dev/tcp/$1/$2") >/dev/null 2>&1; }

wait_port() { # host port seconds what
  local i
  for ((i = 0; i < $3 * 2; i++)); do port_open "$1" "$2" && return 0; sleep 0.5; done
  die "$4 did not answer on $1:$2 within $3 s"
}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else die "need root to run: $*"; fi; }

apt_install() {
  command -v apt-get >/dev/null || die "$* missing and no apt-get here: install $* yourself and re-run"
  say "installing $* with apt-get (needs root and Debian's package mirror)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@" >&2 || {
    as_root apt-get update >&2 && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "$@" >&2
  } || die "apt-get install $* failed"
}

# The reference parser the exposition tests compare with (Debian's python3-prometheus-client).
ensure_reference_parser() {
  if [ -x /usr/bin/python3 ] && /usr/bin/python3 -c 'import prometheus_client' 2>/dev/null; then return; fi
  if command -v apt-get >/dev/null; then
    apt_install python3-prometheus-client
  else
    say "python3-prometheus-client not installed and no apt-get: the live reference check will be skipped (the recorded one still runs)"
  fi
}

# What the real-swarm test of docker-engine needs: Debian's docker.io (dockerd) and busybox-static (its
# test image is built locally from busybox; no registry is reachable). Without them that test is skipped.
ensure_swarm_test_tools() {
  local missing=()
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  [ -x /bin/busybox ] && file -L /bin/busybox 2>/dev/null | grep -q "statically linked" || dpkg -s busybox-static >/dev/null 2>&1 || missing+=(busybox-static)
  if [ "${#missing[@]}" -gt 0 ]; then
    if command -v apt-get >/dev/null; then
      apt_install "${missing[@]}"
    else
      say "missing ${missing[*]} and no apt-get: the real-swarm test will be skipped"
    fi
  fi
}

ensure_postgres() {
  if port_open "$PG_HOST" "$PG_PORT"; then say "PostgreSQL answers on $PG_HOST:$PG_PORT: using it"; return; fi
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then
    apt_install postgresql
    # On a systemd machine the package starts its cluster itself.
    if wait_port_quietly "$PG_HOST" "$PG_PORT" 15; then
      say "PostgreSQL was started by its package install"
      PLIMSOLL_STARTED="$PLIMSOLL_STARTED postgres:$(pg_cluster_on_port)"
      return
    fi
  fi
  local cluster rc=0
  cluster="$(pg_cluster_on_port)"
  [ -n "$cluster" ] || die "PostgreSQL is installed but no cluster is set up (see pg_lsclusters; create one with pg_createcluster)"
  say "starting PostgreSQL cluster ${cluster/:/ } (pg_ctlcluster ${cluster/:/ } start)"
  as_root pg_ctlcluster --skip-systemctl-redirect ${cluster/:/ } start >&2 || rc=$?
  # Exit code 2 means the cluster was already running (on another port, or just starting).
  [ "$rc" = 0 ] || [ "$rc" = 2 ] || die "could not start PostgreSQL cluster ${cluster/:/ }"
  [ "$rc" = 0 ] && PLIMSOLL_STARTED="$PLIMSOLL_STARTED postgres:$cluster"
  wait_port "$PG_HOST" "$PG_PORT" 30 "PostgreSQL (cluster ${cluster/:/ })"
}

# "version:name" of the cluster configured for $PG_PORT, else of the newest cluster.
pg_cluster_on_port() {
  command -v pg_lsclusters >/dev/null 2>&1 || return 0
  local line
  line="$(pg_lsclusters --no-header 2>/dev/null | awk -v p="$PG_PORT" '$3 == p {print $1":"$2; exit}')"
  [ -n "$line" ] || line="$(pg_lsclusters --no-header 2>/dev/null | sort -V | awk 'END {if (NR) print $1":"$2}')"
  echo "$line"
}

wait_port_quietly() { # host port seconds
  local i
  for ((i = 0; i < $3 * 2; i++)); do port_open "$1" "$2" && return 0; sleep 0.5; done
  return 1
}

ensure_rabbitmq() {
  if port_open "$RABBIT_HOST" "$RABBIT_PORT"; then say "RabbitMQ answers on $RABBIT_HOST:$RABBIT_PORT: using it"; return; fi
  if ! command -v rabbitmq-server >/dev/null 2>&1 && [ ! -x /usr/sbin/rabbitmq-server ]; then
    apt_install rabbitmq-server
    # On a systemd machine the package starts the broker itself (it answers a few seconds later).
    if wait_port_quietly "$RABBIT_HOST" "$RABBIT_PORT" 20; then
      say "RabbitMQ was started by its package install"
      PLIMSOLL_STARTED="$PLIMSOLL_STARTED rabbitmq"
      return
    fi
  fi
  say "starting RabbitMQ (rabbitmq-server -detached)"
  as_root rabbitmq-server -detached >&2 || die "could not start RabbitMQ"
  PLIMSOLL_STARTED="$PLIMSOLL_STARTED rabbitmq"
  wait_port "$RABBIT_HOST" "$RABBIT_PORT" 60 RabbitMQ
}

# curl is used to probe the services (a JDK-only machine may lack it).
ensure_curl() {
  command -v curl >/dev/null 2>&1 || apt_install curl
}

# psql as a superuser: over TCP as postgres (works with trust auth), else as the postgres OS user.
pg_admin() {
  # -w: never prompt for a password (Debian's stock pg_hba.conf wants one over TCP).
  if psql -w -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -tAc 'select 1' >/dev/null 2>&1; then
    psql -w -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -tA "$@"
  elif [ "$(id -u)" = 0 ] && id postgres >/dev/null 2>&1; then
    runuser -u postgres -- psql -p "$PG_PORT" -d postgres -v ON_ERROR_STOP=1 -tA "$@"
  else
    sudo -u postgres psql -p "$PG_PORT" -d postgres -v ON_ERROR_STOP=1 -tA "$@"
  fi
}

# Creates role plimsoll (password plimsoll) and the given databases owned by it, when missing.
ensure_databases() {
  command -v psql >/dev/null || apt_install postgresql-client
  if [ "$(pg_admin -c "select 1 from pg_roles where rolname='plimsoll'")" != 1 ]; then
    say "creating PostgreSQL role plimsoll"
    pg_admin -c "CREATE ROLE plimsoll LOGIN PASSWORD 'plimsoll'" >/dev/null || die "could not create role plimsoll"
  fi
  local db
  for db in "$@"; do
    if [ "$(pg_admin -c "select 1 from pg_database where datname='$db'")" != 1 ]; then
      say "creating database $db"
      pg_admin -c "CREATE DATABASE $db OWNER plimsoll" >/dev/null || die "could not create database $db"
    fi
  done
}

# Stops what this script started (called on exit by run.sh).
stop_started() {
  local what
  for what in $PLIMSOLL_STARTED; do
    case "$what" in
      postgres:*)
        local cluster="${what#postgres:}"
        say "stopping PostgreSQL ${cluster/:/ } (it was started by this script)"
        as_root pg_ctlcluster --skip-systemctl-redirect ${cluster/:/ } stop || true ;;
      rabbitmq) say "stopping RabbitMQ (it was started by this script)"; as_root rabbitmqctl stop >/dev/null 2>&1 || true ;;
    esac
  done
  PLIMSOLL_STARTED=""
}
