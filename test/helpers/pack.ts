/** The package as users get it: `npm pack` of this checkout, installed into a fresh folder. */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { repoRoot } from "./engine";

export function npm(args: string[], cwd: string): string {
  return execFileSync("npm", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

/** Packs this repo (its built dist) into `dir`; returns the tarball's file name. */
export function packPackage(dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  return npm(["pack", "--pack-destination", dir, "--silent"], repoRoot).trim().split("\n").pop() as string;
}

/** A program folder beside the tarball whose package.json has `dependencies` and `devDependencies`; runs `npm install`. */
export function installProgram(
  dir: string,
  dependencies: Record<string, string>,
  devDependencies: Record<string, string> = {},
  flags: string[] = [],
): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, "package.json"),
    JSON.stringify(
      { name: path.basename(dir), private: true, main: "index.ts", dependencies, devDependencies },
      null,
      2,
    ),
  );
  npm(["install", "--no-audit", "--no-fund", "--prefer-offline", ...flags], dir);
}

/** Every copy of a package under `dir`'s node_modules (nested ones included), as { path: version }. */
export function installedCopies(dir: string, name: string): Record<string, string> {
  const copies: Record<string, string> = {};
  const visit = (modules: string) => {
    if (!fs.existsSync(modules)) return;
    for (const entry of fs.readdirSync(modules)) {
      if (entry.startsWith(".")) continue;
      const scoped = entry.startsWith("@")
        ? fs.readdirSync(path.join(modules, entry)).map((inner) => `${entry}/${inner}`)
        : [entry];
      for (const pkg of scoped) {
        const folder = path.join(modules, pkg);
        if (pkg === name)
          copies[path.relative(dir, folder)] = JSON.parse(
            fs.readFileSync(path.join(folder, "package.json"), "utf8"),
          ).version;
        visit(path.join(folder, "node_modules"));
      }
    }
  };
  visit(path.join(dir, "node_modules"));
  return copies;
}
