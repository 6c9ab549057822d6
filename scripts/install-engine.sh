#!/usr/bin/env bash
# Installs the Pulumi engine a user runs `pulumi up` with into one cached folder and prints that folder
# (the last line). Everything the CLI needs sits beside it, so nothing is looked up on $PATH:
#   pulumi                          the CLI, built from github.com/pulumi/pulumi/pkg/v3 at the @pulumi/pulumi
#                                   version of package.json (the release download is unreachable here)
#   pulumi-language-nodejs          our front for the Node language host (engine/language-host)
#   pulumi-language-nodejs-v3.68.0  the official Node language host, a package of github.com/pulumi/pulumi/sdk/v3
#                                   up to v3.68.0 (its newer module is not served by this Go proxy)
#   pulumi-resource-pulumi-nodejs   the dynamic-provider plugin that ships in @pulumi/pulumi
# Idempotent: builds only what is missing or out of date. Builds are serialized across checkouts.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
# One version for the CLI and the @pulumi/pulumi SDK in package.json.
version=$(node -p "require('$here/package.json').devDependencies['@pulumi/pulumi'].replace(/^[^0-9]*/, '')")
host_version=3.68.0
tools=${PULUMI_DYNAMIC_COMPUTE_TOOLS:-$HOME/.cache/pulumi-dynamic-compute}
dir="$tools/pulumi-v$version-nodejs-v$host_version"
bin="$dir/bin"
mkdir -p "$bin"

log() { echo "[install-engine] $*" >&2; }
export GOTOOLCHAIN=local CGO_ENABLED=0

exec 9>"$tools/.install-engine.lock"
flock 9

# The CLI. A CLI of the same version built by an earlier layout of this script is reused as is.
if [ ! -x "$bin/pulumi" ] || ! "$bin/pulumi" version 2>/dev/null | grep -qx "v$version"; then
  earlier="$tools/pulumi-v$version/bin/pulumi"
  if [ -x "$earlier" ] && "$earlier" version 2>/dev/null | grep -qx "v$version"; then
    log "copying pulumi v$version from $earlier"
    cp "$earlier" "$bin/pulumi.tmp" && mv "$bin/pulumi.tmp" "$bin/pulumi"
  else
    build="$dir/build-cli"
    rm -rf "$build" && mkdir -p "$build"
    log "building pulumi v$version from github.com/pulumi/pulumi/pkg/v3 (first time only; several minutes)"
    start=$(date +%s)
    (
      cd "$build"
      export GOFLAGS=-mod=mod
      go mod init pulumi-engine-build >/dev/null 2>&1
      # pkg/go.mod replaces sdk with ../sdk (dropped in a dependency) and clipboard with a fork: repeat the fork.
      go mod edit -replace github.com/atotto/clipboard=github.com/tgummerer/clipboard@v0.0.0-20241001131231-d02d263e614e
      go get "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@v$version" "github.com/pulumi/pulumi/sdk/v3@v$version" 2>go-get.log ||
        { cat go-get.log >&2; exit 1; }
      got=$(go list -m -f '{{.Version}}' github.com/pulumi/pulumi/pkg/v3 github.com/pulumi/pulumi/sdk/v3 | sort -u)
      [ "$got" = "v$version" ] || { log "version drift: $got"; exit 1; }
      go build -trimpath -tags osusergo,grpcnotrace \
        -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version" \
        -o "$bin/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >&2
    )
    log "built pulumi in $(( $(date +%s) - start ))s"
  fi
fi

# The official Node language host, from its own wrapper module (it needs the v3.68.0 dependency set).
official="$bin/pulumi-language-nodejs-v$host_version"
if [ ! -x "$official" ]; then
  build="$dir/build-nodejs-host"
  rm -rf "$build" && mkdir -p "$build"
  log "building the Node language host from github.com/pulumi/pulumi/sdk/v3@v$host_version (first time only; about a minute)"
  start=$(date +%s)
  (
    cd "$build"
    export GOFLAGS=-mod=mod
    go mod init nodejs-host-build >/dev/null 2>&1
    go get "github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs@v$host_version" 2>go-get.log ||
      { cat go-get.log >&2; exit 1; }
    go build -trimpath -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$host_version" \
      -o "$official.tmp" github.com/pulumi/pulumi/sdk/v3/nodejs/cmd/pulumi-language-nodejs >&2
    mv "$official.tmp" "$official"
  )
  log "built the Node language host in $(( $(date +%s) - start ))s"
fi

# Our front, rebuilt whenever its sources change.
front_src="$here/engine/language-host"
front_sum=$(cd "$front_src" && cat go.mod go.sum ./*.go | sha256sum | cut -d' ' -f1)
if [ ! -x "$bin/pulumi-language-nodejs" ] || [ "$(cat "$dir/language-host.sha256" 2>/dev/null)" != "$front_sum" ]; then
  log "building pulumi-language-nodejs from engine/language-host"
  start=$(date +%s)
  (cd "$front_src" && GOFLAGS=-mod=readonly go build -trimpath -ldflags "-s -w" -o "$bin/pulumi-language-nodejs.tmp" . >&2)
  mv "$bin/pulumi-language-nodejs.tmp" "$bin/pulumi-language-nodejs"
  echo "$front_sum" > "$dir/language-host.sha256"
  log "built pulumi-language-nodejs in $(( $(date +%s) - start ))s"
fi

# The dynamic-provider plugin ships in @pulumi/pulumi; the engine finds bundled plugins next to pulumi.
sdk="$here/node_modules/@pulumi/pulumi"
if [ -f "$sdk/pulumi-resource-pulumi-nodejs" ]; then
  cmp -s "$sdk/pulumi-resource-pulumi-nodejs" "$bin/pulumi-resource-pulumi-nodejs" ||
    install -m 0755 "$sdk/pulumi-resource-pulumi-nodejs" "$bin/pulumi-resource-pulumi-nodejs"
else
  log "note: run npm install first to provide pulumi-resource-pulumi-nodejs"
fi

echo "$bin"
