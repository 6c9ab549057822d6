/** What the compute-guardrails pack treats as an instance, a snapshot and "production". */
import { globToRegExp } from "../../policy/src/patterns";
import { DEFAULT_PRODUCTION, labelPairs, productionReason, stackOf, withDefaults } from "../../policy/src/production";
import { isInstanceType, isSnapshotType } from "../../policy/src/resource-kinds";
import { isUnknownValueError, whenKnown } from "../../policy/src/unknowns";
import { UNKNOWN } from "./policy-harness";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unknownCheckingProxy } = require("@pulumi/policy/proxy") as {
  unknownCheckingProxy<T extends object>(value: T): T;
};

const urn = (stack: string) => `urn:pulumi:${stack}::app::pulumi-nodejs:dynamic/exoscale:Instance::web`;

describe("resource kinds", () => {
  it.each([
    ["pulumi-nodejs:dynamic/exoscale:Instance", true],
    ["pulumi-nodejs:dynamic/compute:Instance", true],
    ["pulumi-nodejs:dynamic/incus:Instance", true],
    ["aws:ec2/instance:Instance", true],
    ["gcp:sql/databaseInstance:DatabaseInstance", true],
    ["pulumi-nodejs:dynamic/scaleway:Image", false],
    ["pulumi-nodejs:dynamic/exoscale:InstanceSnapshot", false],
    ["aws:iam/instanceProfile:InstanceProfile", false],
    ["pulumi:pulumi:Stack", false],
  ])("%s is an instance: %s", (type, expected) => {
    expect(isInstanceType(type)).toBe(expected);
  });

  it("leaves out types listed in ignoreTypes", () => {
    expect(isInstanceType("aws:ec2/instance:Instance", ["aws:ec2/instance:Instance"])).toBe(false);
    expect(isInstanceType("pulumi-nodejs:dynamic/compute:Instance", ["aws:ec2/instance:Instance"])).toBe(true);
  });

  it.each([
    ["pulumi-nodejs:dynamic/exoscale:InstanceSnapshot", true],
    ["pulumi-nodejs:dynamic/incus:InstanceSnapshot", true],
    ["aws:ebs/snapshot:Snapshot", true],
    ["pulumi-nodejs:dynamic/exoscale:Instance", false],
  ])("%s is a snapshot: %s", (type, expected) => {
    expect(isSnapshotType(type)).toBe(expected);
  });
});

describe("stack names", () => {
  it("reads the stack out of a URN", () => {
    expect(stackOf(urn("prod-eu"))).toBe("prod-eu");
    expect(stackOf("urn:pulumi:dev::app::a:b:C$pulumi-nodejs:dynamic/incus:InstanceSnapshot::s")).toBe("dev");
  });

  it.each([
    ["prod", "prod"],
    ["PROD", "prod"],
    ["production", "production"],
    ["prod-eu-1", "prod-*"],
    ["preprod", undefined],
    ["production-eu", undefined],
    ["staging", undefined],
  ])("stack %s is production by the default patterns (matching pattern: %s)", (stack, pattern) => {
    const reason = productionReason({ urn: urn(stack), props: {} }, DEFAULT_PRODUCTION);
    expect(reason).toBe(pattern ? `the stack "${stack}" matches "${pattern}"` : undefined);
  });

  it("supports ? and escapes regular-expression characters in patterns", () => {
    expect(globToRegExp("prod-?").test("prod-1")).toBe(true);
    expect(globToRegExp("prod-?").test("prod-12")).toBe(false);
    expect(globToRegExp("a.b").test("axb")).toBe(false);
  });
});

describe("labels", () => {
  const config = { ...DEFAULT_PRODUCTION, stackPatterns: [] };
  const reason = (props: Record<string, unknown>) =>
    productionReason({ urn: urn("prod"), props: unknownCheckingProxy(props) }, config);

  it("finds env/environment in labels, tags (map or key=value / key:value strings) and Incus user.* config", () => {
    expect(reason({ labels: { env: "production" } })).toBe("it is labelled env=production");
    expect(reason({ labels: { Environment: "PROD" } })).toBe("it is labelled Environment=PROD");
    expect(reason({ tags: ["web", "env=prod"] })).toBe("it is labelled env=prod");
    expect(reason({ tags: ["environment:production"] })).toBe("it is labelled environment=production");
    expect(reason({ tags: { env: "prod" } })).toBe("it is labelled env=prod");
    expect(reason({ config: { "limits.cpu": "2", "user.env": "prod" } })).toBe("it is labelled env=prod");
  });

  it("ignores other keys, other values and config keys outside user.*", () => {
    expect(reason({ labels: { env: "dev", tier: "prod" } })).toBeUndefined();
    expect(reason({ tags: ["prod", "production"] })).toBeUndefined();
    expect(reason({ config: { env: "prod" } })).toBeUndefined();
    expect(reason({})).toBeUndefined();
  });

  it("uses the configured keys and values", () => {
    const custom = { ...config, labelKeys: ["stage"], labelValues: ["live"] };
    expect(productionReason({ urn: urn("x"), props: { labels: { stage: "live" } } }, custom)).toBe(
      "it is labelled stage=live",
    );
    expect(productionReason({ urn: urn("x"), props: { labels: { env: "prod" } } }, custom)).toBeUndefined();
  });

  it("reads only the wanted values, so an unrelated unknown value does not matter", () => {
    const props = unknownCheckingProxy({
      labels: { team: UNKNOWN.string, env: "prod" },
      config: { "limits.cpu": UNKNOWN.string },
    });
    expect(labelPairs(props, (key) => key === "env")).toEqual([["env", "prod"]]);
  });

  it("does not read labels at all when the stack name already decides", () => {
    const props = unknownCheckingProxy({ labels: UNKNOWN.object });
    expect(productionReason({ urn: urn("prod"), props }, DEFAULT_PRODUCTION)).toBe('the stack "prod" matches "prod"');
    expect(() => productionReason({ urn: urn("dev"), props }, DEFAULT_PRODUCTION)).toThrow(
      /can't be known during preview/,
    );
  });
});

describe("helpers", () => {
  it("fills in defaults for missing or null config properties only", () => {
    expect(withDefaults({ a: [1], b: "x" }, { a: [], b: null as unknown as string })).toEqual({ a: [], b: "x" });
    expect(withDefaults({ a: [1] }, undefined)).toEqual({ a: [1] });
  });

  it("recognises the unknown-value error of any copy of @pulumi/policy, and nothing else", () => {
    const props = unknownCheckingProxy({ state: UNKNOWN.string });
    expect(whenKnown(() => props.state, "fallback")).toBe("fallback");
    expect(() =>
      whenKnown(() => {
        throw new Error("boom");
      }, "fallback"),
    ).toThrow("boom");
    class UnknownValueError extends Error {}
    expect(isUnknownValueError(new UnknownValueError("x"))).toBe(true);
    expect(isUnknownValueError(new TypeError("x"))).toBe(false);
    expect(isUnknownValueError(undefined)).toBe(false);
  });
});
