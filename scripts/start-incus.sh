#!/usr/bin/env bash
# Starts a real Incus 6.0 daemon for the Incus tests, the twin of start-lxd.sh, and prints its unix
# socket path as the last line of stdout. Idempotent and quick when everything is already there:
# installs Incus (Debian 12: from Debian's own bookworm-backports suite, which this script adds to
# apt's sources) and busybox-static if missing, starts `incusd` in the background with its own
# directory (no systemd on these machines), creates a `dir` storage pool and the default profile's
# root disk, makes the API listen on 127.0.0.1:8444 (INCUS_HTTPS_PORT; LXD has 8443) for the HTTPS
# tests, and imports the tiny busybox image under the alias `busybox` (built locally).
#
# INCUS_DIR defaults to /var/lib/incus, Incus's own default, so the client's socket fallback
# (/var/lib/incus/unix.socket) and a plain `incus` both find this daemon. Needs root.
# Everything this script says goes to stderr; stdout carries only the socket path.
set -euo pipefail

export INCUS_DIR="${INCUS_DIR:-/var/lib/incus}"
SOCKET="$INCUS_DIR/unix.socket"
# The `incus` command below talks to this daemon, whatever socket the caller's environment names.
export INCUS_SOCKET="$SOCKET"
LOG="$INCUS_DIR/incusd.log"
PIDFILE="$INCUS_DIR/incusd.pid"
INCUSD=/usr/libexec/incus/incusd
IMAGE_ALIAS="${INCUS_TEST_IMAGE_ALIAS:-busybox}"
HTTPS_PORT="${INCUS_HTTPS_PORT:-8444}"

say() { echo "[start-incus] $*" >&2; }
# Any failing step names itself: the caller sees what went wrong, not just an exit code.
trap 'status=$?; say "failed (exit $status) at: $BASH_COMMAND"; exit $status' ERR

if [ "$(id -u)" != 0 ]; then
  say "must run as root (Incus manages containers and its own directory $INCUS_DIR)"
  exit 1
fi

# One start at a time: parallel test workers (and other checkouts on this machine) may all call this.
exec 9>"${TMPDIR:-/tmp}/pulumi-dynamic-compute-start-incus.lock"
flock -w 900 9

# 1. Packages. Debian 12 ships Incus only in bookworm-backports (6.0 LTS); later releases have it in
#    main. incus-base is the daemon and the client: the `incus` package adds only what virtual
#    machines need (QEMU, swtpm: a large download), and the tests run containers. Recommends (apparmor,
#    dnsmasq-base) are not needed either: containers here have no network.
apt_install() {
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -o DPkg::Lock::Timeout=600 --no-install-recommends "$@" >&2
}

add_backports() {
  if grep -rqs 'bookworm-backports' /etc/apt/sources.list /etc/apt/sources.list.d/; then return; fi
  # Same mirror as the machine's own Debian source, one more suite.
  local mirror
  mirror=$(grep -rhs '^URIs:' /etc/apt/sources.list.d/*.sources | awk '{print $2}' | grep -m1 '/debian/\?$' || true)
  mirror="${mirror:-http://deb.debian.org/debian}"
  say "adding Debian's bookworm-backports suite ($mirror) to apt's sources"
  cat >/etc/apt/sources.list.d/bookworm-backports.sources <<SOURCES
Types: deb
URIs: $mirror
Suites: bookworm-backports
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
}

if [ ! -x "$INCUSD" ] || ! command -v incus >/dev/null 2>&1 || [ ! -x /bin/busybox ]; then
  codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-}")
  if [ "$codename" = bookworm ]; then
    add_backports
    say "installing incus-base (bookworm-backports) and busybox-static from Debian"
    apt-get update -qq >&2
    apt_install -t bookworm-backports incus-base
  else
    say "installing incus-base and busybox-static from Debian ($codename)"
    apt-get update -qq >&2
    apt_install incus-base
  fi
  apt_install busybox-static
  if [ ! -x "$INCUSD" ]; then
    say "the incus package is installed but $INCUSD is missing; cannot start the daemon"
    exit 1
  fi
fi

# 2. The daemon. `incus info` over the socket is the liveness test: a leftover socket file from a
#    stopped daemon does not count.
daemon_answers() { [ -S "$SOCKET" ] && timeout 10 incus info >/dev/null 2>&1; }

if ! daemon_answers; then
  mkdir -p "$INCUS_DIR"
  say "starting incusd (INCUS_DIR=$INCUS_DIR, log $LOG)"
  # setsid + closed stdio: the daemon outlives this script and holds none of its caller's pipes, nor
  # the start lock on fd 9 (a daemon holding it makes every later start wait out the lock). It
  # runs from / so that its tools (rsync for snapshots) never inherit a working directory that is
  # later deleted, such as a CI checkout.
  pushd / >/dev/null
  setsid "$INCUSD" --group root --logfile "$LOG" </dev/null >>"$LOG.stdout" 2>&1 9>&- &
  echo $! >"$PIDFILE"
  popd >/dev/null
  if ! incus admin waitready --timeout 60 >&2; then
    say "incusd did not become ready within 60 s; last lines of $LOG and $LOG.stdout:"
    tail -n 30 "$LOG" "$LOG.stdout" >&2 || true
    exit 1
  fi
fi

# 3. Storage pool and the default profile's root disk (no network: containers need none here).
if ! incus storage show default >/dev/null 2>&1; then
  say "creating the 'default' dir storage pool"
  incus storage create default dir >&2
fi
if ! incus profile device show default 2>/dev/null | grep -q '^root:'; then
  say "adding the root disk to the default profile"
  incus profile device add default root disk path=/ pool=default >&2
fi

# 4. HTTPS on loopback only, on a port of its own (LXD's start-lxd.sh takes 8443), for the tests of
#    the remote transport and of the operations that need a network address.
if [ -z "$(incus config get core.https_address 2>/dev/null)" ]; then
  say "listening for HTTPS on 127.0.0.1:$HTTPS_PORT (loopback only)"
  incus config set core.https_address "127.0.0.1:$HTTPS_PORT" >&2
fi

# 5. The tiny busybox image (see lib/busybox-image.sh); nothing downloaded.
if ! incus image alias list --format csv 2>/dev/null | grep -q "^$IMAGE_ALIAS,"; then
  say "building and importing the '$IMAGE_ALIAS' image from busybox-static"
  # shellcheck source=lib/busybox-image.sh
  . "$(dirname "$0")/lib/busybox-image.sh"
  build=$(mktemp -d)
  trap 'rm -rf "$build"' EXIT
  build_busybox_image "$build" "Incus"
  incus image import "$build/busybox.tar.gz" --alias "$IMAGE_ALIAS" >&2
fi

say "ready: Incus $(incus query /1.0 2>/dev/null | sed -n 's/.*"server_version": *"\([^"]*\)".*/\1/p' | head -1) on $SOCKET"
echo "$SOCKET"
