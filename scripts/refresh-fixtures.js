// Rebuilds test/fixtures/ from the vendors' published API descriptions, so the contract tests need
// nothing outside this repository. For each API it keeps only the operations the tests call and the
// facts they check: paths, methods, operation ids, status codes and the JSON schemas of the bodies
// (field names, types, formats, enums, required keys, property order). Descriptions, examples and
// other prose are dropped. It also extracts the EXO2-HMAC-SHA256 signing vectors.
//
//   npm run fixtures:refresh -- <dir>
//
// <dir> holds the vendor files under the names in the `file` fields below, fetched from the listed
// repository, path and commit (test/fixtures/README.md has the table). Run it by hand when a vendor
// spec is updated or a test needs another operation, and commit the result with the new source.
const fs = require("node:fs");
const path = require("node:path");
const { parse: parseYaml } = require("yaml");

const OUT = path.resolve(__dirname, "..", "test", "fixtures");

const APIS = [
  {
    fixture: "exoscale-v2.json",
    file: "exoscale-v2.openapi.yaml",
    source: {
      repository: "exoscale/egoscale",
      path: "v3/generator/source.yaml",
      commit: "d767924d0525ec524c07d7a94caa96177b5d0565",
      license: "Apache-2.0",
    },
    operations: [
      "GET /zone",
      "GET /instance-type",
      "GET /instance-type/{id}",
      "GET /template",
      "GET /template/{id}",
      "POST /instance",
      "GET /instance",
      "GET /instance/{id}",
      "PUT /instance/{id}",
      "DELETE /instance/{id}",
      "DELETE /instance/{id}/{field}",
      "PUT /instance/{id}:add-protection",
      "PUT /instance/{id}:remove-protection",
      "POST /instance/{id}:create-snapshot",
      "POST /instance/{instance-id}:revert-snapshot",
      "POST /instance/{id}:enable-tpm",
      "GET /instance/{id}:password",
      "PUT /instance/{id}:reset-password",
      "PUT /instance/{id}:reboot",
      "PUT /instance/{id}:reset",
      "PUT /instance/{id}:resize-disk",
      "PUT /instance/{id}:scale",
      "PUT /instance/{id}:start",
      "PUT /instance/{id}:stop",
      "GET /console/{id}",
      "GET /operation/{id}",
      "GET /snapshot",
      "GET /snapshot/{id}",
      "GET /organization",
      "DELETE /snapshot/{id}",
    ],
    corrections: [],
  },
  {
    fixture: "scaleway-instance-v1.json",
    file: "scaleway-instance-v1.openapi.yaml",
    source: {
      repository: "cloudy-sky-software/pulumi-scaleway-instances",
      path: "scaleway.instance.v1.Api.yml",
      commit: "c56dc570613f5b58df5d0135f82aacf810ab3179",
      license: "Apache-2.0",
      note: "a copy of Scaleway's published Instance API spec, older than the live API: no PATCH /images/{image_id} (UpdateImage), no arm64 in Arch",
    },
    operations: [
      "GET /instance/v1/zones/{zone}/images",
      "POST /instance/v1/zones/{zone}/images",
      "GET /instance/v1/zones/{zone}/images/{image_id}",
      "PUT /instance/v1/zones/{zone}/images/{id}",
      "DELETE /instance/v1/zones/{zone}/images/{image_id}",
      "GET /instance/v1/zones/{zone}/snapshots",
      "GET /instance/v1/zones/{zone}/snapshots/{snapshot_id}",
      "GET /instance/v1/zones/{zone}/volumes",
      "GET /instance/v1/zones/{zone}/volumes/{volume_id}",
    ],
    // Pointer fields of scaleway-sdk-go api/instance/v1 (v1.39.0) that the spec copy does not mark
    // nullable; the live API sends null for them.
    corrections: [
      [
        "scaleway.instance.v1.Image",
        "default_bootscript",
        'Image.DefaultBootscript is *Bootscript; live images carry "default_bootscript": null',
      ],
      ["scaleway.instance.v1.Volume", "export_uri", "Volume.ExportURI is *string (deprecated); null unless exported"],
      [
        "scaleway.instance.v1.Volume",
        "server",
        "Volume.Server is *ServerSummary; null for a volume attached to no server",
      ],
    ].map(([schema, property, why]) => ({
      pointer: `#/components/schemas/${schema}/properties/${property}`,
      set: { nullable: true },
      why,
    })),
  },
  {
    fixture: "koyeb.json",
    file: "koyeb.openapi.json",
    source: {
      repository: "koyeb/koyeb-api-client-go",
      path: "api/v1/koyeb/openapi.json",
      commit: "5958795c16851c96908bab6cfcc1cf0212794d59",
      license: "Apache-2.0",
    },
    operations: [
      "GET /v1/instances",
      "GET /v1/instances/{id}",
      "GET /v1/instance_events",
      "GET /v1/streams/instances/exec",
    ],
    corrections: [],
  },
  {
    fixture: "incus-rest-api.json",
    file: "incus-rest-api.yaml",
    source: {
      repository: "lxc/incus",
      path: "doc/rest-api.yaml",
      commit: "be7afc5df39f089bc21e4f1d2e955fc6be8fae34",
      license: "Apache-2.0",
    },
    operations: [
      "POST /1.0/instances",
      "GET /1.0/instances/{name}?recursion=1",
      "PUT /1.0/instances/{name}",
      "DELETE /1.0/instances/{name}",
      "PUT /1.0/instances/{name}/state",
      "POST /1.0/instances/{name}/exec",
      "POST /1.0/instances/{name}/snapshots",
      "GET /1.0/instances/{name}/snapshots?recursion=1",
      "GET /1.0/instances/{name}/snapshots/{snapshot}",
      "DELETE /1.0/instances/{name}/snapshots/{snapshot}",
      "GET /1.0/operations/{id}",
      "GET /1.0/operations/{id}/wait?public",
    ],
    corrections: [],
  },
];

