/**
 * Generated invalid inputs for every resource of the package, and their packing into previews.
 *
 * A case is one invalid input: a value set at a path of otherwise valid inputs (or a required
 * property left out), and the property the failure must name. The engine stops a preview at the
 * first resource whose check fails, but prints every failure of that resource, so cases are packed
 * into one resource per preview as long as they touch different properties (or different keys
 * inside one map).
 */
import { seededSnapshotId } from "../../src/emulator/scaleway";
import type { FleetEntry, Kind } from "../helpers/reliability";

/** Marks a case that leaves the property out. */
export const OMIT = Symbol("omit");

export interface BadInput {
  kind: Kind;
  /** Where the value goes: ["zone"], ["labels", "bad key"], ["timeouts", "create"]. */
  at: Array<string>;
  value: unknown;
  /** What makes it invalid (for the report). */
  why: string;
  /** The property path the failure must name (default: `at` joined with dots). */
  property?: string;
  /** Text the reason must contain, e.g. an allowed value. */
  mentions?: string;
  /** Cross-field rules run only on otherwise valid inputs: such a case needs a preview of its own group. */
  group?: string;
}

const UUID = "3f2b1c0d-9e8a-4b7c-8d6e-5f4a3b2c1d0e";
const ROOT = seededSnapshotId("fr-par-1", "ubuntu-noble-root");
const OTHER = seededSnapshotId("fr-par-1", "data-50g");

/** Valid inputs each case starts from. */
export const BASE: Record<Kind, Record<string, unknown>> = {
  exoscale: {
    zone: "ch-gva-2",
    name: "bad-input",
    instanceType: "standard.small",
    template: "Linux Ubuntu 24.04 LTS 64-bit",
    diskSize: 20,
  },
  exoscaleSnapshot: {},
  scaleway: { zone: "fr-par-1", name: "bad-input", rootVolume: ROOT },
  compute: { name: "bad-input", type: "cx31", image: "ubuntu-22.04" },
};

/** Properties whose failures name the property in the reason, not the engine's property slot (values may be secret). */
export const SENSITIVE: Record<Kind, string[]> = {
  exoscale: ["userData"],
  exoscaleSnapshot: [],
  scaleway: [],
  compute: ["userData"],
};

type Spec = [at: string | string[], value: unknown, why: string, extra?: Partial<BadInput>];

function cases(kind: Kind, specs: Spec[]): BadInput[] {
  return specs.map(([at, value, why, extra]) => ({ kind, at: Array.isArray(at) ? at : [at], value, why, ...extra }));
}

const misspelt = (kind: Kind, names: string[]): BadInput[] =>
  names.map((name) => ({ kind, at: [name], value: "x", why: "misspelt property name", mentions: "unknown property" }));

const ZONES = "ch-gva-2";
const big = (n: number) => "#!/bin/sh\n".padEnd(n, "x");

