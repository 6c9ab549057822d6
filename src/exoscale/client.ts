/**
 * Client for the Exoscale API v2, compute instance operations plus the lookups it needs
 * (operations, snapshots, instance types, templates, zones). One method per API operation, each a
 * single signed request; `waitForOperation` follows the asynchronous operation every mutation
 * returns. Endpoint: `https://api-{zone}.exoscale.com/v2`, or `EXOSCALE_API_ENDPOINT` (with `{zone}`
 * substituted when present).
 */
import { requireSetting, optionalSetting } from "../core/credentials";
import { InvalidArgumentsError, OperationFailedError } from "../core/errors";
import { HttpClient, path } from "../core/http";
import { isUuid } from "../core/ids";
import type { Logger } from "../core/log";
import { createLogger } from "../core/log";
import { pollUntil } from "../core/waiter";
import { exoscaleErrors } from "./errors";
import { EXOSCALE_DEFAULT_ENDPOINT, EXOSCALE_SETTINGS } from "./settings";
import { authorizationHeader, expiryFromNow } from "./signer";

/** The `operation` every Exoscale mutation returns. */
export interface ApiOperation {
  id: string;
  state: "pending" | "success" | "failure" | "timeout";
  reference?: { id?: string; link?: string; command?: string };
  reason?: string;
  message?: string;
}

interface ApiInstanceType {
  id: string;
  family?: string;
  size?: string;
  cpus?: number;
  memory?: number;
  gpus?: number;
  authorized?: boolean;
  zones?: string[];
}

interface ApiTemplate {
  id: string;
  name?: string;
  family?: string;
  version?: string;
  visibility?: "public" | "private";
  "default-user"?: string;
  "password-enabled"?: boolean;
  "created-at"?: string;
  zones?: string[];
}

type PublicIpAssignment = "inet4" | "dual" | "none";

/** An instance as the API returns it (the fields we use). */
export interface ApiInstance {
  id: string;
  name?: string;
  state?: string;
  "instance-type"?: ApiInstanceType;
  template?: ApiTemplate;
  "disk-size"?: number;
  labels?: Record<string, string>;
  "public-ip-assignment"?: PublicIpAssignment;
  "public-ip"?: string;
  "ipv6-address"?: string;
  "mac-address"?: string;
  "security-groups"?: Array<{ id?: string }>;
  "ssh-keys"?: Array<{ name?: string; fingerprint?: string }>;
  "ssh-key"?: { name?: string };
  "user-data"?: string;
  "tpm-enabled"?: boolean;
  "secureboot-enabled"?: boolean;
  snapshots?: Array<{ id?: string }>;
  "created-at"?: string;
}

export interface ApiSnapshot {
  id: string;
  name?: string;
  state?: string;
  size?: number;
  "created-at"?: string;
  instance?: { id?: string; name?: string };
}

export interface CreateInstanceBody {
  name?: string;
  "instance-type": { id: string };
  template: { id: string };
  "disk-size": number;
  labels?: Record<string, string>;
  "user-data"?: string;
  "public-ip-assignment"?: PublicIpAssignment;
  "ssh-keys"?: Array<{ name: string }>;
  "security-groups"?: Array<{ id: string }>;
  "tpm-enabled"?: boolean;
  "secureboot-enabled"?: boolean;
  "auto-start"?: boolean;
}

export interface UpdateInstanceBody {
  name?: string;
  "user-data"?: string;
  "public-ip-assignment"?: PublicIpAssignment;
  labels?: Record<string, string>;
}

export interface ListInstancesFilter {
  managerId?: string;
  managerType?: "instance-pool";
  ipAddress?: string;
  /** `key=value` pairs (or bare keys), comma-separated, as the API's `labels` filter takes them. */
  labels?: string;
}

interface WaitOptions {
  /** Describes the operation in progress lines ("scale web to standard.medium"). */
  what: string;
  timeoutMs: number;
  log?: Logger;
}

