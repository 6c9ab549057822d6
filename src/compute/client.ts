/**
 * Client for the generic Instances API (`/v1/instances`): one method per API operation, plus the
 * Incus-style operations API (`/1.0/operations`) its create and delete report progress through.
 */
import { requireSetting } from "../core/credentials";
import { HttpClient, path } from "../core/http";
import { IncusOperationsApi } from "../core/incus-operations";
import type { Logger } from "../core/log";
import { computeErrors } from "./errors";
import { COMPUTE_SETTINGS } from "./settings";

/** An instance as the API returns it. */
export interface ApiComputeInstance {
  id: string;
  metadata: { name: string; labels?: Record<string, string>; created_at?: string };
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
  status: { state: string; host_id?: string; private_ip?: string; public_ip?: string };
  /** Present on the create response: the operation tracking provisioning. */
  operation_id?: string;
}

export type CreateComputeInstanceBody = Pick<ApiComputeInstance, "metadata" | "spec">;

export class ComputeClient {
  readonly operations: IncusOperationsApi;

  constructor(private readonly http: HttpClient) {
    this.operations = new IncusOperationsApi(http);
  }

  /** A client for the endpoint and token in stack config (`compute:endpoint`, `compute:token`) or env. */
  static fromSettings(log?: Logger): ComputeClient {
    const baseUrl = ComputeClient.endpoint();
    const http = new HttpClient({
      cloud: "compute",
      baseUrl,
      headers: () => ({ authorization: `Bearer ${requireSetting(COMPUTE_SETTINGS.token)}` }),
      ...computeErrors,
      log,
    });
    return new ComputeClient(http);
  }

  /** The configured endpoint (`compute:endpoint` or COMPUTE_API_URL). */
  static endpoint(): string {
    return requireSetting(COMPUTE_SETTINGS.endpoint);
  }

  /** Throws the CredentialsError a request would when the endpoint or the token is not configured. */
  static checkSettings(): void {
    ComputeClient.fromSettings();
    requireSetting(COMPUTE_SETTINGS.token);
  }

  /** POST /v1/instances: starts provisioning; the response carries `operation_id`. Not idempotent. */
  createInstance(body: CreateComputeInstanceBody): Promise<ApiComputeInstance> {
    return this.http.json({ operation: "createInstance", method: "POST", path: "/v1/instances", body });
  }

  /** GET /v1/instances. */
  async listInstances(): Promise<ApiComputeInstance[]> {
    const page = await this.http.json<{ items?: ApiComputeInstance[] }>({
      operation: "listInstances",
      method: "GET",
      path: "/v1/instances",
    });
    return page.items ?? [];
  }

  /** GET /v1/instances/{id}. */
  getInstance(id: string): Promise<ApiComputeInstance> {
    return this.http.json({ operation: "getInstance", method: "GET", path: path`/v1/instances/${id}` });
  }

  /** DELETE /v1/instances/{id}: answers 202 with the operation tracking the deletion. */
  deleteInstance(id: string): Promise<{ operation_id: string }> {
    return this.http.json({ operation: "deleteInstance", method: "DELETE", path: path`/v1/instances/${id}` });
  }
}
