/**
 * The sources, tests and example programs type-check (strict) against the package's public types as
 * users get them: the examples import it by name, resolved here to its built declarations (dist; the
 * contributors' `npm run typecheck` maps the name to src/ instead, so it needs no build). Jest
 * transpiles without type-checking, so this is where a broken example or signature shows up.
 */
import { execFileSync } from "node:child_process";
import * as path from "node:path";

const root = path.resolve(__dirname, "..", "..");

it("type-checks src, test and examples with tsc --noEmit against the built declarations", () => {
  let output = "";
  try {
    execFileSync(
      process.execPath,
      [
        path.join(root, "node_modules", "typescript", "bin", "tsc"),
        "-p",
        path.join(root, "test", "tsconfig.built.json"),
      ],
      { cwd: root, encoding: "utf8", stdio: "pipe" },
    );
  } catch (error) {
    output = String((error as { stdout?: string }).stdout ?? error);
  }
  expect(output).toBe("");
}, 180_000);
