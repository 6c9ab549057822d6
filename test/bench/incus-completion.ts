/**
 * 2b. Completion detection on a real Incus-compatible daemon (LXD, see scripts/start-lxd.sh): how
 * long after an operation ends the caller notices. The operations are `sleep` execs of 0.5 s, 2 s
 * and 10 s in a running busybox container (the only daemon work whose length we choose), started
 * with a raw request; the daemon itself stamps the end (the operation's `updated_at` when it turns
 * Success). Next to the client's `/wait?timeout=` long-poll, which `IncusInstance` uses for every
 * step, runs the fixed 3 s schedule the Go SDK style polls with, in the same run.
 */
import { testDaemon, uniqueName } from "../contract/incus-daemon";
import { type CompletionRow, goSdkStylePoll, sideBySide } from "./completion";
import { fromDist } from "./lib/dist";

type IncusClientModule = typeof import("../../src/incus/client");
type LogModule = typeof import("../../src/core/log");
type Operation = import("../../src/core/incus-operations").IncusOperation;

const now = () => performance.timeOrigin + performance.now();

/** An RFC 3339 time with up to nanoseconds, in epoch milliseconds with the fraction kept. */
function epochMs(stamp: string): number {
  const match = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)$/.exec(stamp);
  if (!match) throw new Error(`not an RFC 3339 time: ${stamp}`);
  return Date.parse(`${match[1]}${match[3]}`) + Number(`0.${match[2] ?? "0"}`) * 1000;
}

export async function measureIncusCompletion(
  options: { opLengthsMs: number[]; reps: number },
  log: (line: string) => void,
): Promise<CompletionRow[]> {
  const lxd = testDaemon("lxd");
  process.env.INCUS_SOCKET = lxd.socket;
  const { IncusClient } = fromDist<IncusClientModule>("incus/client");
  const quiet = fromDist<LogModule>("core/log").createLogger("bench", () => undefined);
  const client = IncusClient.fromSettings({ log: quiet });
  const container = uniqueName("bench-wait");
  await lxd.launch(container);

  /** Starts `sleep` for `ms` in the container; the daemon answers with the exec operation at once. */
  const startSleep = async (ms: number): Promise<Operation> => {
    const started = await lxd.raw("POST", `/1.0/instances/${container}/exec`, {
      command: ["sleep", String(ms / 1000)],
      "wait-for-websocket": false,
      interactive: false,
      "record-output": false,
    });
    if (started.status !== 202) throw new Error(`exec refused: ${started.status} ${JSON.stringify(started.body)}`);
    return started.body.metadata as Operation;
  };
  const finished = (op: Operation) => {
    if (op.status_code !== 200) throw new Error(`operation ${op.id} ended ${op.status}: ${op.err}`);
    return epochMs(op.updated_at);
  };
  const strategies = [
    {
      strategy: "IncusInstance client /wait long-poll (real LXD)",
      cloud: "incus" as const,
      level: "wait" as const,
      judged: true,
      run: async (ms: number) => {
        const op = await client.waitFor(await startSleep(ms), {
          what: "bench",
          operation: "bench",
          timeoutMs: 120_000,
          log: quiet,
        });
        return now() - finished(op);
      },
    },
    {
      strategy: "Incus operation, fixed 3 s polling (real LXD)",
      cloud: "incus" as const,
      level: "wait" as const,
      judged: false,
      run: async (ms: number) => {
        const { id } = await startSleep(ms);
        const op = await goSdkStylePoll<Operation>(
          async () => (await lxd.raw("GET", `/1.0/operations/${id}`)).body.metadata,
          (value) => value.status_code >= 200,
        );
        return now() - finished(op);
      },
    },
  ];

  const rows: CompletionRow[] = [];
  try {
    await strategies[0].run(0); // warm-up: load got, open the socket connection
    for (const opMs of options.opLengthsMs) {
      rows.push(...(await sideBySide(strategies, opMs, options.reps, log, (strategy) => strategy.run(opMs))));
    }
  } finally {
    await lxd.removeInstances([container]);
  }
  return rows;
}
