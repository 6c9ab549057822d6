/**
 * How the adopt command names what it declares and decides what it leaves out: names derived from
 * the objects' own names, the same whatever order the cloud lists them in; objects that read alike
 * told apart by their ids; snapshots named after their instance and declared only under it; what a
 * stack manages skipped under any spelling of its id; filters; the command line.
 */
import { identity, ManagedIndex } from "../../src/adopt/managed";
import type { FoundObject } from "../../src/adopt/model";
import { assignNames, slug } from "../../src/adopt/naming";
import { parseAdoptArguments, UsageError } from "../../src/adopt/options";
import { planAdoption } from "../../src/adopt/plan";
import { configCommands, isSecretConfigKey, shellQuote, userDataText } from "../../src/adopt/secrets";

const UUID = (n: number) => `${String(n).padStart(8, "0")}-1f7a-4d3e-9a55-4f5f0c6b2d11`;

function instance(n: number, name: string, extra: Partial<FoundObject> = {}): FoundObject {
  return {
    cloud: "exoscale",
    kind: "ExoscaleInstance",
    id: `ch-gva-2/${UUID(n)}`,
    name,
    location: "ch-gva-2",
    shortId: UUID(n).slice(0, 8),
    labels: {},
    args: {},
    notes: [],
    ...extra,
  };
}
function snapshot(n: number, name: string, parent: FoundObject): FoundObject {
  return { ...instance(n, name), kind: "ExoscaleInstanceSnapshot", parentId: parent.id };
}
const nothingManaged = new ManagedIndex();
const noFilters = { labels: [] };

describe("names", () => {
  it.each([
    ["web-1", "web-1"],
    ["Web Server_01", "web-server-01"],
    ["  --ops..bastion--  ", "ops-bastion"],
    ["Zürich café", "zurich-cafe"],
    ['Ops "bastion" \\ ü', "ops-bastion-u"],
    ["漢字", ""],
  ])("slug(%j) is %j", (name, expected) => {
    expect(slug(name)).toBe(expected);
  });

  it("derives resource and variable names from the objects' names", () => {
    const web = instance(1, "Web-1");
    const names = assignNames([web, snapshot(2, "nightly", web)]);
    expect([...names.values()]).toEqual(
      expect.arrayContaining([
        { resource: "web-1", variable: "exoscaleWeb1" },
        { resource: "web-1-nightly", variable: "exoscaleSnapshotWeb1Nightly" },
      ]),
    );
  });

  it("tells apart objects whose names read alike by their ids, whatever the order they are listed in", () => {
    const objects = [instance(1, "web"), instance(2, "Web"), instance(3, "web_"), instance(4, "db")];
    const forward = assignNames(objects);
    const backward = assignNames([...objects].reverse());
    expect(forward).toEqual(backward);
    expect([...forward.values()].map((n) => n.resource).sort()).toEqual([
      "db",
      "web-00000001",
      "web-00000002",
      "web-00000003",
    ]);
    expect(forward.get(`ExoscaleInstance ch-gva-2/${UUID(1)}`)?.variable).toBe("exoscaleWeb00000001");
  });

  it("keeps the same name across kinds, and names snapshots of two instances apart", () => {
    const a = instance(1, "a");
    const b = instance(2, "b");
    const compute = { ...instance(3, "a"), cloud: "compute" as const, kind: "ComputeInstance" as const, id: "inst-3" };
    const names = assignNames([
      a,
      b,
      compute,
      snapshot(4, "nightly", a),
      snapshot(5, "nightly", b),
      snapshot(6, "a-manual", a),
    ]);
    expect([...names.values()].map((n) => n.resource).sort()).toEqual([
      "a",
      "a",
      "a-manual",
      "a-nightly",
      "b",
      "b-nightly",
    ]);
    expect(new Set([...names.values()].map((n) => n.variable)).size).toBe(6);
  });

  it("falls back to the kind when a name gives nothing usable", () => {
    expect([...assignNames([instance(1, "漢字")]).values()]).toEqual([
      { resource: "instance", variable: "exoscaleInstance" },
    ]);
  });
});

