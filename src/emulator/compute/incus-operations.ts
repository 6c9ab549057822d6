/**
 * Incus-style background operations for emulated APIs: created running, finished after a
 * delay (or cancelled), listed, fetched, and long-polled with `/wait?timeout=`.
 */
import { randomUUID } from "node:crypto";
import type { EmulatorContext } from "../api";
import type { EmulatorRequest, EmulatorResponse, Router } from "../router";

export interface EmulatedOperation {
  id: string;
  class: "task";
  description: string;
  created_at: string;
  updated_at: string;
  status: "Running" | "Success" | "Failure" | "Cancelled";
  status_code: 103 | 200 | 400 | 401;
  resources: Record<string, string[]>;
  metadata: Record<string, unknown>;
  may_cancel: boolean;
  err: string;
  location: string;
  /** Emulator-only: the project the operation belongs to. */
  project: string;
  /** Emulator-only: secret for the `?public` variants. */
  secret: string;
}

interface OperationsState {
  operations: Record<string, EmulatedOperation>;
}

const sync = (metadata: unknown): EmulatorResponse => ({
  status: 200,
  body: { type: "sync", status: "Success", status_code: 200, operation: "", error_code: 0, error: "", metadata },
});
const error = (status: number, message: string): EmulatorResponse => ({
  status,
  body: {
    type: "error",
    status: "",
    status_code: 0,
    operation: "",
    error_code: status,
    error: message,
    metadata: null,
  },
});

function publicView(operation: EmulatedOperation) {
  const { project: _project, secret: _secret, ...rest } = operation;
  return rest;
}

export class EmulatedOperations {
  private readonly state: OperationsState;
  private readonly waiters = new Map<string, Array<() => void>>();
  /** Work to do when an operation succeeds; not persisted (a restart completes pending work at once). */
  private readonly onSuccess = new Map<string, () => void>();

  constructor(
    private readonly ctx: EmulatorContext,
    sliceName: string,
    private readonly basePath: string,
  ) {
    this.state = ctx.store.slice<OperationsState>(sliceName, () => ({ operations: {} }));
    for (const op of Object.values(this.state.operations)) {
      if (op.status_code === 103) this.finish(op.id, "Success");
    }
  }

  /** Starts an operation that ends after the configured delay; `fail` makes it end in Failure with that message. */
  start(
    description: string,
    resources: Record<string, string[]>,
    options: { project?: string; fail?: string; cancellable?: boolean; delayMs?: number; onSuccess?: () => void } = {},
  ): EmulatedOperation {
    const now = new Date().toISOString();
    const operation: EmulatedOperation = {
      id: randomUUID(),
      class: "task",
      description,
      created_at: now,
      updated_at: now,
      status: "Running",
      status_code: 103,
      resources,
      metadata: {},
      may_cancel: options.cancellable ?? true,
      err: "",
      location: "none",
      project: options.project ?? "default",
      secret: randomUUID().replace(/-/g, ""),
    };
    this.state.operations[operation.id] = operation;
    if (options.onSuccess) this.onSuccess.set(operation.id, options.onSuccess);
    this.ctx.after(options.delayMs ?? this.ctx.opDelayMs(), () =>
      this.finish(operation.id, options.fail ? "Failure" : "Success", options.fail),
    );
    return operation;
  }

  get(id: string): EmulatedOperation | undefined {
    return this.state.operations[id];
  }

  /** The async response body Incus returns when an operation is started. */
  asyncResponse(operation: EmulatedOperation): EmulatorResponse {
    return {
      status: 202,
      headers: { location: `${this.basePath}/1.0/operations/${operation.id}` },
      body: {
        type: "async",
        status: "Operation created",
        status_code: 100,
        operation: `${this.basePath}/1.0/operations/${operation.id}`,
        error_code: 0,
        error: "",
        metadata: publicView(operation),
      },
    };
  }

  private finish(id: string, status: "Success" | "Failure" | "Cancelled", err = ""): void {
    const operation = this.state.operations[id];
    if (!operation || operation.status_code !== 103) return;
    operation.status = status;
    operation.status_code = status === "Success" ? 200 : status === "Failure" ? 400 : 401;
    operation.err = err;
    operation.may_cancel = false;
    operation.updated_at = new Date().toISOString();
    if (status === "Success") this.onSuccess.get(id)?.();
    this.onSuccess.delete(id);
    this.ctx.store.changed();
    for (const wake of this.waiters.get(id) ?? []) wake();
    this.waiters.delete(id);
  }

  /** Adds the seven routes of the operations API under `basePath` + "/1.0/operations". */
  register(router: Router): void {
    const base = `${this.basePath}/1.0/operations`;
    router.on("GET", base, (request) => this.list(request));
    router.on("GET", `${base}/{id}`, (request) => {
      const operation = this.visible(request);
      return operation ? sync(publicView(operation)) : error(404, "Operation not found");
    });
    router.on("DELETE", `${base}/{id}`, (request) => {
      const operation = this.visible(request);
      if (!operation) return error(404, "Operation not found");
      if (operation.status_code !== 103) return error(400, "Only running operations can be cancelled");
      if (!operation.may_cancel) return error(403, "This operation can't be cancelled");
      this.finish(operation.id, "Cancelled", "Operation cancelled");
      return sync({});
    });
    router.on("GET", `${base}/{id}/wait`, (request) => this.wait(request));
  }

  private visible(request: EmulatorRequest): EmulatedOperation | undefined {
    const operation = this.state.operations[request.params.id];
    if (!operation) return undefined;
    if (request.query.has("public")) return request.query.get("secret") === operation.secret ? operation : undefined;
    return operation;
  }

  private list(request: EmulatorRequest): EmulatorResponse {
    const allProjects = request.query.get("all-projects") === "true";
    const project = request.query.get("project") || "default";
    const recursion = request.query.get("recursion") === "1";
    const grouped: Record<string, unknown[]> = {};
    for (const operation of Object.values(this.state.operations)) {
      if (!allProjects && operation.project !== project) continue;
      const key = operation.status.toLowerCase();
      (grouped[key] ??= []).push(recursion ? publicView(operation) : `${this.basePath}/1.0/operations/${operation.id}`);
    }
    return sync(grouped);
  }

  private async wait(request: EmulatorRequest): Promise<EmulatorResponse> {
    const operation = this.visible(request);
    if (!operation) return error(404, "Operation not found");
    const timeout = Number(request.query.get("timeout") ?? "-1");
    if (operation.status_code === 103 && timeout !== 0) {
      await new Promise<void>((resolve) => {
        const list = this.waiters.get(operation.id) ?? [];
        list.push(resolve);
        this.waiters.set(operation.id, list);
        if (timeout > 0) this.ctx.after(timeout * 1000, resolve);
      });
    }
    return sync(publicView(this.state.operations[operation.id]));
  }
}
