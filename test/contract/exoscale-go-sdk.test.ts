/**
 * Exoscale's official Go SDK, egoscale v3 (v3.1.7), against the emulator, unmodified: its own
 * EXO2-HMAC-SHA256 signing, its own Wait on operations and its typed errors. The Go program in
 * test/contract/go/exoscale/ reaches all 20 compute instance operations and exits non-zero on
 * the first failed expectation; this test builds and runs it, then checks from the emulator's
 * recorded calls that each operation answered 2xx and that the only refusals are the expected ones.
 * egoscale polls operations every 3 s (not configurable), so the run takes about a minute.
 */
import { buildGoProgram, runReport } from "../helpers/sdk-programs";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator";

/** Seed 000: the 20 instance operations of Exoscale API v2, by operationId. */
const SEED_000: Record<string, string> = {
  "get-console-proxy-url": "GET /v2/console/{id}",
  "create-instance": "POST /v2/instance",
  "list-instances": "GET /v2/instance",
  "delete-instance": "DELETE /v2/instance/{id}",
  "update-instance": "PUT /v2/instance/{id}",
  "get-instance": "GET /v2/instance/{id}",
  "reset-instance-field": "DELETE /v2/instance/{id}/{field}",
  "add-instance-protection": "PUT /v2/instance/{id}:add-protection",
  "create-snapshot": "POST /v2/instance/{id}:create-snapshot",
  "enable-tpm": "POST /v2/instance/{id}:enable-tpm",
  "reveal-instance-password": "GET /v2/instance/{id}:password",
  "reboot-instance": "PUT /v2/instance/{id}:reboot",
  "remove-instance-protection": "PUT /v2/instance/{id}:remove-protection",
  "reset-instance": "PUT /v2/instance/{id}:reset",
  "reset-instance-password": "PUT /v2/instance/{id}:reset-password",
  "resize-instance-disk": "PUT /v2/instance/{id}:resize-disk",
  "scale-instance": "PUT /v2/instance/{id}:scale",
  "start-instance": "PUT /v2/instance/{id}:start",
  "stop-instance": "PUT /v2/instance/{id}:stop",
  "revert-instance-to-snapshot": "POST /v2/instance/{instance-id}:revert-snapshot",
};

/** What the SDK calls around them: the catalogue, operation polling and snapshot reads. */
const SUPPORT: Record<string, string> = {
  "list-zones": "GET /v2/zone",
  "list-instance-types": "GET /v2/instance-type",
  "list-templates": "GET /v2/template",
  "get-operation": "GET /v2/operation/{id}",
  "list-snapshots": "GET /v2/snapshot",
  "get-snapshot": "GET /v2/snapshot/{id}",
};

/** "METHOD /path/{param}:action" → a matcher where `{param}` is one segment up to "/" or ":" (as the router does). */
function matcher(route: string): (method: string, path: string) => boolean {
  const [method, pattern] = route.split(" ");
  const regex = new RegExp(
    `^${pattern
      .split(/\{[^}]+\}/)
      .map((part) => part.replace(/[.*+?^$()|[\]\\]/g, "\\$&"))
      .join("[^/:]+")}$`,
  );
  return (m, p) => m === method && regex.test(p);
}

const ROUTES = Object.entries({ ...SEED_000, ...SUPPORT }).map(([operation, route]) => ({
  operation,
  matches: matcher(route),
}));

describe("egoscale v3 (Exoscale's Go SDK) against the emulator", () => {
  let emulator: TestEmulator;
  let binary: string;

  beforeAll(async () => {
    emulator = await startTestEmulator({ opDelayMs: 50 });
    binary = await buildGoProgram("test/contract/go/exoscale", "exoscale-sdk-flows");
  }, 600_000);

  afterAll(async () => {
    await emulator?.close();
  });

  it("reaches all 20 instance operations with its own signing, waits and typed errors", async () => {
    await emulator.clearCalls();
    const report = await runReport(binary, [], emulator.env, 300_000);
    expect(report).toMatchObject({
      ok: true,
      zone: "ch-gva-2",
      tpmAgain: expect.stringMatching(
        /^CreateSnapshot: http response: Bad Request: enable-tpm: TPM is already enabled/,
      ),
      deleteProtected: expect.stringMatching(
        /^DeleteInstance: http response: Forbidden: .*protected against destruction/,
      ),
      afterDelete: expect.stringMatching(/^GetInstance: http response: Not Found: Instance [0-9a-f-]{36} not found$/),
      badSecret: "ListInstances: http response: Forbidden: Invalid request signature",
    });
    expect([...(report.operations as string[])].sort()).toEqual(Object.keys(SEED_000).sort());

    const calls = (await emulator.calls()).map((call) => ({
      ...call,
      operation: ROUTES.find((route) => route.matches(call.method, call.path))?.operation,
    }));
    // Nothing outside the seed and its supporting routes (no "no route" 404s).
    expect(calls.filter((call) => call.operation === undefined).map((call) => `${call.method} ${call.path}`)).toEqual(
      [],
    );
    for (const operation of Object.keys(SEED_000)) {
      expect({
        operation,
        ok: calls.some((call) => call.operation === operation && call.status >= 200 && call.status < 300),
      }).toEqual({ operation, ok: true });
    }
    // The only refusals: a second TPM enable, delete while protected, get after delete, the wrong secret.
    expect(calls.filter((call) => call.status >= 300).map((call) => `${call.operation} ${call.status}`)).toEqual([
      "enable-tpm 400",
      "delete-instance 403",
      "get-instance 404",
      "list-instances 403",
    ]);
    // Every mutation was awaited through the SDK's own polling of GET /operation/{id}.
    expect(
      calls.filter((call) => call.operation === "get-operation" && call.status === 200).length,
    ).toBeGreaterThanOrEqual(16);
  });
});
