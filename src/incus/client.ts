/**
 * Client for the Incus `/1.0` REST API (LXD serves the same): one method per API call, over the
 * unix socket or HTTPS (see connection.ts), with the `project` query parameter on every call and
 * Incus error envelopes turned into typed errors carrying the daemon's message. Calls that start
 * background work return the operation; `waitFor` long-polls it with `/wait?timeout=`.
 */
import { AuthError } from "../core/errors";
import {
  HttpClient,
  type HttpClientOptions,
  type HttpResponse,
  path,
  type QueryValue,
  type RequestOptions,
} from "../core/http";
import { type IncusEnvelope, type IncusOperation, IncusOperationsApi, operationIdOf } from "../core/incus-operations";
import type { Logger } from "../core/log";
import { createLogger } from "../core/log";
import { type IncusConnection, resolveConnection, type ResolveOptions } from "./connection";
import { incusErrors } from "./errors";
import { type ApiServer, type Daemon, identifyDaemon, refusalHint } from "./daemon";

/** The writable part of an instance (`InstancePut`), sent back whole by PUT. */
export interface ApiInstancePut {
  architecture: string;
  config: Record<string, string>;
  devices: Record<string, Record<string, string>>;
  ephemeral: boolean;
  profiles: string[];
  stateful: boolean;
  description: string;
}

/** An instance as `GET /1.0/instances/{name}` returns it. */
export interface ApiInstance extends ApiInstancePut {
  name: string;
  type: "container" | "virtual-machine" | string;
  status: string;
  status_code: number;
  created_at: string;
  last_used_at: string;
  location: string;
  project: string;
  expanded_config: Record<string, string>;
  expanded_devices: Record<string, Record<string, string>>;
}

/** Where a new instance's root filesystem comes from (`InstanceSource`, image case). */
export interface ApiImageSource {
  type: "image";
  alias?: string;
  fingerprint?: string;
  server?: string;
  protocol?: string;
}

/** `InstancesPost`. */
export interface ApiInstancesPost {
  name: string;
  type: string;
  source: ApiImageSource;
  config?: Record<string, string>;
  devices?: Record<string, Record<string, string>>;
  profiles?: string[];
  description?: string;
  start?: boolean;
}

/** `InstanceStatePut`. */
export interface ApiInstanceStatePut {
  action: "start" | "stop" | "restart" | "freeze" | "unfreeze";
  timeout?: number;
  force?: boolean;
  stateful?: boolean;
}

/** An image alias (`GET /1.0/images/aliases/{name}`). */
interface ApiImageAlias {
  name: string;
  target: string;
  type: string;
  description: string;
}

/** A snapshot (`GET /1.0/instances/{name}/snapshots/{snapshot}`). */
export interface ApiInstanceSnapshot {
  name: string;
  created_at: string;
  expires_at?: string;
  stateful: boolean;
  size?: number;
  description?: string;
}

/** An object read together with its ETag, for a later conditional write. */
export interface Tagged<T> {
  value: T;
  etag?: string;
}

/** What a call that starts background work returns. */
export type StartedOperation = IncusOperation;

/** How `waitFor` names and bounds the wait. */
interface WaitOptions {
  /** Names the step in progress lines ("create web"). */
  what: string;
  /** API operation name for errors ("createInstance"). */
  operation: string;
  timeoutMs: number;
  log: Logger;
}

/** One Incus daemon (and project): the REST calls the resources and functions use, plus its operations API. */
export class IncusClient {
  readonly operations: IncusOperationsApi;

  constructor(
    readonly http: HttpClient,
    readonly connection: IncusConnection,
  ) {
    this.operations = new IncusOperationsApi(http, connection.project);
  }

  /** A client for the connection in stack config / environment; `project` overrides `incus:project`. */
  static fromSettings(options: { project?: string; log?: Logger } & ResolveOptions = {}): IncusClient {
    const resolved = resolveConnection(options);
    return IncusClient.forConnection({ ...resolved, project: options.project ?? resolved.project }, options.log);
  }

  /** A client for an explicit connection (tests, tools). */
  static forConnection(connection: IncusConnection, log?: Logger): IncusClient {
    const options: HttpClientOptions = {
      cloud: "incus",
      // Over the socket the host part is ignored; only the path is sent.
      baseUrl: connection.kind === "unix" ? "http://incus" : connection.url,
      socketPath: connection.kind === "unix" ? connection.socketPath : undefined,
      tls: connection.kind === "https" ? connection.tls : undefined,
      headers:
        connection.kind === "https" && connection.bearerToken
          ? () => ({ authorization: `Bearer ${connection.bearerToken}` })
          : undefined,
      ...incusErrors,
      log: log ?? createLogger("incus"),
    };
    return new IncusClient(
      connection.kind === "https" ? new RemoteHttpClient(options, connection) : new HttpClient(options),
      connection,
    );
  }

  /** The project this client works in (undefined: the server's default project). */
  get project(): string | undefined {
    return this.connection.project;
  }

  private query(extra: Record<string, QueryValue> = {}): Record<string, QueryValue> {
    return { project: this.connection.project, ...extra };
  }

