/**
 * Creation tokens make `create` safe to retry: the provider tags what it creates with a token derived
 * from the resource's identity and inputs, and before (or after an ambiguous failure of) a create it
 * looks for an object carrying that token. A lost response therefore leads to adoption, never to a
 * duplicate. A replacement has different inputs, hence a different token, so it never adopts the
 * object it replaces. `sendCreate` is that protocol around one create request.
 */
import { createHash } from "node:crypto";
import { mayHaveActed, ServerError, timedOut, type TransportError, WaitTimeoutError } from "./errors";
import { lateArrivalWindowMs } from "./http";
import { formatElapsed, type Logger } from "./log";
import { pollUntil } from "./waiter";

/** Label / tag key under which the token is stored on the cloud object. */
export const CREATION_TOKEN_LABEL = "pulumi-creation-token";

/**
 * Read's outputs, keeping the old state's `creationToken` when the object no longer carries it (its
 * labels or tags replaced outside Pulumi). The token only matters until the create is known to have
 * finished; an internal output must not show in a refresh as drift of its own.
 */
export function keepCreationToken<O extends object>(outs: O, olds: Record<string, unknown>): O {
  const current = (outs as { creationToken?: unknown }).creationToken;
  return current === undefined && typeof olds.creationToken === "string"
    ? { ...outs, creationToken: olds.creationToken }
    : outs;
}

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

/** How a create ended: the API's answer to it, or the object an attempt made although it failed. */
type CreateOutcome<C, F> = { created: C } | { found: F; failure: unknown };

interface CreateRequest<C, F> {
  /** Sends the create request (it carries the creation token); the HTTP layer never repeats it. */
  create(): Promise<C>;
  /** The object the failed attempt made, if any (looked up by its creation token). */
  find(failure: unknown): Promise<F | undefined>;
  /** Where "trying again" lines go. */
  log: Logger;
  /** Names the object in those lines ("instance web-1"). */
  what: string;
  /** Attempts in all while the server answers with a 5xx and nothing carries the token; default 3. */
  attempts?: number;
  /** After a timeout, how long to keep looking for what the server may still make; default twice the request timeout. */
  lateArrivalMs?: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Looks for the object again and again for `windowMs`: a request that timed out may still land. */
async function watchForLateArrival<C, F>(
  request: CreateRequest<C, F>,
  failure: TransportError,
  windowMs: number,
): Promise<F | undefined> {
  request.log.info(
    `${request.what}: timed out; watching ${formatElapsed(windowMs)} for what the server may still make`,
  );
  const result = await pollUntil<F | undefined>({
    what: `${request.what} (late arrival)`,
    cloud: failure.cloud ?? "",
    operation: failure.operation ?? "",
    timeoutMs: windowMs,
    log: request.log,
    poll: () => request.find(failure),
    status: (found) => ({ state: found === undefined ? "nothing yet" : "found", done: found !== undefined }),
  }).catch((error) => (error instanceof WaitTimeoutError ? undefined : Promise.reject(error)));
  return result;
}

/**
 * Sends a create without ever making two objects. After a failure that may have reached the server,
 * the object carrying the token is looked up and adopted; after a timeout it is looked for a while
 * longer, since the server may still be working on the request. When the server *answered* with a
 * 5xx and nothing carries the token, it has finished with the request without making anything, so
 * the create is sent again (with backoff). After a reset, or a timeout with nothing found, the
 * failure is reported, and the next run adopts whatever appears.
 */
export async function sendCreate<C, F>(request: CreateRequest<C, F>): Promise<CreateOutcome<C, F>> {
  const attempts = request.attempts ?? 3;
  for (let attempt = 1; ; attempt++) {
    try {
      return { created: await request.create() };
    } catch (failure) {
      if (!mayHaveActed(failure)) throw failure;
      let found = await request.find(failure);
      if (found === undefined && timedOut(failure))
        found = await watchForLateArrival(
          request,
          failure as TransportError,
          request.lateArrivalMs ?? lateArrivalWindowMs(),
        );
      if (found !== undefined) return { found, failure };
      if (!(failure instanceof ServerError) || attempt >= attempts) throw failure;
      const wait = 1000 * 2 ** (attempt - 1) * (0.75 + Math.random() / 2);
      request.log.info(
        `${request.what}: ${failure.message}; nothing carries its creation token, so nothing was made: trying again in ${formatElapsed(wait)}`,
      );
      await sleep(wait);
    }
  }
}
