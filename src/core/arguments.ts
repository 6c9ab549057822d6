/**
 * The one argument parser of the public functions (`getExoscaleInstance`, `listKoyebInstances`, …):
 * validates with the function's zod schema before any API call and throws an InvalidArgumentsError
 * that names every bad argument and what is allowed.
 */
import type { z } from "zod";
import { type ArgumentProblem, InvalidArgumentsError } from "./errors";
import { toPropertyPath } from "./validation";

/** Where the arguments were given: the cloud and the function's name, for the error. */
interface ArgumentsOwner {
  cloud: string;
  operation: string;
}

/** The argument names an object schema allows, for "unknown argument" messages. */
function allowedNames(schema: z.ZodType): string[] {
  const shape = (schema as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

/** Parses `args` with `schema`; throws InvalidArgumentsError naming each bad argument. */
export function parseArguments<S extends z.ZodType>(schema: S, args: unknown, owner: ArgumentsOwner): z.output<S> {
  const result = schema.safeParse(args ?? {});
  if (result.success) return result.data;
  const problems: ArgumentProblem[] = [];
  for (const issue of result.error.issues) {
    if (issue.code === "unrecognized_keys") {
      const allowed = allowedNames(schema);
      for (const key of issue.keys) {
        problems.push({
          argument: toPropertyPath([...issue.path, key]),
          reason: `unknown argument${allowed.length > 0 ? `; allowed: ${allowed.join(", ")}` : ""}`,
        });
      }
      continue;
    }
    problems.push({ argument: toPropertyPath(issue.path) || "(arguments)", reason: issue.message });
  }
  throw new InvalidArgumentsError(problems, owner);
}