const SIGNING = {
  fixture: "exoscale-signing-vectors.json",
  file: "exoscale-signing.md",
  sources: [
    {
      repository: "exoscale/egoscale",
      path: "v2/api/security_test.go",
      commit: "d767924d0525ec524c07d7a94caa96177b5d0565",
      license: "Apache-2.0",
      vectors: "U1-U3",
    },
    {
      repository: "exoscale/requests-exoscale-auth",
      path: "tests/test_exoscale_auth.py",
      commit: "07f9f2261bc742d76143bc74aefed812eaa57bbe",
      license: "BSD-3-Clause",
      vectors: "U1-U3",
    },
  ],
  derived:
    "D1-D5: computed with Python hmac and cross-checked with `openssl dgst -hmac`, by the algorithm that reproduces U1-U3",
};

/** Schema keywords that carry prose, not shape. Property names are never dropped. */
const PROSE = new Set(["description", "summary", "title", "example", "examples", "externalDocs"]);
const ORDER = "x-properties-order";

function schema(node) {
  if (Array.isArray(node)) return node.map(schema);
  if (!node || typeof node !== "object") return node;
  const out = {};
  for (const [key, value] of Object.entries(node)) {
    if (PROSE.has(key) || (key.startsWith("x-") && key !== ORDER)) continue;
    if (key === "properties")
      out[key] = Object.fromEntries(Object.entries(value).map(([name, property]) => [name, schema(property)]));
    else if (["items", "additionalProperties", "not", "allOf", "anyOf", "oneOf"].includes(key))
      out[key] = schema(value);
    else out[key] = value;
  }
  return out;
}

/** A response: its JSON schema only (OpenAPI 3 `content`, Swagger 2 `schema`), or its `$ref`. */
function response(node) {
  if (node.$ref) return { $ref: node.$ref };
  const out = {};
  if (node.schema) out.schema = schema(node.schema);
  const json = node.content?.["application/json"]?.schema;
  if (json) out.content = { "application/json": { schema: schema(json) } };
  return out;
}

