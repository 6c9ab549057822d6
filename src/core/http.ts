/**
 * The HTTP layer every cloud client uses: got (loaded lazily, it is ESM-only) with a shared
 * keep-alive agent, a per-attempt timeout, retries decided in `retry.ts`, and errors mapped to the
 * typed classes of `errors.ts` with the vendor's message and request id.
 */
import { X509Certificate } from "node:crypto";
import * as http from "node:http";
import * as https from "node:https";
import type { Got, Method, Response } from "got" with { "resolution-mode": "import" };
import { apiErrorFor, ProviderError, TransportError } from "./errors";
import type { Logger } from "./log";
import { createLogger, formatElapsed } from "./log";
import { redactHeaders } from "./redact";
import { withRetries } from "./retry";

export type QueryValue = string | number | boolean | ReadonlyArray<string | number> | undefined;

/** What a vendor's error body says, extracted by the cloud's client. */
export interface VendorError {
  message?: string;
  code?: string;
  details?: unknown;
}

/**
 * How a cloud's `errors.ts` reads its vendor's failures: the error body and the headers that carry
 * the request id. Given to its HttpClient, which builds the CloudError (src/core/errors.ts) from them.
 */
export type VendorErrorHook = Pick<HttpClientOptions, "parseError" | "requestIdHeaders">;

/** The request as it will be sent, for signing. */
interface OutgoingRequest {
  method: string;
  url: URL;
  body: string | undefined;
  headers: Record<string, string>;
}

export interface TlsOptions {
  /** PEM client certificate and key for mutual TLS. */
  certificate?: string;
  key?: string;
  /** PEM CA bundle used to verify the server; the system store when unset. */
  certificateAuthority?: string;
  /** PEM server certificate to pin: the connection is accepted only if the server presents it. */
  pinnedServerCertificate?: string;
}

export interface HttpClientOptions {
  /** Cloud name for errors and logs. */
  cloud: string;
  /** Base URL, e.g. "https://api-ch-gva-2.exoscale.com/v2"; resolved at call time. */
  baseUrl: string;
  /** Talk HTTP over this unix socket instead of TCP (Incus, LXD). */
  socketPath?: string;
  /** Static headers plus credentials, computed when the request is made. */
  headers?: () => Record<string, string>;
  /** Adds signature headers computed over the final request. */
  sign?: (request: OutgoingRequest) => Record<string, string>;
  /** Extracts the vendor's error message and code from a parsed error body. */
  parseError?: (body: unknown) => VendorError;
  /** Response headers that carry the request id, in order of preference. */
  requestIdHeaders?: string[];
  /** Per-attempt timeout; default 30 s or DYNAMIC_COMPUTE_HTTP_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Total time for one call including retries; default 5 min or DYNAMIC_COMPUTE_HTTP_DEADLINE_MS. */
  deadlineMs?: number;
  tls?: TlsOptions;
  log?: Logger;
}

export interface RequestOptions {
  /** API operation name for errors and logs ("createInstance"). */
  operation: string;
  method: Method;
  /** Path below the base URL, already escaped (use `path\`…\`` to build it). */
  path: string;
  query?: Record<string, QueryValue>;
  /** JSON body. */
  body?: unknown;
  /** Whether a retry after an ambiguous failure is safe; defaults to true except for POST and PATCH. */
  idempotent?: boolean;
  headers?: Record<string, string>;
  timeoutMs?: number;
  deadlineMs?: number;
}

export interface HttpResponse<T> {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: T;
  requestId?: string;
}

/** Escapes each interpolated value as one path segment: path`/instance/${id}:start`. */
export function path(strings: TemplateStringsArray, ...values: Array<string | number>): string {
  return strings.reduce(
    (out, chunk, i) => out + chunk + (i < values.length ? encodeURIComponent(String(values[i])) : ""),
    "",
  );
}

let gotPromise: Promise<Got> | undefined;
/** got is ESM-only: load it on first use, so that loading this package stays cheap and CommonJS-safe. */
function loadGot(): Promise<Got> {
  gotPromise ??= import("got").then((module) => module.default);
  return gotPromise;
}

/**
 * Starts loading got now, for a process that will send requests soon (the provider process, from
 * its first `check`): the time it takes then overlaps the engine's checks of the other resources
 * instead of delaying every first create (figures:
 * docs/contributing/benchmarks.md#figures-behind-choices-in-the-code). A failure surfaces at the
 * first request, not here.
 */
export function preloadHttp(): void {
  loadGot().catch(() => {
    gotPromise = undefined;
  });
}

// One keep-alive pool per process: every resource of a `pulumi up` shares connections.
const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 64 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

function envNumber(name: string): number | undefined {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/** The per-attempt timeout of requests that set none: 30 s, or DYNAMIC_COMPUTE_HTTP_TIMEOUT_MS. */
function defaultRequestTimeoutMs(): number {
  return envNumber("DYNAMIC_COMPUTE_HTTP_TIMEOUT_MS") ?? 30_000;
}

/** After a request timed out, how long to watch for its effect: twice the request timeout. */
export function lateArrivalWindowMs(): number {
  return 2 * defaultRequestTimeoutMs();
}

function buildQuery(query: Record<string, QueryValue> | undefined): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
    else params.append(key, String(value));
  }
  return params;
}

function firstHeader(headers: Record<string, string | string[] | undefined>, names: string[]): string | undefined {
  for (const name of names) {
    const value = headers[name.toLowerCase()];
    if (typeof value === "string" && value !== "") return value;
    if (Array.isArray(value) && value[0]) return value[0];
  }
  return undefined;
}

