#!/usr/bin/env bash
# Builds the reference-mock image `dutyclaims/reference-mock:<package version>` and `:local`
# (`npm run mock:image`). Stages a small context: a trimmed package.json, dist/harness compiled
# fresh by tsc (JavaScript only) with the mock's entry bundled as the package's build bundles it
# (scripts/bundle-mock-entry.mjs), fixtures/contract and the production dependencies.
#
# Settings (environment):
#   DUTYCLAIMS_BASE_IMAGE  base with node on PATH, e.g. node:20-bookworm-slim. Unset: build and use
#                          dutyclaims/node-base:local from this machine's node (no pull needed).
#   DUTYCLAIMS_MOCK_IMAGE  image name without tag (default dutyclaims/reference-mock)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
image="${DUTYCLAIMS_MOCK_IMAGE:-dutyclaims/reference-mock}"
version="$(node -p "require('./package.json').version")"
entry=dist/harness/reference-mock/main.cjs

if [[ -n "${DUTYCLAIMS_BASE_IMAGE:-}" ]]; then
  base="$DUTYCLAIMS_BASE_IMAGE"
else
  base="${DUTYCLAIMS_NODE_BASE_IMAGE:-dutyclaims/node-base:local}"
  DUTYCLAIMS_NODE_BASE_IMAGE="$base" bash docker/build-local-base.sh
fi

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT

# Compiles straight into the context (JavaScript only) instead of rebuilding the shared dist/: always
# fresh, and never races with tests that read dist/. Type errors are `npm run typecheck`'s job; here
# they are reported and the emitted JavaScript is used.
echo "build-image: compiling harness/ with tsc"
if ! node_modules/.bin/tsc -p tsconfig.build.json --outDir "$stage/build" \
  --declaration false --declarationMap false --sourceMap false --inlineSources false; then
  echo "build-image: warning: tsc reported type errors (above); run npm run typecheck before shipping this image." >&2
fi
[[ -f "$stage/build/harness/reference-mock/main.js" ]] ||
  { echo "build-image: tsc emitted no dist/harness/reference-mock/main.js; fix the build errors above." >&2; exit 1; }

# package.json: only what Node and the package-root lookup need (name, type, version, dependencies).
node -e '
  const p = require("./package.json");
  const keep = { name: p.name, version: p.version, type: p.type, license: p.license, engines: p.engines, dependencies: p.dependencies };
  require("fs").writeFileSync(process.argv[1], JSON.stringify(keep, null, 2) + "\n");
' "$stage/package.json"

mkdir -p "$stage/dist" "$stage/fixtures" "$stage/node_modules"
# Only harness/ runs in the container; suites/ is for partners' vitest runs.
mv "$stage/build/harness" "$stage/dist/harness"
# harness/container drives Docker from the test process (it needs testcontainers): never used inside.
rm -rf "$stage/dist/harness/container"
rm -rf "$stage/build"
cp -R fixtures/contract "$stage/fixtures/contract"

# Production dependencies as npm resolved them (no registry access: copied from node_modules).
while read -r dir; do
  [[ "$dir" == "$root" ]] && continue
  rel="${dir#"$root"/}"
  mkdir -p "$stage/$(dirname "$rel")"
  cp -R "$dir" "$stage/$rel"
done < <(npm ls --omit=dev --all --parseable 2>/dev/null)
find "$stage/node_modules" -type f \( -name '*.d.ts' -o -name '*.d.cts' -o -name '*.d.mts' -o -name '*.map' -o -name '*.md' \) -delete

# The entry the image runs: one CommonJS bundle (zod from the staged node_modules inlined) and its
# loaders, with a code cache from this machine's node (V8 rejects it under another, and compiles as usual).
echo "build-image: bundling the mock's entry"
node scripts/bundle-mock-entry.mjs "$stage/dist/harness"
[[ -f "$stage/$entry" ]] || { echo "build-image: bundling wrote no $entry." >&2; exit 1; }

# Builder output only on failure (the legacy builder also warns about itself on every build).
if ! output="$(docker build --quiet \
  --file docker/Dockerfile \
  --build-arg "BASE_IMAGE=$base" \
  --build-arg "VERSION=$version" \
  --tag "$image:$version" --tag "$image:local" \
  "$stage" 2>&1)"; then
  echo "$output" >&2
  echo "build-image: docker build failed (output above)." >&2
  exit 1
fi
# Drops the untagged images earlier builds of this one left behind (only dangling ones).
docker image prune --force --filter "label=org.opencontainers.image.title=dutyclaims-reference-mock" >/dev/null || true
size="$(docker image inspect --format '{{.Size}}' "$image:local" | awk '{ printf "%.0f MB", $1 / 1e6 }')"
echo "build-image: built $image:$version and $image:local from $base ($size, context $(du -sh "$stage" | cut -f1))."
