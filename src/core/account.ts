/**
 * Program-side base of the account objects (`ExoscaleAccount`, `IncusRemote`, …). An account is an
 * explicit provider of the `pulumi-nodejs` package: resources given it as `provider` run in a
 * provider process of their own, whose `configure` receives the account's settings (see
 * credentials.ts). Secret settings are wrapped in `pulumi.secret`, so the engine stores them
 * encrypted with the provider's inputs and never in a resource's inputs, outputs or `__provider`.
 */
import * as pulumi from "@pulumi/pulumi";
import { ACCOUNT_CLOUD_KEY, ACCOUNT_NAME_KEY, type SettingSpec } from "./credentials";
import { CredentialsError } from "./errors";

/** The resolved settings of each account, for functions (kept off the object so nothing serializes them). */
const settingsOf = new WeakMap<CloudAccount, pulumi.Output<Record<string, string | undefined>>>();

export abstract class CloudAccount<A extends object = object> extends pulumi.ProviderResource {
  /** The cloud whose resources this account serves ("exoscale"). */
  readonly cloud: string;
  /** The account's resource name: how messages and the stored account fingerprint name it. */
  readonly accountName: string;

  /**
   * `settings` names, for every argument, the setting it sets: the provider gets the value under
   * that setting's stack config key, wrapped in `pulumi.secret` when the setting is secret.
   */
  protected constructor(
    cloud: string,
    name: string,
    args: A,
    settings: { [K in keyof A]-?: SettingSpec },
    opts?: pulumi.ResourceOptions,
  ) {
    const props: Record<string, pulumi.Input<string | undefined>> = {
      [ACCOUNT_NAME_KEY]: name,
      [ACCOUNT_CLOUD_KEY]: cloud,
    };
    for (const [arg, setting] of Object.entries<SettingSpec>(settings)) {
      const value = (args as Record<string, pulumi.Input<string> | undefined>)[arg];
      if (value === undefined) continue;
      props[setting.config[0]] = setting.secret ? pulumi.secret(value) : value;
    }
    super("pulumi-nodejs", name, props, opts);
    this.cloud = cloud;
    this.accountName = name;
    settingsOf.set(this, pulumi.output(props));
  }
}

/** The settings of `account` as plain values, once known (what a function given `account` calls the cloud with). */
export function accountSettings(account: CloudAccount): Promise<Record<string, string | undefined>> {
  const settings = settingsOf.get(account);
  if (settings === undefined) {
    // Named by its class: the object itself prints as "[object Object]".
    const given = (account as object | null)?.constructor?.name ?? typeof account;
    throw new CredentialsError(`account: ${given} is not an account object of this copy of pulumi-dynamic-compute`);
  }
  // Functions return plain values: the secret mark of the key stays on the account, not on their results.
  return new Promise((resolve) => pulumi.unsecret(settings).apply((values) => resolve(values)));
}

/** Refuses, at `new …`, a resource given the account of another cloud as its provider. */
export function checkAccountCloud(kind: string, name: string, opts: pulumi.CustomResourceOptions | undefined): void {
  const provider = opts?.provider;
  const cloud = kind.split(":")[0];
  if (provider instanceof CloudAccount && provider.cloud !== cloud)
    throw new CredentialsError(
      `${kind} "${name}": its provider is the ${provider.cloud} account "${provider.accountName}", which cannot manage ${cloud} resources; pass an account of the ${cloud} cloud`,
    );
}
