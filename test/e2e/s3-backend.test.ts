/**
 * Pulumi's S3 state backend on a real S3-compatible server (SeaweedFS, scripts/start-s3.sh), the way
 * a team shares one stack: the checkpoint lives in the bucket, and two `pulumi up`s on the same stack
 * at once cannot both write it. The CLI's lock (an object under .pulumi/locks/ in the bucket) makes
 * the second one fail with "the stack is currently locked", and nothing is lost: every resource is
 * recorded once, the bucket's checkpoint is the one the CLI exports, and the emulated cloud holds
 * exactly the objects of the state. The server checks signatures: a wrong secret key is refused.
 */
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";
import type { OperationResult } from "../helpers/engine";
import { baselineOf, expectAgreement, expectOk, type FleetEntry, FleetStack, TYPES } from "../helpers/reliability";
import { S3_CREDENTIALS, startS3Server, type S3Server } from "../helpers/s3-server";

const BUCKET = `pulumi-state-${process.pid}`;
const CHECKPOINT = ".pulumi/stacks/reliability-fleet/test.json";
const LOCKS = ".pulumi/locks/";
const LOCKED = /the stack is currently locked by 1 lock\(s\)\. Either wait for the other process\(es\) to end/;
/** The other `up`'s lock object vanished between the CLI listing it and reading it. */
const LOCK_READ_RACE = /S3: GetObject, https response error StatusCode: 404.*NoSuchKey/;

const vms = (from: number, to: number): FleetEntry[] =>
  Array.from({ length: to - from }, (_, i) => ({
    kind: "compute",
    name: `vm${from + i}`,
    args: { name: `s3-lock-vm-${from + i}`, type: "cx31", image: "ubuntu-22.04" },
  }));

