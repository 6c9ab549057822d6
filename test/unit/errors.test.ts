/**
 * Every error the package raises is a ProviderError subclass with a stable `code`: programs branch on
 * `error.code`, never on message text. Checked on the sources, so a new plain `Error` cannot slip in.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as errors from "../../src/core/errors";

const src = path.resolve(__dirname, "..", "..", "src");

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? sources(full) : entry.name.endsWith(".ts") ? [full] : [];
  });
}

/** Where a plain Error is right, and why. */
const ALLOWED: Record<string, string> = {
  // Serialized into every resource's __provider and runs when this package cannot even be loaded.
  "core/shim.ts": "the package is missing, so its classes are too",
  // The emulated shell's own parse errors, turned into an exit status inside the emulator.
  "emulator/koyeb/shell.ts": "never leaves the emulated shell",
  // An emulated operation's failure, turned into the operation's "failure" state by the emulator.
  "emulator/exoscale/operations.ts": "never leaves the emulated Exoscale API",
  // The emulator's command line, reported on stderr by its main().
  "emulator/cli.ts": "a usage error of the compute-emulator command",
};

describe("errors", () => {
  it("raises no plain Error outside the allowed places", () => {
    const offenders: string[] = [];
    for (const file of sources(src)) {
      const relative = path.relative(src, file).split(path.sep).join("/");
      if (ALLOWED[relative]) continue;
      const text = fs.readFileSync(file, "utf8");
      for (const match of text.matchAll(/new (Error|TypeError|RangeError)\(|extends (Error|TypeError|RangeError)\b/g)) {
        if (relative === "core/errors.ts" && match[0] === "extends Error") continue;
        offenders.push(`${relative}: ${match[0]}`);
      }
    }
    expect(offenders).toEqual([]);
  });

  it("gives every error class a distinct stable code", () => {
    const classes = (Object.values(errors) as unknown[]).filter(
      (value): value is typeof errors.ProviderError =>
        typeof value === "function" && (value as { prototype?: unknown }).prototype instanceof Error,
    );
    const codes = new Map<string, string>();
    for (const errorClass of classes as unknown[]) {
      const sample = Object.create((errorClass as typeof errors.ProviderError).prototype) as errors.ProviderError;
      // Class fields are set by constructors: build one with harmless arguments.
      const instance =
        errorClass === errors.InvalidArgumentsError
          ? new errors.InvalidArgumentsError([{ argument: "x", reason: "y" }])
          : errorClass === errors.AdoptionMismatchError
            ? new errors.AdoptionMismatchError("a", [{ property: "p", reason: "r" }])
            : errorClass === errors.PartialCreateError || errorClass === errors.PartialUpdateError
              ? new (errorClass as typeof errors.PartialCreateError)("id", {}, "failed")
              : new (errorClass as new (summary: string, info: errors.ErrorDetails) => errors.ProviderError)(
                  "summary",
                  {},
                );
      expect(sample).toBeInstanceOf(errors.ProviderError);
      expect(instance.code).toMatch(/^ERR_[A-Z_]+$/);
      expect(codes.has(instance.code)).toBe(false);
      const className = (errorClass as { name: string }).name;
      codes.set(instance.code, className);
      expect(instance.name).toBe(className);
    }
    expect(codes.size).toBeGreaterThanOrEqual(18);
  });

  it("names the argument and the allowed values in InvalidArgumentsError", () => {
    const error = new errors.InvalidArgumentsError(
      [{ argument: "zone", reason: "must be one of ch-gva-2, de-fra-1" }],
      { cloud: "exoscale", operation: "listExoscaleInstances" },
    );
    expect(error).toMatchObject({
      code: "ERR_INVALID_ARGUMENTS",
      argument: "zone",
      cloud: "exoscale",
      operation: "listExoscaleInstances",
    });
    expect(error.message).toBe("listExoscaleInstances: invalid arguments: zone: must be one of ch-gva-2, de-fra-1");
  });
});
