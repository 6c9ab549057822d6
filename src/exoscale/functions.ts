/**
 * Read-only functions over the Exoscale instance API, each as `fn(args, opts?)` and
 * `fnOutput(args, opts?)`. Ids are what ExoscaleInstance reports as its id (`zone/uuid`).
 */
import { parseArguments } from "../core/arguments";
import { NotFoundError } from "../core/errors";
import type * as pulumi from "@pulumi/pulumi";
import {
  type FunctionOptions,
  type FunctionOutputOptions,
  type InputArgs,
  inAccount,
  onFirstCall,
  outputForm,
} from "../core/functions";
import { registerSecret } from "../core/redact";
import type { ListInstancesFilter } from "./client";
import type {
  GetExoscaleConsoleUrlArgs,
  GetExoscaleConsoleUrlResult,
  GetExoscaleInstanceArgs,
  GetExoscaleInstanceResult,
  ListExoscaleInstancesArgs,
  RevealExoscaleInstancePasswordArgs,
  RevealExoscaleInstancePasswordResult,
} from "./types";

export type GetExoscaleInstanceOutputArgs = InputArgs<GetExoscaleInstanceArgs>;
export type ListExoscaleInstancesOutputArgs = InputArgs<ListExoscaleInstancesArgs>;
export type ListExoscaleInstancesResult = GetExoscaleInstanceResult[];
export type GetExoscaleConsoleUrlOutputArgs = InputArgs<GetExoscaleConsoleUrlArgs>;
export type RevealExoscaleInstancePasswordOutputArgs = InputArgs<RevealExoscaleInstancePasswordArgs>;

const owner = (operation: string) => ({ cloud: "exoscale", operation });

/* eslint-disable @typescript-eslint/no-require-imports -- loaded on the first call (see core/functions.ts) */
const callTime = onFirstCall(() => ({
  schema: require("./schema") as typeof import("./schema"),
  ExoscaleClient: (require("./client") as typeof import("./client")).ExoscaleClient,
  instanceInfo: (require("./mapping") as typeof import("./mapping")).instanceInfo,
}));
/* eslint-enable @typescript-eslint/no-require-imports */

/** The zone and UUID of an instance given by its id (or a UUID and its zone). */
function instanceRef(args: { id: string; zone?: string }): { zone: string; uuid: string } {
  const { zone, id } = callTime().schema.parseZonedId(args.id, "id", args.zone);
  return { zone, uuid: id };
}

/** One instance by its id (GET /instance/{id}); rejects with NotFoundError when it does not exist. */
export async function getExoscaleInstance(
  args: GetExoscaleInstanceArgs,
  opts?: FunctionOptions,
): Promise<GetExoscaleInstanceResult> {
  return inAccount(opts, async () => {
    const { schema, ExoscaleClient, instanceInfo } = callTime();
    const { zone, uuid } = instanceRef(
      parseArguments(schema.GetExoscaleInstanceArgs, args, owner("getExoscaleInstance")),
    );
    const { creationToken: _token, ...info } = instanceInfo(await ExoscaleClient.forZone(zone).getInstance(uuid), zone);
    return info;
  });
}

/** {@link getExoscaleInstance} taking Inputs, e.g. `getExoscaleInstanceOutput({ id: web.id })`. */
export function getExoscaleInstanceOutput(
  args: GetExoscaleInstanceOutputArgs,
  opts?: FunctionOutputOptions,
): pulumi.Output<GetExoscaleInstanceResult> {
  return outputForm(getExoscaleInstance, args, opts);
}