  private static etagOf(response: HttpResponse<unknown>): string | undefined {
    const etag = response.headers.etag;
    return typeof etag === "string" ? etag : undefined;
  }

  /** GET /1.0: server environment, API extensions and whether we are trusted. */
  async getServer(): Promise<ApiServer> {
    return (await this.http.json<IncusEnvelope<ApiServer>>({ operation: "serverGet", method: "GET", path: "/1.0" }))
      .metadata;
  }

  private identified?: Promise<Daemon>;

  /** Which daemon this is (Incus or LXD, version, API extensions), read once per client. */
  daemon(): Promise<Daemon> {
    this.identified ??= this.getServer().then(identifyDaemon);
    return this.identified;
  }

  /** GET /1.0/instances/{name}, with the ETag for a conditional PUT. */
  async getInstance(name: string): Promise<Tagged<ApiInstance>> {
    const response = await this.http.request<IncusEnvelope<ApiInstance>>({
      operation: "getInstance",
      method: "GET",
      path: path`/1.0/instances/${name}`,
      query: this.query(),
    });
    return { value: response.body.metadata, etag: IncusClient.etagOf(response) };
  }

  /** GET /1.0/instances?recursion=1 (the client's project, or every project). */
  async listInstances(options: { allProjects?: boolean } = {}): Promise<ApiInstance[]> {
    const query = options.allProjects ? { "all-projects": "true", recursion: 1 } : this.query({ recursion: 1 });
    return (
      (
        await this.http.json<IncusEnvelope<ApiInstance[]>>({
          operation: "listInstances",
          method: "GET",
          path: "/1.0/instances",
          query,
        })
      ).metadata ?? []
    );
  }

  /** POST /1.0/instances: creates (and optionally starts) an instance; returns the operation. Not retried. */
  async createInstance(body: ApiInstancesPost): Promise<StartedOperation> {
    return this.async({
      operation: "createInstance",
      method: "POST",
      path: "/1.0/instances",
      query: this.query(),
      body,
    });
  }

  /**
   * PUT /1.0/instances/{name} with If-Match: replaces the writable definition only if nobody changed
   * it since it was read (412 ConflictError otherwise).
   */
  async updateInstance(name: string, body: ApiInstancePut, etag: string | undefined): Promise<StartedOperation> {
    return this.async({
      operation: "updateInstance",
      method: "PUT",
      path: path`/1.0/instances/${name}`,
      query: this.query(),
      body,
      headers: etag ? { "if-match": etag } : undefined,
    });
  }

  /** PUT /1.0/instances/{name}/state: start, stop, restart, freeze, unfreeze. */
  async setInstanceState(name: string, body: ApiInstanceStatePut): Promise<StartedOperation> {
    return this.async({
      operation: "updateInstanceState",
      method: "PUT",
      path: path`/1.0/instances/${name}/state`,
      query: this.query(),
      body,
    });
  }

  /**
   * POST /1.0/instances/{name}/rebuild: a new root disk from `source`, keeping the instance's name,
   * config, devices and volatile keys (API extension `instances_rebuild`; the instance must be
   * stopped). Not retried.
   */
  async rebuildInstance(name: string, source: ApiImageSource): Promise<StartedOperation> {
    return this.async({
      operation: "rebuildInstance",
      method: "POST",
      path: path`/1.0/instances/${name}/rebuild`,
      query: this.query(),
      body: { source },
    });
  }

  /** DELETE /1.0/instances/{name} (the daemon refuses running or protected instances). */
  async deleteInstance(name: string): Promise<StartedOperation> {
    return this.async({
      operation: "deleteInstance",
      method: "DELETE",
      path: path`/1.0/instances/${name}`,
      query: this.query(),
    });
  }

  /** GET /1.0/images/aliases/{name}: which image fingerprint a local alias points at. */
  async getImageAlias(name: string): Promise<ApiImageAlias> {
    return (
      await this.http.json<IncusEnvelope<ApiImageAlias>>({
        operation: "getImageAlias",
        method: "GET",
        path: path`/1.0/images/aliases/${name}`,
        query: this.query(),
      })
    ).metadata;
  }

  /** GET /1.0/images/{fingerprint} (a unique prefix is accepted). */
  async getImage(
    fingerprint: string,
  ): Promise<{ fingerprint: string; aliases: Array<{ name: string }>; properties: Record<string, string> }> {
    return (
      await this.http.json<IncusEnvelope<never>>({
        operation: "getImage",
        method: "GET",
        path: path`/1.0/images/${fingerprint}`,
        query: this.query(),
      })
    ).metadata;
  }

  /** GET /1.0/instances/{name}/snapshots/{snapshot}, with its ETag. */
  async getSnapshot(instance: string, snapshot: string): Promise<Tagged<ApiInstanceSnapshot>> {
    const response = await this.http.request<IncusEnvelope<ApiInstanceSnapshot>>({
      operation: "getInstanceSnapshot",
      method: "GET",
      path: path`/1.0/instances/${instance}/snapshots/${snapshot}`,
      query: this.query(),
    });
    return { value: response.body.metadata, etag: IncusClient.etagOf(response) };
  }

