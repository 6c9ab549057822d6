/**
 * The bodies of the Instances API functions (functions.ts), required on their first call so that
 * importing the package does not load zod and the client.
 */
import { parseArguments } from "../core/arguments";
import { ComputeClient } from "./client";
import { instanceInfo } from "./mapping";
import * as schema from "./schema";
import type * as types from "./types";

const owner = (operation: string) => ({ cloud: "compute", operation });

export async function getComputeInstance(args: types.GetComputeInstanceArgs): Promise<types.GetComputeInstanceResult> {
  const { id } = parseArguments(schema.GetComputeInstanceArgs, args, owner("getComputeInstance"));
  return instanceInfo(await ComputeClient.fromSettings().getInstance(id));
}

export async function listComputeInstances(
  args: types.ListComputeInstancesArgs,
): Promise<types.GetComputeInstanceResult[]> {
  const filters = parseArguments(schema.ListComputeInstancesArgs, args, owner("listComputeInstances"));
  const all = (await ComputeClient.fromSettings().listInstances()).map(instanceInfo);
  return all.filter(
    (instance) =>
      (filters.name === undefined || instance.name === filters.name) &&
      Object.entries(filters.labels ?? {}).every(([key, value]) => instance.labels[key] === value),
  );
}