/** Parses Retry-After given as seconds or as an HTTP date. */
function parseRetryAfter(value: string | undefined): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000);
}

function parseBody(text: string): unknown {
  if (text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** A client for one API endpoint. Cheap to create; connection pools are shared per process. */
export class HttpClient {
  private readonly log: Logger;

  constructor(private readonly options: HttpClientOptions) {
    this.log = options.log ?? createLogger(options.cloud);
  }

  /** Sends a request and returns the parsed JSON body; throws a typed error on non-2xx. */
  async json<T>(request: RequestOptions): Promise<T> {
    return (await this.request<T>(request)).body;
  }

  /** Sends a request (with retries) and returns status, headers and parsed body. */
  async request<T>(request: RequestOptions): Promise<HttpResponse<T>> {
    const idempotent = request.idempotent ?? !(request.method === "POST" || request.method === "PATCH");
    const deadlineMs =
      request.deadlineMs ?? this.options.deadlineMs ?? envNumber("DYNAMIC_COMPUTE_HTTP_DEADLINE_MS") ?? 300_000;
    return withRetries((_attempt, remainingMs) => this.send<T>(request, Math.max(1, remainingMs)), {
      idempotent,
      deadlineMs,
      log: this.log,
      what: `${this.options.cloud} ${request.operation}`,
      group: this.options.cloud,
    });
  }

  private async send<T>(request: RequestOptions, remainingMs: number): Promise<HttpResponse<T>> {
    const got = await loadGot();
    const url = this.buildUrl(request);
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    const headers: Record<string, string> = {
      accept: "application/json",
      "user-agent": "pulumi-dynamic-compute",
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
      ...this.options.headers?.(),
      ...request.headers,
    };
    Object.assign(headers, this.options.sign?.({ method: request.method, url, body, headers }));
    const timeoutMs = Math.min(request.timeoutMs ?? this.options.timeoutMs ?? defaultRequestTimeoutMs(), remainingMs);
    const started = Date.now();
    const debug = this.log.shows("debug");
    if (debug)
      this.log.debug(`→ ${request.method} ${url.pathname}${url.search} ${JSON.stringify(redactHeaders(headers))}`);

    let response: Response<string>;
    try {
      response = await got(
        this.options.socketPath ? `unix:${this.options.socketPath}:${url.pathname}${url.search}` : url.toString(),
        {
          method: request.method,
          headers,
          body,
          responseType: "text",
          throwHttpErrors: false,
          retry: { limit: 0 },
          followRedirect: false,
          timeout: { request: timeoutMs },
          enableUnixSockets: this.options.socketPath !== undefined,
          agent: agents,
          https: this.httpsOptions(),
        },
      );
    } catch (error) {
      const code = (error as { code?: string }).code;
      throw new TransportError(
        `${code ?? "request error"}: ${(error as Error).message} (after ${formatElapsed(Date.now() - started)})`,
        {
          cloud: this.options.cloud,
          operation: request.operation,
          details: { code },
          cause: error,
        },
      );
    }

    const requestId = firstHeader(response.headers, this.options.requestIdHeaders ?? ["x-request-id"]);
    if (debug)
      this.log.debug(
        `← ${response.statusCode} ${request.method} ${url.pathname} (${formatElapsed(Date.now() - started)})${requestId ? ` request id ${requestId}` : ""}`,
      );
    const parsed = parseBody(response.body);
    if (response.statusCode >= 400) {
      const vendor = parsed === undefined ? {} : (this.options.parseError?.(parsed) ?? {});
      throw apiErrorFor(response.statusCode, {
        cloud: this.options.cloud,
        operation: request.operation,
        statusCode: response.statusCode,
        vendorMessage: vendor.message ?? (typeof parsed === "string" ? parsed.slice(0, 500) : response.statusMessage),
        vendorCode: vendor.code,
        details: vendor.details,
        requestId,
        retryAfterSeconds: parseRetryAfter(firstHeader(response.headers, ["retry-after"])),
      });
    }
    return { status: response.statusCode, headers: response.headers, body: parsed as T, requestId };
  }

  private buildUrl(request: RequestOptions): URL {
    const base = this.options.baseUrl.replace(/\/+$/, "");
    const url = new URL(base + request.path);
    const query = buildQuery(request.query);
    for (const [key, value] of query) url.searchParams.append(key, value);
    return url;
  }

  private httpsOptions() {
    const tls = this.options.tls;
    if (!tls) return undefined;
    return {
      certificate: tls.certificate,
      key: tls.key,
      certificateAuthority: tls.certificateAuthority ?? tls.pinnedServerCertificate,
      // A pinned certificate is trusted as its own authority; the host name check then still applies
      // unless the pin matches exactly, which is what pinning means.
      checkServerIdentity: tls.pinnedServerCertificate ? pinnedIdentityCheck(tls.pinnedServerCertificate) : undefined,
    };
  }
}

/** A TLS `checkServerIdentity` that accepts only the server certificate `pem` (certificate pinning). */
export function pinnedIdentityCheck(pem: string) {
  const expected = new X509Certificate(pem).fingerprint256;
  return (_host: string, certificate: { fingerprint256?: string }): Error | undefined =>
    certificate.fingerprint256 === expected
      ? undefined
      : new TransportError(
          `server certificate ${certificate.fingerprint256} does not match the pinned certificate ${expected}`,
          {},
        );
}

/** Narrow helper for clients: true when `error` is a ProviderError with this HTTP status. */
export function hasStatus(error: unknown, status: number): boolean {
  return error instanceof ProviderError && error.statusCode === status;
}
