/**
 * Client for the Scaleway Instance API v1's images: one method per API operation.
 * Credentials, endpoint, default zone and project are resolved when the client is made, from stack
 * config or the official SCW_* environment variables, never captured anywhere else.
 *
 * Busy images answer 409 `transient_state`; the mutating calls wait and try again with backoff,
 * since the same request succeeds once the image has settled.
 */
import { ApiError, AuthError } from "../core/errors";
import { optionalSetting, requireSetting } from "../core/credentials";
import { HttpClient, path, type QueryValue } from "../core/http";
import type { Logger } from "../core/log";
import { createLogger, formatElapsed } from "../core/log";
import { isTransientState, scalewayErrors } from "./errors";
import { collectNumberedPages, MAX_PER_PAGE, type NumberedPage } from "./paging";
import { DEFAULT_ZONE, SCALEWAY_API_URL, SCALEWAY_SETTINGS } from "./settings";

type ScalewayArch = "x86_64" | "arm" | "arm64";
type ScalewayImageState = "creating" | "available" | "error";

/** A volume of an image as the API returns it (the root volume is a summary of its snapshot). */
interface ApiImageVolume {
  id: string;
  name?: string;
  size?: number;
  volume_type?: string;
}

/** An image as the API returns it. */
export interface ApiScalewayImage {
  id: string;
  name: string;
  arch: ScalewayArch;
  creation_date?: string | null;
  modification_date?: string | null;
  default_bootscript?: unknown;
  extra_volumes?: Record<string, ApiImageVolume> | null;
  from_server?: string | null;
  organization: string;
  public: boolean;
  root_volume?: ApiImageVolume | null;
  state: ScalewayImageState;
  project: string;
  tags?: string[] | null;
  zone: string;
}

/** CreateImage body. `extra_volumes` maps positions ("1", "2", …) to snapshot ids. */
interface CreateImageBody {
  name: string;
  root_volume: string;
  arch: ScalewayArch;
  extra_volumes?: Record<string, { id: string }>;
  project: string;
  tags: string[];
  public: boolean;
}

/** UpdateImage (PATCH) body: only the fields sent change. */
export interface UpdateImageBody {
  name?: string;
  arch?: ScalewayArch;
  extra_volumes?: Record<string, { id: string }>;
  tags?: string[];
  public?: boolean;
}

/** ListImages filters. `name` is a substring match on the server. `tags` must all be present. */
interface ListImagesFilters {
  name?: string;
  public?: boolean;
  arch?: string;
  project?: string;
  organization?: string;
  tags?: string[];
}

/** A snapshot as GetSnapshot returns it (the fields we use). */
interface ApiScalewaySnapshot {
  id: string;
  name?: string;
  zone?: string;
}

// Snapshot lookups are shared by every image of one provider process, per endpoint, zone and id.
const snapshotCache = new Map<string, Promise<ApiScalewaySnapshot>>();

export class ScalewayClient {
  constructor(
    private readonly http: HttpClient,
    /** Zone for calls that do not name one. */
    readonly defaultZone: string,
    /** Project for creates that do not name one, when configured. */
    readonly defaultProject: string | undefined,
    private readonly log: Logger = createLogger("scaleway"),
    /** The API URL, so that cached lookups of one endpoint are never served for another. */
    private readonly baseUrl = SCALEWAY_API_URL,
  ) {}

  /** Throws the CredentialsError a request would when the secret key is not configured. */
  static checkCredentials(): void {
    requireSetting(SCALEWAY_SETTINGS.secretKey);
  }

  /** A client for the endpoint and key in stack config (`scaleway:*`) or the SCW_* environment variables. */
  static fromSettings(log?: Logger): ScalewayClient {
    const baseUrl = optionalSetting(SCALEWAY_SETTINGS.apiUrl) ?? SCALEWAY_API_URL;
    const http = new HttpClient({
      cloud: "scaleway",
      baseUrl,
      headers: () => ({ "x-auth-token": requireSetting(SCALEWAY_SETTINGS.secretKey) }),
      ...scalewayErrors,
      log,
    });
    const zone = optionalSetting(SCALEWAY_SETTINGS.zone) ?? DEFAULT_ZONE;
    const project = optionalSetting(SCALEWAY_SETTINGS.projectId);
    return new ScalewayClient(http, zone, project, log, baseUrl);
  }

  /** The project for a create: the given one, else `scaleway:projectId` / SCW_DEFAULT_PROJECT_ID, else an error naming both. */
  projectFor(explicit: string | undefined): string {
    return (
      explicit ??
      this.defaultProject ??
      requireSetting({ ...SCALEWAY_SETTINGS.projectId, what: "Scaleway project ID (the `project` input)" })
    );
  }

  /** GET /instance/v1/zones/{zone}/images: one page and the total from X-Total-Count. */
  async listImagesPage(
    zone: string,
    filters: ListImagesFilters,
    page: number,
    perPage = MAX_PER_PAGE,
  ): Promise<NumberedPage<ApiScalewayImage>> {
    const query: Record<string, QueryValue> = {
      page,
      per_page: perPage,
      name: filters.name,
      public: filters.public,
      arch: filters.arch,
      project: filters.project,
      organization: filters.organization,
      tags: filters.tags && filters.tags.length > 0 ? filters.tags.join(",") : undefined,
    };
    const response = await this.refine(() =>
      this.http.request<{ images?: ApiScalewayImage[] }>({
        operation: "listImages",
        method: "GET",
        path: path`/instance/v1/zones/${zone}/images`,
        query,
      }),
    );
    const total = Number(response.headers["x-total-count"]);
    return { items: response.body.images ?? [], total: Number.isFinite(total) ? total : undefined };
  }

