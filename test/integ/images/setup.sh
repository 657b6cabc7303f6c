# shellcheck shell=bash
# Sourced by run.sh and bench/image-sizes.sh: makes sure the container tools are there and points
# podman at a private configuration and storage, so nothing touches the host's podman setup.
#
# Environment:
#   IMAGES_CACHE    cache folder (debs, rootfs tarballs, podman storage); default
#                   ${XDG_CACHE_HOME:-~/.cache}/cdk-distroless/images, outside the work tree: GBs of
#                   root filesystems there would be walked by tsc, jest and jsii-docgen
#   IMAGES_SCRATCH  podman configuration and storage; default $IMAGES_CACHE/podman

IMAGES_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$IMAGES_DIR/../../.." && pwd)"
# CI builds every stand-in from scratch in a throw-away cache; local runs keep theirs.
IMAGES_CACHE_EPHEMERAL=0
if [ -z "${IMAGES_CACHE:-}" ] && [ "${CI:-}" = true ]; then
  IMAGES_CACHE=$(mktemp -d /var/tmp/cdk-distroless-images.XXXXXX)
  IMAGES_CACHE_EPHEMERAL=1
fi
IMAGES_CACHE="${IMAGES_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/cdk-distroless/images}"
IMAGES_SCRATCH="${IMAGES_SCRATCH:-$IMAGES_CACHE/podman}"
export IMAGES_DIR REPO_ROOT IMAGES_CACHE IMAGES_SCRATCH IMAGES_CACHE_EPHEMERAL

log() { printf '[images %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { printf '[images] ERROR: %s\n' "$*" >&2; exit 1; }

# Installs podman, runc and skopeo from Debian when one is missing. Only root can do that (and only
# root can run podman with runc and overlay storage as measured in CONTAINERS.md).
images_require_tools() {
  if [ "$(id -u)" != 0 ]; then
    die "building and running real images needs root (rootful podman with runc and overlay storage). Run: sudo bash test/integ/images/run.sh"
  fi
  local missing=()
  local tool
  for tool in podman runc skopeo apt-get dpkg-deb curl nsenter flock docker-registry; do
    command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and no apt-get to install them: this harness needs a Debian or Ubuntu host."
  log "installing podman runc skopeo (missing: ${missing[*]})"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq \
    && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq podman runc skopeo curl util-linux docker-registry >/dev/null \
    || die "apt-get install podman runc skopeo docker-registry failed; install them by hand and run again."
}

# Writes containers.conf, storage.conf and registries.conf into the scratch folder and exports them.
images_configure_podman() {
  mkdir -p "$IMAGES_SCRATCH"/{graph,run,tmp,volumes}
  cat >"$IMAGES_SCRATCH/containers.conf" <<EOF
[containers]
netns = "none"
default_ulimits = ["nofile=4096:4096", "nproc=4096:4096"]
log_driver = "k8s-file"

[engine]
runtime = "runc"
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$IMAGES_SCRATCH/events.log"
tmp_dir = "$IMAGES_SCRATCH/tmp"
volume_path = "$IMAGES_SCRATCH/volumes"
EOF
  cat >"$IMAGES_SCRATCH/storage.conf" <<EOF
[storage]
driver = "overlay"
runroot = "$IMAGES_SCRATCH/run"
graphroot = "$IMAGES_SCRATCH/graph"
EOF
  # Short names (golang:1.25-trixie) resolve to docker.io without prompting; no pull ever happens.
  cat >"$IMAGES_SCRATCH/registries.conf" <<EOF
unqualified-search-registries = ["docker.io"]
short-name-mode = "permissive"
EOF
  export CONTAINERS_CONF="$IMAGES_SCRATCH/containers.conf"
  export CONTAINERS_STORAGE_CONF="$IMAGES_SCRATCH/storage.conf"
  export CONTAINERS_REGISTRIES_CONF="$IMAGES_SCRATCH/registries.conf"
}

# Paths podman and runc write outside the scratch folder; run.sh removes the ones that did not exist before.
IMAGES_HOST_PATHS=(/var/lib/containers /var/lib/containers/cache /run/containers /run/libpod /run/runc)

# One harness run at a time per cache: they share the podman storage and the rootfs cache.
images_lock() {
  [ -n "${IMAGES_LOCKED:-}" ] && return 0
  mkdir -p "$IMAGES_CACHE"
  exec 9>"$IMAGES_CACHE/.lock"
  if ! flock -n 9; then
    log "waiting for another image run using $IMAGES_CACHE"
    flock -w 3600 9 || die "another image run has held $IMAGES_CACHE/.lock for an hour"
  fi
  export IMAGES_LOCKED=1
}

images_setup() {
  images_require_tools
  images_lock
  images_configure_podman
}