describe("planAdoption", () => {
  it("declares each instance followed by its snapshots, passing the instance's variable", () => {
    const web = instance(1, "web");
    const plan = planAdoption([snapshot(2, "nightly", web), web, instance(3, "api")], nothingManaged, noFilters);
    expect(plan.declarations.map((d) => [d.names.resource, d.parentVariable])).toEqual([
      ["api", undefined],
      ["web", undefined],
      ["web-nightly", "exoscaleWeb"],
    ]);
  });

  it("skips what a stack manages, whether its state holds the id as zone/uuid or as the bare UUID of an older release", () => {
    const managed = new ManagedIndex();
    managed.add("prod", {
      deployment: {
        resources: [
          { type: "pulumi-nodejs:dynamic/exoscale:Instance", id: UUID(1) },
          { type: "pulumi-nodejs:dynamic/exoscale:InstanceSnapshot", id: `ch-gva-2/${UUID(2)}` },
        ],
      },
    });
    const web = instance(1, "web");
    const plan = planAdoption([web, snapshot(2, "nightly", web), snapshot(3, "weekly", web)], managed, noFilters);
    expect(plan.declarations).toEqual([]);
    expect(plan.skipped.map((o) => [o.name, o.skip])).toEqual([
      ["web", { reason: "managed by stack prod", managed: true }],
      ["nightly", { reason: "managed by stack prod", managed: true }],
      [
        "weekly",
        {
          reason: `its instance ch-gva-2/${UUID(1)} is managed already (managed by stack prod): declare the snapshot in that program, with adoptId "ch-gva-2/${UUID(3)}"`,
          managed: false,
        },
      ],
    ]);
  });

  it("does not count read-only resources (Resource.get) of a stack as managed", () => {
    const managed = new ManagedIndex();
    managed.add("prod", {
      deployment: {
        resources: [{ type: "pulumi-nodejs:dynamic/exoscale:Instance", id: `ch-gva-2/${UUID(1)}`, external: true }],
      },
    });
    expect(planAdoption([instance(1, "web")], managed, noFilters).declarations).toHaveLength(1);
  });

  it("matches Incus ids with and without the default project", () => {
    expect(identity("IncusInstance", "web")).toBe(identity("IncusInstance", "default/web"));
    expect(identity("IncusInstanceSnapshot", "web/snap0")).toBe(identity("IncusInstanceSnapshot", "default/web/snap0"));
    expect(identity("IncusInstance", "web")).not.toBe(identity("IncusInstance", "other/web"));
  });

  it("leaves out a snapshot whose instance cannot be declared, saying why", () => {
    const web = { ...instance(1, "web"), skip: { reason: 'state "error"', managed: false } };
    const plan = planAdoption([web, snapshot(2, "nightly", web)], nothingManaged, noFilters);
    expect(plan.skipped[1].skip?.reason).toBe(`its instance ch-gva-2/${UUID(1)} is not declared (state "error")`);
  });

  it("declares an object listed twice once", () => {
    expect(planAdoption([instance(1, "web"), instance(1, "web")], nothingManaged, noFilters).declarations).toHaveLength(
      1,
    );
  });

  it("filters by label and name prefix, snapshots following their instance", () => {
    const web = instance(1, "web-1", { labels: { team: "web", tier: "front" } });
    const db = instance(2, "db-1", { labels: { team: "data" } });
    const found = [web, db, snapshot(3, "nightly", web), snapshot(4, "nightly", db)];
    const byLabel = planAdoption(found, nothingManaged, { labels: [{ key: "team", value: "web" }, { key: "tier" }] });
    expect(byLabel.declarations.map((d) => d.object.name)).toEqual(["web-1", "nightly"]);
    expect(byLabel.filteredOut).toBe(2);
    const byPrefix = planAdoption(found, nothingManaged, { labels: [], namePrefix: "db-" });
    expect(byPrefix.declarations.map((d) => d.names.resource)).toEqual(["db-1", "db-1-nightly"]);
  });
});

