#!/usr/bin/env bash
# Stops the Docker engine that start-engine.sh started, by the PID in its PID file: first removes
# any container labelled org.testcontainers=true (ryuk cannot run here, so nothing else reaps them),
# then sends SIGTERM and waits, then SIGKILL. An engine this script did not start is left running.
#
# Settings (environment): DUTYCLAIMS_DOCKER_DIR as in start-engine.sh.
set -euo pipefail

state_dir="${DUTYCLAIMS_DOCKER_DIR:-/tmp/dutyclaims-docker}"
socket=/var/run/docker.sock
pid_file="$state_dir/dockerd.pid"

if [[ ! -s "$pid_file" ]]; then
  echo "stop-engine: no PID file at $pid_file; nothing to stop."
  exit 0
fi
pid="$(cat "$pid_file")"
if ! kill -0 "$pid" 2>/dev/null; then
  echo "stop-engine: dockerd (PID $pid) is not running; removing the stale PID file."
  rm -f "$pid_file"
  exit 0
fi

leftovers="$(docker -H "unix://$socket" ps -aq --filter label=org.testcontainers=true 2>/dev/null || true)"
if [[ -n "$leftovers" ]]; then
  echo "stop-engine: removing leftover testcontainers containers: $(echo "$leftovers" | tr '\n' ' ')"
  # shellcheck disable=SC2086 # one id per word
  docker -H "unix://$socket" rm -f $leftovers >/dev/null || echo "stop-engine: could not remove some containers" >&2
fi

kill -TERM "$pid"
for _ in $(seq 1 75); do
  kill -0 "$pid" 2>/dev/null || break
  sleep 0.2
done
if kill -0 "$pid" 2>/dev/null; then
  echo "stop-engine: dockerd (PID $pid) ignored SIGTERM for 15s; sending SIGKILL." >&2
  kill -KILL "$pid" 2>/dev/null || true
fi
rm -f "$pid_file"
# dockerd leaves its default network-namespace bind mount behind; release it (and any other mount
# under the state directory) so the directory can be removed.
awk -v dir="$state_dir/" 'index($2, dir) == 1 { print $2 }' /proc/mounts 2>/dev/null | sort -r |
  while read -r mount_point; do umount "$mount_point" 2>/dev/null || umount -l "$mount_point" 2>/dev/null || true; done
echo "stop-engine: dockerd (PID $pid) stopped."
