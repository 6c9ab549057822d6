/**
 * ScalewayImage end to end on the real engine against the emulator: create waits for "available",
 * rename/retag/make public/extra volumes update in place (PATCH, and PUT to drop the last extra
 * volume), a new root volume replaces, refresh notices an out-of-band change, adoptId takes over an
 * existing image, and destroy deletes it. Assertions use the emulator's recorded calls and the
 * exported state.
 */
import { expectOk, TestStack } from "../helpers/engine";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import { seededSnapshotId } from "../../src/emulator/scaleway";

const TYPE = "pulumi-nodejs:dynamic/scaleway:Image";
const ZONE = "fr-par-1";
const ROOT_A = seededSnapshotId(ZONE, "ubuntu-noble-root");
const ROOT_B = seededSnapshotId(ZONE, "debian-bookworm-root");
const DATA = seededSnapshotId(ZONE, "data-50g");
const IMAGES = `/instance/v1/zones/${ZONE}/images`;

type Image = {
  id: string;
  name: string;
  tags: string[];
  public: boolean;
  state: string;
  root_volume: { id: string };
  extra_volumes: Record<string, { id: string }>;
};

describe("ScalewayImage", () => {
  let emulator: TestEmulator;
  let stack: TestStack;

  const ownImages = async (): Promise<Image[]> =>
    Object.values(
      (await emulator.state()).scaleway.images as Record<string, Image & { public: boolean; project: string }>,
    ).filter((i) => i.project === emulator.env.SCW_DEFAULT_PROJECT_ID);
  const mutations = async () =>
    (await emulator.calls())
      .filter((c) => c.method !== "GET")
      .map((c) => `${c.method} ${c.path.replace(/[0-9a-f-]{36}/g, "{id}")}`);
  const api = (method: string, path: string, body?: unknown) =>
    fetch(`${emulator.url}${path}`, {
      method,
      headers: { "x-auth-token": emulator.env.SCW_SECRET_KEY, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  beforeAll(async () => {
    emulator = await startTestEmulator({ opDelayMs: 300 });
    stack = await TestStack.create({
      program: "examples/scaleway",
      env: emulator.env,
      config: { rootVolume: ROOT_A, name: "e2e-image" },
    });
  });

  afterAll(async () => {
    await stack?.cleanup();
    await emulator?.close();
  });

  it("creates the image with one POST, waits until it is available, and finds it again by exact name", async () => {
    const result = expectOk(await stack.up());
    expect(result.outputs?.state).toBe("available");
    expect(result.outputs?.tags).toEqual(["app", "pulumi"]);
    const [resource] = await stack.resourcesOfType(TYPE);
    expect(resource.id).toMatch(new RegExp(`^${ZONE}/[0-9a-f-]{36}$`));
    expect(result.outputs?.baseImage).toMatch(new RegExp(`^${ZONE}/[0-9a-f-]{36}$`));
    expect(await mutations()).toEqual([`POST ${IMAGES}`]);
    // The creation token is on the image, but not among the user's tags in state.
    const [image] = await ownImages();
    expect(image.tags.some((t) => t.startsWith("pulumi-creation-token="))).toBe(true);
    expect(resource.outputs?.tags).toEqual(["app", "pulumi"]);
    expect(resource.outputs?.creationToken).toMatch(/^[0-9a-f]{20}$/);
  });

  it("makes no API call from the provider for a no-change preview", async () => {
    await emulator.clearCalls();
    const preview = expectOk(await stack.preview());
    expect(preview.changeSummary).toEqual({ same: 2 });
    // Only the program's own lookups reach the API: the public base image by name, and its image by id.
    const [image] = await stack.resourcesOfType(TYPE);
    const calls = await emulator.calls();
    expect(calls.length).toBeGreaterThan(0);
    expect(
      calls.every(
        (c) =>
          c.method === "GET" &&
          ((c.path === IMAGES && /name=Ubuntu/.test(c.query ?? "")) ||
            c.path === `${IMAGES}/${String(image.id).split("/")[1]}`),
      ),
    ).toBe(true);
  });

  it("renames and retags in place with one PATCH", async () => {
    const [before] = await stack.resourcesOfType(TYPE);
    await stack.setConfig("name", "e2e-image-renamed");
    await stack.setConfig("tags", "app,blue");
    expect(expectOk(await stack.preview()).changeSummary).toMatchObject({ update: 1 });
    await emulator.clearCalls();
    const up = expectOk(await stack.up());
    expect(up.outputs?.name).toBe("e2e-image-renamed");
    expect(up.outputs?.tags).toEqual(["app", "blue"]);
    expect(await mutations()).toEqual([`PATCH ${IMAGES}/{id}`]);
    const [after] = await stack.resourcesOfType(TYPE);
    expect(after.id).toBe(before.id);
    const [image] = await ownImages();
    expect(image.name).toBe("e2e-image-renamed");
    expect(image.tags.filter((t) => !t.startsWith("pulumi-creation-token="))).toEqual(["app", "blue"]);
    expect(image.tags.some((t) => t.startsWith("pulumi-creation-token="))).toBe(true);
  });

  it("makes the image public and adds an extra volume with PATCH, then drops it with a whole-object PUT", async () => {
    await stack.setConfig("public", "true");
    await stack.setConfig("extraVolumes", DATA);
    await emulator.clearCalls();
    const up = expectOk(await stack.up());
    expect(up.outputs?.isPublic).toBe(true);
    expect(up.outputs?.extraVolumes).toEqual([DATA]);
    expect(await mutations()).toEqual([`PATCH ${IMAGES}/{id}`]);
    expect((await ownImages())[0].extra_volumes).toMatchObject({ "1": { id: DATA } });

    await stack.removeConfig("extraVolumes");
    await emulator.clearCalls();
    const dropped = expectOk(await stack.up());
    expect(dropped.outputs?.extraVolumes).toEqual([]);
    expect(await mutations()).toEqual([`PUT ${IMAGES}/{id}`]);
    const [image] = await ownImages();
    expect(image.extra_volumes).toEqual({});
    expect(image.public).toBe(true);
  });

  it("replaces the image when the root volume changes (new image first, then the old one deleted)", async () => {
    const [before] = await stack.resourcesOfType(TYPE);
    await stack.setConfig("rootVolume", ROOT_B);
    expect(expectOk(await stack.preview()).changeSummary).toMatchObject({ replace: 1 });
    await emulator.clearCalls();
    expectOk(await stack.up());
    const [after] = await stack.resourcesOfType(TYPE);
    expect(after.id).not.toBe(before.id);
    expect(await mutations()).toEqual([`POST ${IMAGES}`, `DELETE ${IMAGES}/{id}`]);
    const images = await ownImages();
    expect(images.map((i) => i.root_volume.id)).toEqual([ROOT_B]);
  });

  it("notices an out-of-band change on refresh, then puts the program's values back", async () => {
    const [resource] = await stack.resourcesOfType(TYPE);
    const imageId = resource.id!.split("/")[1];
    expect((await api("PATCH", `${IMAGES}/${imageId}`, { name: "changed-by-hand", public: false })).status).toBe(200);
    expectOk(await stack.refresh());
    const [refreshed] = await stack.resourcesOfType(TYPE);
    expect(refreshed.outputs?.name).toBe("changed-by-hand");
    expect(refreshed.outputs?.public).toBe(false);
    expect(expectOk(await stack.preview()).changeSummary).toMatchObject({ update: 1 });
    await emulator.clearCalls();
    expectOk(await stack.up());
    expect(await mutations()).toEqual([`PATCH ${IMAGES}/{id}`]);
    const [image] = await ownImages();
    expect(image.name).toBe("e2e-image-renamed");
    expect(image.public).toBe(true);
  });

  it("adopts an existing image through adoptId without creating one, and destroy deletes it", async () => {
    const created = await api("POST", IMAGES, {
      name: "made-elsewhere",
      root_volume: ROOT_A,
      arch: "x86_64",
      project: emulator.env.SCW_DEFAULT_PROJECT_ID,
      tags: ["legacy"],
    });
    const existing = ((await created.json()) as { image: Image }).image;
    await new Promise((resolve) => setTimeout(resolve, 500));
    const adopter = await TestStack.create({
      program: "examples/scaleway",
      env: emulator.env,
      config: { rootVolume: ROOT_A, name: "made-elsewhere", tags: "legacy", adoptId: `${ZONE}/${existing.id}` },
    });
    try {
      await emulator.clearCalls();
      const up = expectOk(await adopter.up());
      expect(up.outputs?.imageId).toBe(existing.id);
      expect(await mutations()).toEqual([]);
      const [resource] = await adopter.resourcesOfType(TYPE);
      expect(resource.id).toBe(`${ZONE}/${existing.id}`);
      await emulator.clearCalls();
      expectOk(await adopter.destroy());
      expect(await mutations()).toEqual([`DELETE ${IMAGES}/{id}`]);
      expect((await ownImages()).some((i) => i.id === existing.id)).toBe(false);
    } finally {
      await adopter.cleanup();
    }
  });

  it("destroys the image with one DELETE and keeps its snapshots", async () => {
    await emulator.clearCalls();
    expectOk(await stack.destroy());
    expect(await mutations()).toEqual([`DELETE ${IMAGES}/{id}`]);
    expect(await ownImages()).toEqual([]);
    const snapshots = (await emulator.state()).scaleway.snapshots as Record<string, unknown>;
    expect(snapshots[ROOT_B]).toBeDefined();
  });
});
