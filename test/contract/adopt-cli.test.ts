/**
 * `pulumi-dynamic-compute adopt` given bad input: a clear error naming what is wrong and what is
 * allowed, a non-zero exit status, and nothing written (no module, no secret file), whether the
 * mistake is in the command line, the endpoint, the credentials or the files it points at. Also
 * `--help`, and `--dry-run`, which lists and writes nothing.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";

const cli = path.resolve(__dirname, "..", "..", "dist", "cli", "main.js");

async function run(
  args: string[],
  env: Record<string, string> = {},
  cwd?: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  // A user's shell: no cloud settings but those given (and no Incus daemon unless given).
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(EXOSCALE_|SCW_|SCALEWAY_|COMPUTE_|KOYEB_|INCUS_|LXD_)/.test(key)),
  );
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [cli, ...args], {
      env: { ...base, ...env },
      cwd,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failure.code ?? -1, stdout: failure.stdout ?? "", stderr: failure.stderr ?? "" };
  }
}

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("pulumi-dynamic-compute adopt: bad input", () => {
  let emulator: TestEmulator;
  let dir: string;
  const out = () => path.join(dir, "adopted.ts");

  beforeAll(async () => {
    emulator = await startTestEmulator({
      seed: {
        compute: { instances: [{ name: "vm-1", userData: "#!/bin/sh\necho secret-token-123\n" }] },
        exoscale: { instances: [{ name: "web-1" }] },
        scaleway: { images: [{ name: "golden" }] },
      },
    });
  });
  afterAll(() => emulator?.close());
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "adopt-cli-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Nothing written: no module, and the folder as it was. */
  const expectNothingWritten = (before: string[] = []) => expect(fs.readdirSync(dir).sort()).toEqual(before);

  it("prints its help with --help, and the commands without arguments", async () => {
    const help = await run(["adopt", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain(
      "Usage: pulumi-dynamic-compute adopt <exoscale|scaleway|compute|incus|all> [options]",
    );
    for (const option of [
      "--zone",
      "--label",
      "--name-prefix",
      "--out",
      "--force",
      "--dry-run",
      "--stack",
      "--secrets-dir",
      "--show-secrets",
    ])
      expect(help.stdout).toContain(option);
    const bare = await run([]);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toContain("adopt <exoscale|scaleway|compute|incus|all>");
  });

  it.each([
    [["adopt", "aws"], 'unknown cloud "aws": use one of exoscale, scaleway, compute, incus, all'],
    [["adopt"], "name the cloud to list: one of exoscale, scaleway, compute, incus, all"],
    [
      ["adopt", "exoscale", "--zone", "eu-west-1"],
      '--zone "eu-west-1" is not a zone of exoscale; zones: ch-gva-2, ch-dk-2, de-fra-1',
    ],
    [["adopt", "compute", "--colour"], "Unknown option '--colour'"],
    [["deploy"], 'unknown command "deploy"; the commands are: adopt'],
  ])("refuses %j with exit status 2, saying what is allowed", async (args, message) => {
    const result = await run([...args, "--out", out()], emulator.env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain("Nothing was written.");
    expectNothingWritten();
  });

  it("refuses to overwrite --out without --force, before reading anything", async () => {
    fs.writeFileSync(out(), "// mine\n");
    await emulator.clearCalls();
    const result = await run(["adopt", "compute", "--out", out()], emulator.env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`--out ${out()} exists; pass --force to overwrite it, or choose another file`);
    expect(fs.readFileSync(out(), "utf8")).toBe("// mine\n");
    expect(await emulator.calls()).toEqual([]);
    const forced = await run(["adopt", "compute", "--out", out(), "--force"], emulator.env);
    expect(forced.code).toBe(0);
    expect(fs.readFileSync(out(), "utf8")).toContain("new ComputeInstance(");
  });

  it("refuses an --out in a folder that does not exist", async () => {
    const result = await run(["adopt", "compute", "--out", path.join(dir, "missing", "adopted.ts")], emulator.env);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("folder");
    expectNothingWritten();
  });

  it("reports an unreachable endpoint with the cloud, operation and cause", async () => {
    const result = await run(["adopt", "compute", "--out", out()], {
      ...emulator.env,
      COMPUTE_API_URL: `http://127.0.0.1:${await closedPort()}`,
      DYNAMIC_COMPUTE_HTTP_DEADLINE_MS: "3000",
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/compute listInstances failed: .*ECONNREFUSED/);
    expectNothingWritten();
  });

  it("reports an Incus socket nothing answers on, naming it", async () => {
    const socket = path.join(dir, "no-daemon.socket");
    const result = await run(["adopt", "incus", "--out", out()], {
      INCUS_SOCKET: socket,
      DYNAMIC_COMPUTE_HTTP_DEADLINE_MS: "3000",
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`incus serverGet failed: ENOENT: connect ENOENT ${socket}`);
    expectNothingWritten();
  });

  it.each([
    ["exoscale", { EXOSCALE_API_SECRET: "wrong-secret-0123456789" }, /exoscale listInstances failed: HTTP 403/],
    ["scaleway", { SCW_SECRET_KEY: "00000000-0000-0000-0000-000000000000" }, /scaleway listImages failed: HTTP 401/],
    ["compute", { COMPUTE_API_TOKEN: "wrong-token-0123456789" }, /compute listInstances failed: HTTP 401/],
  ])("reports wrong %s credentials with the API's status, never the credential", async (cloud, wrong, message) => {
    const result = await run(["adopt", cloud, "--out", out()], { ...emulator.env, ...wrong });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(message);
    for (const value of Object.values(wrong)) expect(result.stderr).not.toContain(value);
    expectNothingWritten();
  });

  it("names both places to configure a cloud that has no settings", async () => {
    const result = await run(["adopt", "compute", "--out", out()]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "Instances API endpoint is not configured: set `pulumi config set compute:endpoint …` or the COMPUTE_API_URL environment variable.",
    );
    expectNothingWritten();
  });

  it("refuses a --stack file that `pulumi stack export` did not write", async () => {
    fs.writeFileSync(path.join(dir, "state.json"), "not json");
    const result = await run(
      ["adopt", "compute", "--stack", path.join(dir, "state.json"), "--out", out()],
      emulator.env,
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("not the JSON `pulumi stack export` writes");
    expectNothingWritten(["state.json"]);
  });

  it("writes neither module nor secrets when a secret file exists already", async () => {
    const secrets = path.join(dir, "secrets");
    fs.mkdirSync(secrets);
    const first = await run(["adopt", "compute", "--out", out(), "--secrets-dir", secrets], emulator.env);
    expect(first.code).toBe(0);
    const [key] = fs.readdirSync(secrets);
    expect(fs.readFileSync(path.join(secrets, key), "utf8")).toBe("#!/bin/sh\necho secret-token-123\n\n");
    expect(first.stdout).not.toContain("secret-token-123");
    fs.rmSync(out());
    const again = await run(["adopt", "compute", "--out", out(), "--secrets-dir", secrets], emulator.env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain(`--secrets-dir ${secrets}: ${key} exist already; pass --force to overwrite them`);
    expect(fs.existsSync(out())).toBe(false);
  });

  it("lists without writing anything with --dry-run, and prints secrets only with --show-secrets", async () => {
    const dry = await run(["adopt", "all", "--dry-run", "--out", out()], emulator.env);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/^ACTION +KIND +ID +NAME +DETAIL$/m);
    expect(dry.stdout).toMatch(/^adopt +ComputeInstance +inst-\w+ +vm-1 +as "vm-1" \(computeVm1\)$/m);
    expect(dry.stdout).not.toContain("secret-token-123");
    expectNothingWritten();
    const shown = await run(["adopt", "compute", "--out", out(), "--show-secrets"], emulator.env);
    expect(shown.stdout).toContain(
      "pulumi config set --secret computeVm1UserData -- '#!/bin/sh\necho secret-token-123\n'",
    );
    expect(fs.readFileSync(out(), "utf8")).not.toContain("secret-token-123");
  });
});
