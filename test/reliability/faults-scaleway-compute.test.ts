/**
 * Fault matrix, ScalewayImage (create, update, delete) and ComputeInstance (create, delete): one
 * resource per fault (429 with Retry-After, 500, 502, 503, connection reset, a response slower than
 * the client's timeout, a response lost after the server acted). After each faulted run the fault
 * is cleared, `up` and `refresh` run again, and the emulator and the Pulumi state must agree with
 * no duplicate and no orphan. Scaleway paths carry the zone, so each image lives in its own zone and
 * gets exactly its fault; ComputeInstance creates share one path (see `sharedPath`).
 */
import { seededSnapshotId } from "../../src/emulator/scaleway";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import {
  baselineOf,
  cloudObjects,
  errorText,
  expectAgreement,
  expectOk,
  type FleetEntry,
  FleetStack,
  stateObjects,
  Tally,
} from "../helpers/reliability";
import { createOutcome, type Fault, FAULTS, type Outcome, type Phase, runPhase } from "../helpers/reliability-faults";

const short = (fault: Fault) => fault.replace("-response", "");
/** Every fault on an idempotent call (PATCH with absolute values, DELETE) is retried by the HTTP layer. */
const idempotentOutcome = (): Outcome => "retried";

describe("fault matrix: ScalewayImage", () => {
  let emulator: TestEmulator;
  let fleet: FleetStack;
  let baseline: Set<string>;
  const tally = new Tally("faults-scaleway");
  const context = () => ({ emulator, fleet, baseline, tally });
  const ZONES = ["fr-par-1", "fr-par-2", "fr-par-3", "nl-ams-1", "nl-ams-2", "nl-ams-3", "pl-waw-1"];
  const zoneOf = (fault: Fault) => ZONES[FAULTS.indexOf(fault)];
  const subject = (fault: Fault) => `img${short(fault)}`;
  const spec = (tags: string[]): FleetEntry[] =>
    FAULTS.map((fault) => ({
      kind: "scaleway",
      name: subject(fault),
      args: {
        zone: zoneOf(fault),
        name: subject(fault),
        rootVolume: seededSnapshotId(zoneOf(fault), "ubuntu-noble-root"),
        tags,
      },
    }));
  const imagePath = async (fault: Fault) => {
    const id = (await stateObjects([fleet])).find((o) => o.name === subject(fault))?.id as string;
    return `/instance/v1/zones/${id.replace("/", "/images/")}`;
  };
  const images = async () => (await cloudObjects(emulator, baseline)).filter((o) => o.kind === "scaleway");
  const perImage = async (
    label: string,
    operation: string,
    method: string,
    outcome: (fault: Fault) => Outcome,
    entries: FleetEntry[],
  ): Promise<Phase> => ({
    label,
    operation,
    spec: entries,
    cases: await Promise.all(
      FAULTS.map(async (fault) => ({
        subject: subject(fault),
        fault,
        match: { method, path: await imagePath(fault) },
        outcome: outcome(fault),
      })),
    ),
  });

  beforeAll(async () => {
    emulator = await startTestEmulator({ opDelayMs: 100 });
    baseline = await baselineOf(emulator);
    fleet = await FleetStack.create(emulator.env);
  });

  afterAll(async () => {
    tally.write();
    await fleet?.cleanup();
    await emulator?.close();
  });

  it("create (POST …/images, one zone per fault): lost and late responses are adopted by their creation tag", async () => {
    await runPhase(context(), {
      label: "scaleway create",
      operation: "createImage",
      spec: spec(["v1"]),
      cases: FAULTS.map((fault) => ({
        subject: subject(fault),
        fault,
        match: { method: "POST", path: `/instance/v1/zones/${zoneOf(fault)}/images` },
        outcome: createOutcome(fault),
      })),
      verify: async () => {
        const live = await images();
        expect(live.map((i) => i.name).sort()).toEqual(FAULTS.map(subject).sort());
        expect(live.every((i) => i.state === "available")).toBe(true);
      },
    });
  });

  it("update (PATCH, absolute values so a repeat is harmless): every fault is retried", async () => {
    const phase = await perImage("scaleway update", "updateImage", "PATCH", idempotentOutcome, spec(["v2", "patched"]));
    await runPhase(context(), {
      ...phase,
      verify: async () => {
        const state = await emulator.state();
        const tags = Object.values(state.scaleway.images as Record<string, { name: string; tags: string[] }>)
          .filter((i) => i.name.startsWith("img"))
          .map((i) => i.tags.filter((t) => !t.startsWith("pulumi-creation-token=")).sort());
        expect(tags).toEqual(FAULTS.map(() => ["patched", "v2"]));
      },
    });
  });

  it("delete (DELETE …/images/{id}): a lost response's retry finds the image gone, which is success", async () => {
    const phase = await perImage("scaleway delete", "deleteImage", "DELETE", idempotentOutcome, []);
    await runPhase(context(), { ...phase, verify: async () => expect(await images()).toEqual([]) });
  });
});

