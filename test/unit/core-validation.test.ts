import { z } from "zod";
import { checkInputs, toPropertyPath, UNKNOWN } from "../../src/core/validation";

const Schema = z.strictObject({
  zone: z.enum(["ch-gva-2", "de-fra-1"]),
  diskSize: z.number().int().min(10).max(51200),
  labels: z.record(z.string(), z.string().max(5)).optional(),
  tags: z.array(z.string().min(1)).optional(),
});

describe("checkInputs", () => {
  it("names the property and the allowed values", () => {
    const { failures } = checkInputs(Schema, { zone: "mars-1", diskSize: 5 });
    expect(failures).toEqual([
      { property: "zone", reason: expect.stringContaining('"ch-gva-2"') },
      { property: "diskSize", reason: expect.stringMatching(/>=10/) },
    ]);
  });

  it("renders nested paths the way users write them", () => {
    expect(toPropertyPath(["labels", "env"])).toBe("labels.env");
    expect(toPropertyPath(["tags", 1])).toBe("tags[1]");
    const { failures } = checkInputs(Schema, {
      zone: "de-fra-1",
      diskSize: 10,
      labels: { env: "production" },
      tags: ["a", ""],
    });
    expect(failures.map((f) => f.property)).toEqual(["labels.env", "tags[1]"]);
  });

  it("reports a misspelt property instead of ignoring it", () => {
    const { failures } = checkInputs(Schema, { zone: "de-fra-1", diskSize: 10, disksize: 20 });
    expect(failures).toEqual([{ property: "disksize", reason: 'unknown property "disksize"' }]);
  });

  it("skips values that are unknown during preview and ignores __provider", () => {
    const { failures, inputs } = checkInputs(Schema, {
      zone: UNKNOWN,
      diskSize: 20,
      __provider: "exports.handler = …",
    });
    expect(failures).toEqual([]);
    expect(inputs).toEqual({ zone: UNKNOWN, diskSize: 20 });
  });

  it("returns parsed inputs when valid", () => {
    expect(checkInputs(Schema, { zone: "ch-gva-2", diskSize: 50 })).toEqual({
      inputs: { zone: "ch-gva-2", diskSize: 50 },
      failures: [],
    });
  });
});
