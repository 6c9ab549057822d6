/**
 * Turns a resource definition (schema, field table, CRUD functions) into the object the
 * `pulumi-nodejs` dynamic-provider host calls. This runs in the provider process only, loaded by the
 * serialized shim (`shim.ts`), so it may use zod, got and friends freely.
 *
 * Contracts kept here for every resource:
 * - `check` validates with zod and makes no network call; failures name the property.
 * - `diff` decides from one field table, ignores `__provider`, and makes no network call.
 * - `create` that made the remote object and then failed throws `{ id, properties, reasons }` so the
 *   engine keeps the object in state (no orphan).
 * - `read` returns no id when the object is gone, and returns refreshed inputs so drift shows.
 * - `update` always returns the full outputs.
 */
import type * as pulumi from "@pulumi/pulumi";
import type { z } from "zod";
import { setStackConfig } from "./credentials";
import { diffByTable, type FieldTable } from "./diff";
import type { Logger } from "./log";
import { createLogger } from "./log";
import { redact } from "./redact";
import { type CheckFailure, checkInputs } from "./validation";

import { IDENTITY_INPUT, SET_INPUTS_OUTPUT } from "./hidden-fields";

export { IDENTITY_INPUT, SET_INPUTS_OUTPUT };

export interface ResourceContext {
  /** Progress lines for this resource, prefixed `[kind name]`. */
  log: Logger;
  /** "<project>/<stack>/<name>", stable for the life of the resource; used as a creation marker. */
  identity: string;
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
  /** Whether a replacement must delete the old object first (e.g. unique names). */
  deleteBeforeReplace?: (olds: O, news: I) => boolean;
  create(inputs: I, ctx: ResourceContext): Promise<{ id: string; outs: O }>;
  /** Current state, or undefined when the object no longer exists. */
  read(id: string, olds: O, ctx: ResourceContext): Promise<O | undefined>;
  update(id: string, olds: O, news: I, ctx: ResourceContext): Promise<O>;
  delete(id: string, olds: O, ctx: ResourceContext): Promise<void>;
}

/** Thrown by `create` when the remote object exists but a later step failed. */
export class PartialCreateError extends Error {
  constructor(
    readonly id: string,
    readonly outs: object,
    readonly failure: unknown,
  ) {
    super(failure instanceof Error ? failure.message : String(failure));
    this.name = "PartialCreateError";
  }
}

/** Thrown by `update` when some steps were applied before one failed; `outs` is the state now. */
export class PartialUpdateError extends PartialCreateError {}

/** Drops undefined values so the outputs survive protobuf Struct conversion. */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value ?? {}));
}

function contextFor(kind: string, props: Record<string, unknown>): ResourceContext {
  const identity = typeof props[IDENTITY_INPUT] === "string" ? (props[IDENTITY_INPUT] as string) : "";
  const name = identity.split("/").pop() || "?";
  return { identity, log: createLogger(`${kind} ${name}`) };
}

/** An error the engine prints as is: one line, secrets masked, vendor details kept. */
function userFacing(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  const out = new Error(redact(message));
  return out;
}

/** The engine's "created but failed to initialise" error: keeps `id` and `properties` in state. */
function initFailure(error: PartialCreateError, providerText: unknown): Error {
  const reasons = [redact(error.message)];
  return Object.assign(new Error(reasons[0]), {
    id: error.id,
    properties: { ...plain(error.outs), __provider: providerText },
    reasons,
  });
}

/** Names of the inputs the program set (hidden keys excluded), sorted. */
function setInputsOf(inputs: Record<string, unknown>): string[] {
  return Object.keys(inputs)
    .filter((key) => !key.startsWith("__") && inputs[key] !== undefined && inputs[key] !== null)
    .sort();
}

