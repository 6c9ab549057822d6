/**
 * Every setting the Incus resources and functions read: stack config key first, then environment
 * variables, and the daemon's default sockets. The connection, IncusRemote and adopt read them from here.
 */
import type { SettingSpec } from "../core/credentials";

/** The daemon's default sockets, in the order they are tried. */
export const DEFAULT_SOCKETS = ["/var/lib/incus/unix.socket", "/var/lib/lxd/unix.socket"];

export const INCUS_SETTINGS = {
  socket: { what: "Incus unix socket", config: ["incus:socket"], env: ["INCUS_SOCKET"] },
  remote: { what: "Incus HTTPS endpoint", config: ["incus:remote"], env: ["INCUS_REMOTE"] },
  clientCert: { what: "Incus client certificate", config: ["incus:clientCert"], env: ["INCUS_CLIENT_CERT"] },
  clientKey: { what: "Incus client key", config: ["incus:clientKey"], env: ["INCUS_CLIENT_KEY"], secret: true },
  serverCert: { what: "Incus server certificate (pinned)", config: ["incus:serverCert"], env: ["INCUS_SERVER_CERT"] },
  caCert: { what: "Incus CA certificate", config: ["incus:caCert"], env: ["INCUS_CA_CERT"] },
  apiKey: { what: "Incus bearer token", config: ["incus:apiKey"], env: ["INCUS_API_KEY"], secret: true },
  project: { what: "Incus project", config: ["incus:project"], env: ["INCUS_PROJECT"] },
} satisfies Record<string, SettingSpec>;
