/**
 * Fault matrix, Exoscale: seven instances, one per fault (429 with Retry-After, 500, 502, 503,
 * connection reset, a response slower than the client's timeout, a response lost after the server
 * acted), go through create, update, actions (stop/scale/start), snapshot and delete on the real
 * engine. After each faulted run the fault is cleared, `up` and `refresh` run again, and the cloud
 * (the emulator) and the Pulumi state must agree with no duplicate and no orphan.
 */
import { INSTANCE_TYPES } from "../../src/emulator/exoscale/seed";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import {
  baselineOf,
  cloudObjects,
  type FleetEntry,
  FleetStack,
  sleep,
  stateObjects,
  Tally,
} from "../helpers/reliability";
import {
  createOutcome,
  type Fault,
  FAULTS,
  type Outcome,
  type Phase,
  runPhase,
  SLOW_MS,
} from "../helpers/reliability-faults";

const subject = (fault: Fault) => `x${fault.replace("-response", "")}`;
const TEMPLATE = "Linux Ubuntu 24.04 LTS 64-bit";

describe("fault matrix: ExoscaleInstance and ExoscaleInstanceSnapshot", () => {
  let emulator: TestEmulator;
  let fleet: FleetStack;
  let baseline: Set<string>;
  const tally = new Tally("faults-exoscale");
  const context = () => ({ emulator, fleet, baseline, tally });

  /** The seven instances; `snapshots` adds one snapshot child to each. */
  const spec = (options: { renamed?: boolean; instanceType?: string; snapshots?: boolean } = {}): FleetEntry[] =>
    FAULTS.flatMap((fault) => {
      const name = subject(fault);
      const instance: FleetEntry = {
        kind: "exoscale",
        name,
        args: {
          zone: "ch-gva-2",
          name: options.renamed ? `${name}-renamed` : name,
          instanceType: options.instanceType ?? "standard.small",
          template: TEMPLATE,
          diskSize: 10,
          labels: { suite: "reliability" },
        },
      };
      return options.snapshots
        ? [instance, { kind: "exoscaleSnapshot", name: `${name}-snap`, instance: name }]
        : [instance];
    });
  const idOf = async (name: string) =>
    (await stateObjects([fleet])).find((o) => o.name === name && o.kind === "exoscale")?.id as string;
  const perSubject = async (
    operation: string,
    match: (id: string, fault: Fault) => { method: string; path: string },
    outcome: (fault: Fault) => Outcome,
    specEntries: FleetEntry[],
    label: string,
    resource?: (name: string) => string,
  ): Promise<Phase> => ({
    label,
    operation,
    spec: specEntries,
    cases: await Promise.all(
      FAULTS.map(async (fault) => ({
        subject: subject(fault),
        resource: resource?.(subject(fault)),
        fault,
        match: match(await idOf(subject(fault)), fault),
        outcome: outcome(fault),
      })),
    ),
  });
  const liveInstances = async () => Object.values((await emulator.state()).exoscale.instances as Record<string, any>);

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

  it("create: 429 and 5xx answers are retried, lost and late responses adopted, a reset reported and converged on the next run", async () => {
    await runPhase(context(), {
      label: "exoscale create",
      operation: "createInstance",
      spec: spec(),
      sharedPath: true,
      cases: FAULTS.map((fault) => ({
        subject: subject(fault),
        fault,
        match: { method: "POST", path: "/v2/instance" },
        outcome: createOutcome(fault),
      })),
      verify: async () => {
        const live = await liveInstances();
        expect(live.map((i) => i.name).sort()).toEqual(FAULTS.map(subject).sort());
        expect(live.every((i) => i.state === "running")).toBe(true);
      },
    });
  });

  it("update (PUT /instance/{id}): every fault is retried within the run", async () => {
    const phase = await perSubject(
      "updateInstance",
      (id) => ({ method: "PUT", path: `/v2/instance/${id}` }),
      () => "retried",
      spec({ renamed: true }),
      "exoscale update",
    );
    await runPhase(context(), {
      ...phase,
      verify: async () =>
        expect((await liveInstances()).map((i) => i.name).sort()).toEqual(
          FAULTS.map((f) => `${subject(f)}-renamed`).sort(),
        ),
    });
  });

  it("actions (stop, scale, start for a new instance type): every fault is absorbed within the run, a lost :stop included", async () => {
    // Each subject gets its fault on one of the three actions the type change runs.
    const action: Record<Fault, string> = {
      "429": "stop",
      "500": "scale",
      "502": "start",
      "503": "stop",
      reset: "start",
      slow: "scale",
      "lost-response": "stop",
    };
    const phase = await perSubject(
      "Instance",
      (id, fault) => ({ method: "PUT", path: `/v2/instance/${id}:${action[fault]}` }),
      () => "retried",
      spec({ renamed: true, instanceType: "standard.medium" }),
      "exoscale actions",
    );
    await runPhase(context(), {
      ...phase,
      operation: "scaleInstance",
      verify: async () => {
        const live = await liveInstances();
        expect(live.every((i) => i.state === "running")).toBe(true);
        const medium = INSTANCE_TYPES.find((t) => t.family === "standard" && t.size === "medium")?.id;
        expect(live.map((i) => i.instanceTypeId)).toEqual(live.map(() => medium));
      },
    });
  });

  it("snapshot (POST :create-snapshot): lost and late responses are adopted, nothing is left behind", async () => {
    const phase = await perSubject(
      "createSnapshot",
      (id) => ({ method: "POST", path: `/v2/instance/${id}:create-snapshot` }),
      createOutcome,
      spec({ renamed: true, instanceType: "standard.medium", snapshots: true }),
      "exoscale snapshot",
      (name) => `${name}-snap`,
    );
    await runPhase(context(), {
      ...phase,
      verify: async () => {
        for (const instance of await liveInstances()) expect(instance.snapshotIds).toHaveLength(1);
      },
    });
  });

  it("a :stop that times out and acts late never undoes the scale and start after it", async () => {
    // After the snapshot phase, so that its creates all start at once as the matrix expects. The held
    // :stop lands SLOW_MS after it was sent. Sending it again at once (as for an idempotent
    // PUT) let it land after the start that followed, leaving the instance stopped after a
    // successful `up`; the effect is now watched for instead, and nothing is sent twice.
    const id = await idOf(subject("slow"));
    fleet.setSpec(spec({ renamed: true, instanceType: "standard.large", snapshots: true }));
    await emulator.clearCalls();
    await emulator.addFault([
      { match: { method: "PUT", path: `/v2/instance/${id}:stop` }, fault: "slow", count: 1, delayMs: SLOW_MS },
    ]);
    const result = await fleet.up();
    await emulator.clearFaults();
    const deadline = Date.now() + SLOW_MS * 3;
    while (!(await emulator.calls()).some((call) => call.fault === "slow") && Date.now() < deadline) await sleep(200);
    await sleep(500);
    expect(result.ok ? "" : result.output).toBe("");
    const stops = (await emulator.calls()).filter(
      (call) => call.method === "PUT" && call.path === `/v2/instance/${id}:stop`,
    );
    expect(stops).toHaveLength(1);
    const large = INSTANCE_TYPES.find((t) => t.family === "standard" && t.size === "large")?.id;
    const instance = (await liveInstances()).find((i) => i.id === id);
    expect({ state: instance?.state, type: instance?.instanceTypeId }).toEqual({ state: "running", type: large });
    tally.add("lateActionsAbsorbed");
  });

  it("delete (DELETE /instance/{id}): every fault is retried; a lost response's retry finds the instance gone", async () => {
    const phase = await perSubject(
      "deleteInstance",
      (id) => ({ method: "DELETE", path: `/v2/instance/${id}` }),
      () => "retried",
      [],
      "exoscale delete",
    );
    await runPhase(context(), {
      ...phase,
      verify: async () => {
        expect(await liveInstances()).toEqual([]);
        expect(await cloudObjects(emulator, baseline)).toEqual([]);
      },
    });
  });
});
