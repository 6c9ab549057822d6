/**
 * The table of resource kinds (src/kinds.ts) against what it describes: each entry has its schemas,
 * a provider the provider runtime finds by its kind, an exported class of its name registering its
 * type token, and a place in adopt and the policy pack. A new kind fails here until all agree.
 */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as pkg from "../../src";
import { describeKind } from "../../src/adopt/model";
import { TYPE_TOKENS } from "../../src/adopt/managed";
import { kindId, kindOf, type KindName, RESOURCE_CLOUDS, RESOURCE_KINDS, typeToken } from "../../src/kinds";
import { providerFor } from "../../src/provider-runtime";
import { PACKAGE_INSTANCE_TYPES, PACKAGE_SNAPSHOT_TYPES, SNAPSHOT_CLASS } from "../../policy/src/resource-kinds";

const root = path.resolve(__dirname, "..", "..");
// eslint-disable-next-line @typescript-eslint/no-require-imports
const schemasOf = (cloud: string): Record<string, unknown> => require(path.join(root, "src", cloud, "schema"));
const classes = pkg as unknown as Record<string, unknown>;

describe.each(RESOURCE_KINDS.map((kind) => [kind.className, kind] as const))("resource kind %s", (className, kind) => {
  it("has its input and output schemas in its cloud's schema.ts", () => {
    const schemas = schemasOf(kind.cloud);
    expect([`${className}Inputs`, `${className}Outputs`].filter((name) => !schemas[name])).toEqual([]);
  });

  it("has a provider the provider runtime loads by its kind", () => {
    expect(typeof providerFor(kindId(kind)).create).toBe("function");
  });

  it("is exported as a resource class of its name", () => {
    const exported = classes[className] as { name: string; get: unknown; prototype: unknown };
    expect(exported.name).toBe(className);
    expect(typeof exported.get).toBe("function");
    expect(exported.prototype).toBeInstanceOf(pulumi.CustomResource);
  });

  it("is known to adopt and, as an instance or a snapshot, to the policy pack", () => {
    expect(TYPE_TOKENS[typeToken(kind)]).toBe(className);
    expect(describeKind(kind.className as KindName)).toBe(kind.noun);
    expect(PACKAGE_INSTANCE_TYPES.includes(typeToken(kind))).toBe(kind.role === "instance");
    expect(PACKAGE_SNAPSHOT_TYPES.includes(typeToken(kind))).toBe(kind.role === "snapshot");
  });

  if (kind.role === "snapshot")
    it("names an instance kind of its cloud as its parent", () => {
      const parent = kindOf(kind.parent as KindName);
      expect({ cloud: parent.cloud, role: parent.role }).toEqual({ cloud: kind.cloud, role: "instance" });
      expect(SNAPSHOT_CLASS[typeToken(parent)]).toBe(className);
    });
});

describe("the table", () => {
  it("has one entry per class name and per kind, in the clouds that have resources", () => {
    expect(new Set(RESOURCE_KINDS.map((kind) => kind.className)).size).toBe(RESOURCE_KINDS.length);
    expect(new Set(RESOURCE_KINDS.map(kindId)).size).toBe(RESOURCE_KINDS.length);
    expect(new Set(RESOURCE_KINDS.map((kind) => kind.cloud))).toEqual(new Set(RESOURCE_CLOUDS));
  });
});
