/**
 * Shared pieces of the reliability suite: a stack running the `fleet` program (whatever spec.json
 * describes), a view of the cloud (the emulator's state) and of the Pulumi state in the same terms,
 * and the comparison that proves they agree: no orphan (a cloud object missing from state), nothing
 * lost (a state object missing from the cloud) and no duplicate (two cloud objects carrying the same
 * creation token).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { expectOk, type OperationResult, repoRoot, TestStack } from "./engine";
import type { TestEmulator } from "./emulator";

export const TYPES = {
  exoscale: "pulumi-nodejs:dynamic/exoscale:Instance",
  exoscaleSnapshot: "pulumi-nodejs:dynamic/exoscale:InstanceSnapshot",
  scaleway: "pulumi-nodejs:dynamic/scaleway:Image",
  compute: "pulumi-nodejs:dynamic/compute:Instance",
} as const;
export type Kind = keyof typeof TYPES;

/** One resource of the fleet program (test/reliability/programs/fleet). */
export interface FleetEntry {
  /** The Incus kinds are built too, but not compared with a cloud (checks only: no daemon is involved). */
  kind: Kind | "incus" | "incusSnapshot";
  name: string;
  args?: Record<string, unknown>;
  /** For snapshots: the name of the ExoscaleInstance entry. */
  instance?: string;
  /** Inputs wrapped in pulumi.secret(). */
  secretArgs?: string[];
  /** Inputs read from secret stack config: input name → config key (in the program's namespace). */
  secretConfig?: Record<string, string>;
}

/** Short HTTP limits for every provider call, so that "slow" faults cost seconds, not minutes. */
export const HTTP_TIMEOUT_MS = 2500;
export const FAST_HTTP_ENV = {
  DYNAMIC_COMPUTE_HTTP_TIMEOUT_MS: String(HTTP_TIMEOUT_MS),
  DYNAMIC_COMPUTE_HTTP_DEADLINE_MS: "60000",
};

/** A stack of the fleet program; `setSpec` rewrites what the next operation builds. */
export class FleetStack {
  private constructor(readonly stack: TestStack) {}

  static async create(
    env: Record<string, string>,
    config: Record<string, string | { value: string; secret?: boolean }> = {},
  ): Promise<FleetStack> {
    return new FleetStack(
      await TestStack.create({ program: "test/reliability/programs/fleet", env: { ...FAST_HTTP_ENV, ...env }, config }),
    );
  }

  setSpec(entries: FleetEntry[]): void {
    fs.writeFileSync(path.join(this.stack.workDir, "spec.json"), JSON.stringify(entries, null, 1));
  }

  up(options: Record<string, unknown> = {}): Promise<OperationResult> {
    return this.stack.up({ parallel: 50, ...options });
  }
  preview(options: Record<string, unknown> = {}): Promise<OperationResult> {
    return this.stack.preview({ parallel: 50, ...options });
  }
  refresh(options: Record<string, unknown> = {}): Promise<OperationResult> {
    return this.stack.refresh({ parallel: 50, ...options });
  }

  cleanup(): Promise<void> {
    return this.stack.cleanup();
  }
}

/** One object as both sides see it: the ID Pulumi would store, and (cloud side) its creation token. */
export interface ObjectRef {
  kind: Kind;
  id: string;
  name?: string;
  token?: string;
  /** Cloud side: the object's state word (running, available, …). */
  state?: string;
}

const TOKEN = "pulumi-creation-token";

/** Every object the emulator holds, as Pulumi IDs, minus the IDs in `baseline` (seed data). */
export async function cloudObjects(emulator: TestEmulator, baseline: Set<string> = new Set()): Promise<ObjectRef[]> {
  const state = await emulator.state();
  const out: ObjectRef[] = [];
  for (const i of Object.values((state.exoscale?.instances ?? {}) as Record<string, any>)) {
    out.push({ kind: "exoscale", id: i.id, name: i.name, token: i.labels?.[TOKEN], state: i.state });
  }
  for (const s of Object.values((state.exoscale?.snapshots ?? {}) as Record<string, any>)) {
    out.push({ kind: "exoscaleSnapshot", id: s.id, name: s.name, state: s.state });
  }
  for (const image of Object.values((state.scaleway?.images ?? {}) as Record<string, any>)) {
    const tag = (image.tags as string[]).find((t) => t.startsWith(`${TOKEN}=`));
    out.push({
      kind: "scaleway",
      id: `${image.zone}/${image.id}`,
      name: image.name,
      token: tag?.slice(TOKEN.length + 1),
      state: image.state,
    });
  }
  for (const i of Object.values((state.compute?.instances ?? {}) as Record<string, any>)) {
    out.push({
      kind: "compute",
      id: i.id,
      name: i.metadata.name,
      token: i.metadata.labels?.[TOKEN],
      state: i.status.state,
    });
  }
  return out.filter((o) => !baseline.has(o.id));
}

/** IDs of everything the emulator holds now (taken right after start: its seed data). */
export async function baselineOf(emulator: TestEmulator): Promise<Set<string>> {
  return new Set((await cloudObjects(emulator)).map((o) => o.id));
}