/** The endpoint for `zone`: `EXOSCALE_API_ENDPOINT` (or `exoscale:apiEndpoint`) or the public one. */
export function endpointFor(zone: string): string {
  const configured = optionalSetting(EXOSCALE_SETTINGS.endpoint);
  return (configured ?? EXOSCALE_DEFAULT_ENDPOINT).replace(/\{zone\}/g, zone);
}

type MutationRequest = Omit<Parameters<HttpClient["json"]>[0], "operation">;

// Catalogue lookups are shared by every resource of one provider process, per endpoint, zone and key.
const catalogueCache = new Map<string, Promise<unknown>>();

export class ExoscaleClient {
  private readonly log: Logger;
  /** Which API call started each operation, so that a failure names it ("stopInstance"). */
  private readonly startedBy = new WeakMap<ApiOperation, string>();

  constructor(
    private readonly http: HttpClient,
    /** The zone this client talks to. */
    readonly zone: string,
    private readonly cacheKey: string,
    log?: Logger,
  ) {
    this.log = log ?? createLogger("exoscale");
  }

  /** A client for `zone` with credentials from `exoscale:apiKey`/`exoscale:apiSecret` or EXOSCALE_API_KEY/EXOSCALE_API_SECRET. */
  static forZone(zone: string, log?: Logger): ExoscaleClient {
    const baseUrl = endpointFor(zone);
    const { key, secret } = ExoscaleClient.credentials();
    const http = new HttpClient({
      cloud: "exoscale",
      baseUrl,
      sign: (request) => ({
        authorization: authorizationHeader(
          key(),
          secret(),
          { method: request.method, path: request.url.pathname, body: request.body, query: request.url.searchParams },
          expiryFromNow(),
        ),
      }),
      ...exoscaleErrors,
      log,
    });
    // Per key too: in a program, functions given different accounts share this process (private templates differ).
    return new ExoscaleClient(http, zone, `${baseUrl}|${zone}|${key()}`, log);
  }

  /**
   * The API key and secret, read at each request; throws the CredentialsError naming both places
   * to configure when one is missing, now rather than at the first request.
   */
  static credentials(): { key: () => string; secret: () => string } {
    const key = () => requireSetting(EXOSCALE_SETTINGS.apiKey);
    const secret = () => requireSetting(EXOSCALE_SETTINGS.apiSecret);
    key();
    secret();
    return { key, secret };
  }

  // ---- instances (the API reference's "Compute instance" operations) ----

  /** POST /instance: creates an instance; the operation's reference is the new instance. Not idempotent. */
  createInstance(body: CreateInstanceBody): Promise<ApiOperation> {
    return this.started("createInstance", { method: "POST", path: "/instance", body });
  }

  /** GET /instance, with the API's optional filters. */
  async listInstances(filter: ListInstancesFilter = {}): Promise<ApiInstance[]> {
    const query = {
      "manager-id": filter.managerId,
      "manager-type": filter.managerType,
      "ip-address": filter.ipAddress,
      labels: filter.labels,
    };
    const page = await this.http.json<{ instances?: ApiInstance[] }>({
      operation: "listInstances",
      method: "GET",
      path: "/instance",
      query,
    });
    return page.instances ?? [];
  }

  /** GET /organization: the organization the API key belongs to (the same for every key of it). */
  getOrganization(): Promise<{ id: string; name?: string }> {
    return this.http.json({ operation: "getOrganization", method: "GET", path: "/organization" });
  }

  /** GET /instance/{id}. */
  getInstance(id: string): Promise<ApiInstance> {
    return this.http.json({ operation: "getInstance", method: "GET", path: path`/instance/${id}` });
  }

  /** PUT /instance/{id}: name, user data, public IP assignment, labels. */
  updateInstance(id: string, body: UpdateInstanceBody): Promise<ApiOperation> {
    return this.started("updateInstance", { method: "PUT", path: path`/instance/${id}`, body });
  }