  /** GET /1.0/instances/{name}/snapshots?recursion=1: the instance's snapshots. */
  async listSnapshots(instance: string): Promise<ApiInstanceSnapshot[]> {
    const query = this.query({ recursion: 1 });
    return (
      (
        await this.http.json<IncusEnvelope<ApiInstanceSnapshot[]>>({
          operation: "listInstanceSnapshots",
          method: "GET",
          path: path`/1.0/instances/${instance}/snapshots`,
          query,
        })
      ).metadata ?? []
    );
  }

  /** POST /1.0/instances/{name}/snapshots. Not retried. */
  async createSnapshot(
    instance: string,
    body: { name: string; stateful?: boolean; expires_at?: string },
  ): Promise<StartedOperation> {
    return this.async({
      operation: "createInstanceSnapshot",
      method: "POST",
      path: path`/1.0/instances/${instance}/snapshots`,
      query: this.query(),
      body,
    });
  }

  /** PUT /1.0/instances/{name}/snapshots/{snapshot} with If-Match (the expiry is the only writable field). */
  async updateSnapshot(
    instance: string,
    snapshot: string,
    body: { expires_at: string },
    etag: string | undefined,
  ): Promise<StartedOperation> {
    return this.async({
      operation: "updateInstanceSnapshot",
      method: "PUT",
      path: path`/1.0/instances/${instance}/snapshots/${snapshot}`,
      query: this.query(),
      body,
      headers: etag ? { "if-match": etag } : undefined,
    });
  }

  /** DELETE /1.0/instances/{name}/snapshots/{snapshot}. */
  async deleteSnapshot(instance: string, snapshot: string): Promise<StartedOperation> {
    return this.async({
      operation: "deleteInstanceSnapshot",
      method: "DELETE",
      path: path`/1.0/instances/${instance}/snapshots/${snapshot}`,
      query: this.query(),
    });
  }

  /**
   * Waits for an operation with `/wait?timeout=` long-polls, printing its id, status and elapsed
   * time; throws OperationFailedError carrying the operation's `err` when it fails or is cancelled.
   */
  async waitFor(started: StartedOperation, options: WaitOptions): Promise<IncusOperation> {
    if (started.id === "") return started;
    return this.operations.waitUntilDone(started.id, {
      what: `operation ${started.id} (${options.what})`,
      timeoutMs: options.timeoutMs,
      log: options.log,
      cloud: "incus",
      operation: options.operation,
      project: this.connection.project,
    });
  }

  /** Sends a request answered with an async envelope and returns its operation. */
  private async async(request: Parameters<HttpClient["json"]>[0]): Promise<StartedOperation> {
    const envelope = await this.http.json<IncusEnvelope<IncusOperation>>(request);
    // Some servers answer sync for work that finished at once; report it as a finished operation.
    if (envelope.type !== "async") return syncAsOperation(request.operation);
    return { ...envelope.metadata, id: operationIdOf(envelope) };
  }
}

/**
 * The HTTP client for a remote daemon: a 403 to a client that sent credentials is explained with
 * what the daemon is and what it accepts (the command that trusts a certificate differs between
 * Incus and LXD; bearer tokens exist on Incus only, as OIDC tokens).
 */
class RemoteHttpClient extends HttpClient {
  constructor(
    options: HttpClientOptions,
    private readonly remote: Extract<IncusConnection, { kind: "https" }>,
  ) {
    super(options);
  }

  override async request<T>(request: RequestOptions): Promise<HttpResponse<T>> {
    try {
      return await super.request<T>(request);
    } catch (error) {
      if (!(error instanceof AuthError) || request.operation === "serverGet") throw error;
      throw await this.explained(error);
    }
  }

  private async explained(error: AuthError): Promise<AuthError> {
    const credentials = {
      certificate: this.remote.tls.certificate !== undefined,
      bearerToken: this.remote.bearerToken !== undefined,
    };
    // No credentials: a `public` call, refused for its secret, not for trust.
    if (!credentials.certificate && !credentials.bearerToken) return error;
    const server = await super
      .request<IncusEnvelope<ApiServer>>({ operation: "serverGet", method: "GET", path: "/1.0" })
      .then((response) => response.body.metadata)
      .catch(() => undefined);
    // Trusted and still refused (a restricted certificate, a project it may not use): the daemon's message says it.
    if (!server || server.auth === "trusted") return error;
    const hint = refusalHint(identifyDaemon(server), credentials, this.remote.url);
    const { cloud, operation, statusCode, vendorMessage, requestId } = error;
    return new AuthError(`HTTP ${statusCode}: ${hint}`, {
      cloud,
      operation,
      statusCode,
      vendorMessage,
      requestId,
      cause: error,
    });
  }
}

function syncAsOperation(operation: string): StartedOperation {
  const now = new Date().toISOString();
  return {
    id: "",
    class: "task",
    description: operation,
    created_at: now,
    updated_at: now,
    status: "Success",
    status_code: 200,
    resources: null,
    metadata: null,
    may_cancel: false,
    err: "",
  };
}
