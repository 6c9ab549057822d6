/**
 * The retire runbook ("Retiring a protected instance", the same text in docs/exoscale.md,
 * docs/gitops.md and docs/policy-pack.md) run as written: its shell commands, read from the docs,
 * through the `pulumi` CLI with the compute-guardrails pack, on a stack named `prod` whose fleet of
 * protected Exoscale instances (each with two snapshots) runs on the emulator. Each pull request of
 * the runbook is a change of the program's `fleet` config and of `policy-config.json`. After each
 * step the emulator's own state says what exists: only the retired instance and its snapshots go,
 * the snapshots not before the run that deletes the instance, and the other instance and its
 * snapshots are untouched. Also: the refusals that keep snapshots of a protected instance, and one
 * snapshot removed on purpose.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { expectOk, repoRoot, TestStack } from "../helpers/engine";
import { ensurePolicyPack } from "./policy-support";

/** Where a project that installed the package finds the pack, as the runbook writes it. */
const SHIPPED_PACK = "node_modules/pulumi-dynamic-compute/policy";
const DOCS = ["docs/exoscale.md", "docs/gitops.md", "docs/policy-pack.md"];
const START = /<!-- runbook:retire\b[^>]*-->/;
const END = "<!-- /runbook:retire -->";
const SNAPSHOT = "pulumi-nodejs:dynamic/exoscale:InstanceSnapshot";

/** The runbook's text in one docs page. */
function runbookIn(file: string): string {
  const text = fs.readFileSync(path.join(repoRoot, file), "utf8");
  const start = START.exec(text);
  const end = text.indexOf(END);
  if (!start || end < start.index) throw new Error(`${file} has no retire runbook between its markers`);
  return text.slice(start.index, end);
}

/** The fenced blocks of one language, in order. */
function fences(text: string, language: string): string[] {
  return [...text.matchAll(new RegExp("```" + language + "\\n([\\s\\S]*?)```", "g"))].map((match) =>
    match[1].replace(/^ {2}/gm, ""),
  );
}

interface EmulatedExoscale {
  instances: Record<string, { id: string; name: string; snapshotIds: string[] }>;
  snapshots: Record<string, unknown>;
  protected: Record<string, boolean>;
}