  /** DELETE /instance/{id}: 403 while the instance is protected. */
  deleteInstance(id: string): Promise<ApiOperation> {
    return this.started("deleteInstance", { method: "DELETE", path: path`/instance/${id}` });
  }

  /** DELETE /instance/{id}/{field}: resets a field to its default (the API allows `labels`). */
  resetInstanceField(id: string, field: "labels"): Promise<ApiOperation> {
    return this.started("resetInstanceField", { method: "DELETE", path: path`/instance/${id}/${field}` });
  }

  /** PUT /instance/{id}:add-protection: the API then refuses to delete the instance. */
  addInstanceProtection(id: string): Promise<ApiOperation> {
    return this.started("addInstanceProtection", { method: "PUT", path: path`/instance/${id}:add-protection` });
  }

  /** PUT /instance/{id}:remove-protection. */
  removeInstanceProtection(id: string): Promise<ApiOperation> {
    return this.started("removeInstanceProtection", { method: "PUT", path: path`/instance/${id}:remove-protection` });
  }

  /** POST /instance/{id}:create-snapshot: the operation's reference is the new snapshot. Not idempotent. */
  createSnapshot(id: string): Promise<ApiOperation> {
    return this.started("createSnapshot", { method: "POST", path: path`/instance/${id}:create-snapshot` });
  }

  /** POST /instance/{id}:enable-tpm (one way: TPM cannot be disabled). */
  enableTpm(id: string): Promise<ApiOperation> {
    return this.started("enableTpm", { method: "POST", path: path`/instance/${id}:enable-tpm` });
  }

  /** GET /instance/{id}:password: the password set at creation or by the latest reset. */
  revealInstancePassword(id: string): Promise<{ password?: string }> {
    return this.http.json({ operation: "revealInstancePassword", method: "GET", path: path`/instance/${id}:password` });
  }

  /** PUT /instance/{id}:reboot (running instances only). */
  rebootInstance(id: string): Promise<ApiOperation> {
    return this.started("rebootInstance", { method: "PUT", path: path`/instance/${id}:reboot`, idempotent: false });
  }

  /** PUT /instance/{id}:reset: recreates the disk from a template (the current one when unset). */
  resetInstance(id: string, body: { template?: { id: string }; "disk-size"?: number } = {}): Promise<ApiOperation> {
    return this.started("resetInstance", { method: "PUT", path: path`/instance/${id}:reset`, body, idempotent: false });
  }

  /** PUT /instance/{id}:reset-password. */
  resetInstancePassword(id: string): Promise<ApiOperation> {
    return this.started("resetInstancePassword", {
      method: "PUT",
      path: path`/instance/${id}:reset-password`,
      idempotent: false,
    });
  }

  /** PUT /instance/{id}:resize-disk (stopped instances; grow only). */
  resizeInstanceDisk(id: string, diskSize: number): Promise<ApiOperation> {
    return this.started("resizeInstanceDisk", {
      method: "PUT",
      path: path`/instance/${id}:resize-disk`,
      body: { "disk-size": diskSize },
    });
  }

  /** PUT /instance/{id}:scale (stopped instances). */
  scaleInstance(id: string, instanceTypeId: string): Promise<ApiOperation> {
    return this.started("scaleInstance", {
      method: "PUT",
      path: path`/instance/${id}:scale`,
      body: { "instance-type": { id: instanceTypeId } },
    });
  }

  /** PUT /instance/{id}:start (stopped instances; the API answers 400 for a running one). */
  startInstance(id: string, rescueProfile?: "netboot" | "netboot-efi"): Promise<ApiOperation> {
    return this.started("startInstance", {
      method: "PUT",
      path: path`/instance/${id}:start`,
      body: rescueProfile ? { "rescue-profile": rescueProfile } : {},
      idempotent: false,
    });
  }

  /** PUT /instance/{id}:stop (running instances). */
  stopInstance(id: string): Promise<ApiOperation> {
    return this.started("stopInstance", { method: "PUT", path: path`/instance/${id}:stop`, idempotent: false });
  }

