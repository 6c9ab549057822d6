import type * as pulumi from "@pulumi/pulumi";
import { CloudAccount } from "../core/account";
import { EXOSCALE_SETTINGS } from "./settings";

export interface ExoscaleAccountArgs {
  /** API key (`EXO…`): the key's id, not secret. */
  apiKey: pulumi.Input<string>;
  /** API secret; stored encrypted (wrapped in `pulumi.secret` whatever the caller passes). */
  apiSecret: pulumi.Input<string>;
  /** API endpoint, `{zone}` standing for the zone; default `https://api-{zone}.exoscale.com/v2`. */
  endpoint?: pulumi.Input<string>;
}

/**
 * An Exoscale account (one API key), passed as `{ provider: account }` to Exoscale resources and as
 * `{ account }` to Exoscale functions. Without one, resources use the stack config and the
 * EXOSCALE_* environment variables.
 */
export class ExoscaleAccount extends CloudAccount<ExoscaleAccountArgs> {
  constructor(name: string, args: ExoscaleAccountArgs, opts?: pulumi.ResourceOptions) {
    super(
      "exoscale",
      name,
      args,
      {
        apiKey: EXOSCALE_SETTINGS.apiKey,
        apiSecret: EXOSCALE_SETTINGS.apiSecret,
        endpoint: EXOSCALE_SETTINGS.endpoint,
      },
      opts,
    );
  }
}
