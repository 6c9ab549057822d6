#!/usr/bin/env bash
# Starts a real LXD daemon for the Incus tests (LXD 5.0 serves the same /1.0 API as Incus) and
# prints its unix socket path as the last line of stdout. Idempotent and quick when everything is
# already there: installs lxd + busybox-static with apt if missing, starts `lxd` in the background
# (no systemd on these machines), creates a `dir` storage pool and the default profile's root disk,
# makes the API listen on 127.0.0.1:8443 (LXD_HTTPS_PORT) for the HTTPS tests, and imports a tiny
# busybox image under the alias `busybox` (built locally, nothing downloaded).
#
# LXD_DIR defaults to /var/lib/lxd, LXD's own default, so the Incus client's socket fallback
# (/var/lib/lxd/unix.socket) and a plain `lxc` both find this daemon. Needs root.
# Everything this script says goes to stderr; stdout carries only the socket path.
set -euo pipefail

export LXD_DIR="${LXD_DIR:-/var/lib/lxd}"
SOCKET="$LXD_DIR/unix.socket"
LOG="$LXD_DIR/lxd.log"
PIDFILE="$LXD_DIR/lxd.pid"
IMAGE_ALIAS="${LXD_TEST_IMAGE_ALIAS:-busybox}"

say() { echo "[start-lxd] $*" >&2; }
# Any failing step names itself: the caller sees what went wrong, not just an exit code.
trap 'status=$?; say "failed (exit $status) at: $BASH_COMMAND"; exit $status' ERR

if [ "$(id -u)" != 0 ]; then
  say "must run as root (LXD manages containers and its own directory $LXD_DIR)"
  exit 1
fi

# One start at a time: parallel test workers (and other checkouts on this machine) may all call this.
exec 9>"${TMPDIR:-/tmp}/pulumi-dynamic-compute-start-lxd.lock"
flock -w 900 9

# 1. Packages.
if ! command -v lxd >/dev/null 2>&1 || ! command -v lxc >/dev/null 2>&1 || [ ! -x /bin/busybox ]; then
  say "installing lxd and busybox-static from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq lxd busybox-static >&2
fi

# 2. The daemon. `lxc info` over the socket is the liveness test: a leftover socket file from a
#    stopped daemon does not count.
daemon_answers() { [ -S "$SOCKET" ] && timeout 10 lxc info >/dev/null 2>&1; }

if ! daemon_answers; then
  mkdir -p "$LXD_DIR"
  say "starting lxd (LXD_DIR=$LXD_DIR, log $LOG)"
  # setsid + closed stdio: the daemon outlives this script and holds none of its caller's pipes
  # (a caller reading our stdout would otherwise wait for the daemon to exit), nor the start lock
  # on fd 9 (a daemon holding it makes every later start wait out the lock). It runs from / so
  # that its tools (rsync for snapshots) never inherit a working directory that is later deleted,
  # such as a CI checkout.
  pushd / >/dev/null
  setsid lxd --group root --logfile "$LOG" </dev/null >>"$LOG.stdout" 2>&1 9>&- &
  echo $! >"$PIDFILE"
  popd >/dev/null
  if ! lxd waitready --timeout 60 >&2; then
    say "lxd did not become ready within 60 s; last lines of $LOG:"
    tail -n 30 "$LOG" >&2 || true
    exit 1
  fi
fi

# 3. Storage pool and the default profile's root disk (no network: containers need none here).
if ! lxc storage show default >/dev/null 2>&1; then
  say "creating the 'default' dir storage pool"
  lxc storage create default dir >&2
fi
if ! lxc profile device show default 2>/dev/null | grep -q '^root:'; then
  say "adding the root disk to the default profile"
  lxc profile device add default root disk path=/ pool=default >&2
fi

# 4. HTTPS on loopback only, for the tests of the remote (mTLS / bearer) transport and of the
#    operations that need a network address (certificate add tokens, the cancellable operation).
if [ -z "$(lxc config get core.https_address 2>/dev/null)" ]; then
  say "listening for HTTPS on 127.0.0.1:${LXD_HTTPS_PORT:-8443} (loopback only)"
  lxc config set core.https_address "127.0.0.1:${LXD_HTTPS_PORT:-8443}" >&2
fi

# 5. The tiny busybox image (see lib/busybox-image.sh); nothing downloaded.
if ! lxc image alias list --format csv 2>/dev/null | grep -q "^$IMAGE_ALIAS,"; then
  say "building and importing the '$IMAGE_ALIAS' image from busybox-static"
  # shellcheck source=lib/busybox-image.sh
  . "$(dirname "$0")/lib/busybox-image.sh"
  build=$(mktemp -d)
  trap 'rm -rf "$build"' EXIT
  build_busybox_image "$build" "LXD"
  lxc image import "$build/busybox.tar.gz" --alias "$IMAGE_ALIAS" >&2
fi

say "ready: LXD $(lxc query /1.0 2>/dev/null | sed -n 's/.*"server_version": *"\([^"]*\)".*/\1/p' | head -1) on $SOCKET"
echo "$SOCKET"
