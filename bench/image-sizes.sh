#!/usr/bin/env bash
# Per runtime: final image size, the same app built single-stage on its builder image, the ratio,
# cold build time and rebuild time after a source-only change, as one table.
# Needs root (rootful podman); builds the local stand-ins of the base images first.
#
# Usage: bash bench/image-sizes.sh [CASE...]        (npm run bench:image-sizes)
set -euo pipefail
# shellcheck source=../test/integ/images/setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/../test/integ/images/setup.sh"

started=$SECONDS
created=()
for p in "${IMAGES_HOST_PATHS[@]}"; do [ -e "$p" ] || created+=("$p"); done
images_setup
export TMPDIR="$IMAGES_SCRATCH/tmp"
mkdir -p "$TMPDIR"
IMAGES_WORK=$(mktemp -d "$IMAGES_CACHE/bench.XXXX")
export IMAGES_WORK
IMAGES_ONLY=$(IFS=,; echo "$*")
export IMAGES_ONLY

cleanup() {
  local rc=$?
  podman rm -a -f -v -t 0 >/dev/null 2>&1 || true
  if [ "${CI:-}" = true ]; then podman system reset -f >/dev/null 2>&1 || true; rm -rf "$IMAGES_SCRATCH"; fi
  rm -rf "$TMPDIR"/buildah-cache*
  for p in "${created[@]}"; do rm -rf "$p"; done
  exit $rc
}
trap cleanup EXIT

bash "$IMAGES_DIR/standins.sh"
cd "$REPO_ROOT"
TS_NODE_PROJECT=bench/tsconfig.json TS_NODE_PREFER_TS_EXTS=true node -r ts-node/register bench/image-sizes.ts
log "bench took $((SECONDS - started)) s; logs in $IMAGES_WORK"
