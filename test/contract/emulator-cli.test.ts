/**
 * The emulator's outside interface, which tools outside this repo rely on: the
 * `compute-emulator` command line, its startup JSON line, the control API, fault injection and
 * state persisted across a restart.
 */
import { type ChildProcessWithoutNullStreams, execFile, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as readline from "node:readline";
import { promisify } from "node:util";

const cli = path.resolve(__dirname, "..", "..", "dist", "emulator", "cli.js");

/** The variables of the emulator's startup `env`, which point every client at it. */
const ENV_NAMES = [
  "COMPUTE_API_TOKEN",
  "COMPUTE_API_URL",
  "EXOSCALE_API_ENDPOINT",
  "EXOSCALE_API_KEY",
  "EXOSCALE_API_SECRET",
  "EXOSCALE_EMULATOR_SECOND_API_KEY",
  "EXOSCALE_EMULATOR_SECOND_API_SECRET",
  "KOYEB_API_URL",
  "KOYEB_TOKEN",
  "SCW_API_URL",
  "SCW_DEFAULT_PROJECT_ID",
  "SCW_SECRET_KEY",
];

async function launch(
  args: string[],
): Promise<{ child: ChildProcessWithoutNullStreams; info: { url: string; env: Record<string, string> } }> {
  const child = spawn(process.execPath, [cli, ...args]);
  const line = await new Promise<string>((resolve, reject) => {
    readline.createInterface({ input: child.stdout }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code}`)));
  });
  return { child, info: JSON.parse(line) };
}

async function stop(child: ChildProcessWithoutNullStreams): Promise<void> {
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

const control = (url: string, method: string, route: string, body?: unknown) =>
  fetch(`${url}/_emulator/${route}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

describe("compute-emulator", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "emulator-"));
  const stateFile = path.join(dir, "state.json");

  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("prints one JSON line with its URL and the env that points every client at it", async () => {
    const { child, info } = await launch([
      "--port",
      "0",
      "--host",
      "127.0.0.1",
      "--op-delay-ms",
      "20",
      "--state",
      stateFile,
    ]);
    try {
      expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(Object.keys(info.env).sort()).toEqual(ENV_NAMES);
      expect(info.env.EXOSCALE_API_ENDPOINT).toBe(`${info.url}/v2`);
    } finally {
      await stop(child);
    }
  });

  it("records API calls (not control calls), injects faults, and keeps state across a restart", async () => {
    let { child, info } = await launch(["--port", "0", "--op-delay-ms", "20", "--state", stateFile]);
    const auth = { authorization: `Bearer ${info.env.COMPUTE_API_TOKEN}`, "content-type": "application/json" };
    let id: string | undefined;
    try {
      expect(
        (
          await control(info.url, "POST", "faults", {
            match: { method: "GET", path: "/compute/v1/instances" },
            fault: "429",
            count: 1,
            retryAfter: 2,
          })
        ).status,
      ).toBe(201);
      const limited = await fetch(`${info.url}/compute/v1/instances`, { headers: auth });
      expect(limited.status).toBe(429);
      expect(limited.headers.get("retry-after")).toBe("2");
      expect((await fetch(`${info.url}/compute/v1/instances`, { headers: auth })).status).toBe(200);

      const created = await fetch(`${info.url}/compute/v1/instances`, {
        method: "POST",
        headers: auth,
        body: JSON.stringify({ metadata: { name: "persist-me" }, spec: { type: "cx31", image: "ubuntu-22.04" } }),
      });
      expect(created.status).toBe(201);
      id = ((await created.json()) as { id: string }).id;

      const calls = (await (await control(info.url, "GET", "calls")).json()) as Array<{
        method: string;
        path: string;
        status: number;
        at: string;
        fault?: string;
      }>;
      expect(calls.map((c) => [c.method, c.path, c.status])).toEqual([
        ["GET", "/compute/v1/instances", 429],
        ["GET", "/compute/v1/instances", 200],
        ["POST", "/compute/v1/instances", 201],
      ]);
      expect(calls[0].fault).toBe("429");
      expect(Date.parse(calls[0].at)).not.toBeNaN();
      expect((await control(info.url, "DELETE", "calls")).status).toBe(204);
      expect(await (await control(info.url, "GET", "calls")).json()).toEqual([]);
      expect((await fetch(`${info.url}/no/such/route`)).status).toBe(404);
    } finally {
      await stop(child);
    }
    ({ child, info } = await launch(["--port", "0", "--state", stateFile]));
    try {
      const again = await fetch(`${info.url}/compute/v1/instances/${id}`, {
        headers: { authorization: `Bearer ${info.env.COMPUTE_API_TOKEN}` },
      });
      expect(again.status).toBe(200);
      expect(((await again.json()) as { metadata: { name: string } }).metadata.name).toBe("persist-me");
    } finally {
      await stop(child);
    }
  });

  it("answers a lost-response fault by acting and then dropping the connection", async () => {
    const { child, info } = await launch(["--port", "0", "--op-delay-ms", "20"]);
    const auth = { authorization: `Bearer ${info.env.COMPUTE_API_TOKEN}`, "content-type": "application/json" };
    try {
      await control(info.url, "POST", "faults", {
        match: { method: "POST", path: "/compute/v1/instances" },
        fault: "lost-response",
      });
      const lost = await fetch(`${info.url}/compute/v1/instances`, {
        method: "POST",
        headers: auth,
        body: JSON.stringify({ metadata: { name: "ghost" }, spec: { type: "cx31", image: "ubuntu-22.04" } }),
      }).catch((e: unknown) => e);
      expect(String(lost)).toMatch(/fetch failed/);
      const list = (await (await fetch(`${info.url}/compute/v1/instances`, { headers: auth })).json()) as {
        items: Array<{ metadata: { name: string } }>;
      };
      expect(list.items.map((i) => i.metadata.name)).toEqual(["ghost"]);
    } finally {
      await stop(child);
    }
  });

  describe("--print-env", () => {
    const isRunning = (pid: number) => {
      try {
        process.kill(pid, 0);
        return true;
      } catch {
        return false;
      }
    };

    it("starts it in the background and prints export lines that `eval` loads into the shell", async () => {
      // As a user types it; the shell's $(…) returns only if the background emulator holds none of its output.
      const script = `eval "$("${process.execPath}" "${cli}" --print-env --op-delay-ms 20)" && "${process.execPath}" -e 'process.stdout.write(JSON.stringify(process.env))'`;
      const { stdout, stderr } = await promisify(execFile)("bash", ["-c", script], {
        env: { PATH: process.env.PATH ?? "" },
        timeout: 30_000,
      });
      const env = JSON.parse(stdout) as Record<string, string>;
      const pid = Number(env.COMPUTE_EMULATOR_PID);
      try {
        expect(stderr).toContain(
          `listening on ${env.COMPUTE_EMULATOR_URL} (pid ${pid}); stop it with: kill $COMPUTE_EMULATOR_PID`,
        );
        expect(env.EXOSCALE_API_ENDPOINT).toBe(`${env.COMPUTE_EMULATOR_URL}/v2`);
        for (const name of ENV_NAMES) expect(env[name]).toBeTruthy();
        const listed = await fetch(`${env.COMPUTE_API_URL}/v1/instances`, {
          headers: { authorization: `Bearer ${env.COMPUTE_API_TOKEN}` },
        });
        expect(listed.status).toBe(200);
        expect(isRunning(pid)).toBe(true);
      } finally {
        process.kill(pid, "SIGTERM");
      }
      const deadline = Date.now() + 10_000;
      while (isRunning(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(isRunning(pid)).toBe(false);
    });

    it("reports an emulator that cannot start, prints no exports and exits 1", async () => {
      const failure = await promisify(execFile)(process.execPath, [cli, "--print-env", "--port", "99999"], {
        timeout: 30_000,
      }).catch((error: unknown) => error as { code: number; stdout: string; stderr: string });
      expect(failure).toMatchObject({ code: 1, stdout: "" });
      expect((failure as { stderr: string }).stderr).toMatch(/^compute-emulator: .*port.*99999/);
    });
  });
});
