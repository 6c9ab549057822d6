/** ScalewayImage's pure parts: input schema, the diff table, field conversions and PATCH/PUT choice. */
import { dynamicProvider } from "../../src/core/provider";
import { setStackConfig } from "../../src/core/credentials";
import { UNKNOWN } from "../../src/core/validation";
import type { ApiScalewayImage } from "../../src/scaleway/client";
import { fromExtraVolumes, splitTags, toExtraVolumes, toOutputs } from "../../src/scaleway/mapping";
import { needsSetImage, patchFor, scalewayImageDefinition, wholeImage } from "../../src/scaleway/image-provider";
import { ScalewayImageInputs } from "../../src/scaleway/schema";

const provider = dynamicProvider(scalewayImageDefinition);
const ROOT = "8974e558-c9d2-4687-897c-787972f51631";
const DATA = "1b2c3d4e-0000-4000-8000-000000000001";
const LOGS = "1b2c3d4e-0000-4000-8000-000000000002";

function apiImage(overrides: Partial<ApiScalewayImage> = {}): ApiScalewayImage {
  return {
    id: "0e0e0e0e-0000-4000-8000-000000000000",
    name: "img",
    arch: "x86_64",
    extra_volumes: {},
    organization: "org",
    project: "proj",
    public: false,
    root_volume: { id: ROOT, name: "root", size: 10, volume_type: "l_ssd" },
    state: "available",
    tags: ["a", "pulumi-creation-token=0123456789abcdef0123"],
    zone: "fr-par-1",
    ...overrides,
  };
}

describe("ScalewayImage inputs", () => {
  it("applies defaults", () => {
    expect(ScalewayImageInputs.parse({ rootVolume: ROOT })).toEqual({
      rootVolume: ROOT,
      arch: "x86_64",
      extraVolumes: [],
      tags: [],
      public: false,
    });
  });

  it.each([
    [{ rootVolume: "nope" }, "rootVolume"],
    [{ rootVolume: ROOT, arch: "mips" }, "arch"],
    [{ rootVolume: ROOT, zone: "fr-par" }, "zone"],
    [{ rootVolume: ROOT, project: "my-project" }, "project"],
    [{ rootVolume: ROOT, extraVolumes: [DATA, DATA] }, "extraVolumes"],
    [{ rootVolume: ROOT, tags: [""] }, "tags[0]"],
    [{ rootVolume: ROOT, adoptId: ROOT }, "adoptId"],
    [{ rootVolume: ROOT, timeouts: { create: -1 } }, "timeouts.create"],
    [{}, "rootVolume"],
  ])("rejects %j naming %s", async (inputs, property) => {
    const { failures } = await provider.check!({}, inputs);
    expect(failures!.map((f) => f.property)).toContain(property);
  });

  it("does not fail on values unknown during preview", async () => {
    // A new image needs credentials at check: given in stack config. Its snapshot is unknown too, so
    // nothing is looked up.
    const config: Record<string, string> = { "scaleway:secretKey": "unit-test-key", "scaleway:projectId": "p" };
    setStackConfig({ get: (key) => config[key] });
    try {
      const { failures } = await provider.check!({}, { rootVolume: UNKNOWN, name: UNKNOWN, tags: UNKNOWN });
      expect(failures).toEqual([]);
    } finally {
      setStackConfig(undefined);
    }
  });
});

