/**
 * Keeps each object with the account it was made in. Every resource stores the name of its account
 * (`__account`: the account object's name, or "default"); when the program gives the resource
 * another account, the engine diffs, reads, updates and deletes it with the new account's provider,
 * which would not find it there (the next refresh drops it from state: an orphan in the old account).
 * So any change of account is refused, before any call, naming both. The name survives key rotation
 * (a new key given to the same account object), and objects made before accounts existed adopt the
 * account they are read or updated with, silently.
 */
import { accountInUse, describeAccount } from "./credentials";
import { AccountChangedError } from "./errors";
import { ACCOUNT_OUTPUT } from "./hidden-fields";

/** The account name to store with an object now. */
export function currentAccountName(): string {
  return accountInUse().name;
}

/** Throws AccountChangedError when `stored` (the outputs as in state) names another account than the one in use. */
export function refuseAccountChange(stored: Record<string, unknown>, resource: string, action: string): void {
  const recorded = stored[ACCOUNT_OUTPUT];
  if (typeof recorded !== "string") return;
  const current = accountInUse();
  if (recorded === current.name) return;
  const was = describeAccount(recorded, recorded === "default" ? undefined : current.cloud);
  const now = describeAccount(current.name, current.cloud);
  throw new AccountChangedError(
    `${resource} lives in ${was}, but its provider is now ${now}: refusing to ${action} it with another account ` +
      `(it would not be found there, and would be left behind in ${was}). Give it back the provider of ${was}; ` +
      `to move it, delete it from ${was} (remove it from the program and run \`pulumi up\`) and create it with ${now}.`,
  );
}
