#!/usr/bin/env bash
# Shared helpers for run.sh and test.sh: pick a JDK >= 21, make sure PostgreSQL and RabbitMQ answer
# (use them when they answer, start them when installed but stopped, install them with apt-get when
# missing), and create the plimsoll role and databases. Every step says what it does.
# Sourced, not run. Sets PLIMSOLL_STARTED (space-separated list of what this script started).

PLIMSOLL_STARTED="${PLIMSOLL_STARTED:-}"
PG_HOST="${PLIMSOLL_PG_HOST:-127.0.0.1}"
PG_PORT="${PLIMSOLL_PG_PORT:-5432}"
RABBIT_HOST="${PLIMSOLL_RABBITMQ_HOST:-127.0.0.1}"
RABBIT_PORT="${PLIMSOLL_RABBITMQ_PORT:-5672}"

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

ensure_postgres() {
  if port_open "$PG_HOST" "$PG_PORT"; then say "PostgreSQL answers on $PG_HOST:$PG_PORT: using it"; return; fi
  [ "$PG_HOST" = 127.0.0.1 ] || [ "$PG_HOST" = localhost ] || die "PostgreSQL does not answer on $PG_HOST:$PG_PORT"
  if ! command -v pg_ctlcluster >/dev/null 2>&1; then apt_install postgresql; fi
  local version
  version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1)"
  [ -n "$version" ] || die "PostgreSQL is installed but has no cluster under /etc/postgresql"
  say "starting PostgreSQL $version (pg_ctlcluster $version main start)"
  as_root pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 || die "could not start PostgreSQL"
  PLIMSOLL_STARTED="$PLIMSOLL_STARTED postgres:$version"
  wait_port "$PG_HOST" "$PG_PORT" 30 PostgreSQL
}

ensure_rabbitmq() {
  if port_open "$RABBIT_HOST" "$RABBIT_PORT"; then say "RabbitMQ answers on $RABBIT_HOST:$RABBIT_PORT: using it"; return; fi
  [ "$RABBIT_HOST" = 127.0.0.1 ] || [ "$RABBIT_HOST" = localhost ] || die "RabbitMQ does not answer on $RABBIT_HOST:$RABBIT_PORT"
  if ! command -v rabbitmq-server >/dev/null 2>&1 && [ ! -x /usr/sbin/rabbitmq-server ]; then apt_install rabbitmq-server; fi
  say "starting RabbitMQ (rabbitmq-server -detached)"
  as_root rabbitmq-server -detached >&2 || die "could not start RabbitMQ"
  PLIMSOLL_STARTED="$PLIMSOLL_STARTED rabbitmq"
  wait_port "$RABBIT_HOST" "$RABBIT_PORT" 60 RabbitMQ
}

# psql as a superuser: over TCP as postgres (works with trust auth), else as the postgres OS user.
pg_admin() {
  if psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -tAc 'select 1' >/dev/null 2>&1; then
    psql -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 -tA "$@"
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
      postgres:*) say "stopping PostgreSQL ${what#postgres:} (it was started by this script)"; as_root pg_ctlcluster --skip-systemctl-redirect "${what#postgres:}" main stop || true ;;
      rabbitmq) say "stopping RabbitMQ (it was started by this script)"; as_root rabbitmqctl stop >/dev/null 2>&1 || true ;;
    esac
  done
  PLIMSOLL_STARTED=""
}
