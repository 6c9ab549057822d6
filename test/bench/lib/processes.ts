/**
 * Watches the processes of one engine run — the `pulumi` CLI (the engine), the Node language host
 * with the node process running the program, and the dynamic-provider process — and records each
 * one's CPU time and the provider's peak resident set (`VmHWM` in /proc/<pid>/status). Only the CLI
 * and its descendants are looked at, so other engineers' `pulumi` runs on the same machine are never
 * counted.
 */
import * as fs from "node:fs";

/** Which part of an engine run a process is. */
export type ProcessRole = "program" | "engine" | "provider" | "other";

interface ProcessInfo {
  pid: number;
  ppid: number;
  /** utime + stime, in clock ticks. */
  ticks: number;
}

const TICKS_PER_SECOND = 100;

function readProcess(pid: string): ProcessInfo | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may hold spaces: fields are counted after it.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { pid: Number(pid), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) };
  } catch {
    return undefined; // ended while we looked
  }
}

function roleOf(pid: number, rootPid: number): ProcessRole {
  if (pid === rootPid) return "engine";
  let cmdline: string;
  try {
    cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
  } catch {
    return "other";
  }
  if (/cmd\/dynamic-provider/.test(cmdline)) return "provider";
  if (/pulumi-language-nodejs|cmd\/run\b/.test(cmdline)) return "program";
  return "other";
}

export interface ProcessUsage {
  /** CPU seconds by role, as last sampled (a process's final ~250 ms may be missed). */
  cpuMs: Record<ProcessRole, number>;
  /** Highest VmHWM of a dynamic-provider process, in MB. */
  providerPeakRssMb?: number;
}

/** Samples, every `intervalMs`, the processes of one `pulumi` CLI run. */
export class ProcessSampler {
  private readonly seen = new Map<number, { role: ProcessRole; ticks: number; hwmKb?: number }>();
  private timer?: NodeJS.Timeout;
  private rootPid = 0;

  constructor(private readonly intervalMs = 250) {}

  /** Starts sampling `rootPid` (the CLI of one engine operation) and the processes below it. */
  start(rootPid: number): void {
    this.rootPid = rootPid;
    this.timer = setInterval(() => this.sample(), this.intervalMs);
    this.timer.unref();
  }

  /** Stops and sums up what was seen. */
  stop(): ProcessUsage {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    const cpuMs: Record<ProcessRole, number> = { program: 0, engine: 0, provider: 0, other: 0 };
    let hwmKb: number | undefined;
    for (const entry of this.seen.values()) {
      cpuMs[entry.role] += (entry.ticks * 1000) / TICKS_PER_SECOND;
      if (entry.hwmKb !== undefined) hwmKb = Math.max(hwmKb ?? 0, entry.hwmKb);
    }
    return { cpuMs, providerPeakRssMb: hwmKb === undefined ? undefined : hwmKb / 1024 };
  }

  private sample(): void {
    const processes = fs
      .readdirSync("/proc")
      .filter((entry) => /^\d+$/.test(entry))
      .map(readProcess)
      .filter((p): p is ProcessInfo => p !== undefined);
    const parentOf = new Map(processes.map((p) => [p.pid, p.ppid]));
    const inRun = (pid: number) => {
      for (
        let current: number | undefined = pid, hops = 0;
        current !== undefined && current > 1 && hops < 16;
        current = parentOf.get(current), hops++
      ) {
        if (current === this.rootPid) return true;
      }
      return false;
    };
    for (const info of processes) {
      if (!inRun(info.pid)) continue;
      const entry = this.seen.get(info.pid) ?? { role: roleOf(info.pid, this.rootPid), ticks: 0 };
      entry.ticks = Math.max(entry.ticks, info.ticks);
      if (entry.role === "provider") {
        try {
          const match = /^VmHWM:\s+(\d+) kB/m.exec(fs.readFileSync(`/proc/${info.pid}/status`, "utf8"));
          if (match) entry.hwmKb = Math.max(entry.hwmKb ?? 0, Number(match[1]));
        } catch {
          // gone between listing and reading
        }
      }
      this.seen.set(info.pid, entry);
    }
  }
}
