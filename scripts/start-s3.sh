#!/usr/bin/env bash
# A local S3-compatible server for the S3-backend and GitOps tests, and for trying Pulumi's S3 state
# backend by hand: SeaweedFS 4.53 (`weed server -s3`: master, volume server, filer and S3 gateway in one
# process, with real SigV4 authentication), built from its Go module into ~/.cache/pulumi-dynamic-compute
# on first use (a long build, see docs/gitops.md; cached after that, builds serialized across checkouts).
#
#   bash scripts/start-s3.sh --install-only   # build when missing, print the weed path, exit
#   bash scripts/start-s3.sh [PORT]           # serve S3 on 127.0.0.1:PORT (default 5555) in the foreground
#
# It accepts one key pair, AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY as set when it starts (default
# local-s3-key / local-s3-secret), so the CLI run with the same variables is let in. Data lives in
# S3_DATA_DIR (default .work/s3/PORT), kept across restarts. Then create the bucket and log in:
#   curl --aws-sigv4 aws:amz:us-east-1:s3 --user "$AWS_ACCESS_KEY_ID:$AWS_SECRET_ACCESS_KEY" \
#     -X PUT http://127.0.0.1:PORT/<bucket>
#   PULUMI_BACKEND_URL='s3://<bucket>?endpoint=http://127.0.0.1:PORT&s3ForcePathStyle=true&region=us-east-1'
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
# The one version of github.com/seaweedfs/seaweedfs the Go proxy serves here (SeaweedFS 4.53).
module=github.com/seaweedfs/seaweedfs
version=v0.0.0-20261109003541-7506e5f91cd6
tools=${PULUMI_DYNAMIC_COMPUTE_TOOLS:-$HOME/.cache/pulumi-dynamic-compute}
dir="$tools/seaweedfs-$version"
weed="$dir/bin/weed"

log() { echo "[start-s3] $*" >&2; }

if [ ! -x "$weed" ]; then
  mkdir -p "$tools"
  exec 9>"$tools/.install-s3.lock"
  flock 9
  if [ ! -x "$weed" ]; then
    build="$dir/build"
    rm -rf "$build" && mkdir -p "$build" "$dir/bin"
    log "building SeaweedFS from $module@$version (first time only; about 10 min)"
    start=$(date +%s)
    (
      cd "$build"
      export GOTOOLCHAIN=local CGO_ENABLED=0 GOFLAGS=-mod=mod
      go mod init seaweedfs-build >/dev/null 2>&1
      # SeaweedFS's go.mod swaps a deleted dependency for its fork; replaces do not carry over: repeat it.
      go mod edit -replace github.com/tyler-smith/go-bip39=github.com/cosmos/go-bip39@v1.0.0
      go get "$module/weed@$version" 2>go-get.log || { cat go-get.log >&2; exit 1; }
      go build -trimpath -ldflags "-s -w" -o "$weed.tmp" "$module/weed" >&2
      mv "$weed.tmp" "$weed"
    )
    rm -rf "$build"
    log "built SeaweedFS in $(($(date +%s) - start))s"
  fi
  exec 9>&-
fi

if [ "${1:-}" = "--install-only" ]; then
  echo "$weed"
  exit 0
fi

port=${1:-5555}
data=${S3_DATA_DIR:-$here/.work/s3/$port}
mkdir -p "$data"
key=${AWS_ACCESS_KEY_ID:-local-s3-key}
secret=${AWS_SECRET_ACCESS_KEY:-local-s3-secret}
# The S3 identities file: one identity, allowed everything.
node -e '
  const [file, accessKey, secretKey] = process.argv.slice(1);
  const actions = ["Admin", "Read", "List", "Tagging", "Write"];
  const identity = { name: "local", credentials: [{ accessKey, secretKey }], actions };
  require("node:fs").writeFileSync(file, JSON.stringify({ identities: [identity] }), { mode: 0o600 });
' "$data/s3.json" "$key" "$secret"

# The master, volume server and filer each need an HTTP and a gRPC port, the S3 gateway a gRPC one:
# free ports of the system's choosing, so that several servers can run side by side, kept in the
# data folder on first start (the master keeps its state in a folder named after its port).
if [ ! -s "$data/ports" ]; then
  node -e '
    const net = require("node:net");
    const servers = Array.from({ length: 7 }, () => net.createServer());
    Promise.all(servers.map((s) => new Promise((ok) => s.listen(0, "127.0.0.1", ok)))).then(() => {
      console.log(servers.map((s) => s.address().port).join(" "));
      servers.forEach((s) => s.close());
    });
  ' >"$data/ports"
fi
read -r master master_grpc volume volume_grpc filer filer_grpc s3_grpc <"$data/ports"

log "S3 on http://127.0.0.1:$port (access key $key), data in $data"
exec "$weed" server -dir="$data" -ip=127.0.0.1 -ip.bind=127.0.0.1 \
  -master.port="$master" -master.port.grpc="$master_grpc" -master.telemetry=false \
  -master.volumeSizeLimitMB=64 \
  -volume.port="$volume" -volume.port.grpc="$volume_grpc" -volume.max=0 -volume.preStopSeconds=0 \
  -filer -filer.port="$filer" -filer.port.grpc="$filer_grpc" \
  -s3 -s3.port="$port" -s3.port.grpc="$s3_grpc" -s3.port.iceberg=0 -s3.port.lance=0 -s3.config="$data/s3.json"
