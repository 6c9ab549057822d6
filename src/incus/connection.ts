/**
 * Where and how to reach the Incus (or LXD) daemon, resolved at call time from stack config, then
 * the environment, the way the `incus` CLI finds its daemon. Two transports:
 * - the local unix socket: `incus:socket` / INCUS_SOCKET, else the first of
 *   /var/lib/incus/unix.socket and /var/lib/lxd/unix.socket that exists;
 * - HTTPS: `incus:remote` / INCUS_REMOTE, authenticated with a client certificate (mutual TLS) or a
 *   bearer token (`incus:apiKey` / INCUS_API_KEY). The server certificate is always verified:
 *   against a pinned certificate, a CA bundle, or the system store.
 * Nothing here is captured by the serialized provider; it is read again for every call.
 */
import * as fs from "node:fs";
import { accountInUse, describeAccount, optionalSetting } from "../core/credentials";
import { CredentialsError } from "../core/errors";
import type { TlsOptions } from "../core/http";
import { DEFAULT_SOCKETS, INCUS_SETTINGS } from "./settings";

/** How to reach the daemon. */
export type IncusConnection =
  | { kind: "unix"; socketPath: string; project?: string }
  | { kind: "https"; url: string; tls: TlsOptions; bearerToken?: string; project?: string };

/** Certificates and keys may be given inline (PEM) or as a path to a PEM file. */
export function readPem(value: string | undefined, what: string): string | undefined {
  if (value === undefined) return undefined;
  if (value.includes("-----BEGIN")) return value;
  try {
    return fs.readFileSync(value, "utf8");
  } catch (error) {
    throw new CredentialsError(
      `${what}: "${value}" is neither PEM text nor a readable file (${(error as NodeJS.ErrnoException).code ?? String(error)})`,
    );
  }
}

/** The project to use when a call does not name one: `incus:project` / INCUS_PROJECT, else the server's default. */
function defaultProject(): string | undefined {
  return optionalSetting(INCUS_SETTINGS.project);
}

/** How to resolve the connection. */
export interface ResolveOptions {
  /**
   * For the `?public` variants (callers holding only an operation secret): no client certificate
   * and no token are sent, and none are required. TLS is still verified.
   */
  anonymous?: boolean;
}

/** Resolves the connection from stack config and environment; throws CredentialsError naming what to set. */
export function resolveConnection(options: ResolveOptions = {}): IncusConnection {
  const project = defaultProject();
  const remote = optionalSetting(INCUS_SETTINGS.remote);
  if (remote !== undefined) return httpsConnection(remote, project, options);

  const socket = optionalSetting(INCUS_SETTINGS.socket);
  if (socket !== undefined) return { kind: "unix", socketPath: socket, project };
  const account = accountInUse();
  if (account.cloud !== undefined)
    throw new CredentialsError(
      `${describeAccount(account.name, account.cloud)} names no daemon: give the IncusRemote a \`socket\` or an \`address\``,
    );
  const found = DEFAULT_SOCKETS.find((candidate) => fs.existsSync(candidate));
  if (found) return { kind: "unix", socketPath: found, project };
  throw new CredentialsError(
    `no Incus daemon found: neither ${DEFAULT_SOCKETS.join(" nor ")} exists. Set the INCUS_SOCKET environment variable or \`pulumi config set incus:socket …\` ` +
      "for a local daemon, or INCUS_REMOTE / `pulumi config set incus:remote https://host:8443` for a remote one.",
  );
}

function httpsConnection(remote: string, project: string | undefined, options: ResolveOptions): IncusConnection {
  let url: URL;
  try {
    url = new URL(remote);
  } catch {
    throw new CredentialsError(
      `incus:remote / INCUS_REMOTE must be an https:// URL such as https://incus.example.com:8443, got "${remote}"`,
    );
  }
  // TLS is never optional: a plain-http remote would send client credentials in the clear.
  if (url.protocol !== "https:")
    throw new CredentialsError(
      `incus:remote / INCUS_REMOTE must use https:// (TLS is always verified), got "${remote}"`,
    );

  const tls: TlsOptions = {
    pinnedServerCertificate: readPem(
      optionalSetting(INCUS_SETTINGS.serverCert),
      "incus:serverCert / INCUS_SERVER_CERT",
    ),
    certificateAuthority: readPem(optionalSetting(INCUS_SETTINGS.caCert), "incus:caCert / INCUS_CA_CERT"),
  };
  const base = url.toString().replace(/\/+$/, "");
  if (options.anonymous) return { kind: "https", url: base, tls, project };

  const certificate = readPem(optionalSetting(INCUS_SETTINGS.clientCert), "incus:clientCert / INCUS_CLIENT_CERT");
  const key = readPem(optionalSetting(INCUS_SETTINGS.clientKey), "incus:clientKey / INCUS_CLIENT_KEY");
  if ((certificate === undefined) !== (key === undefined)) {
    throw new CredentialsError(
      "an Incus client certificate needs both halves: set incus:clientCert / INCUS_CLIENT_CERT and incus:clientKey / INCUS_CLIENT_KEY (PEM text or file paths)",
    );
  }
  const bearerToken = optionalSetting(INCUS_SETTINGS.apiKey);
  if (certificate === undefined && bearerToken === undefined) {
    throw new CredentialsError(
      `Incus remote ${base} needs credentials: a client certificate (\`pulumi config set incus:clientCert …\` and \`pulumi config set --secret incus:clientKey …\`, ` +
        "or INCUS_CLIENT_CERT and INCUS_CLIENT_KEY) or a bearer token (`pulumi config set --secret incus:apiKey …` or INCUS_API_KEY).",
    );
  }
  return { kind: "https", url: base, tls: { ...tls, certificate, key }, bearerToken, project };
}

/** One line saying where calls go, for progress output (never includes credentials). */
export function describeConnection(connection: IncusConnection): string {
  const where = connection.kind === "unix" ? `unix socket ${connection.socketPath}` : connection.url;
  return connection.project ? `${where} (project ${connection.project})` : where;
}
