/**
 * Turns a resource definition (schema, field table, CRUD functions) into the object the
 * `pulumi-nodejs` dynamic-provider host calls. This runs in the provider process only, loaded by the
 * serialized shim (`shim.ts`), so it may use zod, got and friends freely.
 *
 * Contracts kept here for every resource:
 * - `check` validates with zod; failures name the property, and never let the engine print a value
 *   that may be secret. When the resource would be created or changed, it also runs the definition's
 *   read-only `preflight` (credentials configured, catalogue names resolve); a no-change preview
 *   makes no network call.
 * - `diff` decides from one field table, ignores `__provider`, and makes no network call.
 * - `create` that made the remote object and then failed throws `{ id, properties, reasons }` so the
 *   engine keeps the object in state (no orphan).
 * - `read` returns no id when the object is gone, and returns refreshed inputs so drift shows.
 * - `update` always returns the full outputs.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { keepCreationToken } from "./creation-token";
import { setStackConfig } from "./credentials";
import { diffByTable, type FieldTable } from "./diff";
import type { Logger } from "./log";
import { createLogger } from "./log";
import { redact } from "./redact";
import { recordDeleted, recordKept } from "./run-journal";
import { type CheckFailure, checkInputs, closestName, containsUnknown } from "./validation";
import {
  AdoptionMismatchError,
  type ArgumentProblem,
  CredentialsError,
  InvalidArgumentsError,
  explainNotFound,
  PartialCreateError,
  PartialUpdateError,
  ProviderError,
  UnexpectedError,
} from "./errors";
import {
  ACCOUNT_ID_OUTPUT,
  ACCOUNT_OUTPUT,
  ADOPTED_OUTPUT,
  EXPLICIT_INPUTS,
  IDENTITY_INPUT,
  SET_INPUTS_OUTPUT,
} from "./hidden-fields";
import { currentAccountName, refuseAccountChange, refuseIdentityChange } from "./account-guard";

export { IDENTITY_INPUT, SET_INPUTS_OUTPUT, PartialCreateError, PartialUpdateError };

/** A difference between an object to adopt and the inputs that cannot be applied in place. */
interface Mismatch {
  property: string;
  reason: string;
}

export interface ResourceContext {
  /** Progress lines for this resource, prefixed `[kind name]`. */
  log: Logger;
  /** "<project>/<stack>/<name>", stable for the life of the resource; used as a creation marker. */
  identity: string;
  /** `exoscale:Instance "web"`, for messages. */
  label: string;
}

/** Which inputs `preflight` looks at: the known ones the run would create or change. */
export interface PreflightScope<I> {
  /**
   * True when `field` has a known value that is new: every input on a create or a replacement,
   * else the inputs that differ from the previous ones. Always false while adopting (`adoptId`).
   */
  changed(field: keyof I & string): boolean;
}

