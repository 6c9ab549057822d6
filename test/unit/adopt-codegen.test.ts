/**
 * The module `pulumi-dynamic-compute adopt` writes: literals escaped so any name, label or key reads
 * back as the same value; secrets only as config.requireSecret references; snapshots right after
 * their instance, passed it as `instance`; imports of what is used. The text is compiled with the
 * TypeScript compiler and run, so "escaped" means "evaluates to the same value".
 */
import * as ts from "typescript";
import { type Declaration, generateModule, propertyKey, stringLiteral } from "../../src/adopt/codegen";
import { type FoundObject, SecretValue } from "../../src/adopt/model";

function found(overrides: Partial<FoundObject>): FoundObject {
  return {
    cloud: "exoscale",
    kind: "ExoscaleInstance",
    id: "ch-gva-2/0b1c9a6e-1f7a-4d3e-9a55-4f5f0c6b2d11",
    name: "web",
    location: "ch-gva-2",
    shortId: "0b1c9a6e",
    labels: {},
    args: {},
    notes: [],
    ...overrides,
  };
}

/** Runs the module with stand-ins for the resource classes and pulumi.Config that record what they get. */
function evaluate(
  text: string,
  secrets: Record<string, string> = {},
): Record<string, { type: string; name: string; args: Record<string, unknown> }> {
  const js = ts.transpileModule(text, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 },
  }).outputText;
  const record = (type: string) =>
    class {
      type = type;
      constructor(
        public name: string,
        public args: Record<string, unknown>,
      ) {}
    };
  const modules: Record<string, unknown> = {
    "@pulumi/pulumi": {
      Config: class {
        requireSecret = (key: string) => ({ secret: secrets[key] ?? `missing ${key}` });
      },
    },
    "pulumi-dynamic-compute": Object.fromEntries(
      [
        "ExoscaleInstance",
        "ExoscaleInstanceSnapshot",
        "ScalewayImage",
        "ComputeInstance",
        "IncusInstance",
        "IncusInstanceSnapshot",
      ].map((name) => [name, record(name)]),
    ),
  };
  const exports: Record<string, any> = {};
  new Function("require", "exports", js)((id: string) => modules[id], exports);
  return exports;
}

describe("string literals and keys", () => {
  it.each([
    ["quotes \"double\" and 'single'"],
    ["back\\slash and a trailing backslash \\"],
    ["new\nline, tab\tand carriage\rreturn"],
    ["template ${not.evaluated} and `backticks`"],
    ["unicode ü 漢字 🚀 and line separators \u2028\u2029"],
    ["*/ comment enders /* and // slashes"],
    ["\u0000 nul and \u001b escape"],
  ])("%j reads back unchanged", (text) => {
    const literal = stringLiteral(text);
    expect(literal).not.toMatch(/[\n\r\u2028\u2029]/);
    const module = ts.transpileModule(`module.exports = ${literal};`, {}).outputText;
    const holder = { exports: "" };
    new Function("module", module)(holder);
    expect(holder.exports).toBe(text);
  });

  it("writes identifiers bare, everything else quoted, and __proto__ as a computed key", () => {
    expect(propertyKey("team")).toBe("team");
    expect(propertyKey("app.example.com/tier")).toBe('"app.example.com/tier"');
    expect(propertyKey("Team Name")).toBe('"Team Name"');
    expect(propertyKey("1st")).toBe('"1st"');
    expect(propertyKey("__proto__")).toBe('["__proto__"]');
  });
});

