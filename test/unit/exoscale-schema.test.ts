/** ExoscaleInstance input validation: boundary values, and failures that name the property. */
import { checkInputs } from "../../src/core/validation";
import { encodedUserDataSize } from "../../src/core/user-data";
import { ExoscaleInstanceInputs, ExoscaleInstanceSnapshotInputs, parseZonedId } from "../../src/exoscale/schema";

const BASE = {
  zone: "ch-gva-2",
  name: "web",
  instanceType: "standard.medium",
  template: "Linux Ubuntu 24.04 LTS 64-bit",
};
const UUID = "4a8c0f2e-2d4b-4c66-9a6b-1f3b0e3d9c11";

function failures(extra: Record<string, unknown>) {
  return checkInputs(ExoscaleInstanceInputs, { ...BASE, ...extra }).failures;
}

describe("ExoscaleInstance inputs", () => {
  it("accepts the minimal inputs and applies defaults", () => {
    const { inputs, failures: problems } = checkInputs(ExoscaleInstanceInputs, BASE);
    expect(problems).toEqual([]);
    expect(inputs).toMatchObject({ diskSize: 10, state: "running" });
  });

  it.each([
    [10, true],
    [51200, true],
    [9, false],
    [51201, false],
    [10.5, false],
  ])("diskSize %p is valid: %p", (diskSize, valid) => {
    const problems = failures({ diskSize });
    expect(problems.length === 0).toBe(valid);
    if (!valid) expect(problems[0].property).toBe("diskSize");
  });

  it.each([
    ["standard.medium", true],
    ["cpu.extra-large", true],
    ["MEMORY.huge", true],
    [UUID, true],
    ["medium", false],
    ["standard.", false],
    ["standard medium", false],
  ])("instanceType %p is valid: %p", (instanceType, valid) => {
    const problems = failures({ instanceType });
    expect(problems.length === 0).toBe(valid);
    if (!valid)
      expect(problems[0]).toEqual({ property: "instanceType", reason: expect.stringContaining("family.size") });
  });

  it("names the allowed zones", () => {
    expect(failures({ zone: "eu-west-1" })).toEqual([
      { property: "zone", reason: expect.stringContaining("ch-gva-2, ch-dk-2, de-fra-1") },
    ]);
  });

  it("names the allowed states and strategies", () => {
    expect(failures({ state: "paused" })).toEqual([{ property: "state", reason: "must be running or stopped" }]);
    expect(failures({ templateChangeStrategy: "rebuild" })).toEqual([
      { property: "templateChangeStrategy", reason: "must be replace or reset" },
    ]);
    expect(failures({ publicIpAssignment: "ipv6" })).toEqual([
      { property: "publicIpAssignment", reason: "must be one of inet4, dual, none" },
    ]);
  });

  it("checks label keys and values, and reserves the creation-token key", () => {
    expect(failures({ labels: { env: "prod", "app.kubernetes.io/name": "web" } })).toEqual([]);
    expect(failures({ labels: { "-bad": "x" } })[0].property).toBe("labels.-bad");
    expect(failures({ labels: { ["k".repeat(64)]: "x" } })).toHaveLength(1);
    expect(failures({ labels: { ok: "v".repeat(256) } })[0].property).toBe("labels.ok");
    expect(failures({ labels: { "pulumi-creation-token": "x" } })).toEqual([
      { property: "labels.pulumi-creation-token", reason: expect.stringContaining("reserved") },
    ]);
  });

  it("limits user data to 32 KiB once base64-encoded", () => {
    const fits = "a".repeat(24_576); // encodes to exactly 32768 characters
    expect(encodedUserDataSize(fits)).toBe(32_768);
    expect(failures({ userData: fits })).toEqual([]);
    expect(failures({ userData: fits + "a" })).toEqual([
      { property: "userData", reason: "must be at most 32 KiB once base64-encoded" },
    ]);
  });

  it("takes adoptId as zone/uuid only", () => {
    expect(failures({ adoptId: `de-fra-1/${UUID}` })).toEqual([]);
    expect(failures({ adoptId: UUID })[0].property).toBe("adoptId");
    expect(failures({ adoptId: `mars-1/${UUID}` })[0].property).toBe("adoptId");
  });

  it("checks UUIDs of snapshots and security groups", () => {
    expect(failures({ restoreSnapshotId: "snap-1" })[0].property).toBe("restoreSnapshotId");
    expect(failures({ securityGroupIds: [UUID, "default"] })[0].property).toBe("securityGroupIds[1]");
  });

  it("reports a misspelt property instead of ignoring it", () => {
    expect(failures({ disk_size: 20 })).toEqual([{ property: "disk_size", reason: 'unknown property "disk_size"' }]);
  });

  it("skips values unknown during preview", () => {
    expect(
      failures({ instanceType: "04da6b54-80e4-46f7-96ec-b56ff0331ba9", name: "04da6b54-80e4-46f7-96ec-b56ff0331ba9" }),
    ).toEqual([]);
  });

  it("validates snapshot inputs", () => {
    expect(checkInputs(ExoscaleInstanceSnapshotInputs, { instanceId: UUID, zone: "at-vie-1" }).failures).toEqual([]);
    expect(
      checkInputs(ExoscaleInstanceSnapshotInputs, { instanceId: "web", zone: "at-vie-1" }).failures[0].property,
    ).toBe("instanceId");
  });

  it("validates a snapshot series: retain 1-100, trigger only with retain, no adoption", () => {
    const snapshot = (extra: Record<string, unknown>) =>
      checkInputs(ExoscaleInstanceSnapshotInputs, { instanceId: UUID, zone: "at-vie-1", ...extra }).failures;
    expect(snapshot({ retain: 7, trigger: "2026-12-06" })).toEqual([]);
    expect(snapshot({ retain: 0 })[0].property).toBe("retain");
    expect(snapshot({ retain: 101 })[0].property).toBe("retain");
    expect(snapshot({ trigger: "x" })).toContainEqual({
      property: "trigger",
      reason: "only applies together with retain",
    });
    expect(snapshot({ retain: 2, adoptId: `at-vie-1/${UUID}` })[0]).toMatchObject({
      property: "adoptId",
      reason: expect.stringMatching(/cannot be combined with retain/),
    });
  });

  it("parses zone/uuid ids and explains the format", () => {
    expect(parseZonedId(`CH-GVA-2/${UUID.toUpperCase()}`)).toEqual({ zone: "ch-gva-2", id: UUID });
    expect(() => parseZonedId(UUID, "adoptId")).toThrow(/adoptId: .* is not "<zone>\/<uuid>"/);
  });
});
