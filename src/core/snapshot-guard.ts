/**
 * When a snapshot may be deleted. The engine deletes a snapshot before its instance (it depends on
 * the instance), so when the instance is protected server-side, deleting the snapshot first would
 * lose it and leave the instance in place. The rule, for every snapshot kind:
 *
 * - the instance stays in the stack in this run (the program still declares it and it is not
 *   replaced): the snapshot alone is being removed on purpose, so it is deleted;
 * - the instance is going too (removed from the program, `pulumi destroy`) or is not declared in
 *   this run (`destroy --target`): the snapshot is deleted only when its instance is not protected
 *   server-side; otherwise the delete is refused and nothing is deleted.
 */
import { DeletionProtectedError } from "./errors";
import { deletedSoFar, keptInThisRun } from "./run-journal";

interface ProtectedSnapshot {
  cloud: string;
  /** The instance's resource kind, as the journal records it ("exoscale:Instance"). */
  instanceKind: string;
  /** Whether an id of that kind names the snapshot's instance. */
  isInstance: (id: string) => boolean;
  snapshot: string;
  instance: string;
  /** How the protection is known ("deletionProtection: true", "security.protection.delete=true"). */
  protection: string;
  /** The docs page with the retire runbook. */
  docs: string;
}

/** Whether the snapshot's instance stays in the stack in this run. */
export function instanceStays(target: Pick<ProtectedSnapshot, "instanceKind" | "isInstance">): boolean {
  return keptInThisRun(target.instanceKind, target.isInstance);
}

/** The refusal for a snapshot whose instance is protected and not staying: what was and was not deleted, and what to do. */
export function protectedSnapshotError(target: ProtectedSnapshot): DeletionProtectedError {
  return new DeletionProtectedError(
    `snapshot ${target.snapshot} was not deleted: its instance ${target.instance} is protected against deletion server-side (${target.protection}), so deleting it would fail and the snapshot would be lost while the instance stays. ` +
      `Not deleted: this snapshot and its instance. ${deletedSoFar()} ` +
      `To retire the instance, first set deletionProtection: false on it and run \`pulumi up\`, then remove it and its snapshots from the program (${target.docs}, "Retiring a protected instance"). ` +
      `To delete only this snapshot, keep the instance in the program, remove just the snapshot, and run \`pulumi up\`.`,
    { cloud: target.cloud },
  );
}