function operation(node) {
  const out = { operationId: node.operationId };
  const body = (node.parameters ?? []).filter((p) => p.in === "body");
  if (body.length > 0)
    out.parameters = body.map((p) => ({ in: "body", name: p.name, required: p.required, schema: schema(p.schema) }));
  const json = node.requestBody?.content?.["application/json"]?.schema;
  if (json)
    out.requestBody = {
      required: node.requestBody.required,
      content: { "application/json": { schema: schema(json) } },
    };
  out.responses = Object.fromEntries(Object.entries(node.responses ?? {}).map(([status, r]) => [status, response(r)]));
  return out;
}

/** The node a local JSON pointer ("#/a/b") names. */
function resolve(doc, pointer) {
  return pointer
    .slice(2)
    .split("/")
    .map((part) => part.replace(/~1/g, "/").replace(/~0/g, "~"))
    .reduce((node, part) => node?.[part], doc);
}

function refsIn(node, found = new Set()) {
  if (Array.isArray(node)) node.forEach((item) => refsIn(item, found));
  else if (node && typeof node === "object") {
    if (typeof node.$ref === "string") found.add(node.$ref);
    Object.values(node).forEach((value) => refsIn(value, found));
  }
  return found;
}

/** Copies `pointer` from the source into `out`, sanitized by what kind of component it is. */
function copyComponent(spec, out, pointer) {
  const parts = pointer.slice(2).split("/");
  const name = parts.pop().replace(/~1/g, "/").replace(/~0/g, "~");
  const node = resolve(spec, pointer);
  if (node === undefined) throw new Error(`${pointer} is referenced but not in the spec`);
  const isResponse = parts[parts.length - 1] === "responses";
  let parent = out;
  for (const part of parts) parent = parent[part] ??= {};
  parent[name] = isResponse ? response(node) : schema(node);
}

function extract(api, specs) {
  const file = path.join(specs, api.file);
  const text = fs.readFileSync(file, "utf8");
  const spec = api.file.endsWith(".json") ? JSON.parse(text) : parseYaml(text, { maxAliasCount: -1 });
  const out = {
    "x-fixture": {
      source: api.source,
      kept: "the operations the contract tests call: paths, methods, operation ids, status codes and body schemas; descriptions and examples dropped",
      refresh: `npm run fixtures:refresh -- <dir holding ${api.file}>`,
      ...(api.corrections.length > 0 ? { corrections: api.corrections } : {}),
    },
    ...(spec.swagger ? { swagger: spec.swagger } : { openapi: spec.openapi }),
    info: { version: spec.info?.version },
    paths: {},
  };
  for (const entry of api.operations) {
    const [method, template] = entry.split(" ");
    const node = spec.paths?.[template]?.[method.toLowerCase()];
    if (!node) throw new Error(`${api.file} has no ${entry}`);
    (out.paths[template] ??= {})[method.toLowerCase()] = operation(node);
  }
  // Every component the kept operations reach, in the order the spec lists them.
  const wanted = new Set();
  let pending = [...refsIn(out.paths)];
  while (pending.length > 0) {
    const next = [];
    for (const ref of pending) {
      if (wanted.has(ref)) continue;
      if (!ref.startsWith("#/")) throw new Error(`${api.file}: only local refs are supported, got ${ref}`);
      wanted.add(ref);
      next.push(...refsIn(resolve(spec, ref)));
    }
    pending = next;
  }
  const byKind = new Map();
  for (const ref of wanted) {
    const kind = ref.slice(0, ref.lastIndexOf("/"));
    byKind.set(kind, [...(byKind.get(kind) ?? []), ref]);
  }
  for (const [kind, refs] of [...byKind].sort(([a], [b]) => a.localeCompare(b))) {
    const order = Object.keys(resolve(spec, kind));
    refs.sort((a, b) => order.indexOf(a.slice(kind.length + 1)) - order.indexOf(b.slice(kind.length + 1)));
    for (const ref of refs) copyComponent(spec, out, ref);
  }
  for (const { pointer, set } of api.corrections) {
    const node = resolve(out, pointer);
    if (!node) throw new Error(`${api.fixture}: correction target ${pointer} is not in the fixture`);
    Object.assign(node, set);
  }
  return out;
}

