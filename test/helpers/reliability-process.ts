/**
 * Finding and signalling the processes of one engine run. TestStack.run spawns the `pulumi` CLI, the
 * CLI spawns the Node language host (which runs the program with node) and the provider plugin
 * (`pulumi-resource-pulumi-nodejs`, a shell script running node). An interrupted `pulumi up` is
 * simulated by signalling the CLI (SIGINT: what Ctrl-C or a CI cancellation sends) or the CLI and
 * everything below it (SIGKILL: a machine or container dying). Processes are found through /proc
 * and signalled by pid only.
 */
import * as fs from "node:fs";

interface ProcessInfo {
  pid: number;
  ppid: number;
  argv: string[];
}

function processes(): ProcessInfo[] {
  const out: ProcessInfo[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name is in parentheses and may contain spaces: the ppid is the 2nd field after it.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const argv = fs
        .readFileSync(`/proc/${entry}/cmdline`, "utf8")
        .split("\0")
        .filter((a) => a !== "");
      out.push({ pid: Number(entry), ppid, argv });
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

/** Every process below `root` (children, grandchildren, …). */
export function descendantsOf(root: number): ProcessInfo[] {
  const all = processes();
  const found: ProcessInfo[] = [];
  let frontier = [root];
  while (frontier.length > 0) {
    const children = all.filter((p) => frontier.includes(p.ppid));
    found.push(...children);
    frontier = children.map((p) => p.pid);
  }
  return found;
}

/** The `pulumi <op>` CLI process `runner` (the pid TestStack.run reported), or one below it, if it is running. */
export function pulumiCliOf(runner: number, op: string): ProcessInfo | undefined {
  const run = [...processes().filter((p) => p.pid === runner), ...descendantsOf(runner)];
  return run.find((p) => /(^|\/)pulumi$/.test(p.argv[0] ?? "") && p.argv.includes(op));
}

/** Sends `signal` to the CLI of the run (and, with `tree`, to every process below it too). Returns the pids signalled. */
export function interrupt(runner: number, op: string, signal: NodeJS.Signals, tree = false): number[] {
  const cli = pulumiCliOf(runner, op);
  if (!cli) throw new Error(`no \`pulumi ${op}\` process below runner ${runner}`);
  const targets = [cli.pid, ...(tree ? descendantsOf(cli.pid).map((p) => p.pid) : [])];
  for (const pid of targets) {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
  return targets;
}

/** Whether a process is still running (a zombie waiting to be reaped is not). */
export function alive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
  } catch {
    return false;
  }
}