/** Instances of one zone (GET /instance) with the API's filters. */
export async function listExoscaleInstances(
  args: ListExoscaleInstancesArgs,
  opts?: FunctionOptions,
): Promise<ListExoscaleInstancesResult> {
  return inAccount(opts, async () => {
    const { schema, ExoscaleClient, instanceInfo } = callTime();
    const parsed = parseArguments(schema.ListExoscaleInstancesArgs, args, owner("listExoscaleInstances"));
    const filter: ListInstancesFilter = {
      ipAddress: parsed.ipAddress,
      managerId: parsed.managerId,
      managerType: parsed.managerType,
      labels: parsed.labels
        ? Object.entries(parsed.labels)
            .map(([key, value]) => (value === "" ? key : `${key}=${value}`))
            .join(",")
        : undefined,
    };
    const instances = await ExoscaleClient.forZone(parsed.zone).listInstances(filter);
    return instances.map((instance) => {
      const { creationToken: _token, ...info } = instanceInfo(instance, parsed.zone);
      return info;
    });
  });
}

/** {@link listExoscaleInstances} taking Inputs. */
export function listExoscaleInstancesOutput(
  args: ListExoscaleInstancesOutputArgs,
  opts?: FunctionOutputOptions,
): pulumi.Output<ListExoscaleInstancesResult> {
  return outputForm(listExoscaleInstances, args, opts);
}

/** A console-proxy websocket URL for the instance's VNC console (GET /console/{id}), valid 60 seconds. */
export async function getExoscaleConsoleUrl(
  args: GetExoscaleConsoleUrlArgs,
  opts?: FunctionOptions,
): Promise<GetExoscaleConsoleUrlResult> {
  return inAccount(opts, async () => {
    const { schema, ExoscaleClient } = callTime();
    const { zone, uuid } = instanceRef(
      parseArguments(schema.GetExoscaleConsoleUrlArgs, args, owner("getExoscaleConsoleUrl")),
    );
    const requested = Date.now();
    const answer = await ExoscaleClient.forZone(zone).getConsoleProxyUrl(uuid);
    if (!answer.url)
      throw new NotFoundError(`the API returned no console URL for instance ${uuid}`, owner("getConsoleProxyUrl"));
    registerSecret(answer.url);
    return {
      url: answer.url,
      host: answer.host,
      path: answer.path,
      expiresAt: new Date(requested + 60_000).toISOString(),
    };
  });
}

/** {@link getExoscaleConsoleUrl} taking Inputs; the result is a secret (the URL embeds a token). */
export function getExoscaleConsoleUrlOutput(
  args: GetExoscaleConsoleUrlOutputArgs,
  opts?: FunctionOutputOptions,
): pulumi.Output<GetExoscaleConsoleUrlResult> {
  return outputForm(getExoscaleConsoleUrl, args, opts, true);
}

/**
 * The instance's password (GET /instance/{id}:password), as set at creation or by the latest reset.
 * The plain form returns it in clear text: wrap it in `pulumi.secret()` before exporting it, or use
 * {@link revealExoscaleInstancePasswordOutput}, whose result is a secret. ExoscaleInstance's
 * `password` output is one already.
 */
export async function revealExoscaleInstancePassword(
  args: RevealExoscaleInstancePasswordArgs,
  opts?: FunctionOptions,
): Promise<RevealExoscaleInstancePasswordResult> {
  return inAccount(opts, async () => {
    const { schema, ExoscaleClient } = callTime();
    const { zone, uuid } = instanceRef(
      parseArguments(schema.RevealExoscaleInstancePasswordArgs, args, owner("revealExoscaleInstancePassword")),
    );
    const { password } = await ExoscaleClient.forZone(zone).revealInstancePassword(uuid);
    if (password === undefined)
      throw new NotFoundError(`instance ${uuid} has no password to reveal`, owner("revealInstancePassword"));
    registerSecret(password);
    return { id: schema.zonedIdOf(zone, uuid), password };
  });
}

/** {@link revealExoscaleInstancePassword} taking Inputs; the result is a secret. */
export function revealExoscaleInstancePasswordOutput(
  args: RevealExoscaleInstancePasswordOutputArgs,
  opts?: FunctionOutputOptions,
): pulumi.Output<RevealExoscaleInstancePasswordResult> {
  return outputForm(revealExoscaleInstancePassword, args, opts, true);
}
