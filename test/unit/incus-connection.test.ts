/**
 * Where the Incus client connects and with what: stack config before environment, the socket
 * fallback, HTTPS that must be https and must carry credentials (except for the public variants),
 * PEM given inline or as a file, and the websocket URLs for both transports.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { setStackConfig } from "../../src/core/credentials";
import { CredentialsError } from "../../src/core/errors";
import { describeConnection, readPem, resolveConnection } from "../../src/incus/connection";
import { DEFAULT_SOCKETS } from "../../src/incus/settings";
import { websocketUrl } from "../../src/incus/websocket";

const VARS = [
  "INCUS_SOCKET",
  "INCUS_REMOTE",
  "INCUS_CLIENT_CERT",
  "INCUS_CLIENT_KEY",
  "INCUS_SERVER_CERT",
  "INCUS_CA_CERT",
  "INCUS_API_KEY",
  "INCUS_PROJECT",
];
const PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
const KEY = "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n";
let saved: Record<string, string | undefined>;
let dir: string;

beforeEach(() => {
  saved = Object.fromEntries(VARS.map((key) => [key, process.env[key]]));
  for (const key of VARS) delete process.env[key];
  setStackConfig({ get: () => undefined });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "pdc-incus-unit-"));
});

afterEach(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  setStackConfig(undefined);
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("resolveConnection", () => {
  it("uses INCUS_SOCKET and INCUS_PROJECT", () => {
    Object.assign(process.env, { INCUS_SOCKET: "/run/custom.socket", INCUS_PROJECT: "prod" });
    expect(resolveConnection()).toEqual({ kind: "unix", socketPath: "/run/custom.socket", project: "prod" });
  });

  it("prefers stack config over the environment", () => {
    process.env.INCUS_SOCKET = "/run/from-env.socket";
    const config: Record<string, string> = { "incus:socket": "/run/from-config.socket", "incus:project": "staging" };
    setStackConfig({ get: (key) => config[key] });
    expect(resolveConnection()).toEqual({ kind: "unix", socketPath: "/run/from-config.socket", project: "staging" });
  });

  it("falls back to Incus's then LXD's default socket, and names every setting when neither exists", () => {
    expect(DEFAULT_SOCKETS).toEqual(["/var/lib/incus/unix.socket", "/var/lib/lxd/unix.socket"]);
    const existing = DEFAULT_SOCKETS.find((candidate) => fs.existsSync(candidate));
    if (existing) {
      expect(resolveConnection()).toMatchObject({ kind: "unix", socketPath: existing });
    } else {
      expect(() => resolveConnection()).toThrow(/INCUS_SOCKET.*incus:socket.*INCUS_REMOTE/s);
    }
  });

  it("takes an HTTPS remote with a client certificate and key, inline or from files", () => {
    const certFile = path.join(dir, "client.crt");
    fs.writeFileSync(certFile, PEM);
    Object.assign(process.env, {
      INCUS_REMOTE: "https://incus.example:8443/",
      INCUS_CLIENT_CERT: certFile,
      INCUS_CLIENT_KEY: KEY,
      INCUS_SERVER_CERT: PEM,
      INCUS_SOCKET: "/ignored",
    });
    const connection = resolveConnection();
    expect(connection).toEqual({
      kind: "https",
      url: "https://incus.example:8443",
      tls: { certificate: PEM, key: KEY, pinnedServerCertificate: PEM, certificateAuthority: undefined },
      bearerToken: undefined,
      project: undefined,
    });
    expect(describeConnection(connection)).toBe("https://incus.example:8443");
    expect(JSON.stringify(describeConnection(connection))).not.toContain("PRIVATE KEY");
  });

  it("takes a bearer token instead of a certificate", () => {
    Object.assign(process.env, {
      INCUS_REMOTE: "https://incus.example:8443",
      INCUS_API_KEY: "secret-token-value",
      INCUS_CA_CERT: PEM,
    });
    expect(resolveConnection()).toMatchObject({
      kind: "https",
      bearerToken: "secret-token-value",
      tls: { certificateAuthority: PEM },
    });
  });

  it.each([
    [
      { INCUS_REMOTE: "http://incus.example:8443", INCUS_API_KEY: "t0ken123" },
      /must use https:\/\/ \(TLS is always verified\)/,
    ],
    [{ INCUS_REMOTE: "not a url", INCUS_API_KEY: "t0ken123" }, /must be an https:\/\/ URL/],
    [
      { INCUS_REMOTE: "https://incus.example:8443" },
      /needs credentials: a client certificate .*INCUS_CLIENT_CERT.*INCUS_API_KEY/s,
    ],
    [{ INCUS_REMOTE: "https://incus.example:8443", INCUS_CLIENT_KEY: KEY }, /needs both halves/],
    [
      { INCUS_REMOTE: "https://incus.example:8443", INCUS_CLIENT_CERT: "/no/such/file.crt", INCUS_CLIENT_KEY: KEY },
      /neither PEM text nor a readable file \(ENOENT\)/,
    ],
  ])("refuses %j", (vars, message) => {
    Object.assign(process.env, vars);
    expect(() => resolveConnection()).toThrow(CredentialsError);
    expect(() => resolveConnection()).toThrow(message);
  });

  it("needs no credentials for the public variants, but still verifies TLS", () => {
    Object.assign(process.env, {
      INCUS_REMOTE: "https://incus.example:8443",
      INCUS_SERVER_CERT: PEM,
      INCUS_API_KEY: "t0ken-not-sent",
    });
    expect(resolveConnection({ anonymous: true })).toEqual({
      kind: "https",
      url: "https://incus.example:8443",
      tls: { pinnedServerCertificate: PEM, certificateAuthority: undefined },
      project: undefined,
    });
  });

  it("reads PEM text as is", () => {
    expect(readPem(PEM, "x")).toBe(PEM);
    expect(readPem(undefined, "x")).toBeUndefined();
  });
});

describe("websocketUrl", () => {
  it("goes over the unix socket with ws+unix", () => {
    expect(
      websocketUrl({ kind: "unix", socketPath: "/var/lib/lxd/unix.socket" }, "abc-123", { secret: "s3cret" }),
    ).toBe("ws+unix:/var/lib/lxd/unix.socket:/1.0/operations/abc-123/websocket?secret=s3cret");
  });

  it("goes over TLS with wss, with the public flag and the project", () => {
    const url = websocketUrl(
      { kind: "https", url: "https://incus.example:8443", tls: {}, project: "prod" },
      "abc/123",
      { secret: "a b", public: true },
    );
    expect(url).toBe("wss://incus.example:8443/1.0/operations/abc%2F123/websocket?public&secret=a+b&project=prod");
  });
});
