#!/usr/bin/env bash
# Installs the harness into a copy of this partner project from the packed tarball, as a partner
# would, and runs the partner's own vitest config: the launch gates against the embedded reference
# mock, and the partner's consumer pact verified against it. The copy lives outside the repository
# so that nothing resolves from the repository's own node_modules.
#
# PARTNER_PEERS=pinned (default) installs the peer versions this repository is tested with on
# Node 20; PARTNER_PEERS=latest installs the newest vitest, Pact and testcontainers the registry
# serves (what a partner on a current Node gets from `npm i -D`).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
packs="$(mktemp -d)"
project="$(mktemp -d)"
trap 'rm -rf "$packs" "$project"' EXIT
peers="${PARTNER_PEERS:-pinned}"
case "$peers" in
  pinned) peer_specs=("@pact-foundation/pact@16.5.0" "testcontainers@11.14.0") ;;
  latest) peer_specs=("vitest@latest" "@pact-foundation/pact@latest" "testcontainers@latest") ;;
  *) echo "partner project: PARTNER_PEERS must be pinned or latest, got $peers" >&2; exit 2 ;;
esac

# PARTNER_TARBALL: a tarball packed earlier (.ci/node-matrix.sh packs once, on the Node that builds the
# package, and tests that same tarball on every Node, as a published package is). Else pack here.
if [ -n "${PARTNER_TARBALL:-}" ]; then
  tarball="$PARTNER_TARBALL"
else
  (cd "$root" && npm pack --silent --pack-destination "$packs" >/dev/null)
  tarball="$(ls "$packs"/*.tgz)"
fi
echo "partner project: installing $(basename "$tarball") without optional peers"
cp -R "$here/package.json" "$here/vitest.config.ts" "$here/launch" "$here/contract" "$project/"
cd "$project"
npm install --no-audit --no-fund --no-save "$tarball" >/dev/null

# A command whose optional peer is missing says what to install and exits 2 (no stack trace).
set +e
hint="$(npx --no-install dutyclaims-launch verify-provider 2>&1)"
code=$?
set -e
if [ "$code" -ne 2 ] || ! grep -q 'npm i -D @pact-foundation/pact' <<<"$hint"; then
  echo "partner project: verify-provider without Pact exited $code, expected 2 with an install hint:" >&2
  echo "$hint" >&2
  exit 1
fi
echo "partner project: verify-provider without Pact: exit 2 with an install hint"

# The bin's golden-path rehearsal on the embedded mock. Its code cache was written by the Node that
# built the package; on another Node, V8 rejects it and the bundle compiles as usual.
npx --no-install dutyclaims-launch rehearse --out "$project/rehearsal" >/dev/null
test -s "$project/rehearsal/launch-packet.json"
echo "partner project: dutyclaims-launch rehearse on the embedded mock: exit 0"

# CommonJS callers load the ESM build through require(esm).
node -e "const { CONTRACT_PIN } = require('@dutyclaims/launch-harness/contract'); if (!/^[0-9a-f]{16}\$/.test(CONTRACT_PIN.hash)) process.exit(1); console.log('partner project: require() loads the package, contract', CONTRACT_PIN.hash)"

echo "partner project: installing peers ($peers): ${peer_specs[*]}"
# The tarball again: npm removes packages it was not asked for in this install.
npm install --no-audit --no-fund --no-save "$tarball" "${peer_specs[@]}" >/dev/null
for peer in vitest @pact-foundation/pact testcontainers; do
  node -e "const fs = require('fs'); const f = 'node_modules/$peer/package.json'; console.log('partner project: $peer', fs.existsSync(f) ? JSON.parse(fs.readFileSync(f, 'utf8')).version : 'not installed')"
done
# The container entry point loads with whatever testcontainers major is installed.
node --input-type=module -e "const { ReferenceMockContainer } = await import('@dutyclaims/launch-harness/container'); if (typeof ReferenceMockContainer !== 'function') process.exit(1); console.log('partner project: the container entry point loads')"
npm test
test -s launch-packet/launch-packet.json
node -e "const p=require('./launch-packet/launch-packet.json'); if (p.verdict !== 'ready') { console.error('partner project: packet verdict', p.verdict); process.exit(1) } console.log('partner project: packet verdict', p.verdict, '(' + p.summary.pass + ' gates passed)')"
