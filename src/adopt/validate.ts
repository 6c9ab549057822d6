/**
 * Whether a resource can express an object: its would-be inputs are checked with the resource's
 * own input schema, exactly as `pulumi preview` would check them, so anything the module declares
 * passes `check`, and anything it cannot declare is reported with the property and the rule.
 */
import type { z } from "zod";
import { checkInputs } from "../core/validation";

/** "labels.Team Name: label keys are …; userData: …", or undefined when the inputs are valid. */
export function schemaProblem(schema: z.ZodType, inputs: Record<string, unknown>): string | undefined {
  const { failures } = checkInputs(schema, inputs);
  if (failures.length === 0) return undefined;
  // Reasons only: a value may be secret (user data), and the property says where.
  return failures.map((failure) => `${failure.property}: ${failure.reason}`).join("; ");
}
