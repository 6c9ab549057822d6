/**
 * Validates emulator requests and responses against the vendors' API shapes, kept as this
 * repository's own fixtures in test/fixtures (extracted from the vendors' OpenAPI 3 / Swagger 2
 * specs by scripts/refresh-fixtures.js), so the emulator cannot drift from the real API's shapes
 * unnoticed.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";

export const FIXTURES_DIR = path.resolve(__dirname, "..", "fixtures");

type Json = Record<string, any>;

interface Route {
  template: string;
  regex: RegExp;
  methods: Json;
}

function routeRegex(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) => (/^\{[^}]+\}$/.test(part) ? "[^/:]+" : part.replace(/[.*+?^$()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`);
}

export class OpenApiSpec {
  private readonly ajv: Ajv;
  private readonly routes: Route[];
  private readonly compiled = new Map<string, ValidateFunction>();
  private readonly swagger2: boolean;
  private readonly spec: Json;

  /**
   * @param file fixture file name in test/fixtures (e.g. "exoscale-v2.json")
   * @param basePath prefix the emulator serves the spec's paths under (e.g. "/v2" for Exoscale)
   */
  constructor(
    file: string,
    private readonly basePath = "",
  ) {
    const spec: Json = JSON.parse(fs.readFileSync(path.join(FIXTURES_DIR, file), "utf8"));
    this.spec = spec;
    this.swagger2 = spec.swagger === "2.0";
    this.ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
    addFormats(this.ajv);
    this.ajv.addSchema(draft7Bounds(spec), "spec");
    // Literal paths first, so "/instance/{id}:start" wins over "/instance/{id}".
    this.routes = Object.entries(spec.paths as Json)
      .map(([template, methods]) => ({ template, methods, regex: routeRegex(template.replace(/\?.*$/, "")) }))
      .sort((a, b) => b.template.replace(/\{[^}]+\}/g, "").length - a.template.replace(/\{[^}]+\}/g, "").length);
  }

  /** The spec's path template for a concrete request path, or undefined. */
  templateFor(method: string, requestPath: string): string | undefined {
    return this.find(method, requestPath)?.template;
  }

  private find(method: string, requestPath: string): Route | undefined {
    const relative = requestPath.startsWith(this.basePath) ? requestPath.slice(this.basePath.length) : requestPath;
    return this.routes.find((route) => route.regex.test(relative) && route.methods[method.toLowerCase()]);
  }

  /** Schema errors of a response body (empty when valid); throws when the spec has no such route. */
  validateResponse(method: string, requestPath: string, status: number, body: unknown): string[] {
    const route = this.find(method, requestPath);
    if (!route) throw new Error(`the spec has no ${method} ${requestPath}`);
    const responses: Json = route.methods[method.toLowerCase()].responses ?? {};
    const response = responses[String(status)] ?? responses.default;
    if (!response) return [`the spec does not list status ${status} for ${method} ${route.template}`];
    const pointer = this.swagger2
      ? this.responseSchemaSwagger(response)
      : response.content?.["application/json"]?.schema;
    if (!pointer) return [];
    return this.validate(`${method} ${route.template} ${status}`, pointer, body);
  }

  /** Schema errors of a JSON request body (empty when valid). */
  validateRequest(method: string, requestPath: string, body: unknown): string[] {
    const route = this.find(method, requestPath);
    if (!route) throw new Error(`the spec has no ${method} ${requestPath}`);
    const operation: Json = route.methods[method.toLowerCase()];
    const schema = this.swagger2
      ? operation.parameters?.find((p: Json) => p.in === "body")?.schema
      : operation.requestBody?.content?.["application/json"]?.schema;
    return schema ? this.validate(`${method} ${route.template} request`, schema, body) : [];
  }

  /**
   * Where the keys of `value` differ from those of the spec's schema `name` (a components/schemas or
   * definitions entry), through nested objects, arrays and maps: keys the schema lacks, schema keys
   * that are missing (except `mayOmit`, for APIs that leave unset fields out instead of sending null:
   * a key name anywhere, a path such as "/template/url", or "/instance/*" for all keys of a reference
   * the API sends as `{id, name}` only) and, with `ordered`, keys out of the schema's property order
   * (`x-properties-order` when given). Schema validation alone passes an object that lacks optional
   * keys; this does not.
   */
  keyProblems(name: string, value: unknown, options: { mayOmit?: string[]; ordered?: boolean } = {}): string[] {
    const schema = this.spec.components?.schemas?.[name] ?? this.spec.definitions?.[name];
    if (!schema) throw new Error(`the spec has no schema ${name}`);
    const problems: string[] = [];
    const walk = (node: Json, item: unknown, where: string): void => {
      while (node.$ref)
        node = String(node.$ref)
          .slice(2)
          .split("/")
          .reduce((at: Json, part: string) => at[part], this.spec);
      if (item === null || typeof item !== "object") return;
      if (Array.isArray(item)) {
        if (node.items) item.forEach((entry, index) => walk(node.items, entry, `${where}/${index}`));
        return;
      }
      const properties: Json = node.properties ?? {};
      const names = Object.keys(properties);
      // A map written as one placeholder property ("<extra_volumeKey>") or as additionalProperties.
      const placeholder = names.length === 1 && /^<.*>$/.test(names[0]);
      const entrySchema = placeholder
        ? properties[names[0]]
        : names.length === 0 && typeof node.additionalProperties === "object"
          ? node.additionalProperties
          : undefined;
      if (entrySchema) {
        for (const [key, entry] of Object.entries(item)) walk(entrySchema, entry, `${where}/${key}`);
        return;
      }
      if (names.length === 0) return;
      const order: string[] = node["x-properties-order"] ?? names;
      const keys = Object.keys(item);
      for (const key of keys)
        if (!order.includes(key)) problems.push(`${where || "/"}: key "${key}" is not in the spec`);
      const omissible = (key: string) =>
        options.mayOmit?.some((entry) => [key, `${where}/${key}`, `${where}/*`].includes(entry));
      for (const key of order)
        if (!keys.includes(key) && !omissible(key)) problems.push(`${where || "/"}: key "${key}" is missing`);
      const known = keys.filter((key) => order.includes(key));
      const expected = order.filter((key) => keys.includes(key));
      if (options.ordered && known.join() !== expected.join())
        problems.push(
          `${where || "/"}: keys in the order ${known.join(", ")}; the spec's order is ${expected.join(", ")}`,
        );
      for (const key of known) walk(properties[key], (item as Json)[key], `${where}/${key}`);
    };
    walk(schema, value, "");
    return problems;
  }

  private responseSchemaSwagger(response: Json): Json | undefined {
    if (response.$ref) {
      const name = String(response.$ref).split("/").pop() as string;
      return { $ref: `spec#/responses/${name}/schema` };
    }
    return response.schema;
  }

  private validate(key: string, schema: Json, body: unknown): string[] {
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(rebase(draft7Bounds(schema)));
      this.compiled.set(key, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map(
      (e) => `${e.instancePath || "(body)"} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ""}`,
    );
  }
}

/**
 * OpenAPI 3.0 writes `exclusiveMinimum`/`exclusiveMaximum` as booleans beside `minimum`/`maximum`
 * (the Exoscale spec does); ajv expects the JSON Schema draft-07 numeric form. It also puts
 * `nullable` beside a bare `$ref`, which ajv only accepts next to `type`.
 */
function draft7Bounds(node: any): any {
  if (Array.isArray(node)) return node.map(draft7Bounds);
  if (!node || typeof node !== "object") return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node)) out[key] = draft7Bounds(value);
  for (const [flag, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ]) {
    if (typeof out[flag] !== "boolean") continue;
    if (out[flag] && out[bound] !== undefined) {
      out[flag] = out[bound];
      delete out[bound];
    } else delete out[flag];
  }
  if (out.nullable !== undefined && out.type === undefined) {
    const { nullable, ...rest } = out;
    return nullable ? { anyOf: [rest, { type: "null" }] } : rest;
  }
  return out;
}

/** Points local refs ("#/components/…") at the registered spec document. */
function rebase(schema: Json): Json {
  return JSON.parse(JSON.stringify(schema).replace(/"\$ref":"#\//g, '"$ref":"spec#/'));
}
