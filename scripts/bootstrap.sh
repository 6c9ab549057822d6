#!/usr/bin/env bash
# Makes a fresh clone ready: Node modules, the compiled package, the Pulumi engine. Idempotent and
# quick when everything is already there. Used by `npm run demo`, `npm test` and `npm run bench`.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules/@pulumi/pulumi ] || [ ! -d node_modules/typescript ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "[bootstrap] installing Node modules (npm ci)" >&2
  npm ci --no-audit --no-fund >&2
fi
if [ -f policy/package.json ] && { [ ! -d policy/node_modules/@pulumi/policy ] || [ policy/package-lock.json -nt policy/node_modules/.package-lock.json ]; }; then
  echo "[bootstrap] installing the policy pack's Node modules" >&2
  (cd policy && npm ci --no-audit --no-fund >&2)
fi
# `npm run build` compiles the package and the policy pack (policy/dist, shipped in the tarball).
echo "[bootstrap] compiling" >&2
npm run --silent build >&2
bash scripts/install-engine.sh >/dev/null
