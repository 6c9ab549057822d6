/**
 * What the command prints: the `--dry-run` table (every object, what would happen to it and why),
 * and the summary that ends every run (what was written, what was skipped and why, the secrets to
 * set, and what to run next). Pure text builders.
 */
import { formatElapsed } from "../core/log";
import { type FoundObject, describeKind, type ResourceKind } from "./model";
import type { AdoptOptions } from "./options";
import type { Plan } from "./plan";
import type { AdoptOutcome } from "./run";
import { configCommands } from "./secrets";

/** Columns padded to their widest cell; the last column is not padded. */
export function table(rows: string[][]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column])))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** One line per object: adopt (as which resource) or skip (why). */
export function planTable(plan: Plan): string {
  const rows = [["ACTION", "KIND", "ID", "NAME", "DETAIL"]];
  for (const { object, names, parentVariable } of plan.declarations) {
    rows.push([
      "adopt",
      object.kind,
      object.id,
      object.name,
      `as "${names.resource}" (${names.variable}${parentVariable ? `, child of ${parentVariable}` : ""})`,
    ]);
  }
  for (const object of plan.skipped)
    rows.push([
      object.skip?.managed ? "managed" : "skip",
      object.kind,
      object.id,
      object.name,
      object.skip?.reason ?? "",
    ]);
  return table(rows);
}

/** "12 Exoscale instances, 3 Exoscale snapshots" for a list of objects. */
function countByKind(objects: FoundObject[]): string {
  const counts = new Map<ResourceKind, number>();
  for (const object of objects) counts.set(object.kind, (counts.get(object.kind) ?? 0) + 1);
  return [...counts].map(([kind, count]) => `${count} ${describeKind(kind)}${count === 1 ? "" : "s"}`).join(", ");
}

/** Managed objects, counted by what said so (a stack, or the creation token). */
function managedSummary(managed: FoundObject[]): string[] {
  const byReason = new Map<string, number>();
  for (const object of managed)
    byReason.set(object.skip?.reason ?? "", (byReason.get(object.skip?.reason ?? "") ?? 0) + 1);
  return [...byReason].map(([reason, count]) => `  ${count} already managed (${reason})`);
}

/** The lines that end a run (or a dry run, with `dryRun`). */
export function summary(outcome: AdoptOutcome, options: AdoptOptions): string[] {
  const { plan } = outcome;
  const declared = plan.declarations.map((declaration) => declaration.object);
  const managed = plan.skipped.filter((object) => object.skip?.managed);
  const unusable = plan.skipped.filter((object) => !object.skip?.managed);
  const found = declared.length + plan.skipped.length;
  const lines: string[] = [];
  const verb = options.dryRun
    ? "Would declare"
    : outcome.writtenTo === "-"
      ? "Printed a module declaring"
      : `Wrote ${outcome.writtenTo}, declaring`;
  if (declared.length > 0)
    lines.push(
      `${verb} ${declared.length} object${declared.length === 1 ? "" : "s"} to adopt: ${countByKind(declared)}.`,
    );
  else
    lines.push(
      `Nothing to adopt${found > 0 ? `: every object found is skipped` : ": no object found"}${options.dryRun ? "" : "; nothing was written"}.`,
    );
  if (plan.skipped.length > 0) {
    lines.push(`Skipped ${plan.skipped.length}:`);
    lines.push(...managedSummary(managed));
    for (const object of unusable) lines.push(`  ${object.kind} ${object.id} "${object.name}": ${object.skip?.reason}`);
  }
  if (plan.filteredOut > 0) lines.push(`Left out by --label / --name-prefix: ${plan.filteredOut}.`);
  if (outcome.unconfigured.length > 0) lines.push(`Not configured, so not listed: ${outcome.unconfigured.join(", ")}.`);
  lines.push(...outcome.notes.map((note) => `Note: ${note}`));
  if (declared.some((object) => object.kind === "ExoscaleInstance"))
    lines.push(
      "Note: Exoscale's API does not show destruction protection: add deletionProtection: true to the instances that have it.",
    );
  const secrets = outcome.module?.secrets ?? [];
  if (secrets.length > 0) {
    const how = options.showSecrets
      ? "values shown as you asked"
      : options.secretsDir !== undefined
        ? `values in ${options.secretsDir}, readable by you only`
        : "values not shown: --secrets-dir DIR writes them to files the commands read, --show-secrets prints them";
    const count = `${secrets.length} secret${secrets.length === 1 ? "" : "s"}`;
    if (options.dryRun)
      lines.push(
        `The module would read ${count} from stack config (${[...new Set(secrets.map((secret) => secret.what))].join(", ")}).`,
      );
    else
      lines.push(
        `The module reads ${count} from stack config; in the project that imports it, run (${how}):`,
        ...configCommands(secrets, options).map((command) => `  ${command}`),
      );
  }
  if (!options.dryRun && declared.length > 0) {
    const module = outcome.writtenTo === "-" ? "the module" : outcome.writtenTo;
    lines.push(
      `Next: import ${module} from your program, run \`pulumi up\` (it adopts ${declared.length} resources without creating, changing or replacing any), then \`pulumi preview --expect-no-changes\`.`,
    );
  }
  lines.push(
    `Listed ${found} object${found === 1 ? "" : "s"} in ${formatElapsed(outcome.listMs)} (${formatElapsed(outcome.totalMs)} in all).`,
  );
  return lines;
}
