/**
 * Finds the dynamic-provider process(es) an engine run started and samples their peak resident set
 * (`VmHWM` in /proc/<pid>/status). Only descendants of one runner process are considered, so other
 * engineers' `pulumi` runs on the same machine are never mistaken for ours.
 */
import * as fs from "node:fs";

interface ProcessInfo {
  pid: number;
  ppid: number;
  cmdline: string;
}

function readProcesses(): ProcessInfo[] {
  const out: ProcessInfo[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name is in parentheses and may hold spaces: the ppid is the 2nd field after it.
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      const cmdline = fs.readFileSync(`/proc/${entry}/cmdline`, "utf8").replace(/\0/g, " ");
      out.push({ pid: Number(entry), ppid, cmdline });
    } catch {
      // The process ended while we looked.
    }
  }
  return out;
}

function kilobytesOf(status: string, field: string): number | undefined {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status);
  return match ? Number(match[1]) : undefined;
}

/** Samples, every `intervalMs`, the peak RSS of processes under `rootPid` whose command line matches. */
export class PeakRssSampler {
  private readonly peaksKb = new Map<number, number>();
  private timer?: NodeJS.Timeout;
  private rootPid?: number;

  constructor(
    private readonly matches: RegExp = /cmd\/dynamic-provider/,
    private readonly intervalMs = 200,
  ) {}

  /** Starts sampling below `rootPid` (the runner process of one engine operation). */
  start(rootPid: number): void {
    this.rootPid = rootPid;
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
  }

  /** Stops and returns the highest VmHWM seen, in MB (undefined if no process was seen). */
  stop(): number | undefined {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const peaks = [...this.peaksKb.values()];
    return peaks.length > 0 ? Math.max(...peaks) / 1024 : undefined;
  }

  private sample(): void {
    if (this.rootPid === undefined) return;
    const processes = readProcesses();
    const parentOf = new Map(processes.map((p) => [p.pid, p.ppid]));
    const descends = (pid: number) => {
      for (let current = parentOf.get(pid), hops = 0; current !== undefined && current > 1 && hops < 16; current = parentOf.get(current), hops++) {
        if (current === this.rootPid) return true;
      }
      return false;
    };
    for (const candidate of processes) {
      if (!this.matches.test(candidate.cmdline) || !descends(candidate.pid)) continue;
      try {
        const hwm = kilobytesOf(fs.readFileSync(`/proc/${candidate.pid}/status`, "utf8"), "VmHWM");
        if (hwm !== undefined) this.peaksKb.set(candidate.pid, Math.max(hwm, this.peaksKb.get(candidate.pid) ?? 0));
      } catch {
        // Gone between listing and reading.
      }
    }
  }
}