describe("Pulumi's S3 backend on a real S3-compatible server", () => {
  let s3: S3Server;
  let emulator: TestEmulator;
  let fleet: FleetStack;
  let baseline: Set<string>;

  /** The stack's resources as the CLI exports them, and the checkpoint object in the bucket. */
  const recorded = async () => {
    const exported = (await fleet.stack.exportState()).deployment.resources ?? [];
    const checkpoint = JSON.parse((await s3.getText(BUCKET, CHECKPOINT)) ?? "null");
    return {
      urns: exported.map((r) => r.urn),
      vms: exported.filter((r) => r.type === TYPES.compute).map((r) => r.urn.split("::").pop()),
      checkpointUrns: (checkpoint?.checkpoint?.latest?.resources ?? []).map((r: { urn: string }) => r.urn),
    };
  };

  /** Nothing lost, nothing twice: the state, the bucket and the cloud agree on `names`. */
  const expectIntact = async (names: string[]) => {
    const { urns, vms: recordedVms, checkpointUrns } = await recorded();
    expect(new Set(urns).size).toBe(urns.length);
    expect(recordedVms.sort()).toEqual([...names].sort());
    expect(checkpointUrns).toEqual(urns);
    expect(await s3.listKeys(BUCKET, LOCKS)).toEqual([]);
    await expectAgreement(emulator, [fleet], baseline);
  };

  beforeAll(async () => {
    s3 = await startS3Server();
    await s3.createBucket(BUCKET);
    // Each instance takes a few seconds to start, so an `up` holds the lock long enough to meet another.
    emulator = await startTestEmulator({ opDelayMs: 1500 });
    baseline = await baselineOf(emulator);
    fleet = await FleetStack.create({
      ...emulator.env,
      ...S3_CREDENTIALS,
      PULUMI_BACKEND_URL: s3.backendUrl(BUCKET),
    });
  });

  afterAll(async () => {
    await fleet?.cleanup();
    await emulator?.close();
    await s3?.stop();
  });

  it("keeps the stack's checkpoint in the bucket", async () => {
    fleet.setSpec(vms(0, 2));
    expectOk(await fleet.up());
    const keys = await s3.listKeys(BUCKET);
    expect(keys).toEqual(expect.arrayContaining([".pulumi/meta.yaml", CHECKPOINT]));
    await expectIntact(["vm0", "vm1"]);
  });

  it("refuses the CLI a wrong secret key, as AWS S3 would", async () => {
    const { env } = fleet.stack;
    fleet.stack.env = { ...env, AWS_SECRET_ACCESS_KEY: "not-the-secret" };
    try {
      const listed = await fleet.stack.cli(["stack", "ls"], { allowFailure: true });
      expect(listed.code).not.toBe(0);
      expect(listed.stderr).toMatch(/StatusCode: 403.*api error SignatureDoesNotMatch/);
    } finally {
      fleet.stack.env = env;
    }
  });

  it("fails a second `up` while the first holds the lock, and the first one's work is all recorded", async () => {
    fleet.setSpec(vms(0, 6));
    let firstPid = 0;
    let firstDone = false;
    // Slower instance starts keep the first `up` (and its lock) going well past the second's start.
    await emulator.configure({ opDelayMs: 4000 });
    const first = fleet.stack.run("up", { parallel: 10 }, { onSpawn: (pid) => (firstPid = pid) }).finally(() => {
      firstDone = true;
    });
    try {
      // The first `up` has taken the lock once its object is in the bucket.
      const deadline = Date.now() + 120_000;
      let locks: string[] = [];
      while (locks.length === 0 && !firstDone && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        locks = await s3.listKeys(BUCKET, LOCKS);
      }
      if (locks.length === 0) throw new Error(`the first up never held a lock:\n${(await first).output}`);
      const lock = JSON.parse((await s3.getText(BUCKET, locks[0])) ?? "{}");
      expect(lock.pid).toBe(firstPid);

      const second = await fleet.up();
      expect(firstDone).toBe(false); // refused while the first was still running, not after it
      expect(second.ok).toBe(false);
      expect(second.error).toMatch(LOCKED);
      // The message names the first one's lock object in the bucket and its CLI process.
      expect(second.error).toContain(`s3://${BUCKET}/${locks[0]}?endpoint=${s3.url}`);
      expect(second.error).toContain(`(pid ${firstPid})`);
    } finally {
      await first;
      await emulator.configure({ opDelayMs: 1500 });
    }

    const result = expectOk(await first);
    expect(result.summary?.resourceChanges).toMatchObject({ create: 4 });
    await expectIntact(["vm0", "vm1", "vm2", "vm3", "vm4", "vm5"]);
    expectOk(await fleet.up({ expectNoChanges: true }));
  });

  it("lets at most one of two `up`s started together through, and the other only fails on the lock", async () => {
    fleet.setSpec(vms(0, 9));
    const results: OperationResult[] = await Promise.all([fleet.up(), fleet.up()]);
    const failed = results.filter((r) => !r.ok);
    // Each writes its lock, then lists the others' and reads each to name it (checkForLock in pulumi's
    // pkg/backend/diy/lock.go). When both list after both wrote, both give way; the first to give up
    // deletes its lock, so the other's read of it can find the object gone. That read fails with
    // NoSuchKey instead of "locked", but only after the first one, which read everything, said so.
    expect(failed.length).toBeGreaterThanOrEqual(1);
    const raced = failed.filter((r) => !LOCKED.test(r.error ?? ""));
    for (const r of raced) expect(r.error).toMatch(LOCK_READ_RACE);
    expect(failed.length - raced.length).toBeGreaterThanOrEqual(1);
    if (raced.length > 0) expect(failed.length).toBe(2);
    if (failed.length === 2) expectOk(await fleet.up());
    await expectIntact(["vm0", "vm1", "vm2", "vm3", "vm4", "vm5", "vm6", "vm7", "vm8"]);
    expectOk(await fleet.up({ expectNoChanges: true }));
  });
});
