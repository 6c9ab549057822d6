#!/usr/bin/env bash
# A local S3-compatible server for the GitOps test and for trying the S3 state backend by hand:
# moto's server (from PyPI) in a venv under .work/, installed on first use.
#
#   bash scripts/start-s3.sh --install-only   # install, print the moto_server path, exit
#   bash scripts/start-s3.sh [PORT]           # serve on 127.0.0.1:PORT (default 5555) in the foreground
#
# Then: PULUMI_BACKEND_URL='s3://<bucket>?endpoint=http://127.0.0.1:PORT&s3ForcePathStyle=true&region=us-east-1'
# with any AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (moto accepts every key); create the bucket first
# (`curl -X PUT http://127.0.0.1:PORT/<bucket>`).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
venv="$here/.work/s3-venv"
moto_version=5.2.5
server="$venv/bin/moto_server"

if [ ! -x "$server" ] || ! "$venv/bin/python" -c "import moto, sys; sys.exit(moto.__version__ != '$moto_version')" 2>/dev/null; then
  echo "[start-s3] installing moto[server]==$moto_version into $venv (first time only)" >&2
  python3 -m venv "$venv" >&2
  "$venv/bin/pip" install --quiet --disable-pip-version-check "moto[server]==$moto_version" >&2
fi

if [ "${1:-}" = "--install-only" ]; then
  echo "$server"
  exit 0
fi
exec "$server" -H 127.0.0.1 -p "${1:-5555}"
