#!/usr/bin/env bash
# Builds local stand-ins of the registry images our generated Dockerfiles name, from Debian 13 (trixie)
# packages alone, and tags them with the upstream names so the Dockerfiles build unchanged with
# `--pull=never --network none`. No registry is ever contacted.
#
# Usage: bash test/integ/images/standins.sh [--list] [ID...]   (no ID: every stand-in)
#
# How: one private apt configuration (trixie sources list, its own dpkg status) resolves each recipe's
# packages; the .debs are downloaded once into a shared cache; each rootfs is `dpkg-deb -x`-style
# extracted with no maintainer scripts (as distroless does), fixed up, tarred and cached under
# $IMAGES_CACHE/rootfs keyed by a hash of this script and the resolved package versions; then
# `podman import`ed with the upstream image config (USER, ENTRYPOINT, ENV, WORKDIR).
set -euo pipefail
# shellcheck source=setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

SUITE=trixie
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
ARCH=amd64
NONROOT=65532

# Packages a final (runtime) stand-in must never contain: shells, package managers, interpreters of
# shell scripts and the coreutils a shell would use. They are marked installed in the final images'
# private dpkg status, so apt never pulls them in as dependencies; extraction asserts they are absent.
FINAL_DENY="dash bash busybox busybox-static perl-base perl debconf dpkg apt coreutils sed grep findutils
  util-linux debianutils mawk gawk openssl ca-certificates ca-certificates-java sensible-utils libc-bin
  tar gzip diffutils login passwd adduser init-system-helpers"
# What every builder stand-in has besides its toolchain: a POSIX shell and the usual tools RUN steps use.
BUILDER_BASE="base-files base-passwd dash bash coreutils findutils grep sed mawk tar gzip diffutils
  debianutils libc-bin ca-certificates netbase tzdata"

# ---------------------------------------------------------------------------------------------------
# The list: one recipe per stand-in. Each sets
#   REFS      upstream references to tag (first one is the import name)
#   KIND      final | builder
#   PKGS      root packages (dependencies are resolved by apt unless EXACT=1)
#   CONFIG    podman import --change lines (image config as upstream publishes it)
#   NONROOT_REFS  final images only: references that get USER 65532 (upstream's `nonroot` tags)
#   fixup     optional function run on the extracted rootfs ($1)
# ---------------------------------------------------------------------------------------------------
# Longest builds first, so the parallel jobs finish together.
STANDINS=(node rust golang jdk gcc java21 python nodejs python3 cc base java-base static alpine)

distroless() { # name -> REFS/NONROOT_REFS for gcr.io/distroless/<name>-debian13
  REFS=("gcr.io/distroless/$1-debian13:latest")
  NONROOT_REFS=("gcr.io/distroless/$1-debian13:nonroot")
}

# Final images, as Google's distroless publishes them (latest: root; nonroot: 65532).
recipe_static() {
  distroless static; KIND=final; EXACT=1
  PKGS="base-files netbase tzdata"
}
recipe_base() {
  distroless base; KIND=final
  PKGS="base-files netbase tzdata libc6 libssl3t64"
}
recipe_cc() {
  distroless cc; KIND=final
  PKGS="base-files netbase tzdata libc6 libssl3t64 libgcc-s1 libstdc++6 libgomp1"
}
recipe_java-base() {
  distroless java-base; KIND=final
  PKGS="base-files netbase tzdata libc6 libssl3t64 libgcc-s1 libstdc++6 zlib1g"
}
recipe_python3() {
  distroless python3; KIND=final
  PKGS="base-files netbase tzdata libc6 libssl3t64 libgcc-s1 libstdc++6 python3.13"
  CONFIG=('ENTRYPOINT ["/usr/bin/python3.13"]')
  fixup() { ln -sf python3.13 "$1/usr/bin/python3"; }
}
recipe_nodejs() {
  # Upstream's default is Node.js 24; trixie ships Node.js 20, which the stand-in carries under that name.
  REFS=("gcr.io/distroless/nodejs24-debian13:latest" "gcr.io/distroless/nodejs22-debian13:latest")
  NONROOT_REFS=("gcr.io/distroless/nodejs24-debian13:nonroot" "gcr.io/distroless/nodejs22-debian13:nonroot")
  KIND=final
  PKGS="base-files netbase tzdata libc6 libssl3t64 libgcc-s1 libstdc++6 nodejs"
  CONFIG=('ENTRYPOINT ["/nodejs/bin/node"]')
  fixup() { mkdir -p "$1/nodejs/bin"; mv "$1/usr/bin/node" "$1/nodejs/bin/node"; ln -s ../../nodejs/bin/node "$1/usr/bin/node"; }
}
recipe_java21() {
  distroless java21; KIND=final
  PKGS="base-files netbase tzdata libc6 libssl3t64 libgcc-s1 libstdc++6 zlib1g openjdk-21-jre-headless"
  CONFIG=('ENTRYPOINT ["/usr/bin/java", "-jar"]')
  fixup() { java_links "$1" java keytool; java_truststore "$1"; }
}