export const BAD_INPUTS: BadInput[] = [
  ...cases("exoscale", [
    ["zone", "ch-gva-3", "zone that does not exist", { mentions: ZONES }],
    ["zone", "CH-GVA-2", "zone in capitals", { mentions: ZONES }],
    ["zone", "fr-par-1", "another cloud's zone", { mentions: ZONES }],
    ["zone", "", "empty zone", { mentions: ZONES }],
    ["zone", 42, "number as zone", { mentions: ZONES }],
    ["zone", "ch\u2011gva-2", "non-breaking hyphen in the zone", { mentions: ZONES }],
    ["zone", "ch-gva-2 ", "trailing space", { mentions: ZONES }],
    ["zone", OMIT, "zone left out", { mentions: ZONES }],
    ["name", "", "empty name"],
    ["name", "x".repeat(256), "name over 255 characters"],
    ["name", 123, "number as name"],
    ["name", true, "boolean as name"],
    ["name", { first: "web" }, "object as name"],
    ["name", OMIT, "name left out"],
    ["instanceType", "standard", "instance type without size"],
    ["instanceType", "standard-small", "dash instead of dot"],
    ["instanceType", "standard.small.extra", "three parts"],
    ["instanceType", "", "empty instance type"],
    ["instanceType", 5, "number as instance type"],
    ["instanceType", "standard.\u{1F4A5}", "emoji size"],
    ["instanceType", "1234abcd-not-a-uuid", "malformed UUID"],
    ["instanceType", OMIT, "instance type left out"],
    ["template", "", "empty template"],
    ["template", 7, "number as template"],
    ["template", ["Linux"], "list as template"],
    ["template", OMIT, "template left out"],
    ["diskSize", 9, "disk below 10 GiB"],
    ["diskSize", 51201, "disk above 51200 GiB"],
    ["diskSize", 10.5, "fractional disk size"],
    ["diskSize", -20, "negative disk size"],
    ["diskSize", 0, "zero disk size"],
    ["diskSize", "20", "disk size as a string"],
    ["diskSize", 1e12, "absurd disk size"],
    [["labels", "bad key"], "v", "space in label key", { mentions: "label keys are" }],
    [["labels", "-leading"], "v", "label key starting with a dash", { mentions: "label keys are" }],
    [["labels", "k".repeat(64)], "v", "label key over 63 characters", { mentions: "label keys are" }],
    [["labels", "pulumi-creation-token"], "v", "reserved label key"],
    [["labels", "env"], "x".repeat(256), "label value over 255 characters"],
    [["labels", "team"], 5, "number as label value"],
    [["labels", "\u043a\u043b\u044e\u0447"], "v", "Cyrillic label key", { mentions: "label keys are" }],
    [["labels", "\u{1F600}"], "v", "emoji label key", { mentions: "label keys are" }],
    [["labels", "a\u202eb"], "v", "right-to-left override in a label key", { mentions: "label keys are" }],
    ["labels", "env=prod", "string as labels"],
    ["userData", "", "empty user data"],
    ["userData", big(25_000), "user data over 32 KiB once encoded"],
    ["userData", 12345, "number as user data"],
    ["userData", { script: "x" }, "object as user data"],
    ["publicIpAssignment", "ipv6", "unknown enum value", { mentions: "inet4" }],
    ["publicIpAssignment", "INET4", "enum value in capitals", { mentions: "inet4" }],
    ["publicIpAssignment", "", "empty enum value", { mentions: "inet4" }],
    ["publicIpAssignment", true, "boolean as enum", { mentions: "inet4" }],
    ["sshKeys", "my-key", "string instead of a list"],
    [["sshKeys", "0"], "", "empty SSH key name", { property: "sshKeys[0]" }],
    [["sshKeys", "0"], 1, "number as SSH key name", { property: "sshKeys[0]" }],
    [["securityGroupIds", "0"], "not-a-uuid", "malformed UUID", { property: "securityGroupIds[0]" }],
    [
      ["securityGroupIds", "0"],
      "3f2b1c0d-9e8a-4b7c-8d6e-5f4a3b2c1d0",
      "UUID one digit short",
      { property: "securityGroupIds[0]" },
    ],
    [
      ["securityGroupIds", "0"],
      "\uFF13f2b1c0d-9e8a-4b7c-8d6e-5f4a3b2c1d0e",
      "fullwidth digit in a UUID",
      { property: "securityGroupIds[0]" },
    ],
    ["securityGroupIds", UUID, "UUID instead of a list"],
    ["state", "paused", "unknown power state", { mentions: "running" }],
    ["state", "Running", "power state in capitals", { mentions: "running" }],
    ["state", "", "empty power state", { mentions: "running" }],
    ["state", 1, "number as power state", { mentions: "running" }],
    ["state", true, "boolean as power state", { mentions: "running" }],
    ["tpmEnabled", "true", "string as boolean"],
    ["tpmEnabled", 1, "number as boolean"],
    ["secureBootEnabled", "yes", "string as boolean"],
    ["secureBootEnabled", 0, "number as boolean"],
    ["rebootTrigger", true, "boolean as trigger"],
    ["rebootTrigger", { at: 1 }, "object as trigger"],
    ["rebootTrigger", ["a"], "list as trigger"],
    ["passwordResetTrigger", false, "boolean as trigger"],
    ["passwordResetTrigger", [1], "list as trigger"],
    ["templateChangeStrategy", "recreate", "unknown strategy", { mentions: "replace" }],
    ["templateChangeStrategy", "RESET", "strategy in capitals", { mentions: "replace" }],
    ["templateChangeStrategy", "", "empty strategy", { mentions: "replace" }],
    ["restoreSnapshotId", "snap-1", "not a UUID"],
    ["restoreSnapshotId", "3f2b1c0d9e8a4b7c8d6e5f4a3b2c1d0e", "UUID without dashes"],
    ["restoreSnapshotId", "", "empty snapshot id"],
    ["restoreSnapshotId", 5, "number as snapshot id"],
    ["deletionProtection", "true", "string as boolean"],
    ["deletionProtection", 1, "number as boolean"],
    ["deletionProtection", "yes", "word as boolean"],
    ["adoptId", "ch-gva-2", "zone without id", { mentions: "<zone>/<instance uuid>" }],
    ["adoptId", "ch-gva-2/not-a-uuid", "malformed UUID", { mentions: "<zone>/<instance uuid>" }],
    ["adoptId", `fr-par-1/${UUID}`, "another cloud's zone", { mentions: "<zone>/<instance uuid>" }],
    ["adoptId", UUID, "id without zone", { mentions: "<zone>/<instance uuid>" }],
    ["adoptId", `ch-gva-2/${UUID}/x`, "trailing path segment", { mentions: "<zone>/<instance uuid>" }],
    [["timeouts", "create"], -1, "negative timeout"],
    [["timeouts", "update"], 0, "zero timeout"],
    [["timeouts", "delete"], 1.5, "fractional timeout"],
    [["timeouts", "creat"], 600, "misspelt timeout key", { mentions: "unknown property" }],
    ["timeouts", 600, "number instead of an object"],
  ]),
  ...misspelt("exoscale", [
    "instanceTyp",
    "diskSze",
    "zones",
    "lables",
    "userdata",
    "deletionprotection",
    "Name",
    "template_name",
    "disk_size",
    "tpm",
    "securityGroups",
    "sshKey",
    "protect",
    "powerState",
  ]),

  ...cases("exoscaleSnapshot", [
    [["timeouts", "create"], -1, "negative timeout"],
    [["timeouts", "delete"], "60", "string timeout"],
    [["timeouts", "creat"], 5, "misspelt timeout key", { mentions: "unknown property" }],
    [["timeouts", "update"], 0.5, "fractional timeout"],
    ["timeouts", "soon", "string instead of an object"],
    ["timeouts", [60], "list instead of an object"],
    ["retain", 0, "retain below 1"],
    ["trigger", 7, "number as trigger"],
    ["trigger", "day-1", "trigger without retain", { group: "snapshot-series", mentions: "retain" }],
  ]),

  ...cases("scaleway", [
    ["name", "", "empty name"],
    ["name", "x".repeat(256), "name over 255 characters"],
    ["name", 42, "number as name"],
    ["name", false, "boolean as name"],
    ["zone", "fr-par-0", "zone number 0", { mentions: "fr-par-1" }],
    ["zone", "FR-PAR-1", "zone in capitals", { mentions: "fr-par-1" }],
    ["zone", "frpar1", "zone without dashes", { mentions: "fr-par-1" }],
    ["zone", "fr-par-10", "two-digit zone number", { mentions: "fr-par-1" }],
    ["zone", "fr-p\u00e4r-1", "accented zone", { mentions: "fr-par-1" }],
    ["zone", 1, "number as zone", { mentions: "fr-par-1" }],
    ["zone", "", "empty zone", { mentions: "fr-par-1" }],
    ["project", "not-a-uuid", "malformed project UUID"],
    ["project", "6a1e1c3e0b5e4d6f9e2a7c0de5a1b2c3", "UUID without dashes"],
    ["project", 7, "number as project"],
    ["rootVolume", "snap", "not a UUID"],
    ["rootVolume", "", "empty root volume"],
    ["rootVolume", 12, "number as root volume"],
    ["rootVolume", ROOT.slice(0, -1), "UUID one digit short"],
    ["rootVolume", `${ROOT} `, "trailing space"],
    ["rootVolume", OMIT, "root volume left out"],
    ["arch", "amd64", "unknown architecture", { mentions: "x86_64" }],
    ["arch", "i386", "unsupported architecture", { mentions: "x86_64" }],
    ["arch", "X86_64", "architecture in capitals", { mentions: "x86_64" }],
    ["arch", "", "empty architecture", { mentions: "x86_64" }],
    ["arch", 64, "number as architecture", { mentions: "x86_64" }],
    ["extraVolumes", OTHER, "UUID instead of a list"],
    [["extraVolumes", "0"], "nope", "malformed UUID", { property: "extraVolumes[0]" }],
    [
      "extraVolumes",
      Array.from({ length: 16 }, (_, i) => seededSnapshotId("fr-par-1", `extra-${i}`)),
      "16 extra volumes (at most 15)",
    ],
    [["extraVolumes", "0"], 1, "number as volume", { property: "extraVolumes[0]" }],
    ["tags", "a,b", "string instead of a list"],
    [["tags", "0"], "", "empty tag", { property: "tags[0]" }],
    [["tags", "0"], "t".repeat(129), "tag over 128 characters", { property: "tags[0]" }],
    [["tags", "0"], "pulumi-creation-token=abc", "reserved tag", { property: "tags[0]" }],
    [["tags", "0"], 1, "number as tag", { property: "tags[0]" }],
    ["public", "true", "string as boolean"],
    ["public", 1, "number as boolean"],
    ["public", "no", "word as boolean"],
    ["adoptId", "fr-par-1", "zone without id"],
    ["adoptId", "fr-par-1/nope", "malformed UUID"],
    ["adoptId", ROOT, "id without zone"],
    [["timeouts", "create"], 0, "zero timeout"],
    [["timeouts", "update"], -5, "negative timeout"],
    [["timeouts", "delete"], "60", "string timeout"],
    [["timeouts", "creat"], 1, "misspelt timeout key", { mentions: "unknown property" }],
    ["timeouts", "1h", "string instead of an object"],
    ["extraVolumes", [ROOT], "extra volume repeating the root volume", { group: "cross-1", mentions: "rootVolume" }],
    [
      "adoptId",
      `fr-par-2/${UUID}`,
      "adoptId in another zone than zone",
      { group: "cross-1", mentions: "another zone" },
    ],
    ["extraVolumes", [OTHER, OTHER], "the same extra volume twice", { group: "cross-2", mentions: "twice" }],
  ]),
  ...misspelt("scaleway", [
    "rootvolume",
    "root_volume",
    "tag",
    "zones",
    "architecture",
    "isPublic",
    "extra_volumes",
    "projectId",
    "Name",
  ]),

  ...cases("compute", [
    ["name", "UPPER", "capitals in the name"],
    ["name", "-lead", "leading dash"],
    ["name", "n".repeat(64), "name over 63 characters"],
    ["name", "", "empty name"],
    ["name", "web_1", "underscore in the name"],
    ["name", "w\u00e9b", "accented name"],
    ["name", "web\u200b1", "zero-width space in the name"],
    ["name", 5, "number as name"],
    ["type", "", "empty type"],
    ["type", 31, "number as type"],
    ["type", OMIT, "type left out"],
    ["image", "", "empty image"],
    ["image", ["ubuntu"], "list as image"],
    ["image", OMIT, "image left out"],
    [["labels", "bad key"], "v", "space in label key", { mentions: "label keys are" }],
    [["labels", "x"], "y".repeat(64), "label value over 63 characters"],
    [["labels", "\u043a\u043b\u044e\u0447"], "v", "Cyrillic label key", { mentions: "label keys are" }],
    [["labels", "env"], 1, "number as label value"],
    ["vcpus", 0, "zero vCPUs"],
    ["vcpus", 257, "more than 256 vCPUs"],
    ["vcpus", 2.5, "fractional vCPUs"],
    ["vcpus", "2", "vCPUs as a string"],
    ["memoryMb", 127, "memory below 128 MB"],
    ["memoryMb", 4194305, "memory above 4 TB"],
    ["memoryMb", "4GB", "memory with a unit"],
    ["memoryMb", -1, "negative memory"],
    ["diskGb", 0, "zero disk"],
    ["diskGb", 65537, "disk above 64 TB"],
    ["diskGb", 1.5, "fractional disk"],
    ["vpcId", "", "empty VPC id"],
    ["vpcId", 5, "number as VPC id"],
    ["subnetId", "", "empty subnet id"],
    ["subnetId", false, "boolean as subnet id"],
    ["securityGroups", "sg-web", "string instead of a list"],
    [["securityGroups", "0"], "", "empty security group", { property: "securityGroups[0]" }],
    [["securityGroups", "0"], 5, "number as security group", { property: "securityGroups[0]" }],
    ["sshKeyIds", "key", "string instead of a list"],
    [["sshKeyIds", "0"], "", "empty SSH key id", { property: "sshKeyIds[0]" }],
    ["userData", big(25_000), "user data over 32 KiB once encoded"],
    ["userData", 5, "number as user data"],
    ["userData", { a: 1 }, "object as user data"],
    ["adoptId", "inst a", "space in the id"],
    ["adoptId", "inst/1", "slash in the id"],
    ["adoptId", "", "empty id"],
    ["adoptId", "\u00ednst-1", "accented id"],
    ["deletionProtection", "true", "string as boolean"],
    ["deletionProtection", 1, "number as boolean"],
    [["timeouts", "create"], 0, "zero timeout"],
    [["timeouts", "delete"], -1, "negative timeout"],
    [["timeouts", "update"], 5, "timeout key the resource does not have", { mentions: "unknown property" }],
    ["timeouts", "10m", "string instead of an object"],
    ["name", OMIT, "name left out"],
  ]),
  ...misspelt("compute", [
    "Name",
    "types",
    "img",
    "label",
    "vcpu",
    "memory",
    "disk",
    "security_groups",
    "sshKeys",
    "user_data",
    "protect",
  ]),
];

