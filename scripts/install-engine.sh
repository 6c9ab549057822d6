#!/usr/bin/env bash
# Builds the real Pulumi CLI from its Go module (the release download is unreachable here) into a
# cached tools folder, and installs the project's policy-analyzer shim beside it. Idempotent: builds
# only what is missing. The last line printed is the directory holding the binaries.
#
# The Node language host (sdk/nodejs/cmd/pulumi-language-nodejs) is NOT served by this machine's Go
# module proxy (403 "This module version is not available" for every version and commit tried), so
# programs run through the official Automation API language server (`pulumi up --client`), which
# is the same engine path Pulumi uses for inline programs. See README "The engine".
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
# One version for the CLI and the @pulumi/pulumi SDK in package.json.
version=$(node -p "require('$here/package.json').devDependencies['@pulumi/pulumi'].replace(/^[^0-9]*/, '')")
tools=${PULUMI_DYNAMIC_COMPUTE_TOOLS:-$HOME/.cache/pulumi-dynamic-compute}
bin="$tools/pulumi-v$version/bin"
mkdir -p "$bin"

log() { echo "[install-engine] $*" >&2; }

if [ ! -x "$bin/pulumi" ] || ! "$bin/pulumi" version 2>/dev/null | grep -qx "v$version"; then
  build="$tools/pulumi-v$version/build"
  rm -rf "$build" && mkdir -p "$build"
  log "building pulumi v$version from github.com/pulumi/pulumi/pkg/v3 (first time only; several minutes)"
  start=$(date +%s)
  (
    cd "$build"
    export GOFLAGS=-mod=mod GOTOOLCHAIN=local
    go mod init pulumi-engine-build >/dev/null 2>&1
    # pkg/go.mod replaces sdk with ../sdk (dropped in a dependency) and clipboard with a fork: repeat the fork.
    go mod edit -replace github.com/atotto/clipboard=github.com/tgummerer/clipboard@v0.0.0-20241001131231-d02d263e614e
    go get "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi@v$version" "github.com/pulumi/pulumi/sdk/v3@v$version" >&2
    got=$(go list -m -f '{{.Version}}' github.com/pulumi/pulumi/pkg/v3 github.com/pulumi/pulumi/sdk/v3 | sort -u)
    [ "$got" = "v$version" ] || { log "version drift: $got"; exit 1; }
    CGO_ENABLED=0 go build -trimpath -tags osusergo,grpcnotrace \
      -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version" \
      -o "$bin/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi >&2
  )
  log "built pulumi in $(( $(date +%s) - start ))s"
else
  log "pulumi v$version already built (cached)"
fi

# The dynamic-provider plugin ships in @pulumi/pulumi; the engine finds bundled plugins next to pulumi.
sdk="$here/node_modules/@pulumi/pulumi"
if [ -f "$sdk/pulumi-resource-pulumi-nodejs" ]; then
  install -m 0755 "$sdk/pulumi-resource-pulumi-nodejs" "$bin/pulumi-resource-pulumi-nodejs"
else
  log "note: run npm install first to provide pulumi-resource-pulumi-nodejs"
fi
# Without a nodejs language plugin the engine runs Node policy packs through pulumi-analyzer-policy-nodejs.
install -m 0755 "$here/scripts/pulumi-analyzer-policy-nodejs" "$bin/pulumi-analyzer-policy-nodejs"

echo "$bin"