# Build images, as the official images name them (root, a shell, the toolchain on PATH).
recipe_golang() {
  REFS=("docker.io/library/golang:1.25-trixie")
  KIND=builder
  PKGS="$BUILDER_BASE golang-go gcc libc6-dev make pkgconf"
  CONFIG=('ENV GOPATH=/go' 'ENV GOTOOLCHAIN=local'
    'ENV PATH=/go/bin:/usr/local/go/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
    'WORKDIR /go')
  fixup() { mkdir -p "$1/go/bin" "$1/usr/local"; ln -s ../lib/go-1.24 "$1/usr/local/go"; ln -sf gcc "$1/usr/bin/cc"; }
}
recipe_node() {
  REFS=("docker.io/library/node:24-trixie-slim")
  KIND=builder
  PKGS="$BUILDER_BASE nodejs npm"
  CONFIG=('CMD ["node"]')
}
recipe_python() {
  REFS=("docker.io/library/python:3.13-slim-trixie")
  KIND=builder
  PKGS="$BUILDER_BASE python3.13 python3.13-venv python3-pip"
  CONFIG=('ENV PATH=/usr/local/bin:/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin' 'CMD ["python3"]')
  fixup() {
    # The official image's Python lives in /usr/local/bin and is not "externally managed".
    mkdir -p "$1/usr/local/bin"
    local n; for n in python3 python python3.13; do ln -s /usr/bin/python3.13 "$1/usr/local/bin/$n"; done
    ln -s /usr/bin/pip3 "$1/usr/local/bin/pip"
    rm -f "$1"/usr/lib/python3.13/EXTERNALLY-MANAGED
  }
}
recipe_gcc() {
  REFS=("docker.io/library/gcc:14")
  KIND=builder
  PKGS="$BUILDER_BASE gcc g++ make libc6-dev binutils"
  CONFIG=('CMD ["bash"]')
  fixup() { ln -sf gcc "$1/usr/bin/cc"; ln -sf g++ "$1/usr/bin/c++"; }
}
recipe_rust() {
  REFS=("docker.io/library/rust:1.91-trixie")
  KIND=builder
  PKGS="$BUILDER_BASE rustc cargo gcc libc6-dev"
  CONFIG=('ENV CARGO_HOME=/usr/local/cargo' 'ENV RUSTUP_HOME=/usr/local/rustup'
    'ENV PATH=/usr/local/cargo/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin')
  fixup() { mkdir -p "$1/usr/local/cargo/bin" "$1/usr/local/rustup"; ln -sf gcc "$1/usr/bin/cc"; }
}
recipe_jdk() {
  # The JDK the generator names for javac builds and jlink (Debian's JDK ships the jmods jlink needs).
  REFS=("docker.io/library/amazoncorretto:21-al2023-jdk")
  KIND=builder
  PKGS="$BUILDER_BASE openjdk-21-jdk-headless"
  CONFIG=('ENV JAVA_HOME=/usr/lib/jvm/java-21-openjdk-amd64' 'CMD ["jshell"]')
  fixup() { java_links "$1" java javac jar jlink jdeps jshell keytool; java_truststore "$1"; }
}
recipe_alpine() {
  # An Alpine-like helper (BusyBox sh and applets, CA bundle, no apk): the generator's default shell
  # image for the stage that prepares /etc/passwd, certificates and /tmp for scratch.
  REFS=("docker.io/library/alpine:3.22")
  KIND=builder; EXACT=1
  PKGS="base-files busybox-static netbase"
  CONFIG=('CMD ["/bin/sh"]')
  fixup() {
    local applet
    for applet in $("$1/usr/bin/busybox" --list); do
      [ -e "$1/usr/bin/$applet" ] || ln -s busybox "$1/usr/bin/$applet"
    done
  }
}