/** The property a case's failure must name. */
export function propertyOf(input: BadInput): string {
  return input.property ?? input.at.join(".");
}

/** One preview: one resource carrying several invalid inputs. */
export interface Batch {
  kind: Kind;
  name: string;
  args: Record<string, unknown>;
  cases: BadInput[];
}

function conflicts(a: BadInput, b: BadInput): boolean {
  if (a.at[0] !== b.at[0]) return false;
  // Two keys inside one map (or two fields of `timeouts`) can share a preview; anything else cannot.
  return a.at.length === 1 || b.at.length === 1 || a.at[1] === b.at[1] || /^\d+$/.test(a.at[1]);
}

function apply(args: Record<string, unknown>, input: BadInput): void {
  const [key, inner] = input.at;
  if (input.value === OMIT) delete args[key];
  else if (inner === undefined) args[key] = input.value;
  else if (/^\d+$/.test(inner)) args[key] = [input.value];
  else args[key] = { ...(args[key] ?? {}), [inner]: input.value };
}

/** Packs the cases of each kind into as few previews as their properties allow. */
export function batches(inputs: BadInput[] = BAD_INPUTS): Batch[] {
  const out: Batch[] = [];
  for (const kind of [...new Set(inputs.map((i) => i.kind))]) {
    const open: Array<{ group?: string; cases: BadInput[] }> = [];
    for (const input of inputs.filter((i) => i.kind === kind)) {
      const home = open.find((b) => b.group === input.group && !b.cases.some((c) => conflicts(c, input)));
      if (home) home.cases.push(input);
      else open.push({ group: input.group, cases: [input] });
    }
    open.forEach((b, index) => {
      const args = { ...BASE[kind] };
      for (const input of b.cases) apply(args, input);
      out.push({ kind, name: `bad-${kind.toLowerCase()}-${index + 1}`, args, cases: b.cases });
    });
  }
  return out;
}

/** The fleet spec that previews one batch (a snapshot needs a valid instance to belong to). */
export function specFor(batch: Batch): FleetEntry[] {
  if (batch.kind !== "exoscaleSnapshot")
    return [
      {
        kind: batch.kind,
        name: batch.name,
        args: batch.args,
        ...(SENSITIVE[batch.kind].length > 0 ? { secretArgs: SENSITIVE[batch.kind] } : {}),
      },
    ];
  return [
    { kind: "exoscale", name: "snapshot-parent", args: BASE.exoscale },
    { kind: "exoscaleSnapshot", name: batch.name, instance: "snapshot-parent", args: batch.args },
  ];
}
