/**
 * 7. Engine settings for a big stack: `up` and `destroy` of N ExoscaleInstances with the engine's
 * defaults (`--parallel 8`, a whole-state checkpoint after every step), with checkpoints skipped
 * (PULUMI_SKIP_CHECKPOINTS) and with `--parallel 32`; once with instant emulator operations (what
 * the engine itself costs) and once with operations of a few seconds (where parallelism shows).
 * Variants of one operation length run side by side, every `up` and then every `destroy`.
 */
import type { TestStack } from "../helpers/engine";
import type { BenchEmulator } from "./lib/emulator";
import { discard, fleetStack, runOk, teardown } from "./lib/stacks";
import { formatMs, median } from "./lib/stats";

export interface EngineSettingsOptions {
  n: number;
  reps: number;
  /** Emulator operation length of the slower runs. */
  slowOpMs: number;
}

export interface EngineSettingRow {
  setting: string;
  opDelayMs: number;
  upMs: number;
  destroyMs: number;
  samplesMs: { up: number[]; destroy: number[] };
}

export interface EngineSettingsResult {
  options: EngineSettingsOptions;
  rows: EngineSettingRow[];
}

interface Variant {
  setting: string;
  opDelayMs: number;
  env?: Record<string, string>;
  parallel?: number;
}

const SKIP = { PULUMI_SKIP_CHECKPOINTS: "true" };

export async function measureEngineSettings(
  emulator: BenchEmulator,
  options: EngineSettingsOptions,
  log: (line: string) => void,
): Promise<EngineSettingsResult> {
  const variants: Variant[] = [
    { setting: "defaults (--parallel 8, checkpoint after every step)", opDelayMs: 0 },
    { setting: "PULUMI_SKIP_CHECKPOINTS=true", opDelayMs: 0, env: SKIP },
    { setting: "--parallel 32", opDelayMs: 0, parallel: 32 },
    { setting: "defaults (--parallel 8)", opDelayMs: options.slowOpMs },
    { setting: "--parallel 32", opDelayMs: options.slowOpMs, parallel: 32 },
    { setting: "--parallel 32, PULUMI_SKIP_CHECKPOINTS=true", opDelayMs: options.slowOpMs, parallel: 32, env: SKIP },
  ];
  const samples = variants.map(() => ({ up: [] as number[], destroy: [] as number[] }));
  const groups = [...new Set(variants.map((v) => v.opDelayMs))].map((delay) =>
    variants.flatMap((v, i) => (v.opDelayMs === delay ? [i] : [])),
  );
  for (let rep = 0; rep < options.reps; rep++) {
    for (const group of groups) {
      await emulator.configure({ opDelayMs: variants[group[0]].opDelayMs, rateLimit: null });
      // Rotate which variant goes first, as the fleet part does with kinds.
      const order = group.map((_, i) => group[(i + rep) % group.length]);
      const stacks = new Map<number, TestStack>();
      try {
        // Distinct labels give each stack its own creation tokens: the stacks' resources share names,
        // and one stack would otherwise adopt the instances another made.
        for (const i of order)
          stacks.set(
            i,
            await fleetStack(
              "exoscale",
              options.n,
              { ...emulator.env, ...variants[i].env },
              { labelValue: `setting-${i}` },
            ),
          );
        for (const op of ["up", "destroy"] as const) {
          for (const i of order) {
            const result = await runOk(
              stacks.get(i) as TestStack,
              op,
              variants[i].parallel ? { parallel: variants[i].parallel } : {},
            );
            samples[i][op].push(result.ms);
            log(
              `  engine settings N=${options.n} rep ${rep + 1}/${options.reps}, operations ${variants[i].opDelayMs} ms, ${variants[i].setting}: ${op} ${result.ms} ms`,
            );
          }
        }
        for (const stack of stacks.values()) discard(stack);
      } catch (error) {
        for (const stack of stacks.values()) await teardown(stack);
        throw error;
      }
    }
  }
  await emulator.configure({ opDelayMs: 0, rateLimit: null });
  const rows = variants.map((v, i) => ({
    setting: v.setting,
    opDelayMs: v.opDelayMs,
    upMs: median(samples[i].up),
    destroyMs: median(samples[i].destroy),
    samplesMs: samples[i],
  }));
  return { options, rows };
}

/** The section of results.md. */
export function engineSettingsSection(result: EngineSettingsResult): string[] {
  const ms = (values: number[]) => values.map((v) => Math.round(v)).join(", ");
  return [
    `### 7. Engine settings for a big stack (${result.options.n} ExoscaleInstances)`,
    "",
    `Median of ${result.options.reps} runs per setting; the settings of one operation length ran side by side.`,
    "",
    "| emulator operations | setting | `up` | `destroy` | samples (up / destroy, ms) |",
    "|---|---|---:|---:|---|",
    ...result.rows.map(
      (r) =>
        `| ${r.opDelayMs === 0 ? "instant" : `${r.opDelayMs / 1000} s each`} | ${r.setting} | ${formatMs(r.upMs)} | ${formatMs(r.destroyMs)} | ${ms(r.samplesMs.up)} / ${ms(r.samplesMs.destroy)} |`,
    ),
  ];
}