# ---- fixup helpers ----

# The JVM trust store, which ca-certificates-java writes in a maintainer script: built with the
# image's own JVM (chroot, source-file mode) from the PEM bundle.
java_truststore() {
  local root=$1
  mkdir -p "$root/etc/ssl/certs/java"
  cp "$IMAGES_DIR/standin-files/TrustStore.java" "$root/tmp/TrustStore.java"
  # No /proc in the chroot, so the loader cannot expand $ORIGIN: name the JVM's library folders.
  local jvm=/usr/lib/jvm/java-21-openjdk-amd64
  LD_LIBRARY_PATH="$jvm/lib:$jvm/lib/server" chroot "$root" "$jvm/bin/java" -XX:-UsePerfData -XX:TieredStopAtLevel=1 \
    /tmp/TrustStore.java /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/java/cacerts >/dev/null \
    || die "could not write the Java trust store in $root"
  rm -f "$root/tmp/TrustStore.java"
}

# Debian creates /usr/bin/java & co. with update-alternatives in maintainer scripts, which we do not run.
java_links() {
  local root=$1; shift
  local home=/usr/lib/jvm/java-21-openjdk-amd64 tool
  for tool in "$@"; do
    [ -e "$root$home/bin/$tool" ] && ln -sf "$home/bin/$tool" "$root/usr/bin/$tool"
  done
}

# ---------------------------------------------------------------------------------------------------
# Machinery
# ---------------------------------------------------------------------------------------------------
APT_ROOT="$IMAGES_CACHE/apt"
DEBS="$IMAGES_CACHE/debs"
ROOTFS_CACHE="$IMAGES_CACHE/rootfs"
WORK=
JOBS=${IMAGES_JOBS:-$(nproc)}

apt_setup() {
  mkdir -p "$APT_ROOT"/{etc/apt/apt.conf.d,etc/apt/preferences.d,etc/apt/sources.list.d,lists/partial,cache,state} "$DEBS/partial"
  cat >"$APT_ROOT/etc/apt/sources.list" <<EOT
deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $MIRROR $SUITE main
EOT
  cat >"$APT_ROOT/apt.conf" <<EOT
Dir::Etc "$APT_ROOT/etc/apt/";
Dir::Etc::Parts "$APT_ROOT/etc/apt/apt.conf.d/";
Dir::Etc::Preferences "$APT_ROOT/etc/apt/preferences";
Dir::Etc::PreferencesParts "$APT_ROOT/etc/apt/preferences.d/";
Dir::State "$APT_ROOT/state/";
Dir::State::Lists "$APT_ROOT/lists/";
Dir::State::status "$APT_ROOT/status.empty";
Dir::Cache "$APT_ROOT/cache/";
Dir::Cache::archives "$DEBS/";
APT::Architecture "$ARCH";
APT::Architectures { "$ARCH"; };
APT::Install-Recommends "false";
APT::Install-Suggests "false";
APT::Sandbox::User "root";
Acquire::Languages "none";
Acquire::Retries "3";
EOT
  export APT_CONFIG="$APT_ROOT/apt.conf"
  : >"$APT_ROOT/status.empty"
  # Refresh the package lists at most once a day locally; CI starts from an empty cache anyway.
  if [ -z "$(find "$APT_ROOT/lists" -maxdepth 1 -name '*_Packages*' -mmin -1440 2>/dev/null)" ]; then
    log "apt-get update ($SUITE from $MIRROR)"
    if ! apt-get update -qq >/dev/null; then
      # Older lists still resolve to .debs and rootfs tarballs that are probably cached.
      [ -n "$(find "$APT_ROOT/lists" -maxdepth 1 -name '*_Packages*' 2>/dev/null)" ] \
        || die "apt-get update of $SUITE from $MIRROR failed and no package lists are cached"
      log "apt-get update failed: using the cached package lists"
    fi
  fi
  # Final images: the denied packages are "installed" (under a version no archive has, so apt does not
  # merge them with the archive's and re-check their dependencies), hence never pulled in.
  # shellcheck disable=SC2086
  apt-cache show --no-all-versions $FINAL_DENY 2>/dev/null \
    | grep -E '^(Package|Architecture|Multi-Arch|Provides):|^$' \
    | sed '/^Package:/a Status: install ok installed\nVersion: 999:0-denied' >"$APT_ROOT/status.final"
}