describe("ScalewayImage diff table", () => {
  const olds = {
    ...toOutputs(apiImage({ extra_volumes: { "1": { id: DATA }, "2": { id: LOGS } } }), { rootVolume: ROOT }),
    __provider: "old shim",
  };
  const news = (changes: Record<string, unknown>) => ({
    rootVolume: ROOT,
    name: "img",
    arch: "x86_64",
    extraVolumes: [DATA, LOGS],
    tags: ["a"],
    public: false,
    __provider: "new shim",
    ...changes,
  });
  const diff = (changes: Record<string, unknown>) => provider.diff!("fr-par-1/x", olds, news(changes));

  it("sees no change for the same inputs, tags in another order, or unset zone/project/name", async () => {
    expect(await diff({})).toMatchObject({ changes: false, replaces: [] });
    expect(
      await diff({ tags: ["a"], zone: undefined, project: undefined, name: undefined, timeouts: { create: 5 } }),
    ).toMatchObject({ changes: false });
    expect(await diff({ zone: "fr-par-1", project: "proj" })).toMatchObject({ changes: false });
  });

  it.each([
    ["name", "other"],
    ["arch", "arm64"],
    ["tags", ["b"]],
    ["public", true],
    ["extraVolumes", [LOGS, DATA]],
    ["extraVolumes", []],
  ])("updates %s in place", async (field, value) => {
    expect(await diff({ [field]: value })).toEqual({ changes: true, replaces: [], deleteBeforeReplace: false });
  });

  it.each([
    ["rootVolume", DATA],
    ["zone", "nl-ams-1"],
    ["project", "other-project"],
    ["rootVolume", UNKNOWN],
  ])("replaces on %s", async (field, value) => {
    expect(await diff({ [field]: value })).toEqual({ changes: true, replaces: [field], deleteBeforeReplace: false });
  });

  it("ignores adoptId and timeouts", async () => {
    expect(await diff({ adoptId: `fr-par-1/${ROOT}`, timeouts: { delete: 1 } })).toMatchObject({ changes: false });
  });
});

describe("ScalewayImage field conversions", () => {
  it("maps extra volumes between positions and an ordered list", () => {
    expect(toExtraVolumes([DATA, LOGS])).toEqual({ "1": { id: DATA }, "2": { id: LOGS } });
    expect(fromExtraVolumes({ "10": { id: "j" }, "2": { id: LOGS }, "1": { id: DATA } })).toEqual([DATA, LOGS, "j"]);
    expect(fromExtraVolumes(null)).toEqual([]);
  });

  it("keeps the creation token out of the user's tags", () => {
    expect(splitTags(["a", "pulumi-creation-token=abc", "b"])).toEqual({ tags: ["a", "b"], token: "abc" });
    expect(splitTags(null)).toEqual({ tags: [] });
    expect(toOutputs(apiImage(), {})).toMatchObject({
      tags: ["a"],
      creationToken: "0123456789abcdef0123",
      imageId: apiImage().id,
      rootVolume: ROOT,
    });
  });

  it("patches every mutable field with its absolute value, keeping the token tag", () => {
    const inputs = ScalewayImageInputs.parse({ rootVolume: ROOT, tags: ["b"], public: true, extraVolumes: [DATA] });
    expect(patchFor(apiImage(), inputs, "img")).toEqual({
      name: "img",
      arch: "x86_64",
      public: true,
      tags: ["b", "pulumi-creation-token=0123456789abcdef0123"],
      extra_volumes: { "1": { id: DATA } },
    });
    expect(patchFor(apiImage(), ScalewayImageInputs.parse({ rootVolume: ROOT, tags: ["a"] }), "img")).toBeUndefined();
  });

  it("uses SetImage only to remove the last extra volume, sending the whole image", () => {
    const withVolumes = apiImage({ extra_volumes: { "1": { id: DATA } } });
    const none = ScalewayImageInputs.parse({ rootVolume: ROOT, tags: ["a"] });
    expect(needsSetImage(withVolumes, none)).toBe(true);
    expect(needsSetImage(withVolumes, ScalewayImageInputs.parse({ rootVolume: ROOT, extraVolumes: [LOGS] }))).toBe(
      false,
    );
    expect(needsSetImage(apiImage(), none)).toBe(false);
    const whole = wholeImage(withVolumes, patchFor(withVolumes, none, "img")!);
    expect(whole).toMatchObject({
      id: withVolumes.id,
      root_volume: { id: ROOT },
      project: "proj",
      extra_volumes: {},
      tags: ["a", "pulumi-creation-token=0123456789abcdef0123"],
    });
    // The read's null bootscript is not sent back: SetImage wants a Bootscript or nothing.
    expect(wholeImage({ ...withVolumes, default_bootscript: null }, {})).not.toHaveProperty("default_bootscript");
  });
});
