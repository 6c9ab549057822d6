/**
 * Emulated generic Instances API and the Incus-style operations API beside it (`/1.0/operations`),
 * served under `/compute` so that its `/v1/instances` does not collide with Koyeb's.
 *
 * Behaviour: POST answers 201 with the instance in state "provisioning" and an `operation_id`; the
 * operation finishes after the emulator's op delay and the instance becomes "running" with a host
 * and IPs. DELETE answers 202 with an `operation_id`; the instance is "stopping" until the operation
 * finishes, then gone (404). Names are unique among live instances (409). An `image` of
 * "broken-image" makes the create operation fail, for error-path tests.
 */
import { randomBytes } from "node:crypto";
import type { ApiModule, EmulatorContext } from "../api";
import type { EmulatorRequest, EmulatorResponse, Router } from "../router";
import type { SeedComputeInstance, SeededObjects } from "../options";
import { isStringMap, knownFields, SeedError, seedField, seedList } from "../seed-error";
import { changeCompute } from "./change-objects";
import { EmulatedOperations } from "./incus-operations";

const BASE = "/compute";

export interface EmulatedComputeInstance {
  id: string;
  metadata: { name: string; labels: Record<string, string>; created_at: string };
  spec: {
    type: string;
    image: string;
    vcpus?: number;
    memory_mb?: number;
    disk_gb?: number;
    vpc_id?: string;
    subnet_id?: string;
    security_groups?: string[];
    ssh_key_ids?: string[];
    user_data?: string;
  };
  status: { state: string; host_id: string; private_ip: string; public_ip: string };
}

interface ComputeState {
  instances: Record<string, EmulatedComputeInstance>;
}

const error = (status: number, message: string, field?: string): EmulatorResponse => ({
  status,
  body: { error: { code: status, message, ...(field ? { field } : {}) } },
});

const isString = (v: unknown) => typeof v === "string" && v.trim() !== "";
const isInt = (v: unknown) => Number.isInteger(v) && (v as number) > 0;
const isStringList = (v: unknown) => Array.isArray(v) && v.every((x) => typeof x === "string");

/** Returns [field, problem] for the first invalid field of a create body. */
function invalidField(body: unknown): [string, string] | undefined {
  if (!body || typeof body !== "object") return ["body", "must be a JSON object"];
  const { metadata, spec } = body as { metadata?: Record<string, unknown>; spec?: Record<string, unknown> };
  if (!metadata || typeof metadata !== "object") return ["metadata", "is required"];
  if (!isString(metadata.name)) return ["metadata.name", "is required and must be a non-empty string"];
  if (!/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(String(metadata.name)))
    return ["metadata.name", "must be 1-63 lowercase letters, digits or hyphens"];
  if (
    metadata.labels !== undefined &&
    (typeof metadata.labels !== "object" || Object.values(metadata.labels as object).some((v) => typeof v !== "string"))
  )
    return ["metadata.labels", "must map strings to strings"];
  if (!spec || typeof spec !== "object") return ["spec", "is required"];
  if (!isString(spec.type)) return ["spec.type", "is required"];
  if (!isString(spec.image)) return ["spec.image", "is required"];
  for (const field of ["vcpus", "memory_mb", "disk_gb"])
    if (spec[field] !== undefined && !isInt(spec[field])) return [`spec.${field}`, "must be a positive integer"];
  for (const field of ["vpc_id", "subnet_id", "user_data"])
    if (spec[field] !== undefined && typeof spec[field] !== "string") return [`spec.${field}`, "must be a string"];
  for (const field of ["security_groups", "ssh_key_ids"])
    if (spec[field] !== undefined && !isStringList(spec[field])) return [`spec.${field}`, "must be a list of strings"];
  if (typeof spec.user_data === "string" && !/^[A-Za-z0-9+/]*={0,2}$/.test(spec.user_data))
    return ["spec.user_data", "must be base64-encoded"];
  return undefined;
}

function randomIp(prefix: string): string {
  const [a, b] = randomBytes(2);
  return `${prefix}.${(a % 250) + 2}.${(b % 250) + 2}`;
}

const SEED_FIELDS = [
  "id",
  "name",
  "type",
  "image",
  "labels",
  "userData",
  "vcpus",
  "memoryMb",
  "diskGb",
  "vpcId",
  "subnetId",
  "securityGroups",
  "sshKeyIds",
];

/**
 * Makes the seed's instances (running, as if made outside Pulumi); returns their ids as
 * ComputeInstance reports them. Every entry is checked before any is made, so a bad seed changes nothing.
 */
