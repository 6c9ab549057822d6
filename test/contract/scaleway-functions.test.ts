/**
 * getScalewayImage and listScalewayImages against the emulator: by id and zone/uuid, by exact name
 * (the API filter is a substring match), clear errors on zero or several matches, every page of a
 * list, and argument errors before any call.
 */
import { getScalewayImage, listScalewayImages } from "../../src/scaleway/functions";
import { InvalidArgumentsError, NotFoundError } from "../../src/core/errors";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";

describe("Scaleway functions", () => {
  let emulator: TestEmulator;
  const saved = { ...process.env };

  beforeAll(async () => {
    emulator = await startTestEmulator();
    Object.assign(process.env, emulator.env);
    delete process.env.SCW_DEFAULT_ZONE;
  });
  afterAll(async () => {
    process.env = saved;
    await emulator?.close();
  });
  beforeEach(() => emulator.clearCalls());

  it("lists every image of a zone, following pages of perPage", async () => {
    const images = await listScalewayImages({ zone: "pl-waw-2", perPage: 4 });
    expect(images).toHaveLength(14);
    expect(new Set(images.map((i) => i.id)).size).toBe(14);
    const pages = (await emulator.calls()).filter((c) => c.path === "/instance/v1/zones/pl-waw-2/images");
    expect(pages.map((c) => new URLSearchParams(c.query).get("page"))).toEqual(["1", "2", "3", "4"]);
    expect(images[0]).toMatchObject({
      zone: "pl-waw-2",
      public: true,
      state: "available",
      id: `pl-waw-2/${images[0].uuid}`,
      rootVolume: { size: 10_000_000_000, volumeType: "l_ssd" },
    });
  });

  it("passes filters to the API (fr-par-1 is the default zone)", async () => {
    const arm = await listScalewayImages({ arch: "arm64", name: "ubuntu" });
    expect(arm.map((i) => `${i.zone} ${i.name} ${i.arch}`)).toEqual([
      "fr-par-1 Ubuntu 24.04 Noble Numbat arm64",
      "fr-par-1 Ubuntu 22.04 Jammy Jellyfish arm64",
    ]);
    const [call] = await emulator.calls();
    expect(new URLSearchParams(call.query)).toEqual(new URLSearchParams("page=1&per_page=100&name=ubuntu&arch=arm64"));
  });

  it("gets one image by zone/uuid, by uuid and zone, and by exact name", async () => {
    const [debian] = await listScalewayImages({ zone: "nl-ams-3", name: "Debian Bookworm", arch: "x86_64" });
    expect(await getScalewayImage({ id: debian.id })).toEqual(debian);
    expect(await getScalewayImage({ id: debian.uuid, zone: "nl-ams-3" })).toEqual(debian);
    expect(await getScalewayImage({ name: "Debian Bookworm", zone: "nl-ams-3", arch: "x86_64" })).toEqual(debian);
  });

  it("fails clearly when no image has exactly that name, listing near matches", async () => {
    const failure = getScalewayImage({ name: "Ubuntu" });
    await expect(failure).rejects.toBeInstanceOf(NotFoundError);
    await expect(failure).rejects.toThrow(
      /no image is named exactly "Ubuntu" in fr-par-1.*"Ubuntu 24\.04 Noble Numbat"/,
    );
  });

  it("fails clearly when several images have that name, listing them", async () => {
    await expect(getScalewayImage({ name: "Ubuntu 22.04 Jammy Jellyfish" })).rejects.toThrow(
      /2 images in fr-par-1 are named "Ubuntu 22\.04 Jammy Jellyfish": fr-par-1\/\S+ \(x86_64, public\), fr-par-1\/\S+ \(arm64, public\); narrow it down/,
    );
  });

  it("rejects bad arguments before any call, naming them", async () => {
    await expect(getScalewayImage({})).rejects.toThrow(
      "getScalewayImage: invalid arguments: id: give exactly one of id or name",
    );
    await expect(getScalewayImage({})).rejects.toBeInstanceOf(InvalidArgumentsError);
    await expect(getScalewayImage({ id: "fr-par-1/not-a-uuid" })).rejects.toThrow(/id: /);
    const error = await listScalewayImages({ zone: "paris", perPage: 500, colour: "red" } as never).then(
      () => undefined,
      (e: InvalidArgumentsError) => e,
    );
    expect(error).toMatchObject({ code: "ERR_INVALID_ARGUMENTS", argument: "zone" });
    expect(error?.problems.map((p) => p.argument)).toEqual(["zone", "perPage", "colour"]);
    expect(error?.message).toContain("zone: must be a zone such as fr-par-1");
    expect(error?.message).toContain("perPage: ");
    expect(error?.message).toContain(
      "colour: unknown argument; allowed: zone, name, public, arch, project, organization, tags, perPage",
    );
    await expect(getScalewayImage({ name: "x", arch: "sparc" as never })).rejects.toThrow(
      "arch: must be one of x86_64, arm, arm64",
    );
    expect(await emulator.calls()).toEqual([]);
  });

  it("reports a 404 by id as NotFoundError with the vendor's type and the request id", async () => {
    const failure = getScalewayImage({ id: "fr-par-1/00000000-0000-4000-8000-000000000000" });
    await expect(failure).rejects.toBeInstanceOf(NotFoundError);
    await expect(failure).rejects.toThrow(
      /scaleway getImage failed: HTTP 404 \[not_found\] - resource is not found: instance_image 00000000-0000-4000-8000-000000000000 \(request id [0-9a-f-]{36}\)/,
    );
  });

  it("names both places to put the key when it is missing", async () => {
    const key = process.env.SCW_SECRET_KEY;
    delete process.env.SCW_SECRET_KEY;
    try {
      await expect(listScalewayImages()).rejects.toThrow(
        "Scaleway secret key is not configured: set `pulumi config set --secret scaleway:secretKey …` or the SCW_SECRET_KEY environment variable or the SCALEWAY_API_KEY environment variable.",
      );
    } finally {
      process.env.SCW_SECRET_KEY = key;
    }
  });
});
