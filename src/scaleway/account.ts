import type * as pulumi from "@pulumi/pulumi";
import { CloudAccount } from "../core/account";
import { SCALEWAY_SETTINGS } from "./settings";

export interface ScalewayAccountArgs {
  /** Secret key of the API key; stored encrypted. */
  secretKey: pulumi.Input<string>;
  /** Project for creates that do not name one. */
  projectId?: pulumi.Input<string>;
  /** Zone for calls that do not name one; default fr-par-1. */
  zone?: pulumi.Input<string>;
  /** API URL; default https://api.scaleway.com. */
  apiUrl?: pulumi.Input<string>;
}

/**
 * A Scaleway organisation's API key, passed as `{ provider: account }` to Scaleway resources and as
 * `{ account }` to Scaleway functions. Without one, the stack config and SCW_* variables are used.
 */
export class ScalewayAccount extends CloudAccount<ScalewayAccountArgs> {
  constructor(name: string, args: ScalewayAccountArgs, opts?: pulumi.ResourceOptions) {
    super(
      "scaleway",
      name,
      args,
      {
        secretKey: SCALEWAY_SETTINGS.secretKey,
        projectId: SCALEWAY_SETTINGS.projectId,
        zone: SCALEWAY_SETTINGS.zone,
        apiUrl: SCALEWAY_SETTINGS.apiUrl,
      },
      opts,
    );
  }
}
