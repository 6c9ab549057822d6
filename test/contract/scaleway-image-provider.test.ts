/**
 * The ScalewayImage provider (check/create/read/update/delete, as the engine calls them) against the
 * emulator, for the paths an e2e run does not reach: bad inputs caught at check with zero calls, an
 * image that ends in "error" deleted rather than orphaned, a lost create response adopted rather
 * than duplicated, busy images waited out, vendor errors reported with their details.
 */
import { seededSnapshotId } from "../../src/emulator/scaleway";
import { dynamicProvider } from "../../src/core/provider";
import { ScalewayClient } from "../../src/scaleway/client";
import { scalewayImageDefinition } from "../../src/scaleway/image-provider";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";

const provider = dynamicProvider(scalewayImageDefinition);
const ZONE = "fr-par-2";
const ROOT = seededSnapshotId(ZONE, "ubuntu-noble-root");
const IMAGES = `/instance/v1/zones/${ZONE}/images`;
let counter = 0;

/** Inputs as the engine passes them after check. */
async function checked(inputs: Record<string, unknown>) {
  const result = await provider.check!({}, { ...inputs, __identity: `proj/stack/image-${counter++}` });
  expect(result.failures).toEqual([]);
  return result.inputs as Record<string, unknown>;
}

describe("ScalewayImage provider against the emulator", () => {
  let emulator: TestEmulator;
  const saved = { ...process.env };
  const images = async () =>
    Object.values(
      (await emulator.state()).scaleway.images as Record<
        string,
        { id: string; name: string; project: string; state: string; tags: string[] }
      >,
    ).filter((i) => i.project === emulator.env.SCW_DEFAULT_PROJECT_ID);

  beforeAll(async () => {
    emulator = await startTestEmulator({ opDelayMs: 100 });
    Object.assign(process.env, emulator.env);
    process.env.SCW_DEFAULT_ZONE = ZONE;
  });
  afterAll(async () => {
    process.env = saved;
    await emulator?.close();
  });
  beforeEach(() => emulator.clearCalls());

  it("check names each bad property and its allowed values, with no API call", async () => {
    const { failures } = await provider.check!(
      {},
      {
        rootVolume: "snap-1",
        arch: "ppc",
        zone: "Paris",
        tags: ["ok", "pulumi-creation-token=abc"],
        adoptId: "123",
        public: "yes",
        colour: "red",
      },
    );
    const byProperty = Object.fromEntries(failures!.map((f) => [f.property, f.reason]));
    expect(byProperty).toMatchObject({
      rootVolume: expect.stringContaining("must be a UUID"),
      arch: "must be one of x86_64, arm, arm64",
      zone: expect.stringContaining("must be a zone such as fr-par-1"),
      "tags[1]": expect.stringContaining("is reserved for the provider"),
      adoptId: expect.stringContaining("must be zone/uuid"),
      public: expect.any(String),
      // A property the resource does not have may hold a secret: named in the reason, no value slot.
      "": expect.stringContaining('colour: unknown property "colour"'),
    });
    const overlap = await provider.check!(
      {},
      { rootVolume: ROOT, extraVolumes: [ROOT], zone: "fr-par-1", adoptId: `nl-ams-1/${ROOT}` },
    );
    expect(overlap.failures).toEqual([
      { property: "extraVolumes", reason: "must not repeat the rootVolume snapshot" },
      { property: "adoptId", reason: 'is in another zone than zone "fr-par-1"' },
    ]);
    expect(await emulator.calls()).toEqual([]);
  });

  it("creates in the default zone and project, waits for available, and adopts instead of duplicating on a second try", async () => {
    const inputs = await checked({ rootVolume: ROOT, name: "twice", tags: ["a"] });
    const first = await provider.create(inputs);
    expect(first.id).toMatch(new RegExp(`^${ZONE}/`));
    expect(first.outs).toMatchObject({
      state: "available",
      zone: ZONE,
      project: emulator.env.SCW_DEFAULT_PROJECT_ID,
      tags: ["a"],
      arch: "x86_64",
      public: false,
      rootVolumeName: "ubuntu-noble-root",
    });
    // The engine retries a create whose response it never got: the token finds the first image.
    const second = await provider.create(inputs);
    expect(second.id).toBe(first.id);
    expect((await images()).filter((i) => i.name === "twice")).toHaveLength(1);
  });

  it("adopts the image when the create response is lost", async () => {
    await emulator.addFault({ match: { method: "POST", path: IMAGES }, fault: "lost-response" });
    const inputs = await checked({ rootVolume: ROOT, name: "lost-response" });
    const created = await provider.create(inputs);
    expect(created.outs).toMatchObject({ name: "lost-response", state: "available" });
    expect((await images()).filter((i) => i.name === "lost-response")).toHaveLength(1);
    expect((await emulator.calls()).filter((c) => c.method === "POST").map((c) => c.fault)).toEqual(["lost-response"]);
  });

  it("reports a 503 on create when nothing was created, after looking for it", async () => {
    // A 503 with nothing carrying the creation token is sent again (3 attempts in all): fail all three.
    await emulator.addFault({ match: { method: "POST", path: IMAGES }, fault: "503", count: 3, retryAfter: 0 });
    const inputs = await checked({ rootVolume: ROOT, name: "unavailable" });
    await expect(provider.create(inputs)).rejects.toThrow(
      /scaleway createImage failed: HTTP 503 \[internal_error\] - injected fault 503/,
    );
    expect((await images()).some((i) => i.name === "unavailable")).toBe(false);
  });

  it("deletes an image that ends in state error and reports its details (no orphan)", async () => {
    const inputs = await checked({ rootVolume: ROOT, name: "build-fails-on-purpose" });
    await expect(provider.create(inputs)).rejects.toThrow(
      /image "build-fails-on-purpose" \(fr-par-2\/[0-9a-f-]{36}, root volume [0-9a-f-]{36}, arch x86_64\) could not be built/,
    );
    expect((await images()).some((i) => i.name === "build-fails-on-purpose")).toBe(false);
    expect((await emulator.calls()).filter((c) => c.method === "DELETE").map((c) => c.status)).toEqual([204]);
  });

  it("reports quota and validation errors with the vendor's type and details", async () => {
    await expect(provider.create(await checked({ rootVolume: ROOT, name: "quota-exceeded" }))).rejects.toThrow(
      /HTTP 403 \[quotas_exceeded\] - quota\(s\) exceeded for this resource: images 100\/100 \(request id /,
    );
    // A snapshot of another zone: preview's check already reads it and fails with the API's 404, and
    // create, given the same inputs, fails with the same vendor message.
    const otherZone = seededSnapshotId("fr-par-1", "ubuntu-noble-root");
    const notFound = `HTTP 404 [not_found] - resource is not found: instance_snapshot ${otherZone}`;
    const preview = await provider.check!(
      {},
      { rootVolume: otherZone, name: "wrong-zone", __identity: `proj/stack/image-${counter++}` },
    );
    expect(preview.failures).toEqual([{ property: "rootVolume", reason: expect.stringContaining(notFound) }]);
    await expect(provider.create(preview.inputs as Record<string, unknown>)).rejects.toThrow(notFound);
  });

  it("waits out a busy image: update and delete of an image still creating", async () => {
    const client = ScalewayClient.fromSettings();
    const creating = await client.createImage(ZONE, {
      name: "busy",
      root_volume: ROOT,
      arch: "x86_64",
      project: emulator.env.SCW_DEFAULT_PROJECT_ID,
      tags: [],
      public: false,
    });
    const news = await checked({ rootVolume: ROOT, name: "busy-renamed" });
    const outs = await provider.update!(`${ZONE}/${creating.id}`, { name: "busy" }, news);
    expect(outs.outs).toMatchObject({ name: "busy-renamed", state: "available" });

    // A long build, so the first DELETE surely meets a "creating" image.
    await emulator.configure({ opDelayMs: 800 });
    const again = await client.createImage(ZONE, {
      name: "busy-delete",
      root_volume: ROOT,
      arch: "x86_64",
      project: emulator.env.SCW_DEFAULT_PROJECT_ID,
      tags: [],
      public: false,
    });
    await emulator.configure({ opDelayMs: 100 });
    await emulator.clearCalls();
    await provider.delete!(`${ZONE}/${again.id}`, {});
    const deletes = (await emulator.calls()).filter((c) => c.method === "DELETE").map((c) => c.status);
    expect(deletes[0]).toBe(409);
    expect(deletes[deletes.length - 1]).toBe(204);
  });

  it("read reports a deleted image as gone, and delete tolerates it", async () => {
    const created = await provider.create(await checked({ rootVolume: ROOT, name: "gone-soon" }));
    await provider.delete!(created.id, created.outs);
    expect(await provider.read!(created.id, created.outs)).toEqual({});
    await expect(provider.delete!(created.id, created.outs)).resolves.toBeUndefined();
  });

  it("refuses to adopt an image whose root volume differs from the inputs", async () => {
    const created = await provider.create(await checked({ rootVolume: ROOT, name: "adopt-me" }));
    const other = seededSnapshotId(ZONE, "debian-bookworm-root");
    await expect(provider.create(await checked({ rootVolume: other, adoptId: created.id }))).rejects.toThrow(
      `adoptId ${created.id} does not match the inputs in ways that cannot change in place, so nothing was changed: rootVolume: it has "${ROOT}", inputs say "${other}"`,
    );
    await expect(
      provider.create(await checked({ rootVolume: ROOT, adoptId: `${ZONE}/00000000-0000-4000-8000-000000000000` })),
    ).rejects.toThrow("adoptId: no image fr-par-2/00000000-0000-4000-8000-000000000000 exists");
  });
});
