/**
 * Opens an operation's websocket (`/1.0/operations/{id}/websocket?secret=…`) with `ws`,
 * over the same transport as the REST client: the unix socket (`ws+unix:`) or TLS with the same
 * verification, client certificate and bearer token. The `public` variant sends no credentials:
 * the operation secret alone authorises it.
 */
import type WebSocket from "ws";
import { apiErrorFor, TransportError } from "../core/errors";
import { pinnedIdentityCheck } from "../core/http";
import { parseIncusError } from "../core/incus-operations";
import type { IncusConnection } from "./connection";

/** How to open an operation websocket. */
interface OperationWebsocketOptions {
  /** The per-websocket secret from the operation's metadata (e.g. `metadata.fds["1"]` of an exec). */
  secret: string;
  /** Use the `?public` endpoint (for callers without credentials). */
  public?: boolean;
  /** Give up on the handshake after this long; default 30 s. */
  handshakeTimeoutMs?: number;
}

/** The URL ws connects to, and the request path within it. */
export function websocketUrl(
  connection: IncusConnection,
  id: string,
  options: Pick<OperationWebsocketOptions, "secret" | "public">,
): string {
  const query = new URLSearchParams({ secret: options.secret });
  if (connection.project) query.set("project", connection.project);
  const requestPath = `/1.0/operations/${encodeURIComponent(id)}/websocket?${options.public ? "public&" : ""}${query.toString()}`;
  if (connection.kind === "unix") return `ws+unix:${connection.socketPath}:${requestPath}`;
  return connection.url.replace(/^https:/, "wss:") + requestPath;
}

/** Connects and resolves once the websocket is open; rejects with a typed error carrying the daemon's message. */
export async function openOperationWebsocket(
  connection: IncusConnection,
  id: string,
  options: OperationWebsocketOptions,
): Promise<WebSocket> {
  const { default: WebSocketClass } = await import("ws");
  const url = websocketUrl(connection, id, options);
  const operation = options.public ? "operationWebsocketGetUntrusted" : "operationWebsocketGet";
  const tlsOptions =
    connection.kind === "https"
      ? {
          ca: connection.tls.certificateAuthority ?? connection.tls.pinnedServerCertificate,
          checkServerIdentity: connection.tls.pinnedServerCertificate
            ? pinnedIdentityCheck(connection.tls.pinnedServerCertificate)
            : undefined,
          ...(options.public ? {} : { cert: connection.tls.certificate, key: connection.tls.key }),
        }
      : {};
  const headers =
    connection.kind === "https" && connection.bearerToken && !options.public
      ? { authorization: `Bearer ${connection.bearerToken}` }
      : undefined;
  const socket = new WebSocketClass(url, {
    ...tlsOptions,
    headers,
    handshakeTimeout: options.handshakeTimeoutMs ?? 30_000,
    perMessageDeflate: false,
  });

  return new Promise<WebSocket>((resolve, reject) => {
    const onError = (error: Error & { code?: string }) =>
      reject(
        new TransportError(`${error.code ?? "websocket error"}: ${error.message}`, {
          cloud: "incus",
          operation,
          details: { code: error.code },
          cause: error,
        }),
      );
    // Kept until the socket is open (a refused handshake also ends in an error event after we
    // terminate it); from then on errors are the caller's to handle, as with any ws socket.
    socket.on("error", onError);
    socket.once("open", () => {
      socket.off("error", onError);
      socket.removeAllListeners("unexpected-response");
      // The daemon may send the first frame in the same packet as the upgrade response (an exec
      // starts as soon as its last websocket connects): ws would emit it before the caller's code
      // after `await` can listen. Held until the promise chain has run, then delivered.
      socket.pause();
      resolve(socket);
      setImmediate(() => socket.resume());
    });
    // The daemon refused the upgrade (bad secret, unknown operation): report its own message.
    socket.once("unexpected-response", (_request, response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => {
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // not JSON: keep the text
        }
        const status = response.statusCode ?? 0;
        reject(
          apiErrorFor(status, {
            cloud: "incus",
            operation,
            statusCode: status,
            vendorMessage: parseIncusError(body).message ?? (text.slice(0, 300) || response.statusMessage),
          }),
        );
        socket.terminate();
      });
    });
  });
}
