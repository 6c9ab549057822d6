/**
 * Two Exoscale accounts against the emulator, through our client: each key pair signs into an
 * organization of its own, whose instances and operations the other key cannot see, and the
 * settings an account gives (withAccountSettings, as a function given `account` runs) are the only
 * ones used: nothing falls back to the environment's default account.
 */
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { withAccountSettings } from "../../src/core/credentials";
import { NotFoundError, CredentialsError } from "../../src/core/errors";
import { ExoscaleClient } from "../../src/exoscale/client";
import { resolveConnection } from "../../src/incus/connection";
import { INSTANCE_TYPES, TEMPLATES } from "../../src/emulator/exoscale/seed";

describe("the emulator's two Exoscale accounts", () => {
  let emulator: TestEmulator;
  let endpoint: string;
  const saved = { ...process.env };

  const account = (name: string, apiKey: string, apiSecret: string) => ({
    "dynamic-compute:account": name,
    "dynamic-compute:cloud": "exoscale",
    "exoscale:apiKey": apiKey,
    "exoscale:apiSecret": apiSecret,
    "exoscale:apiEndpoint": endpoint,
  });
  const first = () => account("first", emulator.env.EXOSCALE_API_KEY, emulator.env.EXOSCALE_API_SECRET);
  const second = () =>
    account("second", emulator.env.EXOSCALE_EMULATOR_SECOND_API_KEY, emulator.env.EXOSCALE_EMULATOR_SECOND_API_SECRET);

  const createIn = (settings: Record<string, string>, name: string) =>
    withAccountSettings(settings, async () => {
      const client = ExoscaleClient.forZone("ch-gva-2");
      const operation = await client.createInstance({
        name,
        "instance-type": { id: INSTANCE_TYPES[0].id },
        template: { id: TEMPLATES[0].id },
        "disk-size": 10,
      });
      const done = await client.waitForOperation(operation, { what: `create ${name}`, timeoutMs: 10_000 });
      return String(done.reference?.id);
    });
  const namesIn = (settings: Record<string, string>) =>
    withAccountSettings(settings, async () =>
      (await ExoscaleClient.forZone("ch-gva-2").listInstances()).map((instance) => instance.name).sort(),
    );

  beforeAll(async () => {
    emulator = await startTestEmulator({ opDelayMs: 10 });
    endpoint = emulator.env.EXOSCALE_API_ENDPOINT;
    // The environment names the first account, as for a program's default account.
    Object.assign(process.env, emulator.env);
  });

  afterAll(async () => {
    process.env = saved;
    await emulator?.close();
  });

  it("keeps each organization's instances to its own key", async () => {
    const inFirst = await createIn(first(), "only-in-first");
    const inSecond = await createIn(second(), "only-in-second");

    expect(await namesIn(first())).toEqual(["only-in-first"]);
    expect(await namesIn(second())).toEqual(["only-in-second"]);
    await expect(
      withAccountSettings(second(), () => ExoscaleClient.forZone("ch-gva-2").getInstance(inFirst)),
    ).rejects.toBeInstanceOf(NotFoundError);
    await expect(
      withAccountSettings(first(), () => ExoscaleClient.forZone("ch-gva-2").getInstance(inSecond)),
    ).rejects.toThrow(`Instance ${inSecond} not found`);

    const state = await emulator.state();
    expect(Object.values(state.exoscale.instances).map((i: any) => i.name)).toEqual(["only-in-first"]);
    expect(Object.values(state["exoscale-second-account"].instances).map((i: any) => i.name)).toEqual([
      "only-in-second",
    ]);
  });

  it("never completes an account's settings from the environment", async () => {
    const { "exoscale:apiSecret": _secret, ...withoutSecret } = second();
    const attempt = withAccountSettings(withoutSecret, async () => ExoscaleClient.forZone("ch-gva-2"));
    await expect(attempt).rejects.toBeInstanceOf(CredentialsError);
    await expect(attempt).rejects.toThrow('Exoscale API secret is not set on account "second" (Exoscale)');
  });

  it("refuses another cloud's settings from an Exoscale account, naming both", async () => {
    await expect(withAccountSettings(second(), async () => resolveConnection())).rejects.toThrow(
      'Incus project: the account in use is account "second" (Exoscale), which holds no Incus settings; use an account object of that cloud (IncusRemote)',
    );
  });
});
