#!/usr/bin/env bash
# Starts a loopback-only Docker engine for the container tests: installs docker.io when dockerd is
# missing, runs dockerd without a bridge network (containers use host networking), waits for the
# socket and writes the PID file that stop-engine.sh uses. Fails loudly when the engine does not come up.
#
# Settings (environment):
#   DUTYCLAIMS_DOCKER_DIR   state directory: data root, exec root, log, PID file (default /tmp/dutyclaims-docker)
#   DUTYCLAIMS_DOCKER_WAIT  seconds to wait for the socket (default 30)
set -euo pipefail

state_dir="${DUTYCLAIMS_DOCKER_DIR:-/tmp/dutyclaims-docker}"
wait_seconds="${DUTYCLAIMS_DOCKER_WAIT:-30}"
socket=/var/run/docker.sock
pid_file="$state_dir/dockerd.pid"
log_file="$state_dir/dockerd.log"

fail() {
  echo "start-engine: $*" >&2
  if [[ -f "$log_file" ]]; then
    echo "start-engine: last lines of $log_file:" >&2
    tail -n 40 "$log_file" >&2 || true
  fi
  exit 1
}

engine_answers() { docker -H "unix://$socket" version --format '{{.Server.Version}}' >/dev/null 2>&1; }

if engine_answers; then
  echo "start-engine: a Docker engine already answers at $socket; leaving it alone (no PID file written)."
  exit 0
fi

if ! command -v dockerd >/dev/null 2>&1; then
  echo "start-engine: dockerd is missing; installing docker.io with apt-get"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq || fail "apt-get update failed: check that Debian's package mirror is reachable."
  apt-get install -y -qq --no-install-recommends docker.io >/dev/null ||
    fail "apt-get install docker.io failed: install a Docker engine by hand and run this script again."
  command -v dockerd >/dev/null 2>&1 || fail "docker.io installed but dockerd is still not on PATH."
fi
command -v docker >/dev/null 2>&1 || fail "the docker client is missing: install docker.io (or docker-ce-cli)."

mkdir -p "$state_dir/data" "$state_dir/exec"
if [[ -f "$pid_file" ]] && kill -0 "$(cat "$pid_file")" 2>/dev/null; then
  fail "dockerd (PID $(cat "$pid_file")) is running but $socket does not answer: run .ci/docker/stop-engine.sh first."
fi
rm -f "$pid_file" "$socket"

# Loopback only: no bridge, no iptables/NAT, no userland proxy. Containers run with --network host.
nohup dockerd \
  --bridge=none --iptables=false --ip6tables=false --ip-masq=false --userland-proxy=false \
  --storage-driver=overlay2 \
  --data-root="$state_dir/data" --exec-root="$state_dir/exec" \
  --host="unix://$socket" --pidfile="$pid_file" \
  >"$log_file" 2>&1 </dev/null &
dockerd_pid=$!
disown "$dockerd_pid" 2>/dev/null || true

deadline=$((SECONDS + wait_seconds))
until engine_answers; do
  kill -0 "$dockerd_pid" 2>/dev/null || fail "dockerd (PID $dockerd_pid) exited during start-up."
  ((SECONDS < deadline)) || fail "dockerd (PID $dockerd_pid) did not answer at $socket within ${wait_seconds}s."
  sleep 0.2
done
# dockerd writes its own PID file; write it ourselves too in case it has not yet.
[[ -s "$pid_file" ]] || echo "$dockerd_pid" >"$pid_file"

echo "start-engine: Docker $(docker -H "unix://$socket" version --format '{{.Server.Version}}') up at $socket (PID $(cat "$pid_file"), log $log_file)"
