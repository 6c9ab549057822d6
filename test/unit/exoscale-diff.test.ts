/**
 * ExoscaleInstance's field table: for every input, whether a change is applied in place or
 * replaces the instance, and that unchanged or equivalent values never show a diff.
 */
import { diffByTable } from "../../src/core/diff";
import { UNKNOWN } from "../../src/core/validation";
import { instanceFields } from "../../src/exoscale/instance-provider";

const SNAP = "4a8c0f2e-2d4b-4c66-9a6b-1f3b0e3d9c11";
const SG = "9d2f7a4e-5b1c-4e0a-8f3d-2c6b7a1e0f55";

/** Outputs as stored after a create (every input plus what the API reported). */
const OLDS = {
  zone: "ch-gva-2",
  name: "web",
  instanceType: "standard.medium",
  template: "Linux Ubuntu 24.04 LTS 64-bit",
  diskSize: 50,
  labels: { env: "dev" },
  userData: "#!/bin/sh\necho hi\n",
  publicIpAssignment: "inet4",
  sshKeys: ["alice", "bob"],
  securityGroupIds: [SG],
  state: "running",
  tpmEnabled: false,
  secureBootEnabled: false,
  rebootTrigger: 1,
  passwordResetTrigger: "a",
  restoreSnapshotId: undefined,
  deletionProtection: true,
  instanceTypeId: "eca83fc3-ae9f-4b80-a63c-f20dad843ce1",
  templateId: "8d1a6d4e-5f0b-4c1f-9a7e-2b3c4d5e6f70",
  password: "secret-password",
};
const { instanceTypeId: _t, templateId: _tp, password: _p, ...INPUTS } = OLDS;

function decide(change: Record<string, unknown>, olds: Record<string, unknown> = OLDS) {
  const { changes, replaces, updates } = diffByTable(instanceFields, olds, { ...INPUTS, ...change });
  return { changes, replaces, updates };
}

describe("ExoscaleInstance diff table", () => {
  it("has no diff when nothing changed", () => {
    expect(decide({}).changes).toBe(false);
  });

  it.each([
    ["name", "web-2"],
    ["instanceType", "standard.large"],
    ["diskSize", 60],
    ["labels", { env: "prod" }],
    ["labels", undefined],
    ["userData", "#!/bin/sh\necho bye\n"],
    ["publicIpAssignment", "dual"],
    ["state", "stopped"],
    ["tpmEnabled", true],
    ["rebootTrigger", 2],
    ["passwordResetTrigger", "b"],
    ["restoreSnapshotId", SNAP],
    ["deletionProtection", false],
  ])("applies a change of %s in place", (field, value) => {
    expect(decide({ [field]: value })).toEqual({ changes: true, replaces: [], updates: [field] });
  });

  it.each([
    ["zone", "de-fra-1"],
    ["template", "Linux Debian 12 (Bookworm) 64-bit"],
    ["diskSize", 40],
    ["sshKeys", ["carol"]],
    ["securityGroupIds", [SNAP]],
    ["secureBootEnabled", true],
  ])("replaces the instance for a change of %s", (field, value) => {
    expect(decide({ [field]: value })).toEqual({ changes: true, replaces: [field], updates: [] });
  });

  it("replaces when TPM is switched off, since it cannot be disabled", () => {
    expect(decide({ tpmEnabled: false }, { ...OLDS, tpmEnabled: true }).replaces).toEqual(["tpmEnabled"]);
  });

  it("reinstalls in place on a template change with templateChangeStrategy reset", () => {
    expect(decide({ template: "Linux Debian 12 (Bookworm) 64-bit", templateChangeStrategy: "reset" })).toEqual({
      changes: true,
      replaces: [],
      updates: ["template"],
    });
  });

  it.each([
    ["a different spelling of the instance type", { instanceType: "Standard.Medium" }],
    ["the same ssh keys in another order", { sshKeys: ["bob", "alice"] }],
    ["user data with CRLF line endings", { userData: "#!/bin/sh\r\necho hi" }],
    [
      "a removed optional input the API filled in",
      { publicIpAssignment: undefined, sshKeys: undefined, tpmEnabled: undefined },
    ],
    ["a removed trigger", { rebootTrigger: undefined }],
    ["a change of templateChangeStrategy alone", { templateChangeStrategy: "reset" }],
    ["a change of timeouts or adoptId", { timeouts: { create: 60 }, adoptId: `ch-gva-2/${SNAP}` }],
    ["labels {} against no labels", { labels: {} }],
  ])("shows no diff for %s", (_what, change: Record<string, unknown>) => {
    const olds = change.labels ? { ...OLDS, labels: undefined } : OLDS;
    expect(decide(change, olds).changes).toBe(false);
  });

  it("treats an unset deletionProtection like false", () => {
    expect(decide({ deletionProtection: undefined }, { ...OLDS, deletionProtection: false }).changes).toBe(false);
  });

  it("assumes a replacement when a replace-only input is unknown during preview", () => {
    expect(decide({ zone: UNKNOWN }).replaces).toEqual(["zone"]);
    expect(decide({ name: UNKNOWN }).updates).toEqual(["name"]);
  });

  it("lists every input in the table", () => {
    const { ExoscaleInstanceInputs } = jest.requireActual("../../src/exoscale/schema");
    expect(Object.keys(instanceFields).sort()).toEqual(Object.keys(ExoscaleInstanceInputs.shape).sort());
  });
});