  /** Every image matching `filters`, following every page. */
  listImages(zone: string, filters: ListImagesFilters = {}, perPage = MAX_PER_PAGE): Promise<ApiScalewayImage[]> {
    return collectNumberedPages((page, size) => this.listImagesPage(zone, filters, page, size), perPage);
  }

  /** POST /instance/v1/zones/{zone}/images: answers 201 with the image "creating". Not idempotent. */
  async createImage(zone: string, body: CreateImageBody): Promise<ApiScalewayImage> {
    const response = await this.refine(() =>
      this.http.json<{ image: ApiScalewayImage }>({
        operation: "createImage",
        method: "POST",
        path: path`/instance/v1/zones/${zone}/images`,
        body,
      }),
    );
    return response.image;
  }

  /** GET /instance/v1/zones/{zone}/images/{image_id}. */
  async getImage(zone: string, id: string): Promise<ApiScalewayImage> {
    const response = await this.refine(() =>
      this.http.json<{ image: ApiScalewayImage }>({
        operation: "getImage",
        method: "GET",
        path: path`/instance/v1/zones/${zone}/images/${id}`,
      }),
    );
    return response.image;
  }

  /**
   * GET /instance/v1/zones/{zone}/snapshots/{snapshot_id}, once per endpoint, zone and id for the
   * life of the process (a failed lookup is not kept).
   */
  getSnapshot(zone: string, id: string): Promise<ApiScalewaySnapshot> {
    const key = `${this.baseUrl}|${zone}|${id}`;
    let entry = snapshotCache.get(key);
    if (!entry) {
      entry = this.http
        .json<{ snapshot: ApiScalewaySnapshot }>({
          operation: "getSnapshot",
          method: "GET",
          path: path`/instance/v1/zones/${zone}/snapshots/${id}`,
        })
        .then((response) => response.snapshot);
      snapshotCache.set(key, entry);
      entry.catch(() => snapshotCache.delete(key));
    }
    return entry;
  }

  /** PATCH /instance/v1/zones/{zone}/images/{image_id} (UpdateImage): changes the fields sent. */
  async updateImage(zone: string, id: string, body: UpdateImageBody): Promise<ApiScalewayImage> {
    const response = await this.whenSettled("updateImage", id, () =>
      // Sending absolute values makes a repeat harmless, so retrying after a lost response is safe.
      this.http.json<{ image: ApiScalewayImage }>({
        operation: "updateImage",
        method: "PATCH",
        path: path`/instance/v1/zones/${zone}/images/${id}`,
        body,
        idempotent: true,
      }),
    );
    return response.image;
  }

  /** PUT /instance/v1/zones/{zone}/images/{id} (SetImage): replaces every property with `image`. */
  async setImage(zone: string, id: string, image: ApiScalewayImage): Promise<ApiScalewayImage> {
    const response = await this.whenSettled("setImage", id, () =>
      this.http.json<{ image: ApiScalewayImage }>({
        operation: "setImage",
        method: "PUT",
        path: path`/instance/v1/zones/${zone}/images/${id}`,
        body: image,
      }),
    );
    return response.image;
  }

  /** DELETE /instance/v1/zones/{zone}/images/{image_id}: 204. The image's snapshots are kept. */
  async deleteImage(zone: string, id: string): Promise<void> {
    await this.whenSettled("deleteImage", id, () =>
      this.http.request({
        operation: "deleteImage",
        method: "DELETE",
        path: path`/instance/v1/zones/${zone}/images/${id}`,
      }),
    );
  }

  /** Runs a mutation, waiting out `transient_state` answers (image still creating) with backoff. */
  private async whenSettled<T>(
    operation: string,
    id: string,
    call: () => Promise<T>,
    deadlineMs = 10 * 60_000,
  ): Promise<T> {
    const { default: pRetry } = await import("p-retry");
    const started = Date.now();
    return pRetry(() => this.refine(call), {
      retries: 1_000,
      minTimeout: 250,
      maxTimeout: 5_000,
      factor: 1.6,
      maxRetryTime: deadlineMs,
      shouldRetry: ({ error }) => isTransientState(error),
      onFailedAttempt: ({ error }) => {
        if (isTransientState(error))
          this.log.info(
            `${operation} ${id}: image is busy (${(error as ApiError).vendorMessage}); trying again (${formatElapsed(Date.now() - started)} elapsed)`,
          );
      },
    });
  }

  /** `quotas_exceeded` comes as 403 but is not a credentials problem: report it as a plain API error. */
  private async refine<T>(call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (error) {
      if (error instanceof AuthError && error.vendorCode === "quotas_exceeded") {
        throw new ApiError(`HTTP ${error.statusCode}`, {
          cloud: error.cloud,
          operation: error.operation,
          statusCode: error.statusCode,
          vendorMessage: error.vendorMessage,
          vendorCode: error.vendorCode,
          requestId: error.requestId,
          details: error.details,
          cause: error,
        });
      }
      throw error;
    }
  }
}
