import type * as pulumi from "@pulumi/pulumi";
import { CloudAccount } from "../core/account";

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
export class KoyebAccount extends CloudAccount {
  constructor(name: string, args: KoyebAccountArgs, opts?: pulumi.ResourceOptions) {
    super(
      "koyeb",
      name,
      { ...args },
      { token: { key: "koyeb:token", secret: true }, apiUrl: { key: "koyeb:apiUrl" } },
      opts,
    );
  }
}
