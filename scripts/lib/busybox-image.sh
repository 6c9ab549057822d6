# Builds the tiny `busybox` test image used by start-lxd.sh and start-incus.sh: a rootfs holding the
# static busybox with its applets as symlinks, /sbin/init → busybox and a quiet inittab, plus the
# image metadata. Nothing is downloaded. Source this file, then:
#   build_busybox_image <empty folder> <daemon name for the description>
# writes <folder>/busybox.tar.gz (a unified image tarball both daemons import).
build_busybox_image() {
  local build="$1" daemon="$2"
  local rootfs="$build/rootfs"
  mkdir -p "$rootfs"/{bin,sbin,usr/bin,usr/sbin,etc,proc,sys,dev,tmp,root,run,var/log}
  chmod 1777 "$rootfs/tmp"
  cp /bin/busybox "$rootfs/bin/busybox"
  local applet
  for applet in $(/bin/busybox --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$rootfs/bin/$applet"
  done
  ln -sf ../bin/busybox "$rootfs/sbin/init"
  # A quiet init: nothing to respawn, and a clean shutdown on the daemon's stop signal.
  cat >"$rootfs/etc/inittab" <<'INITTAB'
::sysinit:/bin/mkdir -p /run /tmp
::shutdown:/bin/sync
INITTAB
  echo "root:x:0:0:root:/root:/bin/sh" >"$rootfs/etc/passwd"
  echo "root:x:0:" >"$rootfs/etc/group"
  cat >"$build/metadata.yaml" <<METADATA
architecture: $(uname -m)
creation_date: $(date +%s)
properties:
  description: busybox $(/bin/busybox | head -1 | awk '{print $2}') (static) for the pulumi-dynamic-compute tests on $daemon
  os: busybox
  release: static
METADATA
  tar -C "$build" -czf "$build/busybox.tar.gz" metadata.yaml rootfs
}