export interface ResourceDefinition<I extends object, O extends object> {
  /** "exoscale:Instance": module and type of the resource's type token. */
  kind: string;
  /** Input schema (zod); the source of truth for names, defaults and allowed values. */
  inputs: z.ZodType<I>;
  /** For every input: update in place, replace, or ignore. */
  fields: FieldTable<I>;
  /**
   * Inputs whose value may be secret (user data): a check failure on one of them names the property
   * in its reason instead of its property slot, because the engine prints the slot's value, secret
   * or not, next to the failure.
   */
  sensitiveInputs?: ReadonlyArray<keyof I & string>;
  /**
   * Read-only checks `check` runs when the resource would be created, replaced or changed (never for
   * a no-change preview): the cloud's credentials are configured, and the catalogue names among the
   * changed inputs (instance types, templates, snapshot ids) exist, looked up once per zone for the
   * run. Throws what `create` or `update` would: a CredentialsError, or an InvalidArgumentsError
   * naming the input; `check` reports either as a check failure. While some input is unknown, the
   * inputs are as the program gave them, without defaults.
   */
  preflight?(inputs: I, scope: PreflightScope<I>, ctx: ResourceContext): Promise<void>;
  /** Whether a replacement must delete the old object first (e.g. unique names). */
  deleteBeforeReplace?: (olds: O, news: I) => boolean;
  create(inputs: I, ctx: ResourceContext): Promise<{ id: string; outs: O }>;
  /**
   * Taking over an existing object (`adoptId`). The provider reads it, fills the inputs the program
   * left unset with its values, refuses (naming the properties) when a set input differs where the
   * field table says "replace", and applies the other differences through `update`.
   */
  adopt?: {
    /**
     * The object `adoptId` names, as resource id and outputs; `known` holds the inputs the program
     * set, for values only it knows (triggers, timeouts) and for keeping its spelling of a value
     * that means the same. Rejects with NotFoundError when there is no such object.
     */
    read(adoptId: string, known: Partial<I>, ctx: ResourceContext): Promise<{ id: string; outs: O }>;
  };
  /**
   * The resource id in today's form for an id as stored (e.g. a bare UUID written by an older
   * release → `zone/uuid`); `read` returns it, so a refresh records it.
   */
  canonicalId?(id: string, outs: O): string;
  /**
   * Asked by diff when a change applies in place (`updates` names the inputs), before the plan is
   * shown: rejects when the server in use cannot make that change (a missing feature, a state that
   * forbids it), so `preview` fails instead of `up` failing halfway.
   */
  checkInPlaceUpdate?(olds: O, news: I, updates: string[], ctx: ResourceContext): Promise<void>;
  /**
   * The account's identity on the cloud's side ("exoscale organization <id>"), which a new key of the
   * same account leaves unchanged; undefined when not known. Asked before create, read, update and
   * delete (never by check or diff), so it should call the cloud at most once per provider process
   * (core/account-guard.ts rememberedIdentity).
   */
  accountIdentity?(): Promise<string | undefined>;
  /** Current state, or undefined when the object no longer exists. */
  read(id: string, olds: O, ctx: ResourceContext): Promise<O | undefined>;
  update(id: string, olds: O, news: I, ctx: ResourceContext): Promise<O>;
  delete(id: string, olds: O, ctx: ResourceContext): Promise<void>;
}

/**
 * Waits for every catalogue lookup of a preflight and throws one InvalidArgumentsError naming every
 * input that failed, so that one preview reports them all; any other failure is thrown as it is.
 */
export async function settleLookups(lookups: ReadonlyArray<Promise<unknown>>): Promise<void> {
  const problems: ArgumentProblem[] = [];
  for (const result of await Promise.allSettled(lookups)) {
    if (result.status === "fulfilled") continue;
    if (!(result.reason instanceof InvalidArgumentsError)) throw result.reason;
    problems.push(...result.reason.problems);
  }
  if (problems.length > 0) throw new InvalidArgumentsError(problems);
}

/** Drops undefined values so the outputs survive protobuf Struct conversion. */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value ?? {}));
}

function contextFor(kind: string, props: Record<string, unknown>): ResourceContext {
  const identity = typeof props[IDENTITY_INPUT] === "string" ? props[IDENTITY_INPUT] : "";
  const name = identity.split("/").pop() || "?";
  return { identity, log: createLogger(`${kind} ${name}`), label: `${kind} "${name}"` };
}

/**
 * Texts the dynamic-provider host is about to echo. The host (`@pulumi/pulumi`'s
 * cmd/dynamic-provider) writes every error thrown from check, diff, read and delete to stderr as
 * `${error}: ${error.stack}` before it hands the error to the engine, which prints it again as the
 * resource's diagnostic: one failure shows up three times, with a stack. The engine's copy has
 * everything (vendor message, status, request id), so the host's echo of an error this provider
 * threw, and only that exact text, is dropped.
 */
const pendingEchoes = new Set<string>();
let echoFilterInstalled = false;

function installEchoFilter(): void {
  if (echoFilterInstalled) return;
  echoFilterInstalled = true;
  const original = console.error;
  console.error = (...args: unknown[]) => {
    if (args.length === 1 && typeof args[0] === "string" && pendingEchoes.delete(args[0])) return;
    original.apply(console, args);
  };
}

