/**
 * IncusInstance over HTTPS on the real engine: the remote, the pinned server certificate and the
 * client certificate come from stack config (the key as a secret), not the environment, and none of
 * them ends up in the state, in `__provider` or in the engine's output.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { expectOk, TestStack } from "../helpers/engine";
import { makeCertificate, testDaemons, uniqueName } from "../contract/incus-daemon";

describe.each(testDaemons())("IncusInstance on $label over HTTPS with credentials from stack config", (daemon) => {
  const name = uniqueName("e2e-tls");
  const certDir = fs.mkdtempSync(path.join(os.tmpdir(), "pdc-incus-e2e-"));
  let fingerprint: string | undefined;
  let stack: TestStack;
  let key: string;

  beforeAll(async () => {
    const endpoint = await daemon.httpsEndpoint();
    const client = makeCertificate(certDir, "pdc-e2e-tls");
    fingerprint = await daemon.trustCertificate(client.pem, uniqueName("pdc-e2e"));
    key = fs.readFileSync(client.keyPath, "utf8");
    stack = await TestStack.create({
      program: "examples/incus",
      // No usable socket: everything has to go over HTTPS.
      env: { INCUS_SOCKET: "/nonexistent/incus.socket" },
      // Certificates as file paths; the key inline, as a secret (below).
      config: {
        name,
        "incus:remote": endpoint.url,
        "incus:serverCert": endpoint.serverCertPath,
        "incus:clientCert": client.certPath,
      },
    });
    // As a user would: `pulumi config set --secret incus:clientKey < client.key`.
    stack.setSecretConfigFromStdin("incus:clientKey", key);
  });

  afterAll(async () => {
    await stack?.cleanup();
    await daemon.removeInstances([name]);
    if (fingerprint) await daemon.untrustCertificate(fingerprint);
    fs.rmSync(certDir, { recursive: true, force: true });
  });

  it("creates the instance through the remote and keeps the key out of state and logs", async () => {
    const up = expectOk(await stack.up());
    expect(up.outputs?.status).toBe("Running");
    expect((await daemon.instance(name)).status).toBe("Running");

    const keyBody = key.split("\n")[1];
    // The engine keeps stack config on its default provider, encrypted like every secret.
    const state = JSON.stringify(await stack.exportState());
    expect(state).not.toContain("PRIVATE KEY");
    expect(state).not.toContain(keyBody);
    expect(up.output).not.toContain(keyBody);
    // Decrypted, it is only there: our resource never copied it into its inputs or outputs.
    const decrypted = (await stack.exportState(true)).deployment.resources ?? [];
    const [resource] = decrypted.filter((r) => r.type === "pulumi-nodejs:dynamic/incus:Instance");
    expect(JSON.stringify(resource)).not.toContain(keyBody);
    expect(decrypted.filter((r) => JSON.stringify(r).includes(keyBody)).map((r) => r.type)).toEqual([
      "pulumi:providers:pulumi-nodejs",
    ]);
    const provider = String(resource.outputs?.__provider);
    expect(provider.length).toBeLessThan(4096);
    expect(provider).not.toMatch(/BEGIN|https:\/\//);

    expectOk(await stack.destroy());
    expect(await daemon.instance(name)).toBeUndefined();
  });
});
