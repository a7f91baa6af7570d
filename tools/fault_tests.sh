#!/usr/bin/env bash
# Fault tests (tests/faults): real worker processes killed with SIGKILL, a Redis of their own
# stopped and started again, on PostgreSQL. `make test` skips them; CI runs this script.
#
# Starts PostgreSQL if it is not running, gives the run a scratch folder and a queue of its own,
# and cleans up whatever happens (trap): the worker process groups and the Redis (port
# FAULTS_REDIS_PORT, 6390 by default) that the tests started. The shared Redis on 6379 is never
# touched. Extra arguments go to pytest; FAULTS_KEEP=1 keeps the scratch folder (worker logs).
set -euo pipefail
cd "$(dirname "$0")/.."

port="${FAULTS_REDIS_PORT:-6390}"
if [ "$port" = 6379 ]; then
  echo "fault_tests.sh: FAULTS_REDIS_PORT must not be the shared Redis's port (6379)" >&2
  exit 2
fi
for tool in redis-server redis-cli pg_isready; do
  command -v "$tool" >/dev/null || { echo "fault_tests.sh: $tool is missing" >&2; exit 2; }
done

if ! pg_isready -h 127.0.0.1 -p 5432 -q; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
  for _ in $(seq 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
fi

FAULTS_DIR="$(mktemp -d -t gtr-faults.XXXXXX)"
export FAULTS_DIR

cleanup() {
  local status=$?
  # Only what this run started, by process id: worker process groups, then its Redis.
  for pidfile in "$FAULTS_DIR"/workers/*.pid; do
    [ -e "$pidfile" ] && kill -KILL -- "-$(cat "$pidfile")" 2>/dev/null || true
  done
  for pidfile in "$FAULTS_DIR"/redis/*.pid; do
    [ -e "$pidfile" ] && kill -KILL "$(cat "$pidfile")" 2>/dev/null || true
  done
  if [ "$status" -ne 0 ] && [ -d "$FAULTS_DIR/workers" ]; then
    echo "== Worker logs (last lines)"
    tail -n 40 "$FAULTS_DIR"/workers/*.log 2>/dev/null || true
  fi
  if [ -n "${FAULTS_KEEP:-}" ]; then
    echo "Scratch folder kept (FAULTS_KEEP): $FAULTS_DIR"
  else
    rm -rf "$FAULTS_DIR"
  fi
  exit "$status"
}
trap cleanup EXIT INT TERM

export FAULT_TESTS=1
export DJANGO_SETTINGS_MODULE=tests.faults.settings
export DATABASE_URL=postgres://postgres@127.0.0.1:5432/gtr_faults
export REDIS_URL="redis://127.0.0.1:${port}/0"
export FAULTS_QUEUE="gtr-faults-$$"

started=$(date +%s)
.venv/bin/pytest -m faults tests/faults --create-db -p no:cacheprovider "$@"
echo "Fault tests took $(($(date +%s) - started)) s."
