import type * as pulumi from "@pulumi/pulumi";
import { CloudAccount } from "../core/account";
import { COMPUTE_SETTINGS } from "./settings";

export interface ComputeAccountArgs {
  /** Base URL of the Instances API. */
  endpoint: pulumi.Input<string>;
  /** Bearer token; stored encrypted. */
  token: pulumi.Input<string>;
}

/**
 * An account of the generic Instances API, passed as `{ provider: account }` to ComputeInstance and
 * as `{ account }` to its functions. Without one, the stack config and COMPUTE_API_* variables are used.
 */
export class ComputeAccount extends CloudAccount<ComputeAccountArgs> {
  constructor(name: string, args: ComputeAccountArgs, opts?: pulumi.ResourceOptions) {
    super("compute", name, args, { endpoint: COMPUTE_SETTINGS.endpoint, token: COMPUTE_SETTINGS.token }, opts);
  }
}