describe("retiring a protected production instance, as the runbook says", () => {
  const runbook = runbookIn(DOCS[0]);
  const [step1, step2] = fences(runbook, "sh");
  const [retireEntry] = fences(runbook, "json");
  const prefix = `retire-${process.pid}-${Date.now().toString(36)}`;
  let emulator: TestEmulator;
  let stack: TestStack;
  const fleet = (settings: Record<string, boolean>) =>
    stack.setConfig(
      "fleet",
      JSON.stringify(
        Object.fromEntries(Object.entries(settings).map(([name, on]) => [name, { deletionProtection: on }])),
      ),
    );
  const exoscale = async () => (await emulator.state()).exoscale as EmulatedExoscale;
  const instanceNamed = async (name: string) =>
    Object.values((await exoscale()).instances).find((instance) => instance.name === `${prefix}-${name}`);
  const configFile = () => path.join(stack.workDir, "policy-config.json");

  /** Runs each line of a runbook block in the program folder, as a shell in CI would; returns everything printed. */
  const runCommands = async (block: string): Promise<string> => {
    let printed = "";
    for (const line of block.split("\n").filter((l) => l.trim() !== "")) {
      const { stdout, stderr } = await promisify(execFile)("bash", ["-eo", "pipefail", "-c", line], {
        cwd: stack.workDir,
        env: stack.env,
        maxBuffer: 64 << 20,
      });
      printed += `$ ${line}\n${stdout}${stderr}`;
    }
    return printed;
  };

  beforeAll(async () => {
    const pack = ensurePolicyPack();
    emulator = await startTestEmulator({ opDelayMs: 50 });
    stack = await TestStack.create({
      program: "test/e2e/programs/retire",
      env: emulator.env,
      stack: "prod",
      config: { namePrefix: prefix },
    });
    // The layout the runbook assumes: the package installed in the program's node_modules (its pack
    // under policy/), and the pack config beside the program.
    fs.mkdirSync(path.join(stack.workDir, "node_modules"), { recursive: true });
    fs.symlinkSync(repoRoot, path.join(stack.workDir, "node_modules", "pulumi-dynamic-compute"));
    fs.copyFileSync(path.join(repoRoot, "examples/gitops/policy-config.json"), configFile());
    await fleet({ "web-1": true, "web-2": true });
    expectOk(await stack.up({ policyPacks: [pack], policyPackConfigs: [configFile()] }));
  });

  afterAll(async () => {
    await stack?.cleanup();
    await emulator?.close();
  });

  it("is the same text in every docs page, with two steps of a preview and an up, and a retire entry", () => {
    for (const file of DOCS.slice(1)) expect(runbookIn(file)).toBe(runbook);
    expect([step1, step2]).toEqual([expect.stringContaining("pulumi preview"), expect.stringContaining("pulumi up")]);
    expect(step1).toContain("pulumi up");
    expect(JSON.parse(retireEntry)).toEqual({ "production-instances-protected": { retire: ["web-2"] } });
  });

  it("keeps every snapshot when the stack is unprotected and destroyed while the instances are protected", async () => {
    const before = await exoscale();
    expect(Object.keys(before.snapshots)).toHaveLength(4);
    await stack.cli(["state", "unprotect", "--all", "--yes", "--stack", "prod"]);
    const destroy = await stack.destroy();
    expect(destroy.ok).toBe(false);
    expect(destroy.output).toMatch(
      /snapshot ch-gva-2\/[0-9a-f-]{36} was not deleted: its instance ch-gva-2\/[0-9a-f-]{36} is protected against deletion server-side \(deletionProtection: true\)/,
    );
    expect(destroy.output).toContain("Not deleted: this snapshot and its instance.");
    expect(destroy.output).toContain("Earlier in this run pulumi-dynamic-compute deleted nothing.");
    const after = await exoscale();
    expect(Object.keys(after.snapshots).sort()).toEqual(Object.keys(before.snapshots).sort());
    expect(Object.keys(after.instances).sort()).toEqual(Object.keys(before.instances).sort());
    // The next up restores Pulumi's protect from the program; nothing else changes.
    const restored = expectOk(await stack.up());
    expect(restored.summary?.resourceChanges).toEqual({ same: 7 });
    expect((await stack.resourcesOfType(SNAPSHOT)).every((snapshot) => snapshot.protect === true)).toBe(true);
  });

  it("refuses the unprotected instance while it is not on the retire list", async () => {
    await fleet({ "web-1": true, "web-2": false });
    const preview = await stack.preview({ policyPacks: [SHIPPED_PACK], policyPackConfigs: [configFile()] });
    expect(preview.ok).toBe(false);
    expect(preview.output).toContain('Production instance "web-2"');
    expect(preview.output).toContain('To retire it instead, add "web-2" to this policy\'s `retire` list');
  });

  it("step 1: the listed instance loses its protection, nothing is deleted", async () => {
    const config = JSON.parse(fs.readFileSync(configFile(), "utf8"));
    for (const [policy, settings] of Object.entries(JSON.parse(retireEntry) as Record<string, object>))
      config[policy] = { ...config[policy], ...settings };
    fs.writeFileSync(configFile(), JSON.stringify(config, null, 2));
    await fleet({ "web-1": true, "web-2": false });
    const before = await exoscale();

    const printed = await runCommands(step1);
    expect(printed).not.toContain("mandatory");

    const after = await exoscale();
    const [web1, web2] = [await instanceNamed("web-1"), await instanceNamed("web-2")];
    expect(after.protected[web2!.id]).toBeUndefined();
    expect(after.protected[web1!.id]).toBe(true);
    expect(Object.keys(after.snapshots).sort()).toEqual(Object.keys(before.snapshots).sort());
    expect(Object.keys(after.instances).sort()).toEqual(Object.keys(before.instances).sort());
    const state = await stack.exportState();
    // The export leaves `protect` out when it is off.
    const protectOf = (name: string) =>
      state.deployment.resources?.find((r) => r.urn.endsWith(`::${name}`))?.protect === true;
    expect(["web-2", "web-2-daily", "web-2-weekly"].map(protectOf)).toEqual([false, false, false]);
    expect(["web-1", "web-1-daily", "web-1-weekly"].map(protectOf)).toEqual([true, true, true]);
  });

  it("step 2: the instance and its snapshots go, and nothing else", async () => {
    const config = JSON.parse(fs.readFileSync(configFile(), "utf8"));
    config["production-instances-protected"].retire = [];
    fs.writeFileSync(configFile(), JSON.stringify(config, null, 2));
    await fleet({ "web-1": true });
    const before = await exoscale();
    const web1 = (await instanceNamed("web-1"))!;
    const web2 = (await instanceNamed("web-2"))!;
    await emulator.clearCalls();

    const printed = await runCommands(step2);
    expect(printed).toMatch(/- 3 to delete/);

    const after = await exoscale();
    expect(Object.values(after.instances).map((instance) => instance.name)).toEqual([`${prefix}-web-1`]);
    expect(Object.keys(after.snapshots).sort()).toEqual([...web1.snapshotIds].sort());
    expect(after.instances[web1.id]).toEqual(before.instances[web1.id]);
    expect(after.protected[web1.id]).toBe(true);
    // The only deletes sent: web-2's snapshots, then web-2 itself.
    const deletes = (await emulator.calls()).filter((call) => call.method === "DELETE").map((call) => call.path);
    expect(deletes.slice(0, 2).sort()).toEqual(web2.snapshotIds.map((id) => `/v2/snapshot/${id}`).sort());
    expect(deletes.slice(2)).toEqual([`/v2/instance/${web2.id}`]);
  });

  it("deletes one snapshot of a protected instance that stays, on purpose", async () => {
    const web1 = (await instanceNamed("web-1"))!;
    const [weekly] = (await stack.resourcesOfType(SNAPSHOT)).filter((r) => r.urn.endsWith("::web-1-weekly"));
    await stack.cli(["state", "unprotect", weekly.urn, "--yes", "--stack", "prod"]);
    await stack.setConfig("skipWeekly", "web-1");
    expectOk(await stack.up());
    const after = await exoscale();
    expect(after.instances[web1.id].snapshotIds).toHaveLength(1);
    expect(after.snapshots[weekly.id!.split("/")[1]]).toBeUndefined();
    expect(after.protected[web1.id]).toBe(true);
  });
});
