/**
 * The emulated Koyeb exec stream, `GET /v1/streams/instances/exec` upgraded to a websocket.
 *
 * Protocol (Koyeb's spec, ExecCommand; the same frames koyeb-cli sends):
 * - authentication: the subprotocols `Bearer` and `<token>` (`Sec-WebSocket-Protocol: Bearer, <token>`,
 *   what browsers and koyeb-cli can send) or an `Authorization: Bearer <token>` header; the server
 *   answers with the `Bearer` subprotocol. Anything else: HTTP 401 with Koyeb's error body.
 * - client frames: JSON `{"id": "<instance id>", "body": {"command": [...], "stdin": {"data": "<base64>",
 *   "close": true}, "tty_size": {...}, "disableTty": true}}`; the first one must carry `command`.
 *   `id` may also come as the `id` query parameter.
 * - server frames: `{"result": {"stdout"|"stderr": {"data": "<base64>"}, "exited": false}}` while the
 *   command runs, then `{"result": {"exited": true, "exit_code": N}}` and a normal close (1000).
 *   Problems are `{"error": {"code": <gRPC code>, "message": "..."}}` followed by a close:
 *   3 (no command), 5 (unknown instance), 9 (instance not running).
 *
 * Commands run in the in-memory FakeShell (shell.ts), never as processes.
 */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import type { EmulatorContext } from "../api";
import type { EmulatedKoyebInstance } from "./state";
import { FakeShell } from "./shell";

/** gRPC status codes used in error frames. */
const GRPC = { INVALID_ARGUMENT: 3, NOT_FOUND: 5, FAILED_PRECONDITION: 9 };
const RUNNING = new Set(["HEALTHY", "UNHEALTHY"]);

type WsModule = typeof import("ws");
let wsModule: WsModule | undefined;
function loadWs(): WsModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  wsModule ??= require("ws") as WsModule;
  return wsModule;
}

function offeredProtocols(request: IncomingMessage): string[] {
  const header = request.headers["sec-websocket-protocol"];
  return (Array.isArray(header) ? header.join(",") : (header ?? ""))
    .split(",")
    .map((p) => p.trim())
    .filter((p) => p !== "");
}

/** The token a client presented, from the subprotocol pair or the Authorization header. */
function presentedToken(request: IncomingMessage): string | undefined {
  const protocols = offeredProtocols(request);
  const index = protocols.indexOf("Bearer");
  if (index >= 0 && protocols[index + 1]) return protocols[index + 1];
  const single = protocols.find((p) => p.startsWith("Bearer "));
  if (single) return single.slice("Bearer ".length);
  const authorization = request.headers.authorization;
  return authorization?.startsWith("Bearer ") ? authorization.slice("Bearer ".length) : undefined;
}

function reject(socket: Duplex, status: number, code: string, message: string): void {
  const body = JSON.stringify({ status, code, message });
  socket.end(
    `HTTP/1.1 ${status} ${status === 401 ? "Unauthorized" : "Bad Request"}\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`,
  );
}

interface ClientFrame {
  id?: string;
  body?: { command?: string[]; stdin?: { data?: string; close?: boolean }; tty_size?: unknown; disableTty?: boolean };
}

/** Creates the upgrade handler for the exec route. */
export function execUpgradeHandler(ctx: EmulatorContext, instances: () => Record<string, EmulatedKoyebInstance>) {
  let server: InstanceType<WsModule["WebSocketServer"]> | undefined;
  return (request: IncomingMessage, socket: Duplex, head: Buffer): void => {
    if (presentedToken(request) !== ctx.credentials.koyebToken)
      return reject(socket, 401, "unauthenticated", "The token is not valid");
    const { WebSocketServer } = loadWs();
    server ??= new WebSocketServer({
      noServer: true,
      handleProtocols: (protocols) => (protocols.has("Bearer") ? "Bearer" : false),
    });
    const queryId = new URL(request.url ?? "/", "http://emulator").searchParams.get("id") ?? undefined;
    server.handleUpgrade(request, socket, head, (ws) => runSession(ws, queryId, instances));
  };
}

function runSession(
  ws: import("ws").WebSocket,
  queryId: string | undefined,
  instances: () => Record<string, EmulatedKoyebInstance>,
): void {
  const aborted = new AbortController();
  let stdin = "";
  let stdinClosed = false;
  const stdinWaiters: Array<() => void> = [];
  let started = false;

  const send = (frame: unknown) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };
  const fail = (code: number, message: string) => {
    send({ error: { code, message, details: [] } });
    ws.close(1000, "error");
  };
  const output = (stream: "stdout" | "stderr") => (text: string) => {
    if (text !== "") send({ result: { [stream]: { data: Buffer.from(text).toString("base64") }, exited: false } });
  };

  ws.on("close", () => {
    aborted.abort();
    stdinClosed = true;
    stdinWaiters.splice(0).forEach((wake) => wake());
  });
  ws.on("message", (raw) => {
    let frame: ClientFrame;
    try {
      frame = JSON.parse((raw as Buffer).toString()); // ws's default binaryType: a Buffer
    } catch {
      return fail(GRPC.INVALID_ARGUMENT, "frames must be JSON objects");
    }
    const body = frame.body ?? {};
    if (body.stdin?.data) stdin += Buffer.from(body.stdin.data, "base64").toString("utf8");
    if (body.stdin?.close) {
      stdinClosed = true;
      stdinWaiters.splice(0).forEach((wake) => wake());
    }
    if (started) return;
    started = true;
    const id = frame.id ?? queryId;
    if (
      !Array.isArray(body.command) ||
      body.command.length === 0 ||
      body.command.some((part) => typeof part !== "string")
    ) {
      return fail(GRPC.INVALID_ARGUMENT, "body.command is mandatory in the first frame");
    }
    const instance = id ? instances()[id] : undefined;
    if (!instance) return fail(GRPC.NOT_FOUND, `instance ${id ?? "(no id)"} not found`);
    if (!RUNNING.has(instance.status))
      return fail(
        GRPC.FAILED_PRECONDITION,
        `instance ${instance.id} is ${instance.status}: exec needs a running instance`,
      );
    const shell = new FakeShell(instance.env);
    void shell
      .run(body.command, {
        readStdin: () =>
          stdinClosed ? Promise.resolve(stdin) : new Promise((resolve) => stdinWaiters.push(() => resolve(stdin))),
        stdout: output("stdout"),
        stderr: output("stderr"),
        signal: aborted.signal,
      })
      .then((code) => {
        send({ result: { exited: true, exit_code: code } });
        if (ws.readyState === ws.OPEN) ws.close(1000, "exited");
      });
  });
}
