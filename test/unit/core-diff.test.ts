import { diffByTable, sameSet, sameValue, type FieldTable } from "../../src/core/diff";
import { UNKNOWN } from "../../src/core/validation";
import { sameUserData, encodeUserData, decodeUserData } from "../../src/core/user-data";
import { canonicalJson, creationToken } from "../../src/core/creation-token";

interface Inputs {
  name: string;
  zone: string;
  diskSize: number;
  securityGroups?: string[];
  userData?: string;
  adoptId?: string;
}

const table: FieldTable<Inputs> = {
  name: "update",
  zone: "replace",
  diskSize: { replaceIf: (a, b) => (b ?? 0) < (a ?? 0) },
  securityGroups: { equals: sameSet, replaceIf: () => true },
  userData: { equals: sameUserData },
  adoptId: "ignore",
};

describe("diffByTable", () => {
  const olds = {
    name: "web",
    zone: "ch-gva-2",
    diskSize: 50,
    securityGroups: ["a", "b"],
    userData: "#!/bin/sh\necho hi\n",
    __provider: "old",
  };

  it("sees no change when only __provider, order of sets, or user-data encoding differ", () => {
    const news = {
      ...olds,
      __provider: "new",
      securityGroups: ["b", "a"],
      userData: encodeUserData("#!/bin/sh\r\necho hi"),
    };
    expect(diffByTable(table, olds, news)).toEqual({ changes: false, replaces: [], updates: [] });
  });

  it("separates in-place updates from replacements", () => {
    expect(diffByTable(table, olds, { ...olds, name: "web2", diskSize: 100 })).toEqual({
      changes: true,
      replaces: [],
      updates: ["name", "diskSize"],
    });
    expect(diffByTable(table, olds, { ...olds, diskSize: 20 })).toEqual({
      changes: true,
      replaces: ["diskSize"],
      updates: [],
    });
    expect(diffByTable(table, olds, { ...olds, zone: "de-fra-1", adoptId: "x" }).replaces).toEqual(["zone"]);
  });

  it("treats unknown values as changes, replacing when the field would", () => {
    expect(diffByTable(table, olds, { ...olds, zone: UNKNOWN, name: UNKNOWN })).toEqual({
      changes: true,
      replaces: ["zone"],
      updates: ["name"],
    });
  });
});

describe("value helpers", () => {
  it("compares structurally, treating missing, undefined and null alike", () => {
    expect(sameValue({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameValue({ a: [1, { c: 2 }] }, { a: [1, { c: 3 }] })).toBe(false);
    expect(sameSet(["x", "y"], ["y", "x"])).toBe(true);
  });

  it("decodes only real base64 text", () => {
    expect(decodeUserData(encodeUserData("#cloud-config\n"))).toBe("#cloud-config\n");
    // "abcd" is valid base64 but decodes to binary, so it is kept as the user's text.
    expect(decodeUserData("abcd")).toBe("abcd");
    expect(decodeUserData("not base64!")).toBe("not base64!");
  });

  it("derives creation tokens from identity and inputs, independent of key order", () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [1] } })).toBe('{"a":{"c":[1],"d":2},"b":1}');
    const a = creationToken("p/s/web", { name: "web", labels: { x: "1", y: "2" } });
    expect(creationToken("p/s/web", { labels: { y: "2", x: "1" }, name: "web" })).toBe(a);
    expect(creationToken("p/s/web", { name: "web", labels: { x: "1", y: "3" } })).not.toBe(a);
    expect(a).toMatch(/^[0-9a-f]{20}$/);
  });
});
