#!/usr/bin/env bash
# Packaging for two audiences (issue 9): the packed tarball, installed into an empty project with
# only cdk8s + constructs, synthesizes a kubernetes.DistrolessService without aws-cdk-lib; and (when
# lib/ecs exists) one with only aws-cdk-lib + constructs synthesizes an ecs.DistrolessService
# without cdk8s. Packages come from the local npm cache first (--prefer-offline).
#
# Usage: bash test/integ/package/run.sh        (npm run test:package)
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
here="$root/test/integ/package"
work=$(mktemp -d "${TMPDIR:-/tmp}/cdl-package.XXXX")
trap 'rm -rf "$work"' EXIT
cd "$root"

version() { node -p "require('./package.json').devDependencies['$1']"; }

echo "== compile (jsii) and make the framework submodules lazy"
npx jsii --silence-warnings=reserved-word >/dev/null
node projenrc/lazy-submodules.js lib/index.js ecs kubernetes
echo "== npm pack"
tarball="$work/$(npm pack --silent --pack-destination "$work" | tail -1)"
ls -l "$tarball"

# project NAME PACKAGES... : an empty project with the tarball and only the named packages.
project() {
  local dir="$work/$1"; shift
  mkdir -p "$dir"
  (cd "$dir" && npm init -y >/dev/null && npm install --prefer-offline --no-audit --no-fund --loglevel=error "$tarball" "$@" >/dev/null)
  echo "$dir"
}

echo "== Kubernetes-only project: cdk8s + constructs"
dir=$(project k8s "cdk8s@$(version cdk8s)" "constructs@$(version constructs)")
cp "$here/k8s-app.js" "$dir/"
(cd "$dir" && node k8s-app.js)

if [ -d "$root/lib/ecs" ]; then
  echo "== ECS-only project: aws-cdk-lib + constructs"
  dir=$(project ecs "aws-cdk-lib@$(version aws-cdk-lib)" "constructs@$(version constructs)")
  cp "$here/ecs-app.js" "$dir/"
  (cd "$dir" && node ecs-app.js)
else
  echo "== no lib/ecs yet: ECS-only project skipped"
fi
echo "package: ok"