  /** POST /instance/{instance-id}:revert-snapshot (stopped instances). */
  revertInstanceToSnapshot(instanceId: string, snapshotId: string): Promise<ApiOperation> {
    return this.started("revertInstanceToSnapshot", {
      method: "POST",
      path: path`/instance/${instanceId}:revert-snapshot`,
      body: { id: snapshotId },
    });
  }

  /** GET /console/{id}: a console-proxy websocket URL, valid for 60 seconds. */
  getConsoleProxyUrl(id: string): Promise<{ url?: string; host?: string; path?: string }> {
    return this.http.json({ operation: "getConsoleProxyUrl", method: "GET", path: path`/console/${id}` });
  }

  // ---- lookups ----

  /** GET /operation/{id}. */
  getOperation(id: string): Promise<ApiOperation> {
    return this.http.json({ operation: "getOperation", method: "GET", path: path`/operation/${id}` });
  }

  /** GET /snapshot. */
  async listSnapshots(): Promise<ApiSnapshot[]> {
    return (
      (
        await this.http.json<{ snapshots?: ApiSnapshot[] }>({
          operation: "listSnapshots",
          method: "GET",
          path: "/snapshot",
        })
      ).snapshots ?? []
    );
  }

  /** GET /snapshot/{id}. */
  getSnapshot(id: string): Promise<ApiSnapshot> {
    return this.http.json({ operation: "getSnapshot", method: "GET", path: path`/snapshot/${id}` });
  }

  /** DELETE /snapshot/{id}. */
  deleteSnapshot(id: string): Promise<ApiOperation> {
    return this.started("deleteSnapshot", { method: "DELETE", path: path`/snapshot/${id}` });
  }

  /** GET /instance-type (cached per process). */
  listInstanceTypes(): Promise<ApiInstanceType[]> {
    return this.cached(
      "instance-types",
      async () =>
        (
          await this.http.json<{ "instance-types"?: ApiInstanceType[] }>({
            operation: "listInstanceTypes",
            method: "GET",
            path: "/instance-type",
          })
        )["instance-types"] ?? [],
    );
  }

  /** GET /instance-type/{id}. */
  getInstanceType(id: string): Promise<ApiInstanceType> {
    return this.http.json({ operation: "getInstanceType", method: "GET", path: path`/instance-type/${id}` });
  }

  /** GET /template?visibility=… (cached per process). */
  listTemplates(visibility: "public" | "private" = "public"): Promise<ApiTemplate[]> {
    return this.cached(
      `templates-${visibility}`,
      async () =>
        (
          await this.http.json<{ templates?: ApiTemplate[] }>({
            operation: "listTemplates",
            method: "GET",
            path: "/template",
            query: { visibility },
          })
        ).templates ?? [],
    );
  }

  /** GET /template/{id}. */
  getTemplate(id: string): Promise<ApiTemplate> {
    return this.http.json({ operation: "getTemplate", method: "GET", path: path`/template/${id}` });
  }

  /** GET /zone. */
  async listZones(): Promise<Array<{ name?: string; "api-endpoint"?: string }>> {
    return (
      (
        await this.http.json<{ zones?: Array<{ name?: string }> }>({
          operation: "listZones",
          method: "GET",
          path: "/zone",
        })
      ).zones ?? []
    );
  }

  // ---- helpers over the operations above ----

  /** Sends a mutation and remembers its name for the operation it returns. */
  /**
   * Sends an action that answers with an operation. Power actions, reboots and resets are PUTs but
   * not idempotent in effect: a repeat sent after a timeout can be overtaken by the original, which
   * then undoes the steps after it (a late `:stop` after our `:start`). They pass `idempotent: false`,
   * so the HTTP layer never repeats them after an ambiguous failure; the caller reads the effect back.
   */
  private async started(operation: string, request: MutationRequest): Promise<ApiOperation> {
    const answer = await this.http.json<ApiOperation>({ operation, ...request });
    this.startedBy.set(answer, operation);
    return answer;
  }

