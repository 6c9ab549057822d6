/**
 * Keeps each object with the account it was made in. Every resource stores the name of its account
 * (`__account`: the account object's name, or "default"); when the program gives the resource
 * another account, the engine diffs, reads, updates and deletes it with the new account's provider,
 * which would not find it there (the next refresh drops it from state: an orphan in the old account).
 * So any change of account is refused, before any call, naming both. The name survives key rotation
 * (a new key given to the same account object), and objects made before accounts existed adopt the
 * account they are read or updated with, silently.
 *
 * A name alone misses the same account object (or the stack config) pointed at another organization
 * or server, so each object also stores the account's identity on the cloud's side (`__accountId`),
 * read once per provider process, and a change of that is refused the same way.
 */
import { accountInUse, describeAccount } from "./credentials";
import { AccountChangedError } from "./errors";
import { ACCOUNT_ID_OUTPUT, ACCOUNT_OUTPUT } from "./hidden-fields";

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

/** Identities by the credentials and endpoint that answered; a failed look-up is not kept. */
const identities = new Map<string, Promise<string | undefined>>();

/**
 * The identity `lookUp` answers, once per `key` (the endpoint and credentials it uses) for the life
 * of the provider process: a run makes at most one such call per account.
 */
export function rememberedIdentity(
  key: string,
  lookUp: () => Promise<string | undefined>,
): Promise<string | undefined> {
  let found = identities.get(key);
  if (!found) {
    found = lookUp();
    identities.set(key, found);
    found.catch(() => identities.delete(key));
  }
  return found;
}

/**
 * Throws AccountChangedError when `stored` (the outputs as in state) records another identity than
 * `current`, the identity of the account in use. Nothing recorded (objects made before identities
 * were stored) or nothing known now: nothing to compare.
 */
export function refuseIdentityChange(
  stored: Record<string, unknown>,
  current: string | undefined,
  resource: string,
  action: string,
): void {
  const recorded = stored[ACCOUNT_ID_OUTPUT];
  if (typeof recorded !== "string" || current === undefined || recorded === current) return;
  const account = accountInUse();
  const storedName = typeof stored[ACCOUNT_OUTPUT] === "string" ? stored[ACCOUNT_OUTPUT] : account.name;
  const was = `${describeAccount(storedName, storedName === "default" ? undefined : account.cloud)} at ${recorded}`;
  const now = `${describeAccount(account.name, account.cloud)} at ${current}`;
  throw new AccountChangedError(
    `${resource} lives in ${was}, but its provider now signs into ${now}: refusing to ${action} it there ` +
      `(it would not be found, and would be left behind). Give the account back the settings of ${recorded}; ` +
      `a new key of the same account changes nothing, while another organization, project or server is another account.`,
  );
}
