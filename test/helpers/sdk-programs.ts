/**
 * Programs written against the vendors' own SDKs (Go modules, Python packages) that the contract
 * tests run against the emulator. Each exits non-zero on its first failed expectation and ends its
 * stdout with one JSON line, its report. Binaries and virtualenvs live under .work/ and are reused.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { repoRoot } from "./engine";

const run = promisify(execFile);

/** Builds the Go program in `dir` (relative to the repo) into .work/bin and returns the binary's path. */
export async function buildGoProgram(dir: string, name: string): Promise<string> {
  const output = path.join(repoRoot, ".work", "bin", name);
  await run("go", ["build", "-o", output, "."], {
    cwd: path.join(repoRoot, dir),
    env: { ...process.env, GOFLAGS: "-mod=mod" },
    maxBuffer: 16 << 20,
  });
  return output;
}

/**
 * A Python in a virtualenv `.work/<name>` holding the packages of `requirements` (relative to the
 * repo), installed from PyPI once and again only when that file changes.
 */
export async function pythonWithRequirements(requirements: string, name: string): Promise<string> {
  const venv = path.join(repoRoot, ".work", name);
  const python = path.join(venv, "bin", "python");
  const marker = path.join(venv, "requirements.installed");
  const wanted = fs.readFileSync(path.join(repoRoot, requirements), "utf8");
  if (!fs.existsSync(marker) || fs.readFileSync(marker, "utf8") !== wanted) {
    fs.rmSync(venv, { recursive: true, force: true });
    await run("python3", ["-m", "venv", venv]);
    await run(
      python,
      ["-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", path.join(repoRoot, requirements)],
      { maxBuffer: 16 << 20 },
    );
    fs.writeFileSync(marker, wanted);
  }
  return python;
}

/** Runs a program with the emulator's environment and returns its JSON report; a failure carries what it printed. */
export async function runReport(
  file: string,
  args: string[],
  env: Record<string, string>,
  timeoutMs = 120_000,
): Promise<Record<string, unknown>> {
  try {
    const { stdout } = await run(file, args, {
      env: { ...process.env, ...env },
      timeout: timeoutMs,
      maxBuffer: 16 << 20,
    });
    return JSON.parse(stdout.trim().split("\n").pop() as string);
  } catch (error) {
    const failure = error as { stderr?: string; stdout?: string; message: string };
    throw new Error(
      `${[path.basename(file), ...args.map((arg) => path.basename(arg))].join(" ")} failed:\n${failure.stderr || failure.stdout || failure.message}`,
      { cause: error },
    );
  }
}
