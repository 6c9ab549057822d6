/**
 * Incus-style background operations of the emulated Instances API: created running, finished after
 * a delay (or cancelled); handlers/operations.ts lists, fetches, cancels and long-polls them.
 */
import { randomUUID } from "node:crypto";
import type { EmulatorContext } from "../api";
import type { EmulatorResponse } from "../router";

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

/** The operation as the API shows it, without the emulator-only fields. */
export function publicView(operation: EmulatedOperation) {
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
      headers: { location: this.url(operation) },
      body: {
        type: "async",
        status: "Operation created",
        status_code: 100,
        operation: this.url(operation),
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

  /** Every operation, in creation order. */
  all(): EmulatedOperation[] {
    return Object.values(this.state.operations);
  }

  /** The operation's address, as the API links it. */
  url(operation: EmulatedOperation): string {
    return `${this.basePath}/1.0/operations/${operation.id}`;
  }

  /** Ends a running operation as cancelled. */
  cancel(id: string): void {
    this.finish(id, "Cancelled", "Operation cancelled");
  }

  /** Resolves once the operation has ended, or after `timeout` seconds when that is positive. */
  async waitFor(operation: EmulatedOperation, timeout: number): Promise<void> {
    if (operation.status_code === 103 && timeout !== 0) {
      await new Promise<void>((resolve) => {
        const list = this.waiters.get(operation.id) ?? [];
        list.push(resolve);
        this.waiters.set(operation.id, list);
        if (timeout > 0) this.ctx.after(timeout * 1000, resolve);
      });
    }
  }
}
