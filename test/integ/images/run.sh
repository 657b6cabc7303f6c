#!/usr/bin/env bash
# Builds every runtime's generated image on local stand-ins of the registry images and runs it
# hardened with podman (issue 3). Needs root; installs podman, runc and skopeo when missing.
#
# Usage: bash test/integ/images/run.sh [--clean] [CASE...]      (npm run test:images)
#   CASE      only these cases (standins go go-cgo go-pinned nodejs python java java-jlink cpp rust static-scratch dotnet)
#   --clean   remove the podman storage at the end (the default when CI=true, which also builds
#             everything in a throw-away cache under /var/tmp); the .deb and
#             rootfs caches under $IMAGES_CACHE stay, so a local re-run only re-imports
#   IMAGES_CACHE=DIR  cache folder (default ~/.cache/cdk-distroless/images); IMAGES_KEEP_TEST_IMAGES=1 keeps the app images
#
# Prints TAP from node:test, then `images: N passed, N failed`; exits non-zero on any failure.
set -euo pipefail
# shellcheck source=setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

clean=0
[ "${CI:-}" = true ] && clean=1
cases=()
for arg in "$@"; do
  case $arg in
    --clean) clean=1 ;;
    -h|--help) sed -n '2,12p' "${BASH_SOURCE[0]}"; exit 0 ;;
    -*) die "unknown option $arg" ;;
    *) cases+=("$arg") ;;
  esac
done

started=$SECONDS
# Paths podman writes outside its storage that did not exist before: removed at the end.
created=()
for p in "${IMAGES_HOST_PATHS[@]}"; do [ -e "$p" ] || created+=("$p"); done

images_setup
# podman's temporary files and buildah's cache mounts (--mount=type=cache) go to TMPDIR.
export TMPDIR="$IMAGES_SCRATCH/tmp"
rm -rf "$TMPDIR"/buildah-cache*
mkdir -p "$TMPDIR"

# Keep the last few runs' logs and contexts.
ls -dt "$IMAGES_CACHE"/run.* 2>/dev/null | tail -n +4 | xargs -r rm -rf || true
IMAGES_WORK=$(mktemp -d "$IMAGES_CACHE/run.XXXX")
export IMAGES_WORK

cleanup() {
  local rc=$?
  podman rm -a -f -v -t 0 >/dev/null 2>&1 || true
  if [ $clean = 1 ]; then
    log "removing the podman storage in $IMAGES_SCRATCH"
    podman system reset -f >/dev/null 2>&1 || true
    rm -rf "$IMAGES_SCRATCH"
  fi
  rm -rf "$TMPDIR"/buildah-cache*
  for p in "${created[@]}"; do rm -rf "$p"; done
  if [ "$IMAGES_CACHE_EPHEMERAL" = 1 ]; then
    log "removing the throw-away CI cache $IMAGES_CACHE"
    rm -rf "$IMAGES_CACHE"
  fi
  exit $rc
}
trap cleanup EXIT

if ! bash "$IMAGES_DIR/standins.sh"; then
  echo "images: 0 passed, 1 failed (the stand-in base images could not be built; see above)"
  exit 1
fi
log "stand-ins took $((SECONDS - started)) s; building and running the example apps"

export IMAGES_ONLY
IMAGES_ONLY=$(IFS=,; echo "${cases[*]}")
cd "$REPO_ROOT"
set +e
TS_NODE_PROJECT=test/tsconfig.json TS_NODE_PREFER_TS_EXTS=true \
  node -r ts-node/register --test --test-concurrency=1 --test-reporter=tap "$IMAGES_DIR"/*.test.ts | tee "$IMAGES_WORK/tap.txt"
status=${PIPESTATUS[0]}
set -e

count() { sed -n "s/^# $1 \([0-9]*\)$/\1/p" "$IMAGES_WORK/tap.txt" | tail -1; }
passed=$(count pass); failed=$(count fail); skipped=$(count skipped)
log "logs and build contexts: $IMAGES_WORK; whole run $((SECONDS - started)) s"
echo "images: ${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
if [ "$status" != 0 ] || [ "${failed:-1}" != 0 ] || [ -z "$passed" ]; then
  exit 1
fi
