/** The pack's stack policies (snapshots present, instances not stopped) and the pack's shape. */
import { instancesNotStopped, PACK_NAME, policies, snapshotsPresent } from "../../policy/src/policies";
import { runStackPolicy, type SyntheticResource, UNKNOWN, urnOf } from "./policy-harness";

const EXOSCALE = "pulumi-nodejs:dynamic/exoscale:Instance";
const EXOSCALE_SNAPSHOT = "pulumi-nodejs:dynamic/exoscale:InstanceSnapshot";
const INCUS = "pulumi-nodejs:dynamic/incus:Instance";
const INCUS_SNAPSHOT = "pulumi-nodejs:dynamic/incus:InstanceSnapshot";
const COMPUTE = "pulumi-nodejs:dynamic/compute:Instance";

const instance = (
  type: string,
  name: string,
  props: Record<string, unknown> = {},
  stack = "prod",
): SyntheticResource => ({ type, name, stack, props, protect: true });
const snapshotOf = (
  parent: SyntheticResource,
  type = EXOSCALE_SNAPSHOT,
  name = `${parent.name}-snap`,
): SyntheticResource => ({ type, name, stack: parent.stack, parent: urnOf(parent) });

describe("the pack", () => {
  it("has three uniquely named policies: one mandatory, two advisory, none declaring enforcementLevel in its schema", () => {
    expect(PACK_NAME).toBe("compute-guardrails");
    expect(policies.map((p) => [p.name, p.enforcementLevel])).toEqual([
      ["production-instances-protected", "mandatory"],
      ["production-snapshots-present", "advisory"],
      ["production-instances-not-stopped", "advisory"],
    ]);
    for (const policy of policies)
      expect(Object.keys(policy.configSchema?.properties ?? {})).not.toContain("enforcementLevel");
  });
});

describe("production-snapshots-present", () => {
  it("reports a production instance without a snapshot child, against the instance's URN", async () => {
    const web = instance(EXOSCALE, "web");
    const violations = await runStackPolicy(snapshotsPresent, [web]);
    expect(violations).toEqual([
      {
        urn: urnOf(web),
        message:
          `Production instance "web" (${EXOSCALE}) has no snapshot: no snapshot resource has it as parent. It counts as production because the stack "prod" matches "prod". ` +
          'Fix: add `new ExoscaleInstanceSnapshot("web-snapshot", { instance: web })` (its parent defaults to the instance).',
      },
    ]);
  });

  it("is satisfied by a snapshot whose parent is the instance, not by one of another instance", async () => {
    const web = instance(EXOSCALE, "web");
    const db = instance(INCUS, "db");
    expect(await runStackPolicy(snapshotsPresent, [web, snapshotOf(web), db, snapshotOf(db, INCUS_SNAPSHOT)])).toEqual(
      [],
    );
    const violations = await runStackPolicy(snapshotsPresent, [web, db, snapshotOf(web)]);
    expect(violations.map((v) => v.urn)).toEqual([urnOf(db)]);
    expect(violations[0].message).toContain('new IncusInstanceSnapshot("db-snapshot", { instance: db })');
  });

  it("ignores ComputeInstance by default (its API has no snapshots) unless ignoreTypes is changed", async () => {
    const api = instance(COMPUTE, "api");
    expect(await runStackPolicy(snapshotsPresent, [api])).toEqual([]);
    const [violation] = await runStackPolicy(snapshotsPresent, [api], { ignoreTypes: [] });
    expect(violation.message).toContain("add a snapshot resource created with `{ parent: api }`");
  });

  it("leaves non-production instances alone and follows the production config", async () => {
    const staging = instance(EXOSCALE, "web", { labels: { env: "staging" } }, "staging");
    expect(await runStackPolicy(snapshotsPresent, [staging])).toEqual([]);
    expect(await runStackPolicy(snapshotsPresent, [staging], { labelValues: ["staging"] })).toHaveLength(1);
    expect(await runStackPolicy(snapshotsPresent, [instance(EXOSCALE, "web")], { stackPatterns: ["live"] })).toEqual(
      [],
    );
  });

  it("skips an instance whose labels are still unknown instead of failing the whole policy", async () => {
    const unknown = instance(EXOSCALE, "a", { labels: UNKNOWN.object }, "dev");
    const known = instance(EXOSCALE, "b", { labels: { env: "prod" } }, "dev");
    const violations = await runStackPolicy(snapshotsPresent, [unknown, known]);
    expect(violations.map((v) => v.urn)).toEqual([urnOf(known)]);
  });
});

describe("production-instances-not-stopped", () => {
  it("reports a stopped production instance, against its URN, with how to fix or allow it", async () => {
    const web = instance(EXOSCALE, "web", { state: "stopped" });
    expect(await runStackPolicy(instancesNotStopped, [web])).toEqual([
      {
        urn: urnOf(web),
        message:
          `Production instance "web" (${EXOSCALE}) is stopped. It counts as production because the stack "prod" matches "prod". ` +
          'Fix: set `state: "running"` (or start it and run `pulumi refresh`); if the stop is intended, add "web" to allowStopped in this policy\'s config or label it allow-stopped=true.',
      },
    ]);
  });

  it("compares states case-insensitively (Incus reports Stopped) and ignores running ones", async () => {
    expect(await runStackPolicy(instancesNotStopped, [instance(INCUS, "db", { state: "Stopped" })])).toHaveLength(1);
    expect(
      await runStackPolicy(instancesNotStopped, [
        instance(EXOSCALE, "web", { state: "running" }),
        instance(COMPUTE, "api", {}),
      ]),
    ).toEqual([]);
  });

  it("allows stops listed by name or URN glob, or labelled intentional", async () => {
    const web = instance(EXOSCALE, "web-1", { state: "stopped" });
    expect(await runStackPolicy(instancesNotStopped, [web], { allowStopped: ["web-*"] })).toEqual([]);
    expect(await runStackPolicy(instancesNotStopped, [web], { allowStopped: ["urn:pulumi:prod::*::web-1"] })).toEqual(
      [],
    );
    expect(await runStackPolicy(instancesNotStopped, [web], { allowStopped: ["db"] })).toHaveLength(1);
    const labelled = instance(EXOSCALE, "web", { state: "stopped", labels: { "allow-stopped": "true" } });
    expect(await runStackPolicy(instancesNotStopped, [labelled])).toEqual([]);
    const incusLabelled = instance(INCUS, "db", { state: "Stopped", config: { "user.maintenance": "TRUE" } });
    expect(await runStackPolicy(instancesNotStopped, [incusLabelled], { allowLabel: "maintenance" })).toEqual([]);
  });

  it("ignores the allow label when allowLabel is empty", async () => {
    const labelled = instance(EXOSCALE, "web", { state: "stopped", labels: { "allow-stopped": "true" } });
    const [violation] = await runStackPolicy(instancesNotStopped, [labelled], { allowLabel: "" });
    expect(violation.message).toContain('add "web" to allowStopped in this policy\'s config.');
  });

  it("leaves non-production and ignored types alone, and skips a state unknown during preview", async () => {
    expect(await runStackPolicy(instancesNotStopped, [instance(EXOSCALE, "web", { state: "stopped" }, "dev")])).toEqual(
      [],
    );
    expect(
      await runStackPolicy(instancesNotStopped, [instance(EXOSCALE, "web", { state: "stopped" })], {
        ignoreTypes: [EXOSCALE],
      }),
    ).toEqual([]);
    expect(await runStackPolicy(instancesNotStopped, [instance(COMPUTE, "api", { state: UNKNOWN.string })])).toEqual(
      [],
    );
  });
});