/** The custom resources of the given stacks' states, as Pulumi IDs. */
export async function stateObjects(
  stacks: Array<FleetStack | TestStack>,
): Promise<Array<ObjectRef & { urn: string; outputs: Record<string, unknown> }>> {
  const out: Array<ObjectRef & { urn: string; outputs: Record<string, unknown> }> = [];
  for (const s of stacks) {
    const stack = s instanceof FleetStack ? s.stack : s;
    const exported = await stack.exportState();
    for (const r of exported.deployment.resources ?? []) {
      const kind = (Object.keys(TYPES) as Kind[]).find((k) => TYPES[k] === r.type);
      if (!kind || !r.id) continue;
      // Exoscale ids are "zone/uuid"; the emulator serves every zone on one endpoint and lists bare UUIDs.
      const id = kind === "exoscale" || kind === "exoscaleSnapshot" ? (r.id.split("/").pop() as string) : r.id;
      out.push({ kind, id, urn: r.urn, name: r.urn.split("::").pop(), outputs: r.outputs ?? {} });
    }
  }
  return out;
}

export interface Agreement {
  /** In the cloud, not in any state (and not seed data). */
  orphans: ObjectRef[];
  /** In a state, not in the cloud. */
  lost: ObjectRef[];
  /** Cloud objects sharing a creation token with another one (each extra copy counts once). */
  duplicates: ObjectRef[];
  /** Cloud objects still in a transitional or failed state. */
  unsettled: ObjectRef[];
}

const SETTLED: Record<Kind, string[]> = {
  exoscale: ["running", "stopped"],
  exoscaleSnapshot: ["ready"],
  scaleway: ["available"],
  compute: ["running"],
};

/** Compares the cloud with the union of the stacks' states. */
export async function agreement(
  emulator: TestEmulator,
  stacks: Array<FleetStack | TestStack>,
  baseline: Set<string>,
): Promise<Agreement> {
  const cloud = await cloudObjects(emulator, baseline);
  const state = await stateObjects(stacks);
  const stateIds = new Set(state.map((o) => `${o.kind}:${o.id}`));
  const cloudIds = new Set(cloud.map((o) => `${o.kind}:${o.id}`));
  const byToken = new Map<string, ObjectRef[]>();
  for (const o of cloud)
    if (o.token) byToken.set(`${o.kind}:${o.token}`, [...(byToken.get(`${o.kind}:${o.token}`) ?? []), o]);
  return {
    orphans: cloud.filter((o) => !stateIds.has(`${o.kind}:${o.id}`)),
    lost: state.filter((o) => !cloudIds.has(`${o.kind}:${o.id}`)).map(({ kind, id, name }) => ({ kind, id, name })),
    duplicates: [...byToken.values()].flatMap((group) => group.slice(1)),
    unsettled: cloud.filter((o) => !SETTLED[o.kind].includes(o.state ?? "")),
  };
}

/** Fails with a readable list unless the cloud and the states agree exactly. */
export async function expectAgreement(
  emulator: TestEmulator,
  stacks: Array<FleetStack | TestStack>,
  baseline: Set<string>,
): Promise<Agreement> {
  const result = await agreement(emulator, stacks, baseline);
  const problems = Object.entries(result).filter(([, list]) => list.length > 0);
  if (problems.length > 0)
    throw new Error(
      `cloud and state disagree:\n${problems.map(([what, list]) => `  ${what}: ${JSON.stringify(list)}`).join("\n")}`,
    );
  return result;
}

/**
 * The engine's "Diagnostics:" section as resource name → error lines (`pulumi:pulumi:Stack`
 * entries left out). Each resource's block is its header line and the indented lines below it.
 */
export function diagnostics(output: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const start = output.lastIndexOf("\nDiagnostics:");
  if (start < 0) return out;
  const lines = output.slice(start).split("\n").slice(2);
  let current: string | undefined;
  for (const line of lines) {
    const header = /^ {2}(\S+) \((.+)\):$/.exec(line);
    if (header) {
      current = header[1] === "pulumi:pulumi:Stack" ? undefined : header[2];
      continue;
    }
    if (/^\S/.test(line)) break;
    if (current && line.trim() !== "") out.set(current, [...(out.get(current) ?? []), line.trim()]);
  }
  return out;
}

/** Every error line of the diagnostics, joined (for "the run said …" checks). */
export function errorText(result: OperationResult): string {
  return [...diagnostics(result.output).entries()].map(([name, lines]) => `${name}: ${lines.join(" ")}`).join("\n");
}

/** Counts kept by a test file and written to .work/reliability/<name>.json (the figures of docs/reliability.md). */
export class Tally {
  private readonly counts: Record<string, number> = {};
  private started?: number;
  constructor(private readonly name: string) {}

  add(key: string, by = 1): void {
    this.started ??= Date.now();
    this.counts[key] = (this.counts[key] ?? 0) + by;
  }

  get(key: string): number {
    return this.counts[key] ?? 0;
  }

  /** Writes the counts (and the file's duration) and prints them on one line. */
  write(): void {
    const dir = path.join(repoRoot, ".work", "reliability");
    fs.mkdirSync(dir, { recursive: true });
    // Seconds from the first count to the end: the work this tally measured.
    const summary = { ...this.counts, seconds: Math.round((Date.now() - (this.started ?? Date.now())) / 1000) };
    fs.writeFileSync(path.join(dir, `${this.name}.json`), JSON.stringify(summary, null, 2));
    process.stdout.write(`[reliability ${this.name}] ${JSON.stringify(summary)}\n`);
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export { expectOk };
