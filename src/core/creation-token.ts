/**
 * Creation tokens make `create` safe to retry: the provider tags what it creates with a token derived
 * from the resource's identity and inputs, and before (or after an ambiguous failure of) a create it
 * looks for an object carrying that token. A lost response therefore leads to adoption, never to a
 * duplicate. A replacement has different inputs, hence a different token, so it never adopts the
 * object it replaces.
 */
import { createHash } from "node:crypto";

/** Label / tag key under which the token is stored on the cloud object. */
export const CREATION_TOKEN_LABEL = "pulumi-creation-token";

/** A 20-character token (lowercase hex), valid as a label value on every cloud we support. */
export function creationToken(identity: string, inputs: Record<string, unknown>): string {
  const stable = canonicalJson(inputs);
  return createHash("sha256").update(identity).update("\n").update(stable).digest("hex").slice(0, 20);
}

/** JSON with object keys sorted at every level, so equal inputs always hash alike. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value ?? null);
}
