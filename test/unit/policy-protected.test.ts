/** production-instances-protected, run with synthetic resources the way the analyzer server runs it. */
import { instancesProtected } from "../../policy/src/policies";
import { runResourcePolicy, UNKNOWN, urnOf } from "./policy-harness";

const EXOSCALE = "pulumi-nodejs:dynamic/exoscale:Instance";
const COMPUTE = "pulumi-nodejs:dynamic/compute:Instance";
const INCUS = "pulumi-nodejs:dynamic/incus:Instance";
const EC2 = "aws:ec2/instance:Instance";

const check = (resource: Parameters<typeof runResourcePolicy>[1], config: object = {}) =>
  runResourcePolicy(instancesProtected, resource, config);

describe("production-instances-protected", () => {
  it("is mandatory and declares every config property with the defaults the code uses", () => {
    expect(instancesProtected.enforcementLevel).toBe("mandatory");
    const properties = instancesProtected.configSchema?.properties ?? {};
    expect(
      Object.fromEntries(
        Object.entries(properties).map(([key, schema]) => [key, (schema as { default?: unknown }).default]),
      ),
    ).toEqual({
      stackPatterns: ["prod", "production", "prod-*"],
      labelKeys: ["env", "environment"],
      labelValues: ["prod", "production"],
      ignoreTypes: [],
      protectOnlyTypes: [],
      retire: [],
    });
  });

  it.each([EXOSCALE, COMPUTE, INCUS])(
    "reports an unprotected %s in a prod stack, naming it and the fix",
    async (type) => {
      const violations = await check({ type, name: "web", stack: "prod", props: { deletionProtection: false } });
      expect(violations).toEqual([
        `Production instance "web" (${type}) is not protected against deletion: it lacks the Pulumi \`protect\` option and \`deletionProtection: true\`. ` +
          `It counts as production because the stack "prod" matches "prod". ` +
          "Fix: add `deletionProtection: true` to its arguments; the pulumi-dynamic-compute constructor then sets `protect: true` as well (unless you pass `protect` yourself). " +
          'To retire it instead, add "web" to this policy\'s `retire` list in the policy config (docs/policy-pack.md, "Retiring a protected instance").',
      ]);
    },
  );

  describe("retire list", () => {
    const unprotected = (name: string, stack = "prod") => ({
      type: EXOSCALE,
      name,
      stack,
      protect: false,
      props: { deletionProtection: false, name: `cloud-${name}` },
    });

    it("lets exactly the listed production instances drop protect and deletionProtection", async () => {
      const config = { retire: ["web-2"] };
      expect(await check(unprotected("web-2"), config)).toEqual([]);
      const [other] = await check(unprotected("web-1"), config);
      expect(other).toContain('Production instance "web-1"');
      expect(other).toContain('add "web-1" to this policy\'s `retire` list');
    });

    it("matches the full URN as well as the resource name", async () => {
      const resource = unprotected("web-2", "prod-eu");
      expect(await check(resource, { retire: [urnOf(resource)] })).toEqual([]);
      expect(await check(resource, { retire: [urnOf({ ...resource, stack: "prod" })] })).toHaveLength(1);
    });

    it("matches names exactly: not the cloud name, another case, or a glob", async () => {
      for (const entry of ["cloud-web-2", "WEB-2", "web-*", "web"])
        expect(await check(unprotected("web-2"), { retire: [entry] })).toHaveLength(1);
    });

    it("declares exact names in its schema: a glob is refused by the engine's config validation", () => {
      const retire = instancesProtected.configSchema?.properties.retire as {
        items: { pattern: string; minLength: number };
      };
      const pattern = new RegExp(retire.items.pattern);
      expect(pattern.test("web-2")).toBe(true);
      expect(pattern.test("urn:pulumi:prod::app::pulumi-nodejs:dynamic/exoscale:Instance::web-2")).toBe(true);
      expect(pattern.test("web-*")).toBe(false);
      expect(pattern.test("web-?")).toBe(false);
      expect(retire.items.minLength).toBe(1);
    });
  });

  it("accepts a production instance with both protect and deletionProtection", async () => {
    expect(
      await check({ type: EXOSCALE, name: "web", stack: "prod", protect: true, props: { deletionProtection: true } }),
    ).toEqual([]);
  });

  it("asks for deletionProtection when only protect is set", async () => {
    const [violation] = await check({ type: EXOSCALE, name: "web", stack: "production", protect: true, props: {} });
    expect(violation).toContain("it lacks `deletionProtection: true`.");
    expect(violation).toContain("Fix: add `deletionProtection: true` to its arguments.");
  });

  it("asks for protect when deletionProtection is true but protect was turned off", async () => {
    const [violation] = await check({
      type: INCUS,
      name: "db",
      stack: "prod-eu",
      protect: false,
      props: { deletionProtection: true },
    });
    expect(violation).toContain('Production instance "db"');
    expect(violation).toContain("it lacks the Pulumi `protect` option.");
    expect(violation).toContain('the stack "prod-eu" matches "prod-*"');
    expect(violation).toContain("Fix: set `protect: true` in its resource options (or remove `protect: false`)");
  });

  it("treats labels and tags as production markers in any stack", async () => {
    const [byLabel] = await check({
      type: COMPUTE,
      name: "api",
      stack: "staging",
      props: { labels: { env: "production" } },
    });
    expect(byLabel).toContain("It counts as production because it is labelled env=production.");
    const [byIncusConfig] = await check({
      type: INCUS,
      name: "db",
      stack: "dev",
      props: { config: { "user.environment": "prod" } },
    });
    expect(byIncusConfig).toContain("it is labelled environment=prod");
  });

  it("leaves non-production instances and non-instances alone", async () => {
    expect(await check({ type: EXOSCALE, name: "web", stack: "dev", props: { labels: { env: "dev" } } })).toEqual([]);
    expect(
      await check({
        type: "pulumi-nodejs:dynamic/scaleway:Image",
        name: "img",
        stack: "prod",
        props: { tags: ["env=prod"] },
      }),
    ).toEqual([]);
    expect(
      await check({ type: "pulumi-nodejs:dynamic/exoscale:InstanceSnapshot", name: "snap", stack: "prod" }),
    ).toEqual([]);
  });

  it("checks other providers' instance types too, with a fix that names both settings", async () => {
    const [violation] = await check({ type: EC2, name: "vm", stack: "prod", props: {} });
    expect(violation).toContain(
      "Fix: add `deletionProtection: true` to its arguments and `protect: true` to its resource options.",
    );
  });

  describe("config", () => {
    it("uses custom stack patterns, and [] turns stack matching off", async () => {
      const resource = { type: EXOSCALE, name: "web", stack: "live-eu", props: {} };
      expect(await check(resource)).toEqual([]);
      const [violation] = await check(resource, { stackPatterns: ["live-*"] });
      expect(violation).toContain('the stack "live-eu" matches "live-*"');
      expect(await check({ ...resource, stack: "prod" }, { stackPatterns: [] })).toEqual([]);
    });

    it("uses custom label keys and values", async () => {
      const resource = { type: COMPUTE, name: "web", stack: "dev", props: { labels: { stage: "live", env: "prod" } } };
      const [violation] = await check(resource, { labelKeys: ["stage"], labelValues: ["live"] });
      expect(violation).toContain("it is labelled stage=live");
      expect(await check(resource, { labelKeys: ["stage"], labelValues: ["production"] })).toEqual([]);
    });

    it("skips ignoreTypes and only asks for protect on protectOnlyTypes", async () => {
      const vm = { type: EC2, name: "vm", stack: "prod", props: {} };
      expect(await check(vm, { ignoreTypes: [EC2] })).toEqual([]);
      expect(await check({ ...vm, protect: true }, { protectOnlyTypes: [EC2] })).toEqual([]);
      const [violation] = await check(vm, { protectOnlyTypes: [EC2] });
      expect(violation).toContain("it lacks the Pulumi `protect` option.");
    });
  });

  describe("during preview", () => {
    it("decides by stack name even when the labels are still unknown", async () => {
      const violations = await check({ type: EXOSCALE, name: "web", stack: "prod", props: { labels: UNKNOWN.object } });
      expect(violations).toHaveLength(1);
    });

    it("lets the unknown-value error through when only the labels could decide, so the engine reports it and re-checks on up", async () => {
      await expect(
        check({ type: EXOSCALE, name: "web", stack: "dev", props: { labels: UNKNOWN.object } }),
      ).rejects.toThrow(/can't be known during preview/);
    });
  });
});
