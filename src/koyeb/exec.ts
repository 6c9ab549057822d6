/**
 * Runs one command in a Koyeb instance over the exec websocket (`/v1/streams/instances/exec`) and
 * collects its output.
 *
 * Protocol, as Koyeb's spec and koyeb-cli use it: the token travels as the subprotocol pair
 * `Bearer`, `<token>` (`Sec-WebSocket-Protocol: Bearer, <token>`); the first JSON frame carries
 * `{id, body: {command, disableTty}}`, the next one stdin (base64) with `close: true`; the server
 * answers with `{result: {stdout|stderr: {data}}}` frames and finally `{result: {exited: true,
 * exit_code}}`, or with `{error: {code, message}}` (a gRPC status).
 *
 * The socket is closed on every path: exit, error frame, handshake failure, drop, and timeout.
 */
import { apiErrorFor, OperationFailedError, TransportError, WaitTimeoutError } from "../core/errors";
import { redact } from "../core/redact";
import { parseKoyebError } from "./errors";
/** What a command that ran gives back. */
interface KoyebExecResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** gRPC status names for the codes error frames carry. */
const GRPC_NAMES: Record<number, string> = {
  1: "CANCELLED",
  2: "UNKNOWN",
  3: "INVALID_ARGUMENT",
  4: "DEADLINE_EXCEEDED",
  5: "NOT_FOUND",
  7: "PERMISSION_DENIED",
  8: "RESOURCE_EXHAUSTED",
  9: "FAILED_PRECONDITION",
  13: "INTERNAL",
  14: "UNAVAILABLE",
  16: "UNAUTHENTICATED",
};

/** An `{error: {code, message}}` frame from the exec stream. */
export class KoyebExecError extends OperationFailedError {
  /** The gRPC status code of the frame (5 = NOT_FOUND, 9 = FAILED_PRECONDITION, …). */
  readonly grpcCode: number;

  constructor(code: number, message: string) {
    const name = GRPC_NAMES[code] ?? "UNKNOWN";
    super(`error frame with gRPC code ${code}`, {
      cloud: "koyeb",
      operation: "execCommand",
      vendorCode: name,
      vendorMessage: message,
      details: { code, message },
    });
    this.grpcCode = code;
  }
}

interface ExecRequest {
  url: string;
  token: string;
  instanceId: string;
  command: string[];
  stdin?: string;
  timeoutMs: number;
}

interface ServerFrame {
  result?: { stdout?: { data?: string }; stderr?: { data?: string }; exited?: boolean; exit_code?: number };
  error?: { code?: number; message?: string };
}

/** Opens the exec stream, runs the command, and resolves once it exited. */
export async function runExec(request: ExecRequest): Promise<KoyebExecResult> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { WebSocket } = require("ws") as typeof import("ws");
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];

  return new Promise<KoyebExecResult>((resolve, reject) => {
    const socket = new WebSocket(request.url, ["Bearer", request.token], {
      handshakeTimeout: Math.min(request.timeoutMs, 30_000),
    });
    let settled = false;
    const finish = (outcome: { result?: KoyebExecResult; error?: Error }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // Close politely when we can; terminate when the handshake is not done or the peer is gone.
      if (socket.readyState === WebSocket.OPEN) socket.close(1000, outcome.error ? "client error" : "done");
      else if (socket.readyState === WebSocket.CONNECTING) socket.terminate();
      if (outcome.error) reject(outcome.error);
      else resolve(outcome.result as KoyebExecResult);
    };
    const timer = setTimeout(() => {
      finish({
        error: new WaitTimeoutError(
          `command ${JSON.stringify(request.command)} on instance ${request.instanceId} did not exit within ${request.timeoutMs / 1000}s; the stream was closed`,
          {
            cloud: "koyeb",
            operation: "execCommand",
          },
        ),
      });
      socket.terminate();
    }, request.timeoutMs);

    socket.on("unexpected-response", (_req, response) => {
      let body = "";
      response.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
      response.on("end", () => {
        let parsed: unknown = body;
        try {
          parsed = JSON.parse(body);
        } catch {
          // not JSON: keep the text
        }
        const vendor = parseKoyebError(parsed);
        finish({
          error: apiErrorFor(response.statusCode ?? 0, {
            cloud: "koyeb",
            operation: "execCommand",
            statusCode: response.statusCode,
            vendorMessage: vendor.message ?? (typeof parsed === "string" ? parsed.slice(0, 300) : undefined),
            vendorCode: vendor.code,
            requestId: response.headers["x-request-id"] as string | undefined,
          }),
        });
      });
    });
    socket.on("open", () => {
      socket.send(JSON.stringify({ id: request.instanceId, body: { command: request.command, disableTty: true } }));
      // Always close stdin, so a command that reads it (cat) sees the end instead of waiting forever.
      socket.send(
        JSON.stringify({
          id: request.instanceId,
          body: { stdin: { data: Buffer.from(request.stdin ?? "").toString("base64"), close: true } },
        }),
      );
    });
    socket.on("message", (data) => {
      let frame: ServerFrame;
      try {
        frame = JSON.parse((data as Buffer).toString()); // ws's default binaryType: a Buffer
      } catch {
        return finish({
          error: new OperationFailedError("the exec stream sent a frame that is not JSON", {
            cloud: "koyeb",
            operation: "execCommand",
          }),
        });
      }
      if (frame.error)
        return finish({ error: new KoyebExecError(frame.error.code ?? 2, frame.error.message ?? "unknown error") });
      const result = frame.result ?? {};
      if (result.stdout?.data) stdout.push(Buffer.from(result.stdout.data, "base64"));
      if (result.stderr?.data) stderr.push(Buffer.from(result.stderr.data, "base64"));
      if (result.exited) {
        finish({
          result: {
            stdout: Buffer.concat(stdout).toString("utf8"),
            stderr: Buffer.concat(stderr).toString("utf8"),
            exitCode: result.exit_code ?? 0,
          },
        });
      }
    });
    socket.on("error", (error) => {
      finish({
        error: new TransportError(redact(`exec stream: ${error.message}`), {
          cloud: "koyeb",
          operation: "execCommand",
          details: { code: (error as { code?: string }).code },
          cause: error,
        }),
      });
    });
    socket.on("close", (code, reason) => {
      finish({
        error: new OperationFailedError(
          `the exec stream closed (${code}${reason.length > 0 ? ` ${reason.toString()}` : ""}) before the command exited`,
          { cloud: "koyeb", operation: "execCommand" },
        ),
      });
    });
  });
}
