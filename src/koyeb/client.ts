/**
 * Client for Koyeb's API v1 instances: one method per read operation, plus the exec stream's
 * address. The token comes from `koyeb:token` or KOYEB_TOKEN / KOYEB_API_KEY at call time and is
 * only ever sent, never printed (it is registered for redaction).
 */
import { optionalSetting, requireSetting } from "../core/credentials";
import { HttpClient, path, type QueryValue } from "../core/http";
import type { Logger } from "../core/log";
import { koyebErrors } from "./errors";
import type { KoyebInstanceStatus } from "./schema";
import { collectOffsetPages, MAX_LIMIT, type OffsetPage } from "./paging";
import { KOYEB_API_URL, KOYEB_SETTINGS } from "./settings";

/** An instance as the API returns it (GetInstance has a few more fields than the list). */
export interface ApiKoyebInstance {
  id: string;
  created_at?: string;
  updated_at?: string;
  organization_id?: string;
  app_id?: string;
  service_id?: string;
  regional_deployment_id?: string;
  allocation_id?: string;
  type?: string;
  replica_index?: number | string;
  region?: string;
  datacenter?: string;
  hypervisor?: string;
  status?: KoyebInstanceStatus;
  messages?: string[];
  started_at?: string;
  succeeded_at?: string;
  terminated_at?: string;
  xyz_deployment_id?: string;
}

export interface ApiKoyebInstanceEvent {
  id: string;
  when?: string;
  organization_id?: string;
  instance_id?: string;
  type?: string;
  message?: string;
  metadata?: Record<string, unknown>;
}

/** ListInstances filters (the API's query names, typed). */
interface InstanceFilters {
  app_id?: string;
  service_id?: string;
  deployment_id?: string;
  regional_deployment_id?: string;
  allocation_id?: string;
  replica_index?: number;
  statuses?: KoyebInstanceStatus[];
  order?: "asc" | "desc";
  starting_time?: string;
  ending_time?: string;
}

/** ListInstanceEvents filters. */
interface InstanceEventFilters {
  instance_ids?: string[];
  types?: string[];
  order?: "asc" | "desc";
}

export class KoyebClient {
  constructor(
    private readonly http: HttpClient,
    /** Base URL, e.g. https://app.koyeb.com. */
    readonly baseUrl: string,
    private readonly tokenOf: () => string,
  ) {}

  /** A client for the endpoint and token in stack config (`koyeb:*`) or the KOYEB_* environment variables. */
  static fromSettings(log?: Logger): KoyebClient {
    const baseUrl = optionalSetting(KOYEB_SETTINGS.apiUrl) ?? KOYEB_API_URL;
    const token = () => requireSetting(KOYEB_SETTINGS.token);
    const http = new HttpClient({
      cloud: "koyeb",
      baseUrl,
      headers: () => ({ authorization: `Bearer ${token()}` }),
      ...koyebErrors,
      log,
    });
    return new KoyebClient(http, baseUrl, token);
  }

  /** The token, for the exec stream's handshake only. */
  token(): string {
    return this.tokenOf();
  }

  /** GET /v1/instances/{id}. */
  async getInstance(id: string): Promise<ApiKoyebInstance> {
    return (
      await this.http.json<{ instance: ApiKoyebInstance }>({
        operation: "getInstance",
        method: "GET",
        path: path`/v1/instances/${id}`,
      })
    ).instance;
  }

  /** GET /v1/instances: one page. */
  async listInstancesPage(
    filters: InstanceFilters,
    offset: number,
    limit: number,
  ): Promise<OffsetPage<ApiKoyebInstance>> {
    const query: Record<string, QueryValue> = { ...filters, limit, offset };
    const reply = await this.http.json<{ instances?: ApiKoyebInstance[]; count?: number | string }>({
      operation: "listInstances",
      method: "GET",
      path: "/v1/instances",
      query,
    });
    return { items: reply.instances ?? [], count: reply.count === undefined ? undefined : Number(reply.count) };
  }

  /** Every instance matching `filters`, following every page. */
  listInstances(filters: InstanceFilters = {}, pageSize = MAX_LIMIT): Promise<ApiKoyebInstance[]> {
    return collectOffsetPages((offset, limit) => this.listInstancesPage(filters, offset, limit), pageSize);
  }

  /** GET /v1/instance_events: one page. */
  async listInstanceEventsPage(
    filters: InstanceEventFilters,
    offset: number,
    limit: number,
  ): Promise<OffsetPage<ApiKoyebInstanceEvent>> {
    const query: Record<string, QueryValue> = { ...filters, limit, offset };
    const reply = await this.http.json<{ events?: ApiKoyebInstanceEvent[]; has_next?: boolean }>({
      operation: "listInstanceEvents",
      method: "GET",
      path: "/v1/instance_events",
      query,
    });
    return { items: reply.events ?? [], hasNext: reply.has_next };
  }

  /** Every event matching `filters`, following every page. */
  listInstanceEvents(filters: InstanceEventFilters = {}, pageSize = MAX_LIMIT): Promise<ApiKoyebInstanceEvent[]> {
    return collectOffsetPages((offset, limit) => this.listInstanceEventsPage(filters, offset, limit), pageSize);
  }

  /** ws(s)://…/v1/streams/instances/exec?id=… for the exec websocket. */
  execUrl(instanceId: string): string {
    const url = new URL(`${this.baseUrl.replace(/\/+$/, "")}/v1/streams/instances/exec`);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    url.searchParams.set("id", instanceId);
    return url.toString();
  }
}
