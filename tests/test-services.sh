#!/usr/bin/env bash
# Starts the real servers the tests talk to, on loopback and free ports, in a throw-away folder:
#   redis-server  -> ASSISTANT_TEST_REDIS     (host:port, for StackExchange.Redis)
#   PostgreSQL    -> ASSISTANT_TEST_POSTGRES  (an Npgsql connection string)
# Source it (". tests/test-services.sh start") so the variables reach `dotnet test`; stop with
# "test_services_stop" (test.sh does this on exit). Needs the redis-server and postgresql Debian
# packages (tests/install-test-deps.sh installs them).
set -euo pipefail

test_services_free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

test_services_start() {
  TEST_SERVICES_DIR="$(mktemp -d)"
  chmod 755 "$TEST_SERVICES_DIR"

  local redis_port
  redis_port="$(test_services_free_port)"
  redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no \
    --dir "$TEST_SERVICES_DIR" --pidfile "$TEST_SERVICES_DIR/redis.pid" \
    --logfile "$TEST_SERVICES_DIR/redis.log" --daemonize yes
  export ASSISTANT_TEST_REDIS="127.0.0.1:$redis_port"

  # PostgreSQL refuses to run as root: run it as the postgres user the Debian package creates.
  local pg_bin pg_port run_as=()
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  pg_port="$(test_services_free_port)"
  if [ "$(id -u)" -eq 0 ]; then run_as=(runuser -u postgres --); fi
  install -d -m 700 "$TEST_SERVICES_DIR/pg"
  [ "$(id -u)" -ne 0 ] || chown postgres "$TEST_SERVICES_DIR/pg"
  "${run_as[@]}" "$pg_bin/initdb" -D "$TEST_SERVICES_DIR/pg" -A trust -U assistant --no-sync -E UTF8 >/dev/null
  "${run_as[@]}" "$pg_bin/pg_ctl" -D "$TEST_SERVICES_DIR/pg" -l "$TEST_SERVICES_DIR/pg/server.log" -w \
    -o "-p $pg_port -c listen_addresses=127.0.0.1 -k $TEST_SERVICES_DIR/pg -c fsync=off" start >/dev/null
  export ASSISTANT_TEST_POSTGRES="Host=127.0.0.1;Port=$pg_port;Username=assistant;Database=postgres"
  TEST_SERVICES_PG_BIN="$pg_bin"
  TEST_SERVICES_RUN_AS=("${run_as[@]}")
  echo "test-services: redis on $ASSISTANT_TEST_REDIS, postgresql on port $pg_port"
}

test_services_stop() {
  [ -n "${TEST_SERVICES_DIR:-}" ] || return 0
  if [ -f "$TEST_SERVICES_DIR/redis.pid" ]; then kill "$(cat "$TEST_SERVICES_DIR/redis.pid")" 2>/dev/null || true; fi
  "${TEST_SERVICES_RUN_AS[@]}" "$TEST_SERVICES_PG_BIN/pg_ctl" -D "$TEST_SERVICES_DIR/pg" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$TEST_SERVICES_DIR"
}

if [ "${1:-}" = "start" ]; then test_services_start; fi
