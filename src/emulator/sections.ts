/**
 * Objects made or changed outside Pulumi (`--seed`, `/_emulator/objects`): each API's hook runs on
 * its section of the request.
 */
import type { PreparedChange } from "./change";
import type { SeededObjects } from "./options";
import type { EmulatorRuntime } from "./runtime";
import { SeedError } from "./seed-error";

/**
 * Runs each API's `hook` on its section of `objects` (a seed or a change); throws SeedError naming
 * a bad field or an unknown section.
 */
function perSection(
  { modules, ctx, store }: EmulatorRuntime,
  objects: unknown,
  hook: "seed" | "change",
  example: string,
): Record<string, unknown> {
  if (!objects || typeof objects !== "object" || Array.isArray(objects))
    throw new SeedError(`the ${hook} must be a JSON object such as ${example}`);
  const known = modules.filter((m) => m[hook]).map((m) => m.name);
  const unknown = Object.keys(objects).filter((key) => !known.includes(key));
  if (unknown.length > 0)
    throw new SeedError(`unknown section ${unknown.map((k) => `"${k}"`).join(", ")}; sections are ${known.join(", ")}`);
  const done: Record<string, unknown> = {};
  for (const module of modules) {
    const section = (objects as Record<string, unknown>)[module.name];
    if (section !== undefined) done[module.name] = module[hook]?.(section, ctx);
  }
  store.changed();
  return done;
}

/** Makes the seed's objects in each API's state, as if made outside Pulumi. */
export function seedObjects(runtime: EmulatorRuntime, objects: unknown): SeededObjects {
  return perSection(runtime, objects, "seed", '{"exoscale": {"instances": [...]}}');
}

/** Changes existing objects, as if changed outside Pulumi: all sections are checked before any is applied. */
export function changeObjects(runtime: EmulatorRuntime, objects: unknown): Record<string, unknown> {
  const prepared = Object.entries(
    perSection(runtime, objects, "change", '{"compute": {"instances": [{"id": "inst-…", "labels": {...}}]}}') as Record<
      string,
      PreparedChange
    >,
  );
  for (const [, section] of prepared) section.apply();
  runtime.store.changed();
  return Object.fromEntries(prepared.map(([api, section]) => [api, section.changed]));
}