load_recipe() {
  unset -f fixup 2>/dev/null || true
  REFS=(); NONROOT_REFS=(); CONFIG=(); EXACT=0; KIND=; PKGS=
  declare -F "recipe_$1" >/dev/null || die "no stand-in recipe \"$1\"; known: ${STANDINS[*]}"
  "recipe_$1"
}

# Prints "name=version" lines for the loaded recipe's packages.
resolve() {
  local id=$1 status
  if [ "$EXACT" = 1 ]; then
    # shellcheck disable=SC2086
    apt-cache show --no-all-versions $PKGS | awk '/^Package:/{p=$2} /^Version:/{print p"="$2}' | sort
    return
  fi
  status="$APT_ROOT/status.empty"; [ "$KIND" = final ] && status="$APT_ROOT/status.final"
  local out
  # shellcheck disable=SC2086
  out=$(apt-get -o Dir::State::status="$status" install -s -qq $PKGS 2>&1) \
    || die "cannot resolve the packages of stand-in $id ($PKGS): $out"
  awk '/^Inst /{v=$3; if (v ~ /^\[/) v=$4; gsub(/[()]/,"",v); print $2"="v}' <<<"$out" | sort
}
resolve_one() { apt-cache show --no-all-versions "$1" | awk -v n="$1" '/^Version:/{print n"="$2; exit}'; }

# What a rootfs depends on: its recipe, the code that builds it and the exact package versions
# (editing another recipe, or the import step, does not invalidate it).
recipe_hash() { # id pkgsfile
  {
    declare -f "recipe_$1" distroless java_links java_truststore build_rootfs write_users write_ca_bundle assert_final_clean
    echo "$FINAL_DENY $BUILDER_BASE $NONROOT"
    cat "$IMAGES_DIR/standin-files/"* "$WORK/ca.pkgs" "$2"
  } | sha256sum | cut -c1-16
}