describe("the command line", () => {
  const parse = (line: string) => parseAdoptArguments(line.split(" ").filter((word) => word !== ""));

  it("takes a cloud, filters and destinations", () => {
    expect(
      parse(
        "all --zone ch-gva-2 --zone fr-par-1 --label team=web --label tier --name-prefix web- --out x.ts --force --stack prod",
      ),
    ).toMatchObject({
      clouds: ["exoscale", "scaleway", "compute", "incus"],
      zones: { exoscale: ["ch-gva-2"], scaleway: ["fr-par-1"] },
      labels: [{ key: "team", value: "web" }, { key: "tier" }],
      namePrefix: "web-",
      out: "x.ts",
      force: true,
      stacks: ["prod"],
      dryRun: false,
    });
    expect(parse("incus")).toMatchObject({ clouds: ["incus"], out: "adopted.ts", zones: {}, labels: [] });
    expect(parse("adopt --help".split(" ").slice(1).join(" "))).toBe("help");
  });

  it.each([
    ["", "name the cloud to list: one of exoscale, scaleway, compute, incus, all"],
    ["aws", 'unknown cloud "aws": use one of exoscale, scaleway, compute, incus, all'],
    ["exoscale scaleway", 'one cloud at a time (or all), got "exoscale" "scaleway"'],
    ["exoscale --zone fr-par-1", '--zone "fr-par-1" is not a zone of exoscale; zones: ch-gva-2, ch-dk-2'],
    ["compute --zone ch-gva-2", "--zone applies to exoscale and scaleway only, not to compute"],
    ["exoscale --label =web", '--label "=web": expected key=value or key'],
    ["exoscale --colour", "Unknown option '--colour'"],
  ])("refuses %j, saying what is allowed", (line, message) => {
    expect(() => parse(line)).toThrow(UsageError);
    expect(() => parse(line)).toThrow(message);
  });
});

describe("secret values", () => {
  it.each([
    ["cloud-init.user-data", true],
    ["user.user-data", true],
    ["cloud-init.vendor-data", true],
    ["environment.DB_PASSWORD", true],
    ["user.api_key", true],
    ["limits.cpu", false],
    ["user.team", false],
    ["security.privileged", false],
    ["cloud-init.network-config", false],
  ])("config key %s is secret: %s", (key, secret) => {
    expect(isSecretConfigKey(key)).toBe(secret);
  });

  it("takes user data as text from base64, and refuses what is not text", () => {
    expect(userDataText(Buffer.from("#cloud-config\n").toString("base64"))).toBe("#cloud-config\n");
    expect(userDataText("#!/bin/sh\necho hi\n")).toBe("#!/bin/sh\necho hi\n");
    expect(userDataText(Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02]).toString("base64"))).toBeUndefined();
  });

  it("quotes values for the shell so they arrive unchanged", () => {
    expect(shellQuote("plain-value_1")).toBe("plain-value_1");
    expect(shellQuote("it's $HOME `x`\n")).toBe("'it'\\''s $HOME `x`\n'");
  });

  it("prints commands without the value unless asked", () => {
    const secrets = [
      { key: "webUserData", value: "s3cret value", what: "user data", owner: "ExoscaleInstance ch-gva-2/x" },
    ];
    expect(configCommands(secrets, { showSecrets: false })).toEqual([
      "pulumi config set --secret webUserData    # user data of ExoscaleInstance ch-gva-2/x",
    ]);
    expect(configCommands(secrets, { showSecrets: false, secretsDir: "my secrets" })).toEqual([
      "pulumi config set --secret webUserData < 'my secrets/webUserData'",
    ]);
    expect(configCommands(secrets, { showSecrets: true })).toEqual([
      "pulumi config set --secret webUserData -- 's3cret value'",
    ]);
  });
});
