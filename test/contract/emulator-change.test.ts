/**
 * Objects changed behind Pulumi's back: `PATCH /_emulator/objects` and `compute-emulator change`
 * change existing objects as a console would, the APIs (read with our clients) show the new values,
 * and a bad change (unknown id, bad field, wrong value) is refused naming the field, changing nothing.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { ExoscaleClient } from "../../src/exoscale/client";
import { getComputeInstance } from "../../src/compute/functions";
import { getScalewayImage } from "../../src/scaleway/functions";
import { decodeUserData } from "../../src/core/user-data";
import type { SeededObjects } from "../../src/emulator";

const cli = path.resolve(__dirname, "..", "..", "dist", "emulator", "cli.js");
const EXO_ID = "5c0d7e2a-1b3f-4c6d-8e9f-0a1b2c3d4e5f";

describe("objects changed outside Pulumi", () => {
  let emulator: TestEmulator;
  let seeded: SeededObjects;
  const exoscale = () => ExoscaleClient.forZone("ch-gva-2").getInstance(EXO_ID);
  const patch = (body: unknown) =>
    fetch(`${emulator.url}/_emulator/objects`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    emulator = await startTestEmulator({ opDelayMs: 20 });
    Object.assign(process.env, emulator.env);
    seeded = await emulator.seedObjects({
      exoscale: { instances: [{ id: EXO_ID, name: "drift-web", labels: { env: "prod" } }] },
      scaleway: { images: [{ name: "drift-image", tags: ["ops"] }] },
      compute: { instances: [{ name: "drift-vm", labels: { env: "prod" } }] },
    });
  });
  afterAll(() => emulator?.close());

  it("changes existing objects, and the APIs show the new values", async () => {
    const vm = seeded.compute?.instances[0].id as string;
    const image = seeded.scaleway?.images[0].id as string;
    const changed = await emulator.changeObjects({
      exoscale: {
        instances: [
          {
            id: `ch-gva-2/${EXO_ID}`,
            labels: { env: "staging" },
            state: "stopped",
            instanceType: "standard.medium",
            diskSize: 20,
            deletionProtection: true,
            userData: "#cloud-config\n",
          },
        ],
      },
      scaleway: { images: [{ id: image, name: "renamed-image", tags: [] }] },
      compute: { instances: [{ id: vm, labels: { env: "prod", owner: "console" }, type: "cx41" }] },
    });
    expect(changed).toEqual({
      exoscale: {
        instances: [
          {
            id: `ch-gva-2/${EXO_ID}`,
            changed: ["labels", "state", "instanceType", "diskSize", "deletionProtection", "userData"],
          },
        ],
      },
      scaleway: { images: [{ id: image, changed: ["name", "tags"] }] },
      compute: { instances: [{ id: vm, changed: ["labels", "type"] }] },
    });
    const instance = await exoscale();
    expect(instance).toMatchObject({
      name: "drift-web",
      state: "stopped",
      labels: { env: "staging" },
      "disk-size": 20,
      "instance-type": { family: "standard", size: "medium" },
    });
    expect(decodeUserData(instance["user-data"] as string)).toBe("#cloud-config\n");
    // Now protected: the API refuses the delete.
    await expect(ExoscaleClient.forZone("ch-gva-2").deleteInstance(EXO_ID)).rejects.toMatchObject({ statusCode: 403 });
    expect(await getScalewayImage({ id: image })).toMatchObject({ name: "renamed-image", tags: [] });
    expect(await getComputeInstance({ id: vm })).toMatchObject({
      name: "drift-vm",
      type: "cx41",
      labels: { env: "prod", owner: "console" },
    });
  });

  it.each([
    [
      { compute: { instances: [{ id: "inst-nope", name: "x" }] } },
      404,
      'compute.instances[0].id: no object with id "inst-nope"',
    ],
    [
      { exoscale: { instances: [{ id: EXO_ID, diskSize: 10 }] } },
      400,
      "exoscale.instances[0].diskSize: must be a whole number of GiB from the current 20",
    ],
    [
      { exoscale: { instances: [{ id: EXO_ID, instanceType: "standard.gigantic" }] } },
      400,
      "exoscale.instances[0].instanceType",
    ],
    [
      { exoscale: { instances: [{ id: EXO_ID, state: "paused" }] } },
      400,
      "exoscale.instances[0].state: must be running or stopped",
    ],
    [
      { exoscale: { instances: [{ id: EXO_ID, colour: "red" }] } },
      400,
      'exoscale.instances[0]: unknown field "colour"',
    ],
    [{ exoscale: { instances: [{ id: EXO_ID }] } }, 400, "exoscale.instances[0]: nothing to change"],
    [{ koyeb: {} }, 400, 'unknown section "koyeb"'],
  ])("refuses %j with HTTP %i naming %s, and changes nothing", async (body, status, named) => {
    const before = await emulator.state();
    // The first entry is good: a refused change applies none of its entries.
    const response = await patch({
      ...body,
      ...("compute" in body ? {} : { compute: { instances: [{ id: seeded.compute?.instances[0].id, type: "cx11" }] } }),
    });
    expect(response.status).toBe(status);
    expect(((await response.json()) as { message: string }).message).toContain(named);
    expect(await emulator.state()).toEqual(before);
  });

  it("`compute-emulator change` sends the change to COMPUTE_EMULATOR_URL and prints what it changed", async () => {
    const run = promisify(execFile);
    const env = { ...process.env, COMPUTE_EMULATOR_URL: emulator.url };
    const { stdout } = await run(
      process.execPath,
      [cli, "change", JSON.stringify({ exoscale: { instances: [{ id: EXO_ID, labels: {} }] } })],
      { env },
    );
    expect(JSON.parse(stdout)).toEqual({ exoscale: { instances: [{ id: EXO_ID, changed: ["labels"] }] } });
    expect((await exoscale()).labels ?? {}).toEqual({});

    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emulator-change-"));
    try {
      const file = path.join(dir, "drift.json");
      fs.writeFileSync(file, JSON.stringify({ exoscale: { instances: [{ id: EXO_ID, state: "running" }] } }));
      await run(process.execPath, [cli, "change", "--url", emulator.url, "--file", file], {
        env: { PATH: process.env.PATH },
      });
      expect((await exoscale()).state).toBe("running");
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }

    const refused = await run(
      process.execPath,
      [cli, "change", '{"compute": {"instances": [{"id": "inst-nope", "name": "x"}]}}'],
      {
        env,
      },
    ).catch((error: { code: number; stderr: string }) => error);
    expect(refused).toMatchObject({ code: 1 });
    expect((refused as { stderr: string }).stderr).toContain(
      'change refused (HTTP 404): compute.instances[0].id: no object with id "inst-nope"',
    );
  });
});

describe("a client that goes away in the middle of its request body", () => {
  let emulator: TestEmulator;
  beforeAll(async () => {
    emulator = await startTestEmulator();
  });
  afterAll(() => emulator?.close());

  it("ends that request only: the emulator keeps answering, with no unhandled rejection", async () => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on("unhandledRejection", onRejection);
    try {
      const { port } = new URL(emulator.url);
      const socket = net.connect(Number(port), "127.0.0.1");
      await new Promise<void>((resolve) => socket.once("connect", () => resolve()));
      socket.write(
        "PATCH /_emulator/objects HTTP/1.1\r\nhost: emulator\r\ncontent-type: application/json\r\n" +
          'content-length: 1000\r\n\r\n{"exoscale":',
      );
      await new Promise((resolve) => setTimeout(resolve, 100));
      socket.destroy();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(rejections).toEqual([]);
      expect(Array.isArray(await emulator.calls())).toBe(true);
    } finally {
      process.off("unhandledRejection", onRejection);
    }
  });
});
