/**
 * Accounts in the provider process: which account is in use (an account object's settings or the
 * default), that an account's cloud settings never come from the environment, and the refusal of a
 * change of account, naming both, while a resource without a stored account adopts the current one;
 * the same for the account's identity on the cloud's side, looked up once per key.
 */
import {
  ACCOUNT_CLOUD_KEY,
  ACCOUNT_NAME_KEY,
  accountInUse,
  optionalSetting,
  setStackConfig,
} from "../../src/core/credentials";
import {
  currentAccountName,
  refuseAccountChange,
  refuseIdentityChange,
  rememberedIdentity,
} from "../../src/core/account-guard";
import { AccountChangedError } from "../../src/core/errors";

const configOf = (values: Record<string, string>) => ({ get: (key: string) => values[key] });
const account = (name: string, settings: Record<string, string> = {}) =>
  configOf({ [ACCOUNT_NAME_KEY]: name, [ACCOUNT_CLOUD_KEY]: "exoscale", ...settings });
const endpoint = { what: "Exoscale API endpoint", config: ["exoscale:apiEndpoint"], env: ["EXOSCALE_API_ENDPOINT"] };

describe("accounts in the provider process", () => {
  const saved = process.env.EXOSCALE_API_ENDPOINT;
  beforeEach(() => {
    process.env.EXOSCALE_API_ENDPOINT = "http://default.example/v2";
  });
  afterAll(() => {
    setStackConfig(undefined);
    if (saved === undefined) delete process.env.EXOSCALE_API_ENDPOINT;
    else process.env.EXOSCALE_API_ENDPOINT = saved;
  });

  it("is the default account with stack config, and an account object's with its settings", () => {
    setStackConfig(configOf({ "exoscale:apiKey": "EXOdefault" }));
    expect(accountInUse()).toEqual({ name: "default" });
    expect(optionalSetting(endpoint)).toBe("http://default.example/v2");

    setStackConfig(account("staging"));
    expect(accountInUse()).toEqual({ name: "staging", cloud: "exoscale" });
    // The environment belongs to the default account: an account object's gap stays a gap.
    expect(optionalSetting(endpoint)).toBeUndefined();
    setStackConfig(account("staging", { "exoscale:apiEndpoint": "http://staging.example/v2" }));
    expect(optionalSetting(endpoint)).toBe("http://staging.example/v2");
    // Settings that are no cloud's (verbosity) still come from the environment.
    process.env.DYNAMIC_COMPUTE_VERBOSITY_TEST = "debug";
    expect(optionalSetting({ what: "x", config: ["dynamic-compute:x"], env: ["DYNAMIC_COMPUTE_VERBOSITY_TEST"] })).toBe(
      "debug",
    );
    delete process.env.DYNAMIC_COMPUTE_VERBOSITY_TEST;
  });

  it("refuses a change of account naming both, and lets a resource without one adopt it", () => {
    setStackConfig(account("production"));
    expect(currentAccountName()).toBe("production");
    expect(() => refuseAccountChange({ __account: "production" }, 'exoscale:Instance "web"', "update")).not.toThrow();
    expect(() => refuseAccountChange({}, 'exoscale:Instance "web"', "update")).not.toThrow();

    let refusal: unknown;
    try {
      refuseAccountChange({ __account: "staging" }, 'exoscale:Instance "web"', "delete");
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(AccountChangedError);
    expect((refusal as AccountChangedError).code).toBe("ERR_ACCOUNT_CHANGED");
    expect((refusal as Error).message).toContain(
      'exoscale:Instance "web" lives in account "staging" (Exoscale), but its provider is now account "production" (Exoscale): refusing to delete it',
    );

    setStackConfig(configOf({}));
    expect(() => refuseAccountChange({ __account: "staging" }, 'exoscale:Instance "web"', "read")).toThrow(
      'lives in account "staging", but its provider is now the default account (stack config and environment)',
    );
  });

  it("refuses another organization under the same account name, and lets a new key or no record pass", () => {
    setStackConfig(account("production"));
    const stored = { __account: "production", __accountId: "exoscale organization 1111" };
    expect(() =>
      refuseIdentityChange(stored, "exoscale organization 1111", 'exoscale:Instance "web"', "read"),
    ).not.toThrow();
    // Made before identities were stored, or not known now: nothing to compare.
    expect(() =>
      refuseIdentityChange({ __account: "production" }, "exoscale organization 2222", "x", "read"),
    ).not.toThrow();
    expect(() => refuseIdentityChange(stored, undefined, "x", "read")).not.toThrow();

    let refusal: unknown;
    try {
      refuseIdentityChange(stored, "exoscale organization 2222", 'exoscale:Instance "web"', "update");
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(AccountChangedError);
    expect((refusal as Error).message).toContain(
      'exoscale:Instance "web" lives in account "production" (Exoscale) at exoscale organization 1111, but its provider now signs into account "production" (Exoscale) at exoscale organization 2222: refusing to update it',
    );
  });

  it("looks an identity up once per key, and again after a failure", async () => {
    let calls = 0;
    const lookUp = async () => {
      calls += 1;
      if (calls === 1) throw new Error("network down");
      return `exoscale organization ${calls}`;
    };
    await expect(rememberedIdentity("unit|key-a", lookUp)).rejects.toThrow("network down");
    expect(await rememberedIdentity("unit|key-a", lookUp)).toBe("exoscale organization 2");
    expect(await rememberedIdentity("unit|key-a", lookUp)).toBe("exoscale organization 2");
    expect(await rememberedIdentity("unit|key-b", lookUp)).toBe("exoscale organization 3");
    expect(calls).toBe(3);
  });
});