  /**
   * Follows an operation until it is no longer pending. The response already in hand is used when it
   * is final; a pending one is asked about again at once (`GET /operation/{id}`), because most
   * actions end within one round trip and a pause before that first look was the largest part of a
   * create or delete against a fast API (test/bench part 6). Later looks back off as `pollUntil`
   * schedules. `failure` or `timeout` raise OperationFailedError with the operation's reason (as
   * `vendorCode`) and message.
   */
  async waitForOperation(operation: ApiOperation, options: WaitOptions): Promise<ApiOperation> {
    let inHand: ApiOperation | undefined = operation;
    let last = operation;
    const operationName = this.startedBy.get(operation) ?? operation.reference?.command ?? "getOperation";
    try {
      return await pollUntil({
        what: `${options.what} (operation ${operation.id})`,
        cloud: "exoscale",
        operation: operationName,
        timeoutMs: options.timeoutMs,
        log: options.log ?? this.log,
        poll: async () => {
          const next = inHand && inHand.state !== "pending" ? inHand : await this.getOperation(operation.id);
          inHand = undefined;
          last = next;
          return next;
        },
        status: (op) => ({
          state: op.state,
          done: op.state !== "pending",
          failure:
            op.state === "failure" || op.state === "timeout"
              ? `${op.reason ?? "unknown"}: ${op.message ?? "no message"}`
              : undefined,
        }),
      });
    } catch (error) {
      if (!(error instanceof OperationFailedError)) throw error;
      throw new OperationFailedError(`${options.what}: operation ${operation.id} ended in state "${last.state}"`, {
        cloud: "exoscale",
        operation: operationName,
        vendorCode: last.reason,
        vendorMessage: last.message,
        details: last,
      });
    }
  }

  /** The UUID of an instance type given as `family.size` (case-insensitive) or as a UUID. */
  async resolveInstanceType(value: string): Promise<string> {
    if (isUuid(value)) return value.toLowerCase();
    const types = await this.listInstanceTypes();
    const wanted = value.toLowerCase();
    const found = types.find((t) => `${t.family}.${t.size}` === wanted);
    if (found && (!found.zones || found.zones.includes(this.zone))) return found.id;
    const names = types
      .filter((t) => !t.zones || t.zones.includes(this.zone))
      .map((t) => `${t.family}.${t.size}`)
      .sort();
    throw new InvalidArgumentsError(
      [
        {
          argument: "instanceType",
          reason: `"${value}" is not an instance type available in ${this.zone}; use a UUID or one of ${names.join(", ")}`,
        },
      ],
      { cloud: "exoscale" },
    );
  }

  /** The UUID of a template given by name (public first, then private; the newest build wins) or as a UUID. */
  async resolveTemplate(value: string): Promise<string> {
    if (isUuid(value)) return value.toLowerCase();
    for (const visibility of ["public", "private"] as const) {
      const matches = (await this.listTemplates(visibility)).filter(
        (t) => t.name === value && (!t.zones || t.zones.includes(this.zone)),
      );
      if (matches.length > 0)
        return matches.sort((a, b) => String(b["created-at"] ?? "").localeCompare(String(a["created-at"] ?? "")))[0].id;
    }
    const names = (await this.listTemplates("public")).map((t) => t.name).filter((name): name is string => !!name);
    throw new InvalidArgumentsError(
      [
        {
          argument: "template",
          reason: `no template named "${value}" in ${this.zone}; use a UUID or one of: ${[...new Set(names)].sort().join(", ")}`,
        },
      ],
      { cloud: "exoscale" },
    );
  }

  private cached<T>(what: string, load: () => Promise<T>): Promise<T> {
    const key = `${this.cacheKey}|${what}`;
    let entry = catalogueCache.get(key) as Promise<T> | undefined;
    if (!entry) {
      entry = load();
      catalogueCache.set(key, entry);
      entry.catch(() => catalogueCache.delete(key));
    }
    return entry;
  }
}
