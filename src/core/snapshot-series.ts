/**
 * A snapshot resource that keeps a series (`retain` + `trigger`) instead of one snapshot: the two
 * inputs and the rules `check` reports for them, the same on every cloud whose snapshots are child
 * resources. What a new snapshot of the series is called, and how it is taken, stays with the cloud.
 */
import { z } from "zod";

/** Most snapshots a series keeps; their ids live in state. */
export const MAX_RETAIN = 100;

/** The `retain` and `trigger` inputs; `retainDescription` says how the cloud names and rotates them. */
export function seriesInputs(retainDescription: string) {
  return {
    retain: z.number().int().min(1).max(MAX_RETAIN).optional().describe(retainDescription),
    trigger: z
      .string()
      .optional()
      .describe(
        "With `retain`: any value (a date, a release); a change takes the next snapshot of the series, in place.",
      ),
  };
}

/** `trigger` needs `retain`, and a series is made by its resource, never adopted. */
export function refineSeries(
  inputs: { retain?: number; trigger?: string; adoptId?: string },
  ctx: z.RefinementCtx,
): void {
  if (inputs.trigger !== undefined && inputs.retain === undefined)
    ctx.addIssue({ code: "custom", path: ["trigger"], message: "only applies together with retain" });
  if (inputs.retain !== undefined && inputs.adoptId !== undefined)
    ctx.addIssue({
      code: "custom",
      path: ["adoptId"],
      message: "cannot be combined with retain: a series is made by this resource",
    });
}
