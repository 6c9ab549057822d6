/**
 * A small path router for the emulator. Patterns are written like the vendors' specs:
 * "/v2/instance/{id}:start". A `{param}` matches one path segment up to the next "/" or ":".
 */
import type { IncomingHttpHeaders } from "node:http";
import type { Duplex } from "node:stream";
import type { IncomingMessage } from "node:http";

export interface EmulatorRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body, or undefined when the body is empty. */
  body: unknown;
  /** The body as received, for signature checks. */
  rawBody: string;
  /** Values of the pattern's `{params}`, URL-decoded. */
  params: Record<string, string>;
}

export interface EmulatorResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Handler asks the server to hold the response until this promise settles (long-poll). */
}

type Handler = (request: EmulatorRequest) => EmulatorResponse | Promise<EmulatorResponse>;

/** One row of an API's route table: its handler gets the request and the API's shared services. */
export interface RouteEntry<S> {
  method: string;
  path: string;
  handler: (request: EmulatorRequest, services: S) => EmulatorResponse | Promise<EmulatorResponse>;
}

/** Handles a websocket upgrade on a matched route. */
type UpgradeHandler = (request: IncomingMessage, socket: Duplex, head: Buffer, params: Record<string, string>) => void;

interface Route<H> {
  method: string;
  pattern: string;
  regex: RegExp;
  names: string[];
  handler: H;
}

function compile(pattern: string): { regex: RegExp; names: string[] } {
  const names: string[] = [];
  const source = pattern
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const param = /^\{([^}]+)\}$/.exec(part);
      if (param) {
        names.push(param[1]);
        return "([^/:]+)";
      }
      return part.replace(/[.*+?^$()|[\]\\]/g, "\\$&");
    })
    .join("");
  return { regex: new RegExp(`^${source}$`), names };
}

export class Router {
  private readonly routes: Array<Route<Handler>> = [];
  private readonly upgrades: Array<Route<UpgradeHandler>> = [];

  /** Registers a handler for `method` and `pattern` ("/v2/instance/{id}"). */
  on(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method: method.toUpperCase(), pattern, handler, ...compile(pattern) });
    return this;
  }

  /** Registers every route of a table, in its order (the order of `allowed` in a 405). */
  onEach<S>(routes: ReadonlyArray<RouteEntry<S>>, services: S): this {
    for (const route of routes) this.on(route.method, route.path, (request) => route.handler(request, services));
    return this;
  }

  /** Registers a websocket upgrade handler for `pattern`. */
  onUpgrade(pattern: string, handler: UpgradeHandler): this {
    this.upgrades.push({ method: "GET", pattern, handler, ...compile(pattern) });
    return this;
  }

  /** Finds the handler for a request; `allowed` lists methods when only the method is wrong. */
  match(method: string, path: string): { handler?: Handler; params: Record<string, string>; allowed: string[] } {
    const allowed: string[] = [];
    for (const route of this.routes) {
      const found = route.regex.exec(path);
      if (!found) continue;
      if (route.method !== method.toUpperCase()) {
        allowed.push(route.method);
        continue;
      }
      return { handler: route.handler, params: paramsOf(route, found), allowed };
    }
    return { params: {}, allowed };
  }

  matchUpgrade(path: string): { handler?: UpgradeHandler; params: Record<string, string> } {
    for (const route of this.upgrades) {
      const found = route.regex.exec(path);
      if (found) return { handler: route.handler, params: paramsOf(route, found) };
    }
    return { params: {} };
  }
}

function paramsOf<H>(route: Route<H>, found: RegExpExecArray): Record<string, string> {
  const params: Record<string, string> = {};
  route.names.forEach((name, i) => (params[name] = decodeURIComponent(found[i + 1])));
  return params;
}

/** A JSON response. */
export function json(status: number, body?: unknown, headers?: Record<string, string>): EmulatorResponse {
  return { status, body, headers };
}
