/**
 * Asynchronous operations of the emulated Exoscale API: every mutation answers 200 with an
 * `operation` in state `pending` that turns `success` (or `failure`, with a reason and message) after
 * the emulator's op delay, when its effect is applied.
 */
import { randomUUID } from "node:crypto";
import type { EmulatorContext } from "../api";
import type { EmulatedOperation, ExoscaleState, OperationReason } from "./state";

/** Label that makes an operation of the named command fail (for error-path tests). */
export const FAIL_LABEL = "emulator-fail";

/** Thrown by an operation's effect to end it in `failure`. */
export class OperationFailure extends Error {
  constructor(
    readonly reason: OperationReason,
    message: string,
  ) {
    super(message);
  }
}

/** What an operation refers to: the instance or snapshot it acts on. */
interface OperationTarget {
  id: string;
  kind: "instance" | "snapshot";
}

export class Operations {
  constructor(
    private readonly state: ExoscaleState,
    private readonly ctx: EmulatorContext,
  ) {}

  /**
   * Starts `command` on `target`; `effect` runs when the op delay has passed. An effect that throws
   * OperationFailure ends the operation in failure; `forceFailure` does so without running it.
   */
  start(
    command: string,
    target: OperationTarget,
    effect: () => void,
    forceFailure?: OperationFailure,
  ): EmulatedOperation {
    const operation: EmulatedOperation = {
      id: randomUUID(),
      state: "pending",
      reference: {
        id: target.id,
        link: `/v2/${target.kind}/${target.id}`,
        command: target.kind === "instance" ? "get-instance" : "get-snapshot",
      },
    };
    this.state.operations[operation.id] = operation;
    this.ctx.after(this.ctx.opDelayMs(), () => {
      try {
        if (forceFailure) throw forceFailure;
        effect();
        operation.state = "success";
      } catch (error) {
        const failure =
          error instanceof OperationFailure ? error : new OperationFailure("fault", (error as Error).message);
        Object.assign(operation, {
          state: "failure",
          reason: failure.reason,
          message: `${command}: ${failure.message}`,
        });
      }
    });
    return { ...operation, reference: { ...operation.reference } };
  }

  get(id: string): EmulatedOperation | undefined {
    return this.state.operations[id];
  }
}
