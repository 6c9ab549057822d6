/**
 * Replace-or-update decisions from one declarative table per resource. Every input appears in the
 * table, so a field can never silently do nothing when it changes (the failure mode of several
 * Terraform providers: exoscale/terraform-provider-exoscale#231, #461, #218).
 */
import { UNKNOWN } from "./validation";

/** The whole stored outputs and new inputs, for rules that look beyond one field. */
interface DiffRecord {
  olds: Record<string, unknown>;
  news: Record<string, unknown>;
}

/** How a change to one input is applied. */
type FieldRule<V = unknown> =
  | "update"
  | "replace"
  | "ignore"
  | {
      /**
       * Custom equality (e.g. case-insensitive, normalised user data). `record` holds the whole
       * stored outputs and new inputs, for values whose meaning depends on another field (an image
       * alias vs the fingerprint read back from the server).
       */
      equals?: (previous: V | undefined, next: V | undefined, record: DiffRecord) => boolean;
      /**
       * Replace only for some changes (e.g. disk shrink); otherwise update in place. `record` serves
       * rules that depend on another input (e.g. a change strategy).
       */
      replaceIf?: (previous: V | undefined, next: V | undefined, record: DiffRecord) => boolean;
    };

export type FieldTable<I> = { [K in keyof I]-?: FieldRule<I[K]> };

interface DiffDecision {
  changes: boolean;
  /** Inputs whose change forces a replacement. */
  replaces: string[];
  /** Inputs that changed and are applied in place. */
  updates: string[];
}

/** Structural equality that treats missing, undefined and null alike, and ignores key order. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || a === null) return b === undefined || b === null;
  if (b === undefined || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => sameValue(item, b[i]));
  }
  if (typeof a === "object" && typeof b === "object") {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) {
      if (!sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
    }
    return true;
  }
  return false;
}

/** Equality for lists whose order carries no meaning (ssh keys, security groups, profiles). */
export function sameSet(a: unknown, b: unknown): boolean {
  const list = (v: unknown) => (Array.isArray(v) ? v.map((x) => JSON.stringify(x)).sort() : []);
  return sameValue(list(a), list(b));
}

/** Compares stored outputs (`olds`, which carry every input) with new inputs. */
export function diffByTable<I>(
  table: FieldTable<I>,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): DiffDecision {
  const replaces: string[] = [];
  const updates: string[] = [];
  for (const [field, rule] of Object.entries(table) as Array<[string, FieldRule]>) {
    if (rule === "ignore") continue;
    const previous = olds[field];
    const next = news[field];
    if (next === UNKNOWN) {
      // Not known until apply: assume it changes, and replace if the field would.
      (rule === "replace" || (typeof rule === "object" && rule.replaceIf) ? replaces : updates).push(field);
      continue;
    }
    const equals = typeof rule === "object" && rule.equals ? rule.equals : sameValue;
    const record = { olds, news };
    if (equals(previous, next, record)) continue;
    const replace =
      rule === "replace" || (typeof rule === "object" && rule.replaceIf?.(previous, next, record) === true);
    (replace ? replaces : updates).push(field);
  }
  return { changes: replaces.length + updates.length > 0, replaces, updates };
}
