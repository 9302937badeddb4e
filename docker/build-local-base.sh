#!/usr/bin/env bash
# Builds `dutyclaims/node-base:local`, a FROM-scratch Node image made of this machine's own node
# binary and the shared libraries `ldd` lists, for machines that cannot pull `node:20-bookworm-slim`.
# Idempotent: skips the build when the image exists and was made from the same node binary.
#
# Settings (environment):
#   DUTYCLAIMS_NODE_BASE_IMAGE  tag to build (default dutyclaims/node-base:local)
#   DUTYCLAIMS_NODE_BINARY      node binary to package (default: the `node` on PATH)
set -euo pipefail

image="${DUTYCLAIMS_NODE_BASE_IMAGE:-dutyclaims/node-base:local}"
node_bin="$(readlink -f "${DUTYCLAIMS_NODE_BINARY:-$(command -v node)}")"
[[ -x "$node_bin" ]] || { echo "build-local-base: no node binary at '$node_bin'." >&2; exit 1; }
command -v ldd >/dev/null || { echo "build-local-base: ldd is missing (install libc-bin)." >&2; exit 1; }

# Identifies the binary: version plus content hash, so an upgraded node rebuilds the base.
fingerprint="$("$node_bin" --version)-$(sha256sum "$node_bin" | cut -c1-16)"
existing="$(docker image inspect --format '{{ index .Config.Labels "org.dutyclaims.node-fingerprint" }}' "$image" 2>/dev/null || true)"
if [[ "$existing" == "$fingerprint" ]]; then
  echo "build-local-base: $image is up to date (node $fingerprint)."
  exit 0
fi

stage="$(mktemp -d)"
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/rootfs/usr/bin" "$stage/rootfs/etc" "$stage/rootfs/tmp"
cp -L "$node_bin" "$stage/rootfs/usr/bin/node"

# Every library the dynamic linker resolves (`=> /path`) plus the linker itself (`/lib64/ld-...`),
# copied to the same path inside the image so the binary finds them without an ld.so cache.
while read -r lib; do
  mkdir -p "$stage/rootfs$(dirname "$lib")"
  cp -L "$lib" "$stage/rootfs$lib"
done < <(ldd "$node_bin" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }' | sort -u)

# A non-root `node` user (uid 1000, as in the official Node images) and loopback name resolution.
cat >"$stage/rootfs/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/usr/sbin/nologin
node:x:1000:1000:node:/home/node:/usr/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin
EOF
cat >"$stage/rootfs/etc/group" <<'EOF'
root:x:0:
node:x:1000:
nogroup:x:65534:
EOF
printf '127.0.0.1 localhost\n::1 localhost\n' >"$stage/rootfs/etc/hosts"
printf 'hosts: files dns\n' >"$stage/rootfs/etc/nsswitch.conf"
chmod 1777 "$stage/rootfs/tmp"

cat >"$stage/Dockerfile" <<EOF
FROM scratch
COPY rootfs/ /
ENV PATH=/usr/local/bin:/usr/bin:/bin NODE_VERSION=$("$node_bin" --version | tr -d v)
LABEL org.dutyclaims.node-fingerprint="$fingerprint" \\
      org.opencontainers.image.description="Node from the build machine's own binary (FROM scratch), for offline builds"
CMD ["node"]
EOF

# Builder output only on failure (the legacy builder also warns about itself on every build).
if ! output="$(docker build --quiet --tag "$image" "$stage" 2>&1)"; then
  echo "$output" >&2
  echo "build-local-base: docker build failed (output above)." >&2
  exit 1
fi
echo "build-local-base: built $image from $node_bin (node $fingerprint, $(docker image inspect --format '{{.Size}}' "$image" | awk '{ printf "%.0f MB", $1 / 1e6 }'))."