describe("fault matrix: ComputeInstance", () => {
  let emulator: TestEmulator;
  let fleet: FleetStack;
  let baseline: Set<string>;
  const tally = new Tally("faults-compute");
  const context = () => ({ emulator, fleet, baseline, tally });
  const subject = (fault: Fault) => `c${short(fault)}`;
  const instances = async () => (await cloudObjects(emulator, baseline)).filter((o) => o.kind === "compute");

  beforeAll(async () => {
    emulator = await startTestEmulator({ opDelayMs: 100 });
    baseline = await baselineOf(emulator);
    fleet = await FleetStack.create(emulator.env);
  });

  afterAll(async () => {
    tally.write();
    await fleet?.cleanup();
    await emulator?.close();
  });

  it("create (POST /v1/instances, shared by all): lost and late responses are adopted by their creation label", async () => {
    await runPhase(context(), {
      label: "compute create",
      operation: "createInstance",
      spec: FAULTS.map((fault) => ({
        kind: "compute",
        name: subject(fault),
        args: { name: subject(fault), type: "cx31", image: "ubuntu-22.04", labels: { suite: "reliability" } },
      })),
      sharedPath: true,
      cases: FAULTS.map((fault) => ({
        subject: subject(fault),
        fault,
        match: { method: "POST", path: "/compute/v1/instances" },
        outcome: createOutcome(fault),
      })),
      verify: async () => {
        const live = await instances();
        expect(live.map((i) => i.name).sort()).toEqual(FAULTS.map(subject).sort());
        expect(live.every((i) => i.state === "running")).toBe(true);
      },
    });
  });

  it("a fault that persists is reported with the operation, HTTP status, vendor message and request id, then converges", async () => {
    const entries: FleetEntry[] = [
      ...FAULTS.map((fault): FleetEntry => ({
        kind: "compute",
        name: subject(fault),
        args: { name: subject(fault), type: "cx31", image: "ubuntu-22.04", labels: { suite: "reliability" } },
      })),
    ];
    fleet.setSpec([
      ...entries,
      { kind: "compute", name: "cpersist", args: { name: "cpersist", type: "cx31", image: "ubuntu-22.04" } },
    ]);
    await emulator.clearCalls();
    await emulator.addFault({
      match: { method: "POST", path: "/compute/v1/instances" },
      fault: "503",
      count: 0,
      retryAfter: 0,
    });
    const failed = await fleet.up();
    await emulator.clearFaults();
    tally.add("faultedRuns");
    tally.add("faultedRunsFailed");
    const injected = (await emulator.calls()).filter((c) => c.fault === "503");
    tally.add("faultsTried", injected.length);
    expect(failed.ok).toBe(false);
    // Three attempts, each followed by a look for the creation token, then the error as the API gave it.
    expect(injected).toHaveLength(3);
    expect(errorText(failed)).toMatch(
      /^cpersist: error: compute createInstance failed: HTTP 503 - injected fault 503 \(request id [0-9a-f-]{36}\)$/m,
    );
    expectOk(await fleet.up());
    expectOk(await fleet.refresh());
    await expectAgreement(emulator, [fleet], baseline);
    expect((await instances()).map((i) => i.name)).toContain("cpersist");
    tally.add("runsConverged");
  });

  it("delete (DELETE /v1/instances/{id}, waited through its operation): every fault is retried", async () => {
    const ids = new Map((await stateObjects([fleet])).map((o) => [o.name, o.id]));
    await runPhase(context(), {
      label: "compute delete",
      operation: "deleteInstance",
      spec: [],
      cases: FAULTS.map((fault) => ({
        subject: subject(fault),
        fault,
        match: { method: "DELETE", path: `/compute/v1/instances/${ids.get(subject(fault))}` },
        outcome: idempotentOutcome(),
      })),
      verify: async () => expect(await instances()).toEqual([]),
    });
  });
});
