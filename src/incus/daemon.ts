/**
 * Which daemon a client talks to: Incus, or LXD, its ancestor, which serves the same `/1.0` API.
 * `GET /1.0` says it (`environment.server`, `server_version`, `api_extensions`, `auth_methods`);
 * this module turns that into what the resources and functions need to tell a user when a
 * feature is on one daemon only: the daemon's name and version, the extension it lacks, and the
 * command that trusts a client certificate on it.
 */
import { ProviderError } from "../core/errors";

/** `GET /1.0` (the `Server` object). Untrusted clients get no `environment`. */
export interface ApiServer {
  api_extensions: string[];
  auth: string;
  auth_methods?: string[];
  environment?: {
    server?: string;
    server_version?: string;
    server_name?: string;
    /** SHA-256 of the server's TLS certificate, hex; shown to trusted clients. */
    certificate_fingerprint?: string;
  };
  config?: Record<string, string>;
}

/** The daemon behind a connection. */
export interface Daemon {
  product: "Incus" | "LXD";
  /** server_version; undefined when the daemon shows it to trusted clients only. */
  version?: string;
  extensions: ReadonlySet<string>;
  /** How clients may authenticate ("tls", "oidc", …). */
  authMethods: string[];
  trusted: boolean;
}

/** A feature the daemon in use does not have (the other daemon, or a later version, does). */
export class UnsupportedByDaemonError extends ProviderError {
  override readonly code = "ERR_UNSUPPORTED_BY_DAEMON";
}

export function identifyDaemon(server: ApiServer): Daemon {
  const extensions = new Set(server.api_extensions ?? []);
  const named = server.environment?.server;
  // Untrusted clients see no environment; Incus renamed LXD's devlxd_* extensions to dev_incus_*.
  const incus = named ? named === "incus" : [...extensions].some((extension) => extension.startsWith("dev_incus"));
  return {
    product: incus ? "Incus" : "LXD",
    version: server.environment?.server_version || undefined,
    extensions,
    authMethods: server.auth_methods ?? ["tls"],
    trusted: server.auth === "trusted",
  };
}

/** "Incus 6.0.4", "LXD 5.0.2", or the product alone when the version is not shown. */
export function daemonLabel(daemon: Daemon): string {
  return daemon.version
    ? `${daemon.product} ${daemon.version}`
    : `${daemon.product} (its version is shown to trusted clients only)`;
}

/** Throws UnsupportedByDaemonError unless the daemon advertises `extension`. */
export function requireExtension(daemon: Daemon, extension: string, feature: string, operation: string): void {
  if (daemon.extensions.has(extension)) return;
  throw new UnsupportedByDaemonError(
    `${feature} needs the API extension "${extension}", which ${daemonLabel(daemon)} does not have (GET /1.0 lists what it has)`,
    {
      cloud: "incus",
      operation,
    },
  );
}

/** The command that adds a client certificate to the daemon's trust store. */
function trustCommand(daemon: Daemon): string {
  return daemon.product === "Incus"
    ? "incus config trust add-certificate client.crt"
    : "lxc config trust add client.crt";
}

/** Why a remote refused a client that sent credentials (403), and what to do. */
export function refusalHint(
  daemon: Daemon,
  credentials: { certificate: boolean; bearerToken: boolean },
  url: string,
): string {
  const label = daemonLabel(daemon);
  const useCertificate = `use a client certificate (incus:clientCert and incus:clientKey), trusted on the server with \`${trustCommand(daemon)}\``;
  if (credentials.bearerToken && !credentials.certificate) {
    if (!daemon.extensions.has("oidc"))
      return `${label} at ${url} has no bearer-token authentication (incus:apiKey / INCUS_API_KEY; it accepts ${daemon.authMethods.join(", ")}): ${useCertificate}`;
    if (!daemon.authMethods.includes("oidc")) {
      return `${label} at ${url} accepts a bearer token (incus:apiKey / INCUS_API_KEY) only as an OpenID Connect token, and has no OIDC issuer configured (oidc.issuer): configure one, or ${useCertificate}`;
    }
    return `${label} at ${url} did not accept the bearer token (incus:apiKey / INCUS_API_KEY): get a fresh one from its OIDC issuer`;
  }
  return `the client certificate (incus:clientCert / INCUS_CLIENT_CERT) is not trusted by ${label} at ${url}: add it on the server with \`${trustCommand(daemon)}\``;
}
