/**
 * Objects made outside Pulumi: `compute-emulator --seed FILE` and `POST /_emulator/objects` make
 * them as the vendors' APIs show them (the official clients read them back), hand back ids in each
 * resource's id form, refuse a bad seed naming the field without making anything, and do not make
 * an object twice when restarted with the same seed and state file.
 */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as readline from "node:readline";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { ExoscaleClient } from "../../src/exoscale/client";
import { getComputeInstance } from "../../src/compute/functions";
import { getScalewayImage } from "../../src/scaleway/functions";
import { decodeUserData } from "../../src/core/user-data";
import type { EmulatorSeed } from "../../src/emulator";

const cli = path.resolve(__dirname, "..", "..", "dist", "emulator", "cli.js");

const SEED: EmulatorSeed = {
  exoscale: {
    instances: [
      {
        id: "0b1f6c8e-7c3a-4a52-9a39-6f1e0e5d2a11",
        name: "legacy-web",
        diskSize: 40,
        labels: { team: "ops" },
        userData: "#cloud-config\n",
        state: "stopped",
        deletionProtection: true,
        snapshots: [{ name: "before" }],
      },
    ],
  },
  scaleway: { images: [{ name: "legacy-image", tags: ["ops"] }] },
  compute: { instances: [{ name: "legacy-vm", labels: { team: "ops" }, userData: "#!/bin/sh\n" }] },
};

describe("objects made outside Pulumi", () => {
  let emulator: TestEmulator;

  beforeAll(async () => {
    emulator = await startTestEmulator({ opDelayMs: 20 });
    Object.assign(process.env, emulator.env);
  });
  afterAll(() => emulator?.close());

  it("makes them as the APIs show them, with ids in each resource's id form", async () => {
    const seeded = await emulator.seedObjects(SEED);
    const [web] = seeded.exoscale?.instances ?? [];
    expect(web).toEqual({
      id: "ch-gva-2/0b1f6c8e-7c3a-4a52-9a39-6f1e0e5d2a11",
      name: "legacy-web",
      snapshots: [{ id: expect.stringMatching(/^ch-gva-2\/[0-9a-f-]{36}$/) }],
    });
    const instance = await ExoscaleClient.forZone("ch-gva-2").getInstance("0b1f6c8e-7c3a-4a52-9a39-6f1e0e5d2a11");
    expect(instance).toMatchObject({
      name: "legacy-web",
      state: "stopped",
      "disk-size": 40,
      labels: { team: "ops" },
      "instance-type": { family: "standard", size: "small" },
    });
    expect(decodeUserData(instance["user-data"] as string)).toBe("#cloud-config\n");
    expect(instance.snapshots).toEqual([{ id: web.snapshots[0].id.split("/")[1] }]);
    // Protected: the API refuses the delete, as for an instance protected in the console.
    await expect(ExoscaleClient.forZone("ch-gva-2").deleteInstance(instance.id)).rejects.toMatchObject({
      statusCode: 403,
    });

    const [image] = seeded.scaleway?.images ?? [];
    expect(await getScalewayImage({ id: image.id })).toMatchObject({
      id: image.id,
      name: "legacy-image",
      tags: ["ops"],
      state: "available",
    });
    const [vm] = seeded.compute?.instances ?? [];
    expect(await getComputeInstance({ id: vm.id })).toMatchObject({
      id: vm.id,
      name: "legacy-vm",
      labels: { team: "ops" },
      userData: "#!/bin/sh\n",
      state: "running",
    });
  });

  it.each([
    [
      { exoscale: { instances: [{ name: "x", instanceType: "standard.gigantic" }] } },
      "exoscale.instances[0].instanceType",
    ],
    [
      { exoscale: { instances: [{ name: "ok" }, { name: "bad", colour: "red" }] } },
      'exoscale.instances[1]: unknown field "colour"',
    ],
    [
      { scaleway: { images: [{ name: "x", rootVolume: "00000000-0000-4000-8000-000000000000" }] } },
      "scaleway.images[0].rootVolume",
    ],
    [{ compute: { instances: [{ name: "Not A Name" }] } }, "compute.instances[0].name"],
    [{ koyeb: {} }, 'unknown section "koyeb"'],
  ])("refuses %j naming %s, and makes nothing", async (seed, named) => {
    const before = await emulator.state();
    const response = await fetch(`${emulator.url}/_emulator/objects`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(seed),
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { message: string }).message).toContain(named);
    expect(await emulator.state()).toEqual(before);
  });

  it("takes --seed FILE on the command line, and makes nothing twice across a restart with the same state file", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emulator-seed-"));
    const seedFile = path.join(dir, "seed.json");
    const stateFile = path.join(dir, "state.json");
    fs.writeFileSync(seedFile, JSON.stringify({ exoscale: SEED.exoscale }));
    const run = async () => {
      const child = spawn(process.execPath, [cli, "--port", "0", "--seed", seedFile, "--state", stateFile]);
      const line = await new Promise<string>((resolve) =>
        readline.createInterface({ input: child.stdout }).once("line", resolve),
      );
      const info = JSON.parse(line) as { url: string; seeded: { exoscale: { instances: Array<{ id: string }> } } };
      const state = await (await fetch(`${info.url}/_emulator/state`)).json();
      await new Promise((resolve) => {
        child.once("exit", resolve);
        child.kill("SIGTERM");
      });
      return { info, state: state as { exoscale: { instances: object; snapshots: object } } };
    };
    try {
      const first = await run();
      expect(first.info.seeded.exoscale.instances[0].id).toBe("ch-gva-2/0b1f6c8e-7c3a-4a52-9a39-6f1e0e5d2a11");
      const second = await run();
      expect(second.info.seeded).toEqual(first.info.seeded);
      expect(Object.keys(second.state.exoscale.instances)).toHaveLength(1);
      expect(Object.keys(second.state.exoscale.snapshots)).toHaveLength(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
