/**
 * The 8 `/1.0/operations` calls of the Incus REST API, through the public functions, against the own operations of
 * both real daemons, LXD 5.0 and Incus 6.0: execs (task and websocket classes) and certificate add
 * tokens (the token class, which the daemons let clients cancel). Responses the functions rely on
 * are checked against the Incus REST API spec.
 */
import { AuthError, CredentialsError, InvalidRequestError, NotFoundError, ProviderError } from "../../src/core/errors";
import { UnsupportedByDaemonError } from "../../src/incus/daemon";
import {
  cancelIncusOperation,
  connectIncusOperationWebsocket,
  getIncusOperation,
  type IncusOperationWebsocket,
  listIncusOperations,
  waitIncusOperation,
} from "../../src/incus";
import { OpenApiSpec } from "../helpers/openapi";
import { operationSpecErrors, testDaemons, uniqueName } from "./incus-daemon";

const spec = new OpenApiSpec("incus-rest-api.json");

describe.each(testDaemons())("on $label", (daemon) => {
  const instance = uniqueName("ops");
  const project = uniqueName("pdc-ops");
  const tokenNames: string[] = [];

  /** Starts a command in the test container; returns the async response's operation. */
  async function exec(command: string[], options: { websockets?: boolean } = {}) {
    const response = await daemon.raw("POST", `/1.0/instances/${instance}/exec`, {
      command,
      "wait-for-websocket": options.websockets ?? false,
      interactive: false,
      "record-output": false,
    });
    expect({ status: response.status, error: response.body.error }).toEqual({ status: 202, error: "" });
    expect(operationSpecErrors(spec, "POST", `/1.0/instances/${instance}/exec`, 202, response.body)).toEqual([]);
    return response.body.metadata as { id: string; metadata: { fds?: Record<string, string> } };
  }

  /** A certificate add token: a token-class operation that stays running until used or cancelled. */
  async function token() {
    const name = uniqueName("pdc-token");
    tokenNames.push(name);
    const response = await daemon.raw("POST", "/1.0/certificates", { name, type: "client", token: true });
    expect(response.status).toBe(202);
    return response.body.metadata as { id: string; class: string; may_cancel: boolean; metadata: { secret: string } };
  }

  /** Runs `fn` with some environment variables replaced, restoring them afterwards. */
  async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
    const saved = Object.fromEntries(Object.keys(vars).map((key) => [key, process.env[key]]));
    for (const [key, value] of Object.entries(vars)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    try {
      return await fn();
    } finally {
      for (const [key, value] of Object.entries(saved)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  }

  /** HTTPS settings with no client credentials at all (for the public variants). */
  async function anonymousRemote(): Promise<Record<string, string | undefined>> {
    const { url, serverCertPath } = await daemon.httpsEndpoint();
    return {
      INCUS_REMOTE: url,
      INCUS_SERVER_CERT: serverCertPath,
      INCUS_CLIENT_CERT: undefined,
      INCUS_CLIENT_KEY: undefined,
      INCUS_API_KEY: undefined,
    };
  }

  /** Lines the HTTP client logs at debug level while `fn` runs. */
  async function debugLines<T>(fn: () => Promise<T>): Promise<{ result: T; lines: string[] }> {
    const lines: string[] = [];
    const spy = jest.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const result = await withEnv({ DYNAMIC_COMPUTE_DEBUG: "1" }, fn);
      return { result, lines };
    } finally {
      spy.mockRestore();
    }
  }

  /** Connects every websocket of a non-interactive exec and collects stdout/stderr until they close. */
  async function runExecOverWebsockets(id: string, fds: Record<string, string>, options: { public?: boolean } = {}) {
    const sockets: Record<string, IncusOperationWebsocket> = {};
    for (const fd of ["control", "0", "1", "2"])
      sockets[fd] = await connectIncusOperationWebsocket({ id: id, secret: fds[fd], public: options.public });
    const collect = (socket: IncusOperationWebsocket) =>
      new Promise<string>((resolve) => {
        let text = "";
        socket.on("message", (data: Uint8Array) => (text += Buffer.from(data).toString("utf8")));
        socket.on("close", () => resolve(text));
      });
    const [stdout, stderr] = await Promise.all([
      collect(sockets["1"]),
      collect(sockets["2"]),
      (sockets["0"].close(), Promise.resolve()),
    ]);
    sockets.control.close();
    return { stdout, stderr };
  }

  beforeAll(async () => {
    // The functions find the daemon as a user's program would: INCUS_SOCKET.
    process.env.INCUS_SOCKET = daemon.socket;
    await daemon.launch(instance);
    const created = await daemon.raw("POST", "/1.0/projects", {
      name: project,
      config: { "features.images": "false", "features.profiles": "false" },
    });
    expect(created.status).toBeLessThan(300);
  }, 120_000);

  afterAll(async () => {
    await daemon.removeInstances([instance]);
    await daemon.raw("DELETE", `/1.0/projects/${project}`);
    // Tokens not used by a test are still pending: cancel them so the trust store stays clean.
    const pending = await daemon.raw("GET", "/1.0/operations?recursion=1");
    for (const operation of Object.values(pending.body.metadata ?? {}).flat() as Array<{
      id: string;
      class: string;
      status_code: number;
      metadata?: { request?: { name?: string } };
    }>) {
      if (
        operation.class === "token" &&
        operation.status_code === 103 &&
        tokenNames.includes(operation.metadata?.request?.name ?? "")
      )
        await daemon.raw("DELETE", `/1.0/operations/${operation.id}`);
    }
  });

  describe("listIncusOperations", () => {
    it("lists URLs with recursion 0 and objects with recursion 1, in the client's project", async () => {
      const started = await exec(["sleep", "20"]);
      const urls = await listIncusOperations();
      expect(urls).toContain(`/1.0/operations/${started.id}`);
      expect(urls.every((url) => url.startsWith("/1.0/operations/"))).toBe(true);

      const objects = await listIncusOperations({ recursion: 1 });
      const mine = objects.find((operation) => operation.id === started.id);
      expect(mine).toMatchObject({ class: "task", status: "Running", statusCode: 103, mayCancel: false, err: "" });
      expect(mine?.resources.instances).toContain(`/1.0/instances/${instance}`);
      expect(mine?.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);

      // The daemon groups recursion=1 results by status (the spec says a plain array); each object is
      // still an Operation as the spec defines it.
      const listed = await daemon.raw("GET", "/1.0/operations?recursion=1");
      expect(Array.isArray(listed.body.metadata)).toBe(false);
      for (const operation of Object.values(listed.body.metadata).flat()) {
        expect(
          operationSpecErrors(spec, "GET", `/1.0/operations/${(operation as { id: string }).id}`, 200, {
            ...listed.body,
            metadata: operation,
          }),
        ).toEqual([]);
      }
    });

    it("honours project, and all-projects where the daemon has it (Incus; LXD 5.0 is refused by name)", async () => {
      const started = await exec(["sleep", "20"]);
      expect(await listIncusOperations({ project })).not.toContain(`/1.0/operations/${started.id}`);
      expect(await listIncusOperations({ project: "default" })).toContain(`/1.0/operations/${started.id}`);

      // An operation in the other project too.
      const other = `${instance}-p`;
      const inProject = `project=${project}`;
      await daemon.rawAndWait("POST", `/1.0/instances?${inProject}`, {
        name: other,
        type: "container",
        source: { type: "image", alias: "busybox" },
      });
      try {
        await daemon.rawAndWait("PUT", `/1.0/instances/${other}/state?${inProject}`, { action: "start" });
        const elsewhere = await daemon.raw("POST", `/1.0/instances/${other}/exec?${inProject}`, {
          command: ["sleep", "20"],
          "wait-for-websocket": false,
          interactive: false,
          "record-output": false,
        });
        expect(await listIncusOperations({ project })).toContain(`/1.0/operations/${elsewhere.body.metadata.id}`);
        const raw = await daemon.raw("GET", "/1.0/operations?all-projects=true");
        const rawIds = (Object.values(raw.body.metadata ?? {}).flat() as string[]).map((url) => url.split("/").pop());

        if (daemon.kind === "incus") {
          expect(daemon.extensions).toContain("operations_get_query_all_projects");
          expect(rawIds).toEqual(expect.arrayContaining([started.id, elsewhere.body.metadata.id]));
          const everywhere = await listIncusOperations({ allProjects: true, recursion: 1 });
          expect(everywhere.map((operation) => operation.id)).toEqual(
            expect.arrayContaining([started.id, elsewhere.body.metadata.id]),
          );
        } else {
          // LXD 5.0 ignores all-projects here and answers with the default project's operations only.
          expect(daemon.extensions).not.toContain("operations_get_query_all_projects");
          expect(rawIds).not.toContain(elsewhere.body.metadata.id);
          const refused = await listIncusOperations({ allProjects: true, recursion: 1 }).catch((e) => e);
          expect(refused).toBeInstanceOf(UnsupportedByDaemonError);
          expect(refused.message).toBe(
            `incus operationsGet failed: listIncusOperations({ allProjects: true }) needs the API extension "operations_get_query_all_projects", which ${daemon.label} does not have (GET /1.0 lists what it has)`,
          );
        }
      } finally {
        const leftover = await daemon.raw("GET", `/1.0/instances/${other}?${inProject}`);
        if (leftover.body.metadata?.status === "Running")
          await daemon.rawAndWait("PUT", `/1.0/instances/${other}/state?${inProject}`, { action: "stop", force: true });
        if (leftover.status === 200) await daemon.rawAndWait("DELETE", `/1.0/instances/${other}?${inProject}`);
      }
    });
  });

  describe("getIncusOperation", () => {
    it("returns one operation as the spec describes it", async () => {
      const started = await exec(["sleep", "20"]);
      const operation = await getIncusOperation({ id: started.id });
      expect(operation).toMatchObject({ id: started.id, class: "task", statusCode: 103, status: "Running" });
      const response = await daemon.raw("GET", `/1.0/operations/${started.id}`);
      expect(operationSpecErrors(spec, "GET", `/1.0/operations/${started.id}`, 200, response.body)).toEqual([]);
    });

    it("rejects an unknown id with NotFoundError carrying the daemon's message", async () => {
      const error = await getIncusOperation({ id: "00000000-0000-0000-0000-000000000000" }).catch((e) => e);
      expect(error).toBeInstanceOf(NotFoundError);
      expect(error).toMatchObject({ statusCode: 404, operation: "operationGet", cloud: "incus" });
      expect(error.message).toMatch(/not found/i);
    });
  });

  describe("waitIncusOperation", () => {
    it("returns the still-running operation once the timeout passes, from one long-poll", async () => {
      const started = await exec(["sleep", "20"]);
      const before = Date.now();
      const { result, lines } = await debugLines(() => waitIncusOperation({ id: started.id, timeout: 1 }));
      const elapsed = Date.now() - before;
      expect(result).toMatchObject({ id: started.id, statusCode: 103 });
      expect(elapsed).toBeGreaterThanOrEqual(900);
      expect(elapsed).toBeLessThan(5_000);
      expect(
        lines.filter((line) => line.includes(`GET /1.0/operations/${started.id}/wait?timeout=1`) && line.includes("→")),
      ).toHaveLength(1);
      const response = await daemon.raw("GET", `/1.0/operations/${started.id}/wait?timeout=0`);
      if (daemon.kind === "lxd") {
        expect(operationSpecErrors(spec, "GET", `/1.0/operations/${started.id}/wait`, 200, response.body)).toEqual([]);
      } else {
        // Incus answers a wait that timed out with an error envelope and no operation (HTTP 200); the
        // function read the operation itself instead (above).
        expect(response).toMatchObject({
          status: 200,
          body: { type: "error", error: "context deadline exceeded", metadata: null },
        });
      }
    });

    it("waits for the end without a timeout, with a long-poll rather than a polling loop", async () => {
      const started = await exec(["sleep", "3"]);
      const before = Date.now();
      const { result, lines } = await debugLines(() => waitIncusOperation({ id: started.id }));
      expect(result).toMatchObject({ id: started.id, status: "Success", statusCode: 200 });
      expect(Date.now() - before).toBeGreaterThanOrEqual(2_500);
      const requests = lines.filter((line) => line.includes("→ GET") && line.includes(started.id));
      expect(requests).toHaveLength(1);
      expect(requests[0]).toContain("/wait?timeout=");
    });

    it("waits through the public endpoint over HTTPS with only the operation's secret", async () => {
      const pending = await token();
      const anonymous = await anonymousRemote();
      const waited = await withEnv(anonymous, () =>
        waitIncusOperation({ id: pending.id, public: true, secret: pending.metadata.secret, timeout: 1 }),
      );
      // LXD sends the running operation; Incus only says the wait timed out, and an anonymous caller
      // cannot read the operation: the answer is its id and "still running".
      expect(waited).toMatchObject(
        daemon.kind === "lxd"
          ? { id: pending.id, class: "token", statusCode: 103 }
          : { id: pending.id, status: "Running", statusCode: 103, err: "" },
      );

      const wrong = await withEnv(anonymous, () =>
        waitIncusOperation({ id: pending.id, public: true, secret: "not-the-secret", timeout: 1 }),
      ).catch((e) => e);
      expect(wrong).toBeInstanceOf(AuthError);
      expect(wrong).toMatchObject({ statusCode: 403, operation: "operationWaitGetUntrusted" });
      // Without `public`, a remote needs credentials: the function says which ones, before any request.
      const trusted = await withEnv(anonymous, () => waitIncusOperation({ id: pending.id, timeout: 1 })).catch(
        (e) => e,
      );
      expect(trusted).toBeInstanceOf(CredentialsError);
      expect(trusted.message).toMatch(/INCUS_CLIENT_CERT.*INCUS_API_KEY/s);
    });
  });

  describe("cancelIncusOperation", () => {
    it("cancels a cancellable operation (a certificate add token), which then ends Cancelled", async () => {
      const pending = await token();
      expect(pending).toMatchObject({ class: "token", may_cancel: true });
      expect((await getIncusOperation({ id: pending.id })).statusCode).toBe(103);
      await cancelIncusOperation({ id: pending.id });
      const after = await waitIncusOperation({ id: pending.id, timeout: 5 });
      expect(after).toMatchObject({ status: "Cancelled", statusCode: 401 });
    });

    it("passes on the daemon's refusal to cancel an operation that cannot be cancelled", async () => {
      const started = await exec(["sleep", "20"]);
      const error = await cancelIncusOperation({ id: started.id }).catch((e) => e);
      expect(error).toBeInstanceOf(InvalidRequestError);
      expect(error).toMatchObject({ statusCode: 400, operation: "operationDelete" });
      expect(error.message).toContain("This operation can't be cancelled");
      expect((await getIncusOperation({ id: started.id })).statusCode).toBe(103);
    });
  });

  describe("connectIncusOperationWebsocket", () => {
    it("streams an exec's stdout and stderr over the unix socket", async () => {
      const started = await exec(["sh", "-c", "echo hello-from-exec; echo oops >&2"], { websockets: true });
      expect(Object.keys(started.metadata.fds ?? {}).sort()).toEqual(["0", "1", "2", "control"]);
      const { stdout, stderr } = await runExecOverWebsockets(
        started.id,
        started.metadata.fds as Record<string, string>,
      );
      expect(stdout).toBe("hello-from-exec\n");
      expect(stderr).toBe("oops\n");
      const done = await waitIncusOperation({ id: started.id, timeout: 10 });
      expect(done).toMatchObject({ status: "Success", metadata: { return: 0 } });
    });

    it("connects through the public endpoint over HTTPS with only the websocket secrets where the daemon allows it", async () => {
      const started = await exec(["sh", "-c", "echo over-tls"], { websockets: true });
      const fds = started.metadata.fds as Record<string, string>;
      if (daemon.kind === "lxd") {
        const { stdout } = await withEnv(await anonymousRemote(), () =>
          runExecOverWebsockets(started.id, fds, { public: true }),
        );
        expect(stdout).toBe("over-tls\n");
      } else {
        // Incus lets only the client that started the operation connect: the refusal says so by name.
        const refused = await withEnv(await anonymousRemote(), () =>
          connectIncusOperationWebsocket({ id: started.id, secret: fds.control, public: true }),
        ).catch((e) => e);
        expect(refused).toBeInstanceOf(UnsupportedByDaemonError);
        expect(refused).toMatchObject({
          statusCode: 403,
          vendorMessage: "Requestor mismatch",
          operation: "operationWebsocketGetUntrusted",
        });
        expect(refused.message).toBe(
          `incus operationWebsocketGetUntrusted failed: Incus (its version is shown to trusted clients only) lets only the client that started operation ${started.id} connect to its websockets, ` +
            "so the public variant (which sends no credentials) is refused; LXD accepts it. Connect with the credentials that started the operation - Requestor mismatch",
        );
        // The client that started it (root over the unix socket) still can.
        const { stdout } = await runExecOverWebsockets(started.id, fds);
        expect(stdout).toBe("over-tls\n");
      }
      expect((await waitIncusOperation({ id: started.id, timeout: 10 })).status).toBe("Success");
    });

    it("rejects a wrong secret or an unknown operation with the daemon's answer", async () => {
      const started = await exec(["sh", "-c", "echo never"], { websockets: true });
      // LXD answers a wrong secret with 500 "permission denied", Incus with 403 "Forbidden"; the error says it as it is.
      const error = await connectIncusOperationWebsocket({ id: started.id, secret: "wrong" }).catch((e) => e);
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({
        operation: "operationWebsocketGet",
        cloud: "incus",
        ...(daemon.kind === "lxd"
          ? { statusCode: 500, vendorMessage: "permission denied" }
          : { statusCode: 403, vendorMessage: "Forbidden" }),
      });
      const unknown = await connectIncusOperationWebsocket({
        id: "00000000-0000-0000-0000-000000000000",
        secret: "x",
      }).catch((e) => e);
      expect(unknown).toBeInstanceOf(NotFoundError);
      expect(unknown.message).toContain("Operation not found");
      // Let the exec run to its end so it does not linger on the daemon.
      const { stdout } = await runExecOverWebsockets(started.id, started.metadata.fds as Record<string, string>);
      expect(stdout).toBe("never\n");
    });
  });
});