/** Builds the dynamic provider for one resource definition. */
export function dynamicProvider<I extends object, O extends object>(def: ResourceDefinition<I, O>): pulumi.dynamic.ResourceProvider {
  const outsOf = (value: object) => plain(value) as Record<string, unknown>;
  const inputsFrom = (outs: Record<string, unknown>) => {
    const set = Array.isArray(outs[SET_INPUTS_OUTPUT]) ? new Set(outs[SET_INPUTS_OUTPUT] as string[]) : undefined;
    const inputs: Record<string, unknown> = {};
    for (const key of Object.keys(def.fields)) if (outs[key] !== undefined && (set?.has(key) ?? true)) inputs[key] = outs[key];
    if (outs[IDENTITY_INPUT] !== undefined) inputs[IDENTITY_INPUT] = outs[IDENTITY_INPUT];
    return inputs;
  };
  // The engine prints "property <p> value <inputs[p]> has a problem: …" with the value in plain text
  // even when it is a secret; a failure without a property is printed as "has a problem: <reason>".
  const sensitive = new Set<string>(def.sensitiveInputs ?? []);
  const hideSensitiveValue = (failure: CheckFailure): CheckFailure =>
    sensitive.has(failure.property.split(/[.[]/)[0]) ? { property: "", reason: `${failure.property}: ${failure.reason}` } : failure;
  /** Outputs as stored: the definition's outputs plus the hidden identity and set-inputs list. */
  const stamped = (outs: object, identity: unknown, setInputs: unknown) => outsOf({ ...outs, [IDENTITY_INPUT]: identity, [SET_INPUTS_OUTPUT]: setInputs });

  return {
    async configure(req) {
      setStackConfig(req.config);
    },

    async check(_olds, news) {
      const { [IDENTITY_INPUT]: identity, ...userInputs } = news;
      const { inputs, failures } = checkInputs(def.inputs, userInputs);
      return { inputs: { ...inputs, [IDENTITY_INPUT]: identity }, failures: failures.map(hideSensitiveValue) };
    },

    async diff(_id, olds, news) {
      const decision = diffByTable(def.fields, olds, news);
      if (decision.replaces.length > 0) {
        contextFor(def.kind, news).log.info(`replacement needed: ${decision.replaces.join(", ")} cannot change in place`);
      }
      return {
        changes: decision.changes,
        replaces: decision.replaces,
        deleteBeforeReplace: decision.replaces.length > 0 && (def.deleteBeforeReplace?.(olds as O, news as I) ?? false),
      };
    },

    async create(inputs) {
      const ctx = contextFor(def.kind, inputs);
      try {
        const { id, outs } = await def.create(inputs as I, ctx);
        return { id, outs: stamped(outs, ctx.identity, setInputsOf(inputs)) };
      } catch (error) {
        if (error instanceof PartialCreateError) {
          ctx.log.warn(`created ${error.id} but a later step failed; it is kept in state so the next run can finish or delete it`);
          throw initFailure(new PartialCreateError(error.id, stamped(error.outs, ctx.identity, setInputsOf(inputs)), error.failure), inputs.__provider);
        }
        throw userFacing(error);
      }
    },

    async read(id, props) {
      const ctx = contextFor(def.kind, props);
      try {
        const outs = await def.read(id, props as O, ctx);
        if (outs === undefined) return {};
        const refreshed = stamped(outs, props[IDENTITY_INPUT], props[SET_INPUTS_OUTPUT]);
        return { id, props: refreshed, inputs: inputsFrom(refreshed) };
      } catch (error) {
        throw userFacing(error);
      }
    },

    async update(id, olds, news) {
      const ctx = contextFor(def.kind, news);
      try {
        const outs = await def.update(id, olds as O, news as I, ctx);
        return { outs: stamped(outs, news[IDENTITY_INPUT], setInputsOf(news)) };
      } catch (error) {
        if (error instanceof PartialCreateError) {
          throw initFailure(new PartialUpdateError(id, stamped(error.outs, news[IDENTITY_INPUT], setInputsOf(news)), error.failure), news.__provider);
        }
        throw userFacing(error);
      }
    },

    async delete(id, props) {
      const ctx = contextFor(def.kind, props);
      try {
        await def.delete(id, props as O, ctx);
      } catch (error) {
        throw userFacing(error);
      }
    },
  };
}
