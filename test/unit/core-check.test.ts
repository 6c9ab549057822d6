/**
 * What the provider's `check` returns to the engine: failures that never let the engine print a
 * value that may be secret (the engine prints the property slot's value in plain text, and a dynamic
 * provider is sent inputs without their secret marks), and the preflight that runs only when the
 * resource would be created or changed.
 */
import { z } from "zod";
import { requireSetting, setStackConfig } from "../../src/core/credentials";
import { InvalidArgumentsError } from "../../src/core/errors";
import { dynamicProvider, type PreflightScope, type ResourceDefinition } from "../../src/core/provider";
import { closestName, UNKNOWN } from "../../src/core/validation";

const Inputs = z.strictObject({
  zone: z.enum(["ch-gva-2", "de-fra-1"]),
  size: z.string(),
  name: z.string().optional(),
  userData: z.string().max(10).optional(),
  adoptId: z.string().optional(),
});
type Inputs = z.infer<typeof Inputs>;

/** A resource whose preflight records what it was asked to look at, and fails as told. */
function resource(preflight: (inputs: Inputs, scope: PreflightScope<Inputs>) => void) {
  const seen: Array<Record<string, boolean>> = [];
  const def: ResourceDefinition<Inputs, Inputs> = {
    kind: "test:Thing",
    inputs: Inputs,
    fields: { zone: "replace", size: "update", name: "update", userData: "update", adoptId: "ignore" },
    sensitiveInputs: ["userData"],
    async preflight(inputs, scope) {
      seen.push(Object.fromEntries((["zone", "size", "name"] as const).map((field) => [field, scope.changed(field)])));
      preflight(inputs, scope);
    },
    create: async () => ({ id: "x", outs: {} as Inputs }),
    read: async () => undefined,
    update: async () => ({}) as Inputs,
    delete: async () => undefined,
  };
  return { provider: dynamicProvider(def), seen };
}

const SECRET = "#cloud-config\nchpasswd: { list: 'root:hunter2' }";
const valid = { zone: "ch-gva-2", size: "small", __identity: "p/s/web" };

describe("check failures never carry a value that may be secret", () => {
  const { provider } = resource(() => undefined);

  it("names a misspelt property in the reason, with the likely intended name, and leaves the slot empty", async () => {
    const { failures } = await provider.check!({}, { ...valid, userdata: SECRET });
    expect(failures).toEqual([
      { property: "", reason: 'userdata: unknown property "userdata" (did you mean userData?)' },
    ]);
    expect(JSON.stringify(failures)).not.toContain("hunter2");
  });

  it("does the same for an input that may hold a secret", async () => {
    const { failures } = await provider.check!({}, { ...valid, userData: SECRET });
    expect(failures).toEqual([{ property: "", reason: expect.stringMatching(/^userData: .*10/) }]);
  });

  it("keeps the property slot (and so the engine's echo of the value) for other inputs", async () => {
    const { failures } = await provider.check!({}, { ...valid, zone: "mars-1" });
    expect(failures).toEqual([{ property: "zone", reason: expect.stringContaining('"ch-gva-2"') }]);
  });

  it("suggests only names that are close", () => {
    expect(closestName("usrData", ["userData", "zone"])).toBe("userData");
    expect(closestName("ZONE", ["userData", "zone"])).toBe("zone");
    expect(closestName("colour", ["userData", "zone"])).toBeUndefined();
  });
});

describe("check's preflight", () => {
  const SPEC = { what: "Test API key", config: ["test:apiKey"], env: ["TEST_PREFLIGHT_API_KEY"] };
  beforeAll(() => {
    setStackConfig({ get: () => undefined });
    delete process.env.TEST_PREFLIGHT_API_KEY;
  });
  afterAll(() => setStackConfig(undefined));

  it("runs for a new resource, on every known input", async () => {
    const { provider, seen } = resource(() => undefined);
    expect((await provider.check!({}, { ...valid, name: UNKNOWN })).failures).toEqual([]);
    expect(seen).toEqual([{ zone: true, size: true, name: false }]);
  });

  it("does not run when nothing would change, and looks only at what changed otherwise", async () => {
    const { provider, seen } = resource(() => undefined);
    const olds = { ...valid, name: "web", __explicit: ["name", "size", "zone"] };
    await provider.check!(olds, { ...valid, name: "web" });
    expect(seen).toEqual([]);
    await provider.check!(olds, { ...valid, name: "web", size: "large" });
    expect(seen).toEqual([{ zone: false, size: true, name: false }]);
    await provider.check!(olds, { ...valid, name: "web", zone: "de-fra-1" });
    expect(seen[1]).toEqual({ zone: true, size: true, name: true });
  });

  it("checks only the credentials of an adoption", async () => {
    const { provider, seen } = resource(() => undefined);
    await provider.check!({}, { ...valid, adoptId: "ch-gva-2/x" });
    expect(seen).toEqual([{ zone: false, size: false, name: false }]);
  });

  it("reports missing credentials with what to set", async () => {
    const { provider } = resource(() => requireSetting(SPEC));
    const { failures } = await provider.check!({}, valid);
    expect(failures).toEqual([
      {
        property: "",
        reason:
          "Test API key is not configured: set `pulumi config set test:apiKey …` or the TEST_PREFLIGHT_API_KEY environment variable.",
      },
    ]);
  });

  it("reports a name the catalogue does not know on its property, with the resolver's message", async () => {
    const { provider } = resource((inputs) => {
      throw new InvalidArgumentsError([
        { argument: "size", reason: `"${inputs.size}" is not a size; use one of small` },
      ]);
    });
    const { failures } = await provider.check!({}, { ...valid, size: "smal" });
    expect(failures).toEqual([{ property: "size", reason: '"smal" is not a size; use one of small' }]);
  });

  it("does not run when the inputs are already invalid", async () => {
    const { provider, seen } = resource(() => undefined);
    await provider.check!({}, { ...valid, zone: "mars-1" });
    expect(seen).toEqual([]);
  });

  it("lets other failures (an API that does not answer) through as the check's error", async () => {
    const { provider } = resource(() => {
      throw new Error("connect ECONNREFUSED");
    });
    await expect(provider.check!({}, valid)).rejects.toThrow(/ECONNREFUSED/);
  });
});
