/**
 * scripts/start-lxd.sh and scripts/start-incus.sh are run by `npm test`, by CI and by each test file
 * that finds no socket variable, often while the daemon is already up. They take a lock so that
 * parallel callers install and start once; the daemon they start must not keep that lock, or every
 * later call waits out the lock's 900 s timeout (this once made a CI run miss its deadline).
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { DAEMONS } from "./incus-daemon";

// What each script keeps besides its daemon: its lock file (in $TMPDIR) and the pid file of the daemon it started.
const scripts = [
  { ...DAEMONS.lxd, lock: "pulumi-dynamic-compute-start-lxd.lock", pidFile: "/var/lib/lxd/lxd.pid" },
  { ...DAEMONS.incus, lock: "pulumi-dynamic-compute-start-incus.lock", pidFile: "/var/lib/incus/incusd.pid" },
];

const asRoot = process.getuid?.() === 0;

/** The files a process holds open, as the targets of its /proc/<pid>/fd links. */
function openFiles(pid: number): string[] {
  const dir = `/proc/${pid}/fd`;
  return fs.readdirSync(dir).flatMap((fd) => {
    try {
      return [fs.readlinkSync(path.join(dir, fd))];
    } catch {
      return []; // closed meanwhile
    }
  });
}

(asRoot ? describe.each(scripts) : describe.skip.each(scripts))(
  "scripts/$script",
  ({ name, script, lock, pidFile }) => {
    const run = () => {
      const started = Date.now();
      const result = spawnSync("bash", [path.resolve(__dirname, "..", "..", "scripts", script)], {
        encoding: "utf8",
        timeout: 120_000,
      });
      return { ...result, seconds: (Date.now() - started) / 1000 };
    };

    it(`prints the ${name} socket, and answers again at once when the daemon is up`, () => {
      const first = run();
      expect({ status: first.status, stderr: first.status === 0 ? "" : first.stderr }).toEqual({
        status: 0,
        stderr: "",
      });
      const again = run();
      expect(again.status).toBe(0);
      expect(again.stdout.trim().split("\n").pop()).toBe(first.stdout.trim().split("\n").pop());
      // Installed, started and configured already: only liveness checks are left.
      expect(again.seconds).toBeLessThan(20);
    });

    it(`leaves the start lock with the script, not with the ${name} daemon it started`, () => {
      expect(run().status).toBe(0);
      if (!fs.existsSync(pidFile)) return; // a daemon started some other way: nothing of ours to check
      const pid = Number(fs.readFileSync(pidFile, "utf8").trim());
      if (!fs.existsSync(`/proc/${pid}`)) return; // an older pid file: the running daemon was not started by the script
      expect(openFiles(pid).filter((file) => file.endsWith(lock))).toEqual([]);
    });
  },
);