# Records every name=version of the given files with its control stanza ($WORK/stanzas) and its
# file in the shared cache ($WORK/index; apt-get download's naming: the epoch colon becomes %3a),
# then downloads the files not cached yet, all in one apt-get call.
download() {
  local want=()
  mapfile -t want < <(sort -u "$@")
  [ ${#want[@]} -eq 0 ] && return 0
  apt-cache show "${want[@]}" >"$WORK/stanzas" 2>/dev/null || die "apt-cache show failed for the stand-in packages"
  awk -v d="$DEBS" '/^Package:/{p=$2} /^Version:/{v=$2} /^Architecture:/{a=$2}
    /^$/{if (p) {f=v; sub(/:/,"%3a",f); print p"="v, d"/"p"_"f"_"a".deb"}; p=""}' "$WORK/stanzas" | sort -u >"$WORK/index"
  local missing=() pv path
  while read -r pv path; do
    [ -f "$path" ] || missing+=("$pv")
  done <"$WORK/index"
  [ ${#missing[@]} -eq 0 ] && return 0
  log "downloading ${#missing[@]} packages"
  (cd "$DEBS" && apt-get download -qq "${missing[@]}" >/dev/null) || die "apt-get download failed"
}

deb_files() { # pkgsfile -> paths in the cache, in the file's order
  awk 'NR == FNR {path[$1] = $2; next} {if (!($1 in path)) {print "MISSING " $1; exit 1} print path[$1]}' "$WORK/index" "$1"
}

write_users() { # root kind
  local root=$1 kind=$2
  mkdir -p "$root/etc" "$root/root" "$root/tmp" "$root/home"
  if [ "$kind" = final ]; then
    cat >"$root/etc/passwd" <<EOT
root:x:0:0:root:/root:/sbin/nologin
nobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin
nonroot:x:$NONROOT:$NONROOT:nonroot:/home/nonroot:/sbin/nologin
EOT
    cat >"$root/etc/group" <<EOT
root:x:0:
tty:x:5:
staff:x:50:
nogroup:x:65534:
nonroot:x:$NONROOT:
EOT
    mkdir -p "$root/home/nonroot"
    chown "$NONROOT:$NONROOT" "$root/home/nonroot"; chmod 0700 "$root/home/nonroot"
  elif [ -f "$root/usr/share/base-passwd/passwd.master" ]; then
    # Official images are Debian: base-passwd's master files, which its maintainer script would copy.
    cp "$root/usr/share/base-passwd/passwd.master" "$root/etc/passwd"
    cp "$root/usr/share/base-passwd/group.master" "$root/etc/group"
  else
    printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/sbin/nologin\n' >"$root/etc/passwd"
    printf 'root:x:0:\nnogroup:x:65534:\n' >"$root/etc/group"
  fi
  printf 'passwd: files\ngroup: files\nshadow: files\nhosts: files dns\nnetworks: files\nprotocols: files\nservices: files\n' >"$root/etc/nsswitch.conf"
  chmod 0700 "$root/root"; chmod 1777 "$root/tmp"
}

# Distroless builds /etc/ssl/certs/ca-certificates.crt from Mozilla's certificates; so do we.
write_ca_bundle() { # root
  local root=$1 tmp
  tmp=$(mktemp -d)
  dpkg-deb -x "$(deb_files "$WORK/ca.pkgs")" "$tmp"
  mkdir -p "$root/etc/ssl/certs"
  find "$tmp/usr/share/ca-certificates/mozilla" -name '*.crt' | LC_ALL=C sort | xargs cat >"$root/etc/ssl/certs/ca-certificates.crt"
  chmod 0644 "$root/etc/ssl/certs/ca-certificates.crt"
  rm -rf "$tmp"
}

assert_final_clean() { # root id
  local root=$1 id=$2 bad=() f
  for f in bin/sh usr/bin/sh bin/bash usr/bin/bash usr/bin/dash usr/bin/busybox bin/busybox usr/bin/dpkg \
    usr/bin/apt usr/bin/apt-get usr/bin/perl usr/bin/env; do
    if [ -e "$root/$f" ] || [ -L "$root/$f" ]; then bad+=("/$f"); fi
  done
  [ ${#bad[@]} -eq 0 ] || die "stand-in $id would ship ${bad[*]}: a final image must have no shell or package manager"
}

# Extracts the recipe's packages into a fresh rootfs (no maintainer scripts, as distroless does),
# applies the fixups and writes the tarball.
build_rootfs() { # id pkgsfile out.tar
  local id=$1 pkgs=$2 out=$3 root
  root=$(mktemp -d "$ROOTFS_CACHE/.build-$id.XXXX")
  chmod 0755 "$root"
  # base-files first: it ships the merged-/usr symlinks (bin -> usr/bin) the others extract through.
  grep '^base-files=' "$pkgs" >"$root.first" || true
  grep -v '^base-files=' "$pkgs" >"$root.rest" || true
  if [ -s "$root.first" ]; then
    dpkg-deb --fsys-tarfile "$(deb_files "$root.first")" | tar -x --keep-directory-symlink -C "$root" -f -
  fi
  # The rest in parallel: Debian packages do not share files, only directories.
  deb_files "$root.rest" | xargs -r -P "$JOBS" -n 16 sh -c \
    'r=$0; for d; do dpkg-deb --fsys-tarfile "$d" | tar -x --keep-directory-symlink -C "$r" -f - || exit 255; done' "$root" \
    || die "extracting the packages of stand-in $id failed"
  # Distroless records each package for scanners (trivy, grype and syft read status.d).
  mkdir -p "$root/var/lib/dpkg/status.d"
  awk -v dir="$root/var/lib/dpkg/status.d" '
    NR == FNR {split($0, nv, "="); want[nv[1] "=" nv[2]] = nv[1]; next}
    /^Package:/ {p = $2} /^Version:/ {v = $2}
    /^$/ {if ((p "=" v) in want) {f = dir "/" p; printf "%sStatus: install ok installed\n", buf > f; close(f)}; buf = ""; p = ""; next}
    /^(Filename|Size|MD5sum|SHA256|SHA1|Description-md5|Tag|Section|Priority):/ {next}
    {buf = buf $0 "\n"}' "$pkgs" "$WORK/stanzas"
  rm -f "$root.first" "$root.rest"
  write_users "$root" "$KIND"
  write_ca_bundle "$root"
  if declare -F fixup >/dev/null; then fixup "$root"; fi
  if [ "$KIND" = final ]; then
    # Documentation is not needed at run time; keep the copyright files, as distroless does.
    rm -rf "$root"/usr/share/{man,info,lintian,bug,menu} "$root/var/cache"
    find "$root/usr/share/doc" -mindepth 2 ! -name copyright ! -type d -delete 2>/dev/null || true
    assert_final_clean "$root" "$id"
  else
    rm -rf "$root"/usr/share/{man,info}
    # base-files' maintainer script makes the /usr/local tree that Debian images have.
    mkdir -p "$root"/usr/local/{bin,etc,games,include,lib,man,sbin,share,src}
  fi
  tar --numeric-owner --sort=name -C "$root" -cf "$out.partial" .
  mv "$out.partial" "$out"
  rm -rf "$root"
}

# Imports the rootfs under the first reference (and with USER 65532 under the nonroot references)
# and tags the rest. Skipped when the image already carries this recipe hash.
import_image() { # id tar hash
  local id=$1 tar=$2 hash=$3 changes=() c ref first
  first=${REFS[0]}
  if [ "$(podman image inspect --format '{{index .Labels "cdk-distroless.standin"}}' "$first" 2>/dev/null)" = "$hash" ]; then
    return 0
  fi
  for c in "${CONFIG[@]}"; do changes+=(--change "$c"); done
  changes+=(--change "LABEL cdk-distroless.standin=$hash" --change "LABEL cdk-distroless.standin.id=$id")
  podman import -q "${changes[@]}" "$tar" "$first" >/dev/null
  for ref in "${REFS[@]:1}"; do podman tag "$first" "$ref"; done
  if [ ${#NONROOT_REFS[@]} -gt 0 ]; then
    # The nonroot tags differ only in the image config: a build that copies nothing is enough.
    local dir
    dir=$(mktemp -d "$WORK/nonroot.XXXX")
    printf 'FROM %s\nUSER %s\nWORKDIR /home/nonroot\n' "$first" "$NONROOT" >"$dir/Containerfile"
    podman build -q --pull=never --network none --layers=false -t "${NONROOT_REFS[0]}" "$dir" >/dev/null
    for ref in "${NONROOT_REFS[@]:1}"; do podman tag "${NONROOT_REFS[0]}" "$ref"; done
  fi
}

standins_main() {
  local ids=() list=0 id
  while [ $# -gt 0 ]; do
    case $1 in
      --list) list=1 ;;
      -*) die "unknown option $1 (usage: standins.sh [--list] [ID...])" ;;
      *) ids+=("$1") ;;
    esac
    shift
  done
  [ ${#ids[@]} -eq 0 ] && ids=("${STANDINS[@]}")
  if [ $list = 1 ]; then
    for id in "${ids[@]}"; do
      load_recipe "$id"
      printf '%-10s %-8s %s\n           packages: %s\n' "$id" "$KIND" "${REFS[*]} ${NONROOT_REFS[*]}" "$(echo $PKGS)"
    done
    return 0
  fi
  images_setup
  mkdir -p "$ROOTFS_CACHE"
  apt_setup
  WORK=$(mktemp -d)
  trap 'rm -rf "$WORK"' EXIT
  declare -A hash
  local todo=() pkgfiles=()
  resolve_one ca-certificates >"$WORK/ca.pkgs"
  # Resolutions only change with the recipe or the archive's package lists: reuse them locally.
  local lists key
  lists=$(cat "$APT_ROOT"/lists/*Release 2>/dev/null | sha256sum | cut -c1-16)
  for id in "${ids[@]}"; do
    load_recipe "$id"
    key=$({ declare -f "recipe_$id" resolve; echo "$FINAL_DENY $BUILDER_BASE $lists"; } | sha256sum | cut -c1-16)
    if [ -f "$ROOTFS_CACHE/$id.$key.pkgs" ]; then
      cp "$ROOTFS_CACHE/$id.$key.pkgs" "$WORK/$id.pkgs"
    else
      resolve "$id" >"$WORK/$id.pkgs"
      rm -f "$ROOTFS_CACHE/$id".*.pkgs
      cp "$WORK/$id.pkgs" "$ROOTFS_CACHE/$id.$key.pkgs"
    fi
    hash[$id]=$(recipe_hash "$id" "$WORK/$id.pkgs")
    if [ ! -f "$ROOTFS_CACHE/$id-${hash[$id]}.tar" ]; then
      todo+=("$id"); pkgfiles+=("$WORK/$id.pkgs")
    fi
  done
  [ ${#todo[@]} -gt 0 ] && download "${pkgfiles[@]}" "$WORK/ca.pkgs"
  # One job per stand-in, $JOBS at a time: build the rootfs when it is not cached, then import it,
  # so imports overlap with the extraction of the next rootfs.
  local running=0 pid ref
  declare -A pids
  for id in "${ids[@]}"; do
    (
      load_recipe "$id"
      tar="$ROOTFS_CACHE/$id-${hash[$id]}.tar"
      if [ ! -f "$tar" ]; then
        t0=$SECONDS
        rm -f "$ROOTFS_CACHE/$id-"*.tar
        build_rootfs "$id" "$WORK/$id.pkgs" "$tar"
        log "stand-in $id: rootfs $(du -m "$tar" | cut -f1) MB, $(wc -l <"$WORK/$id.pkgs") packages, $((SECONDS - t0)) s"
      fi
      import_image "$id" "$tar" "${hash[$id]}"
    ) &
    pids[$id]=$!
    running=$((running + 1))
    if [ $running -ge "$JOBS" ]; then wait -n || true; running=$((running - 1)); fi
  done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  local failed=()
  for id in "${ids[@]}"; do
    load_recipe "$id"
    for ref in "${REFS[@]}" "${NONROOT_REFS[@]}"; do
      [ "$(podman image inspect --format '{{index .Labels "cdk-distroless.standin"}}' "$ref" 2>/dev/null)" = "${hash[$id]}" ] \
        || { failed+=("$ref"); }
    done
  done
  [ ${#failed[@]} -eq 0 ] || die "stand-ins failed to build or import: ${failed[*]} (see above)"
  # Images replaced by a newer recipe are left untagged: remove them.
  podman image prune -f >/dev/null
  log "stand-ins ready: ${ids[*]}"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  standins_main "$@"
fi