/**
 * The error the engine prints: a ProviderError with its stable `code`, one line, secrets masked,
 * vendor details kept, and no stack (its frames would point into this package's internals).
 * Anything else (a bug) becomes an UnexpectedError whose stack goes to the debug log.
 */
function userFacing(error: unknown, ctx: ResourceContext, echoed: boolean): ProviderError {
  let out: ProviderError;
  if (error instanceof ProviderError) out = error;
  else {
    ctx.log.debug(`unexpected error: ${error instanceof Error ? error.stack : String(error)}`);
    out = new UnexpectedError(error instanceof Error ? error.message : String(error), { cause: error });
  }
  out.message = redact(out.message);
  out.stack = `${out.name}: ${out.message}`;
  if (echoed) {
    installEchoFilter();
    pendingEchoes.add(`${out}: ${out.stack}`);
  }
  return out;
}

/** The engine's "created but failed to initialise" error: keeps `id` and `properties` in state. */
function initFailure(error: PartialCreateError, providerText: unknown): Error {
  const message = redact(error.message);
  error.message = message;
  error.stack = `${error.name}: ${message}`;
  return Object.assign(error, { properties: { ...plain(error.outs), __provider: providerText }, reasons: [message] });
}

/** Names of the inputs present in `inputs` (hidden keys excluded), sorted. */
function presentInputs(inputs: Record<string, unknown>): string[] {
  return Object.keys(inputs)
    .filter((key) => !key.startsWith("__") && inputs[key] !== undefined && inputs[key] !== null)
    .sort();
}

/** Names of the inputs the program wrote itself: recorded by `check` before defaults were applied. */
function explicitInputsOf(inputs: Record<string, unknown>): string[] {
  const recorded = inputs[EXPLICIT_INPUTS];
  return Array.isArray(recorded) ? (recorded as string[]) : presentInputs(inputs);
}

/** The inputs as the definition sees them: without the recorded list of explicit inputs. */
function withoutSetList(inputs: Record<string, unknown>): Record<string, unknown> {
  const { [EXPLICIT_INPUTS]: _explicit, ...rest } = inputs;
  return rest;
}

/**
 * On an adopted object, an input the program leaves unset keeps the object's value (as stored in
 * `olds`) instead of taking its default: adoption never changes what the program does not mention.
 */
function keepUnset(
  fields: object,
  olds: Record<string, unknown>,
  news: Record<string, unknown>,
): Record<string, unknown> {
  if (olds[ADOPTED_OUTPUT] !== true) return withoutSetList(news);
  const set = new Set(explicitInputsOf(news));
  const filled = withoutSetList(news);
  for (const field of Object.keys(fields))
    if (!set.has(field) && olds[field] !== undefined) filled[field] = olds[field];
  return filled;
}

/** "it has {…}, inputs say {…}" for an adoption refusal; values that may be secret (user data) are not shown. */
function describeMismatch(field: string, objectValue: unknown, inputValue: unknown, sensitive: boolean): Mismatch {
  if (sensitive)
    return { property: field, reason: "it differs from the inputs (values not shown: they may be secret)" };
  return {
    property: field,
    reason: `it has ${JSON.stringify(objectValue) ?? "nothing"}, inputs say ${JSON.stringify(inputValue)}`,
  };
}

