import type * as pulumi from "@pulumi/pulumi";
import { CloudAccount } from "../core/account";
import { KOYEB_SETTINGS } from "./settings";

export interface KoyebAccountArgs {
  /** API token of the organisation; stored encrypted. */
  token: pulumi.Input<string>;
  /** API URL; default https://app.koyeb.com. */
  apiUrl?: pulumi.Input<string>;
}

/**
 * A Koyeb organisation, passed as `{ account }` to the Koyeb functions. Without one, the stack config
 * and KOYEB_* variables are used.
 */
export class KoyebAccount extends CloudAccount<KoyebAccountArgs> {
  constructor(name: string, args: KoyebAccountArgs, opts?: pulumi.ResourceOptions) {
    super("koyeb", name, args, { token: KOYEB_SETTINGS.token, apiUrl: KOYEB_SETTINGS.apiUrl }, opts);
  }
}