/** `| U1 | GET | /v2/zone | (none) | (empty) | `sig` | (absent) |` rows of the vector tables. */
function signingVectors(specs) {
  const text = fs.readFileSync(path.join(specs, SIGNING.file), "utf8");
  const ticked = (cell) => /`([^`]*)`/.exec(cell)?.[1];
  const common = (name) => {
    const match = new RegExp(`^- ${name}: \`([^\`]+)\``, "m").exec(text);
    if (!match) throw new Error(`${SIGNING.file}: no "${name}" line`);
    return match[1];
  };
  const vectors = [];
  for (const line of text.split("\n")) {
    const cells = line
      .split("|")
      .slice(1, -1)
      .map((cell) => cell.trim());
    if (cells.length !== 7 || !/^[UD]\d+$/.test(cells[0])) continue;
    const [name, method, requestPath, query, body, signature, signedQueryArgs] = cells;
    vectors.push({
      name,
      origin: name.startsWith("U") ? "upstream" : "derived",
      method,
      path: requestPath,
      ...(query === "(none)"
        ? {}
        : {
            query: ticked(query)
              .split("&")
              .map((pair) => pair.split("=")),
          }),
      ...(body === "(empty)" ? {} : { body: ticked(body) }),
      signature: ticked(signature),
      ...(signedQueryArgs === "(absent)" ? {} : { signedQueryArgs: ticked(signedQueryArgs) }),
    });
  }
  const compact = /Negative check: U3 with compact body `([^`]+)` gives `([^`]+)`/.exec(text);
  const u2Message = /Message bytes for U2 .*: `([^`]+)`$/m.exec(text);
  if (vectors.length === 0 || !compact || !u2Message) throw new Error(`${SIGNING.file}: vectors not found`);
  return {
    "x-fixture": {
      sources: SIGNING.sources,
      derived: SIGNING.derived,
      refresh: `npm run fixtures:refresh -- <dir holding ${SIGNING.file}>`,
    },
    key: common("key"),
    secret: common("secret"),
    expires: Number(common("expires")),
    vectors,
    u2Message: u2Message[1].replace(/\\n/g, "\n"),
    compactBodyU3: { body: compact[1], signature: compact[2] },
  };
}

/** JSON with two-space indents, where an object or array that fits in `width` stays on one line. */
function stringify(value, indent = "", width = 100) {
  const flat = JSON.stringify(value);
  if (value === null || typeof value !== "object" || indent.length + flat.length <= width) return flat;
  const inner = `${indent}  `;
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  const entries = Array.isArray(value)
    ? value.map((item) => inner + stringify(item, inner, width))
    : Object.entries(value)
        .filter(([, item]) => item !== undefined)
        .map(([key, item]) => `${inner}${JSON.stringify(key)}: ${stringify(item, inner, width - key.length - 4)}`);
  return `${open}\n${entries.join(",\n")}\n${indent}${close}`;
}

function main() {
  const specs = process.argv[2];
  if (!specs || !fs.existsSync(specs)) {
    console.error("usage: npm run fixtures:refresh -- <dir>\n<dir> must hold:");
    for (const api of APIS)
      console.error(`  ${api.file}  (${api.source.repository} ${api.source.path} @ ${api.source.commit.slice(0, 12)})`);
    console.error(`  ${SIGNING.file}  (restatement of the EXO2 signing vectors; see test/fixtures/README.md)`);
    process.exit(2);
  }
  fs.mkdirSync(OUT, { recursive: true });
  const write = (name, data) => {
    const file = path.join(OUT, name);
    fs.writeFileSync(file, `${stringify(data)}\n`);
    console.log(`${path.relative(process.cwd(), file)}: ${fs.statSync(file).size} bytes`);
  };
  for (const api of APIS) write(api.fixture, extract(api, specs));
  write(SIGNING.fixture, signingVectors(specs));
}

main();