function seedInstances(section: unknown, state: ComputeState): NonNullable<SeededObjects["compute"]> {
  const instances: EmulatedComputeInstance[] = [];
  const optional = <T>(
    value: unknown,
    field: string,
    test: (value: unknown) => boolean,
    must: string,
  ): T | undefined => (value === undefined ? undefined : seedField<T>(value, field, test, must));
  const made = seedList(section, "compute", "instances").map((raw, index) => {
    const at = `compute.instances[${index}]`;
    knownFields(raw, at, SEED_FIELDS);
    const seed = raw as unknown as SeedComputeInstance;
    const id =
      optional<string>(
        seed.id,
        `${at}.id`,
        (v) => typeof v === "string" && /^[A-Za-z0-9._-]+$/.test(v),
        "an id such as inst-a1b2c3",
      ) ?? `inst-${randomBytes(4).toString("hex")}`;
    if (state.instances[id]) return { id, name: state.instances[id].metadata.name };
    const name = seedField<string>(
      seed.name,
      `${at}.name`,
      (v) => typeof v === "string" && /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/.test(v),
      "1-63 lowercase letters, digits or hyphens",
    );
    if (
      [...Object.values(state.instances), ...instances].some(
        (i) => i.metadata.name === name && i.status.state !== "terminated",
      )
    )
      throw new SeedError(`${at}.name: an instance named "${name}" already exists`);
    const count = (field: string, value: unknown) =>
      optional<number>(value, `${at}.${field}`, isInt, "a positive integer");
    const text = (field: string, value: unknown) =>
      optional<string>(value, `${at}.${field}`, isString, "a non-empty string");
    const list = (field: string, value: unknown) =>
      optional<string[]>(value, `${at}.${field}`, isStringList, "a list of strings");
    const userData = text("userData", seed.userData);
    instances.push({
      id,
      metadata: {
        name,
        labels: { ...optional<Record<string, string>>(seed.labels, `${at}.labels`, isStringMap, "a map of strings") },
        created_at: new Date().toISOString(),
      },
      spec: {
        type: text("type", seed.type) ?? "cx21",
        image: text("image", seed.image) ?? "ubuntu-22.04",
        vcpus: count("vcpus", seed.vcpus),
        memory_mb: count("memoryMb", seed.memoryMb),
        disk_gb: count("diskGb", seed.diskGb),
        vpc_id: text("vpcId", seed.vpcId),
        subnet_id: text("subnetId", seed.subnetId),
        security_groups: list("securityGroups", seed.securityGroups),
        ssh_key_ids: list("sshKeyIds", seed.sshKeyIds),
        user_data: userData === undefined ? undefined : Buffer.from(userData, "utf8").toString("base64"),
      },
      status: {
        state: "running",
        host_id: `host-${randomBytes(3).toString("hex")}`,
        private_ip: randomIp("10.0"),
        public_ip: randomIp("203.0"),
      },
    });
    return { id, name };
  });
  for (const instance of instances) state.instances[instance.id] = JSON.parse(JSON.stringify(instance));
  return { instances: made };
}

function register(router: Router, ctx: EmulatorContext): void {
  const state = ctx.store.slice<ComputeState>("compute", () => ({ instances: {} }));
  const operations = new EmulatedOperations(ctx, "computeOperations", BASE);
  operations.register(router);

  router.on("POST", `${BASE}/v1/instances`, (request) => {
    const problem = invalidField(request.body);
    if (problem) return error(400, `invalid field ${problem[0]}: ${problem[1]}`, problem[0]);
    const body = request.body as {
      metadata: { name: string; labels?: Record<string, string> };
      spec: EmulatedComputeInstance["spec"];
    };
    const taken = Object.values(state.instances).some(
      (i) => i.metadata.name === body.metadata.name && i.status.state !== "terminated",
    );
    if (taken) return error(409, `an instance named "${body.metadata.name}" already exists`, "metadata.name");
    const id = `inst-${randomBytes(4).toString("hex")}`;
    const instance: EmulatedComputeInstance = {
      id,
      metadata: { name: body.metadata.name, labels: body.metadata.labels ?? {}, created_at: new Date().toISOString() },
      spec: { ...body.spec },
      status: { state: "provisioning", host_id: "", private_ip: "", public_ip: "" },
    };
    state.instances[id] = instance;
    const broken = body.spec.image === "broken-image";
    const operation = operations.start(
      `Creating instance ${body.metadata.name}`,
      { instances: [`/v1/instances/${id}`] },
      {
        fail: broken ? `image "${body.spec.image}" could not be provisioned` : undefined,
        onSuccess: () => {
          Object.assign(instance.status, {
            state: "running",
            host_id: `host-${randomBytes(3).toString("hex")}`,
            private_ip: randomIp("10.0"),
            public_ip: randomIp("203.0"),
          });
        },
      },
    );
    if (broken) ctx.after(ctx.opDelayMs(), () => (instance.status.state = "error"));
    return { status: 201, body: { ...instance, operation_id: operation.id } };
  });

  router.on("GET", `${BASE}/v1/instances`, () => ({ status: 200, body: { items: Object.values(state.instances) } }));

  router.on("GET", `${BASE}/v1/instances/{id}`, (request) => {
    const instance = state.instances[request.params.id];
    return instance ? { status: 200, body: instance } : error(404, `instance ${request.params.id} not found`);
  });

  router.on("DELETE", `${BASE}/v1/instances/{id}`, (request) => {
    const instance = state.instances[request.params.id];
    if (!instance) return error(404, `instance ${request.params.id} not found`);
    instance.status.state = "stopping";
    const operation = operations.start(
      `Deleting instance ${instance.metadata.name}`,
      { instances: [`/v1/instances/${instance.id}`] },
      {
        cancellable: false,
        onSuccess: () => {
          delete state.instances[instance.id];
        },
      },
    );
    return { status: 202, body: { operation_id: operation.id } };
  });
}

function authenticate(request: EmulatorRequest, ctx: EmulatorContext): EmulatorResponse | undefined {
  // The `?public` operation variants authenticate with the operation's secret instead.
  if (request.query.has("public") && request.path.startsWith(`${BASE}/1.0/operations/`)) return undefined;
  if (request.headers.authorization === `Bearer ${ctx.credentials.computeToken}`) return undefined;
  return error(401, "missing or invalid bearer token");
}

export const computeApi: ApiModule = {
  name: "compute",
  prefixes: [`${BASE}/`],
  register,
  authenticate,
  seed: (section, ctx) =>
    seedInstances(
      section,
      ctx.store.slice<ComputeState>("compute", () => ({ instances: {} })),
    ),
  change: (section, ctx) =>
    changeCompute(section, ctx.store.slice<ComputeState>("compute", () => ({ instances: {} })).instances),
  errorBody: (status, message) => ({ error: { code: status, message } }),
  env: (url, credentials) => ({ COMPUTE_API_URL: `${url}${BASE}`, COMPUTE_API_TOKEN: credentials.computeToken }),
};
