#!/usr/bin/env bash
# Installs the harness into this partner project from the packed tarball, as a partner would, and
# runs the partner's own vitest config against the embedded reference mock.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
packs="$(mktemp -d)"
trap 'rm -rf "$packs"' EXIT

(cd "$root" && npm pack --silent --pack-destination "$packs" >/dev/null)
tarball="$(ls "$packs"/*.tgz)"
echo "partner project: installing $(basename "$tarball")"
cd "$here"
rm -rf node_modules launch-packet
npm install --no-audit --no-fund --no-save "$tarball" >/dev/null
npm test
test -s launch-packet/launch-packet.json
node -e "const p=require('./launch-packet/launch-packet.json'); if (p.verdict !== 'ready') { console.error('partner project: packet verdict', p.verdict); process.exit(1) } console.log('partner project: packet verdict', p.verdict, '(' + p.summary.pass + ' gates passed)')"
