/**
 * Bad input on the real engine: more than 200 generated invalid inputs across ExoscaleInstance,
 * ExoscaleInstanceSnapshot, ScalewayImage and ComputeInstance (wrong types, out-of-range sizes,
 * bad zones, malformed UUIDs, oversize user data, unknown enum values, empty names, unicode
 * oddities, misspelt property names, missing required properties). Every one must come back from a
 * real `pulumi preview` as a check failure naming its property (and, for enums and zones, the
 * allowed values), with no HTTP call reaching the emulator for them (the valid instance a snapshot
 * case belongs to has its type and template looked up, read-only). The engine stops a preview at
 * the first invalid resource but prints all of its failures, so cases are packed one resource per
 * preview. A direct `check` layer then confirms each case on its own.
 */
import { providerFor } from "../../src/provider-runtime";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { diagnostics, FleetStack, type Kind, Tally } from "../helpers/reliability";
import { BAD_INPUTS, BASE, batches, OMIT, propertyOf, SENSITIVE, specFor } from "./bad-input-cases";

const KINDS: Record<Kind, string> = {
  exoscale: "exoscale:Instance",
  exoscaleSnapshot: "exoscale:InstanceSnapshot",
  scaleway: "scaleway:Image",
  compute: "compute:Instance",
};
const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("bad input: check failures from real previews, no HTTP call", () => {
  let emulator: TestEmulator;
  let fleet: FleetStack;
  const tally = new Tally("bad-input");

  beforeAll(async () => {
    emulator = await startTestEmulator({ opDelayMs: 50 });
    fleet = await FleetStack.create(emulator.env);
  });

  afterAll(async () => {
    tally.write();
    await fleet?.cleanup();
    await emulator?.close();
  });

  it(`reports every one of the ${BAD_INPUTS.length} invalid inputs at preview, naming the property`, async () => {
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(200);
    const problems: string[] = [];
    await emulator.clearCalls();
    for (const batch of batches()) {
      fleet.setSpec(specFor(batch));
      const preview = await fleet.preview();
      tally.add("previews");
      if (preview.ok) {
        problems.push(`${batch.name}: the preview succeeded`);
        continue;
      }
      const lines = diagnostics(preview.output).get(batch.name) ?? [];
      const failures = lines.filter((line) => line.startsWith("error:") && line.includes(`resource '${batch.name}'`));
      if (failures.length !== batch.cases.length)
        problems.push(
          `${batch.name}: ${batch.cases.length} invalid inputs but ${failures.length} failures:\n    ${failures.join("\n    ")}`,
        );
      for (const input of batch.cases) {
        tally.add("badInputsTried");
        const property = propertyOf(input);
        // A property the resource does not have may hold a secret too: named in the reason, like user data.
        const sensitive =
          SENSITIVE[input.kind].includes(input.at[0]) ||
          (input.at.length === 1 && input.why === "misspelt property name");
        const pattern = sensitive
          ? new RegExp(`resource '${escape(batch.name)}' has a problem: ${escape(property)}: (.+)$`, "m")
          : new RegExp(
              `resource '${escape(batch.name)}': property ${escape(property)} value .*? has a problem: (.+)$`,
              "m",
            );
        const match = failures.map((line) => pattern.exec(line)).find((m) => m !== null);
        if (!match) {
          problems.push(`${batch.name}: no failure naming ${property} (${input.why})`);
          continue;
        }
        if (input.mentions && !match[1].includes(input.mentions))
          problems.push(
            `${batch.name}: the failure for ${property} (${input.why}) does not mention ${input.mentions}: ${match[1]}`,
          );
        // A value that may be secret must not be echoed by the engine.
        if (
          sensitive &&
          typeof input.value === "string" &&
          input.value.length >= 6 &&
          preview.output.includes(input.value)
        )
          problems.push(`${batch.name}: the value of ${property} is printed`);
        tally.add("checkFailuresSeen");
      }
    }
    // A valid new instance (a snapshot case's parent) has its catalogue names resolved at preview.
    const parentLookup = (call: { method: string; path: string }) =>
      call.method === "GET" && /^\/v2\/(instance-type|template)$/.test(call.path);
    const calls = await emulator.calls();
    tally.add("httpCalls", calls.length);
    tally.add("parentCatalogueReads", calls.filter(parentLookup).length);
    expect(problems).toEqual([]);
    expect(calls.filter((call) => !parentLookup(call))).toEqual([]);
    expect(tally.get("checkFailuresSeen")).toBe(BAD_INPUTS.length);
  });

  it("confirms each case alone through the provider's check (fast layer, no engine)", async () => {
    await emulator.clearCalls();
    const context = { instanceId: "3f2b1c0d-9e8a-4b7c-8d6e-5f4a3b2c1d0e", zone: "ch-gva-2" };
    const problems: string[] = [];
    for (const input of BAD_INPUTS) {
      const args: Record<string, unknown> = {
        ...BASE[input.kind],
        ...(input.kind === "exoscaleSnapshot" ? context : {}),
        __identity: "reliability/test/case",
      };
      const [key, inner] = input.at;
      if (input.value === OMIT) delete args[key];
      else if (inner === undefined) args[key] = input.value;
      else if (/^\d+$/.test(inner)) args[key] = [input.value];
      else args[key] = { ...(args[key] ?? {}), [inner]: input.value };
      const { failures = [] } = await providerFor(KINDS[input.kind]).check({}, args);
      const property = propertyOf(input);
      const named = failures.filter(
        (f) => f.property === property || (f.property === "" && f.reason.startsWith(`${property}: `)),
      );
      if (failures.length !== 1 || named.length !== 1)
        problems.push(`${input.kind} ${property} (${input.why}): ${JSON.stringify(failures)}`);
    }
    expect(problems).toEqual([]);
    expect(await emulator.calls()).toEqual([]);
  });
});
