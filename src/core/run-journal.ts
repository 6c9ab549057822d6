/**
 * What this provider process has seen in the current engine run. The engine starts its provider
 * processes for one deployment, and in `pulumi up` it diffs every resource the program still
 * declares before it deletes the ones the program dropped (dependents before what they depend on).
 * So, when a snapshot is deleted, its instance has been diffed without a replacement in this run
 * exactly when the program keeps the instance: the snapshot alone is being removed. And a delete
 * that fails can say what this run deleted before it.
 */

interface Entry {
  kind: string;
  id: string;
}

const kept: Entry[] = [];
const deleted: Entry[] = [];

/** Records that the program still declares this resource and this run does not replace it. */
export function recordKept(kind: string, id: string): void {
  if (id) kept.push({ kind, id });
}

/** Whether a resource of `kind` whose id passes `matches` was recorded as kept in this run. */
export function keptInThisRun(kind: string, matches: (id: string) => boolean): boolean {
  return kept.some((entry) => entry.kind === kind && matches(entry.id));
}

/** Records a delete that succeeded in this run. */
export function recordDeleted(kind: string, id: string): void {
  deleted.push({ kind, id });
}

/** "this run has deleted nothing of pulumi-dynamic-compute before" or the list, for failure messages. */
export function deletedSoFar(): string {
  if (deleted.length === 0) return "Earlier in this run pulumi-dynamic-compute deleted nothing.";
  return `Earlier in this run pulumi-dynamic-compute deleted: ${deleted.map((entry) => `${entry.kind} ${entry.id}`).join(", ")}.`;
}

/** Forgets everything (tests run several "runs" in one process). */
export function resetRunJournal(): void {
  kept.length = 0;
  deleted.length = 0;
}