/** What a resource kind manages, in words: "exoscale:InstanceSnapshot" → "instance snapshot". */
function nounOf(kind: string): string {
  return (kind.split(":")[1] ?? kind).replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

/**
 * Takes over `adoptId`: reads the object, gives every input the program left unset the object's
 * value, refuses when a set input differs in a way that would need a replacement (nothing is
 * changed then), and applies the remaining differences in place.
 */
async function adoptObject<I extends object, O extends object>(
  def: ResourceDefinition<I, O>,
  inputs: Record<string, unknown>,
  ctx: ResourceContext,
): Promise<{ id: string; outs: O }> {
  const adoption = def.adopt as NonNullable<ResourceDefinition<I, O>["adopt"]>;
  const adoptId = String(inputs.adoptId);
  const set = new Set(explicitInputsOf(inputs));
  const known = Object.fromEntries(
    Object.entries(withoutSetList(inputs)).filter(([key]) => set.has(key) || key.startsWith("__")),
  ) as Partial<I>;
  let found: { id: string; outs: O };
  try {
    found = await adoption.read(adoptId, known, ctx);
  } catch (error) {
    throw explainNotFound(error, `adoptId: no ${nounOf(def.kind)} ${adoptId} exists`);
  }
  const outs = found.outs as Record<string, unknown>;
  const effective = withoutSetList(inputs);
  for (const field of Object.keys(def.fields))
    if (!set.has(field) && outs[field] !== undefined) effective[field] = outs[field];
  const decision = diffByTable(def.fields, outs, effective);
  const sensitive = new Set<string>(def.sensitiveInputs ?? []);
  const mismatches = decision.replaces.map((field) =>
    describeMismatch(field, outs[field], effective[field], sensitive.has(field)),
  );
  if (mismatches.length > 0) throw new AdoptionMismatchError(adoptId, mismatches, {});
  ctx.log.info(
    `adopting existing ${nounOf(def.kind)} ${adoptId}${decision.updates.length > 0 ? `; bringing ${decision.updates.join(", ")} to the inputs` : ""}`,
  );
  const converged =
    decision.updates.length > 0 ? await def.update(found.id, found.outs, effective as I, ctx) : found.outs;
  return { id: found.id, outs: converged };
}

/**
 * The failure as the engine should print it. The engine prints "property <p> value <inputs[p]> has
 * a problem: …" with the value in plain text even when it is a secret (a dynamic provider is sent
 * inputs with their secret marks removed, so it cannot tell), and "has a problem: <reason>" for a
 * failure without a property. Inputs that may hold secrets (user data) and properties the resource
 * does not have (a misspelt `userdata` may well hold one) are named in the reason instead.
 */
function valueHider<I extends object, O extends object>(
  def: ResourceDefinition<I, O>,
): (failure: CheckFailure) => CheckFailure {
  const sensitive = new Set<string>(def.sensitiveInputs ?? []);
  const names = Object.keys(def.fields);
  return (failure) => {
    const top = failure.property.split(/[.[]/)[0];
    if (sensitive.has(top)) return { property: "", reason: `${failure.property}: ${failure.reason}` };
    if (top === "" || top === "(inputs)" || names.includes(top)) return failure;
    const near = closestName(top, names);
    return { property: "", reason: `${failure.property}: ${failure.reason}${near ? ` (did you mean ${near}?)` : ""}` };
  };
}

/** True when `check` got no previous inputs: the resource does not exist yet. */
function isNew(olds: Record<string, unknown>): boolean {
  return Object.keys(olds).every((key) => key.startsWith("__"));
}

/**
 * What `preflight` looks at for `inputs` against the previous inputs, or undefined when nothing
 * would change (then no API is called and no credential is needed).
 */
function preflightScope<I>(
  fields: FieldTable<I>,
  olds: Record<string, unknown>,
  inputs: Record<string, unknown>,
): PreflightScope<I> | undefined {
  const known = (field: string) => !containsUnknown(inputs[field]);
  if (isNew(olds)) {
    // Adoption takes the object's values for what the program leaves unset: only credentials are checked.
    const adopting = inputs.adoptId !== undefined && inputs.adoptId !== null;
    return { changed: adopting ? () => false : known };
  }
  const decision = diffByTable(fields, olds, inputs);
  if (!decision.changes) return undefined;
  if (decision.replaces.length > 0) return { changed: known };
  const updated = new Set(decision.updates);
  return { changed: (field) => updated.has(field) && known(field) };
}

/** The definition's preflight for a resource that would be created or changed, as check failures. */
async function preflightFailures<I extends object, O extends object>(
  def: ResourceDefinition<I, O>,
  olds: Record<string, unknown>,
  inputs: Record<string, unknown>,
  ctx: ResourceContext,
): Promise<CheckFailure[]> {
  const scope = def.preflight ? preflightScope(def.fields, olds, inputs) : undefined;
  if (!def.preflight || !scope) return [];
  try {
    await def.preflight(withoutSetList(inputs) as I, scope, ctx);
    return [];
  } catch (error) {
    if (error instanceof CredentialsError) return [{ property: "", reason: redact(error.message) }];
    if (error instanceof InvalidArgumentsError)
      return error.problems.map((problem) => ({ property: problem.argument, reason: redact(problem.reason) }));
    throw error;
  }
}

/** Builds the dynamic provider for one resource definition. */
export function dynamicProvider<I extends object, O extends object>(
  def: ResourceDefinition<I, O>,
): pulumi.dynamic.ResourceProvider {
  const outsOf = (value: object) => plain(value) as Record<string, unknown>;
  const inputsFrom = (outs: Record<string, unknown>) => {
    const set = Array.isArray(outs[SET_INPUTS_OUTPUT]) ? new Set(outs[SET_INPUTS_OUTPUT] as string[]) : undefined;
    const inputs: Record<string, unknown> = {};
    for (const key of Object.keys(def.fields))
      if (outs[key] !== undefined && (set?.has(key) ?? true)) inputs[key] = outs[key];
    if (outs[IDENTITY_INPUT] !== undefined) inputs[IDENTITY_INPUT] = outs[IDENTITY_INPUT];
    return inputs;
  };
  const hideValue = valueHider(def);
  /** Outputs as stored: the definition's outputs plus the hidden identity, set-inputs list, adoption mark and account. */
  const stamped = (outs: object, identity: unknown, setInputs: unknown, adopted: unknown, accountId: unknown) =>
    outsOf({
      ...outs,
      [IDENTITY_INPUT]: identity,
      [SET_INPUTS_OUTPUT]: setInputs,
      [ADOPTED_OUTPUT]: adopted === true ? true : undefined,
      [ACCOUNT_OUTPUT]: currentAccountName(),
      [ACCOUNT_ID_OUTPUT]: accountId,
    });
  /**
   * The account identity to store, once a change of it against `stored` is refused: the current
   * one, or the stored one when the current one is not known.
   */
  const checkedIdentity = async (stored: Record<string, unknown>, label: string, action: string) => {
    const current = await def.accountIdentity?.();
    refuseIdentityChange(stored, current, label, action);
    return current ?? stored[ACCOUNT_ID_OUTPUT];
  };

  return {
    async configure(req) {
      setStackConfig(req.config);
    },

    async check(olds, news) {
      try {
        const { [IDENTITY_INPUT]: identity, [EXPLICIT_INPUTS]: _stale, ...userInputs } = news;
        const { inputs, failures } = checkInputs(def.inputs, userInputs);
        // Recorded before defaults apply: which inputs the program itself wrote.
        const checked = { ...inputs, [IDENTITY_INPUT]: identity, [EXPLICIT_INPUTS]: presentInputs(userInputs) };
        const found =
          failures.length > 0 ? failures : await preflightFailures(def, olds, checked, contextFor(def.kind, news));
        return { inputs: checked, failures: found.map(hideValue) };
      } catch (error) {
        throw userFacing(error, contextFor(def.kind, news), true);
      }
    },

    async diff(id, olds, news) {
      try {
        refuseAccountChange(olds, contextFor(def.kind, news).label, "update");
        const effective = keepUnset(def.fields, olds, news);
        const decision = diffByTable(def.fields, olds, effective);
        if (decision.replaces.length > 0 && olds[ADOPTED_OUTPUT] === true && typeof effective.adoptId === "string") {
          // The replacement would delete the adopted object, and its create would then adopt an id that is gone.
          throw new AdoptionMismatchError(
            effective.adoptId,
            decision.replaces.map((field) => ({
              property: field,
              reason: `changing it replaces the adopted object; remove adoptId from the program to let Pulumi replace it, or set ${field} back`,
            })),
            {},
          );
        }
        if (decision.replaces.length > 0) {
          contextFor(def.kind, news).log.info(
            `replacement needed: ${decision.replaces.join(", ")} cannot change in place`,
          );
        } else {
          recordKept(def.kind, id);
        }
        if (decision.updates.length > 0 && decision.replaces.length === 0 && def.checkInPlaceUpdate)
          await def.checkInPlaceUpdate(olds as O, effective as I, decision.updates, contextFor(def.kind, news));
        return {
          changes: decision.changes,
          replaces: decision.replaces,
          deleteBeforeReplace:
            decision.replaces.length > 0 && (def.deleteBeforeReplace?.(olds as O, effective as I) ?? false),
        };
      } catch (error) {
        throw userFacing(error, contextFor(def.kind, news), true);
      }
    },

    async create(inputs) {
      const ctx = contextFor(def.kind, inputs);
      let accountId: unknown;
      try {
        accountId = await checkedIdentity({}, ctx.label, "create");
        const adopting = inputs.adoptId !== undefined && inputs.adoptId !== null && def.adopt !== undefined;
        const { id, outs } = adopting
          ? await adoptObject(def, inputs, ctx)
          : await def.create(withoutSetList(inputs) as I, ctx);
        return { id, outs: stamped(outs, ctx.identity, presentInputs(inputs), adopting, accountId) };
      } catch (error) {
        if (error instanceof PartialCreateError) {
          ctx.log.warn(
            `created ${error.id} but a later step failed; it is kept in state so the next run can finish or delete it`,
          );
          const adopted = inputs.adoptId !== undefined && def.adopt !== undefined;
          throw initFailure(
            new PartialCreateError(
              error.id,
              stamped(error.outs, ctx.identity, presentInputs(inputs), adopted, accountId),
              error.failure,
            ),
            inputs.__provider,
          );
        }
        throw userFacing(error, ctx, false);
      }
    },

    async read(id, props) {
      const ctx = contextFor(def.kind, props);
      try {
        refuseAccountChange(props, ctx.label, "read");
        const accountId = await checkedIdentity(props, ctx.label, "read");
        const outs = await def.read(id, props as O, ctx);
        if (outs === undefined) return {};
        const refreshed = stamped(
          keepCreationToken(outs, props),
          props[IDENTITY_INPUT],
          props[SET_INPUTS_OUTPUT],
          props[ADOPTED_OUTPUT],
          accountId,
        );
        return { id: def.canonicalId?.(id, outs) ?? id, props: refreshed, inputs: inputsFrom(refreshed) };
      } catch (error) {
        throw userFacing(error, ctx, true);
      }
    },

    async update(id, olds, news) {
      const ctx = contextFor(def.kind, news);
      let accountId: unknown = olds[ACCOUNT_ID_OUTPUT];
      try {
        refuseAccountChange(olds, ctx.label, "update");
        accountId = await checkedIdentity(olds, ctx.label, "update");
        const outs = await def.update(id, olds as O, keepUnset(def.fields, olds, news) as I, ctx);
        return { outs: stamped(outs, news[IDENTITY_INPUT], presentInputs(news), olds[ADOPTED_OUTPUT], accountId) };
      } catch (error) {
        if (error instanceof PartialCreateError) {
          throw initFailure(
            new PartialUpdateError(
              id,
              stamped(error.outs, news[IDENTITY_INPUT], presentInputs(news), olds[ADOPTED_OUTPUT], accountId),
              error.failure,
            ),
            news.__provider,
          );
        }
        throw userFacing(error, ctx, false);
      }
    },

    async delete(id, props) {
      const ctx = contextFor(def.kind, props);
      try {
        refuseAccountChange(props, ctx.label, "delete");
        // Nothing to record on a delete: the identity is asked only when there is one to compare.
        if (props[ACCOUNT_ID_OUTPUT] !== undefined) await checkedIdentity(props, ctx.label, "delete");
        await def.delete(id, props as O, ctx);
        recordDeleted(def.kind, id);
      } catch (error) {
        throw userFacing(error, ctx, true);
      }
    },
  };
}