describe("generateModule", () => {
  const web = found({
    args: {
      zone: "ch-gva-2",
      name: 'Ops "bastion" \\ ü',
      labels: { team: "web", "app.example.com/tier": 'it\'s "1"', __proto__x: "y" },
      diskSize: 20,
      state: "running",
      userData: new SecretValue("#cloud-config\npassword: hunter2-xyz\n", "UserData", "user data"),
    },
  });
  const snapshot = found({
    kind: "ExoscaleInstanceSnapshot",
    id: "ch-gva-2/9e9e9e9e-1f7a-4d3e-9a55-4f5f0c6b2d11",
    name: "nightly",
    parentId: web.id,
    args: {},
  });
  const declarations: Declaration[] = [
    { object: web, names: { resource: "web", variable: "exoscaleWeb" } },
    {
      object: snapshot,
      names: { resource: "web-nightly", variable: "exoscaleSnapshotWebNightly" },
      parentVariable: "exoscaleWeb",
    },
  ];

  it("declares each object with adoptId and its current state, which evaluate to the values read", () => {
    const { text, secrets } = generateModule(declarations, ["Generated for a test."]);
    const values = evaluate(text, Object.fromEntries(secrets.map((s) => [s.key, s.value])));
    expect(values.exoscaleWeb).toMatchObject({
      type: "ExoscaleInstance",
      name: "web",
      args: {
        adoptId: web.id,
        zone: "ch-gva-2",
        name: 'Ops "bastion" \\ ü',
        diskSize: 20,
        state: "running",
        labels: web.args.labels,
      },
    });
    expect(values.exoscaleWeb.args.userData).toEqual({ secret: "#cloud-config\npassword: hunter2-xyz\n" });
    expect(values.exoscaleSnapshotWebNightly).toMatchObject({
      type: "ExoscaleInstanceSnapshot",
      name: "web-nightly",
      args: { adoptId: snapshot.id },
    });
    expect(values.exoscaleSnapshotWebNightly.args.instance).toBe(values.exoscaleWeb);
  });

  it("never writes a secret's value: it reads it from stack config under a key named after the resource", () => {
    const { text, secrets } = generateModule(declarations, []);
    expect(text).not.toContain("hunter2");
    expect(text).not.toContain(Buffer.from("#cloud-config\npassword: hunter2-xyz\n").toString("base64"));
    expect(text).toContain('userData: config.requireSecret("exoscaleWebUserData"),');
    expect(secrets).toEqual([
      {
        key: "exoscaleWebUserData",
        value: "#cloud-config\npassword: hunter2-xyz\n",
        what: "user data",
        owner: `ExoscaleInstance ${web.id}`,
      },
    ]);
    expect(text).toContain('import * as pulumi from "@pulumi/pulumi";');
    expect(text).toContain("const config = new pulumi.Config();");
  });

  it("gives two secrets that would share a key distinct keys", () => {
    const incus = found({
      cloud: "incus",
      kind: "IncusInstance",
      id: "db",
      name: "db",
      args: {
        name: "db",
        config: {
          "user.user-data": new SecretValue("a-secret-1", "ConfigUserUserData", "config user.user-data"),
          "user.user_data": new SecretValue("a-secret-2", "ConfigUserUserData", "config user.user_data"),
        },
      },
    });
    const { text, secrets } = generateModule([{ object: incus, names: { resource: "db", variable: "incusDb" } }], []);
    expect(secrets.map((s) => s.key)).toEqual(["incusDbConfigUserUserData", "incusDbConfigUserUserData2"]);
    const values = evaluate(text, {
      incusDbConfigUserUserData: "a-secret-1",
      incusDbConfigUserUserData2: "a-secret-2",
    });
    expect(values.incusDb.args.config).toEqual({
      "user.user-data": { secret: "a-secret-1" },
      "user.user_data": { secret: "a-secret-2" },
    });
  });

  it("makes __proto__ an own property instead of the object's prototype", () => {
    const incus = found({
      cloud: "incus",
      kind: "IncusInstance",
      id: "x",
      name: "x",
      args: { config: { __proto__: "value", "user.a": "b" } },
    });
    // Built with defineProperty: a literal would set the prototype here too.
    Object.defineProperty(incus.args.config, "__proto__", { value: "value", enumerable: true });
    const { text } = generateModule([{ object: incus, names: { resource: "x", variable: "incusX" } }], []);
    const config = evaluate(text).incusX.args.config as Record<string, unknown>;
    expect(Object.prototype.hasOwnProperty.call(config, "__proto__")).toBe(true);
    expect(Object.getPrototypeOf(config)).toBe(Object.prototype);
  });

  it("imports only the classes it uses, and no @pulumi/pulumi without secrets", () => {
    const image = found({
      cloud: "scaleway",
      kind: "ScalewayImage",
      id: "fr-par-1/5f0c6b2d-1f7a-4d3e-9a55-4f5f0c6b2d11",
      name: "golden",
      args: { name: "golden", tags: ["a", "b"] },
    });
    const { text, secrets } = generateModule(
      [{ object: image, names: { resource: "golden", variable: "scalewayGolden" } }],
      [],
    );
    expect(secrets).toEqual([]);
    expect(text).toContain('import { ScalewayImage } from "pulumi-dynamic-compute";');
    expect(text).not.toContain("@pulumi/pulumi");
  });

  it("keeps comments on one line whatever an object's name holds", () => {
    const odd = found({ name: "web\n} evil();\n//", notes: ["note with\r\nbreaks"] });
    const { text } = generateModule(
      [{ object: odd, names: { resource: "web", variable: "exoscaleWeb" } }],
      ["header\nwith a break"],
    );
    expect(text).not.toContain("\n} evil();");
    expect(
      text
        .split("\n")
        .filter((line) => line.startsWith("//"))
        .every((line) => !line.includes("\r")),
    ).toBe(true);
    expect(() => evaluate(text)).not.toThrow();
  });

  it("breaks long maps and lists over lines, one entry per line", () => {
    const labels = Object.fromEntries(Array.from({ length: 6 }, (_, i) => [`label-number-${i}`, `value number ${i}`]));
    const { text } = generateModule(
      [{ object: found({ args: { labels } }), names: { resource: "web", variable: "exoscaleWeb" } }],
      [],
    );
    expect(text).toContain('  labels: {\n    "label-number-0": "value number 0",\n');
    expect(evaluate(text).exoscaleWeb.args.labels).toEqual(labels);
  });
});
