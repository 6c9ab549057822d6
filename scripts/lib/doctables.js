// Markdown tables of a public type's properties, printed from the same zod schemas and the same
// metadata as the declarations (typegen.js, public-modules.js): name, type, default and description.
// A docs page asks for one with a pair of markers; scripts/generate-docs.js fills them in.
const { def, defaultOf, isOptional, metaOf, propertiesOf, typeOf } = require("./typegen");
const { publicModules } = require("./public-modules");

/** `<!-- schema-table:Name -->` … `<!-- /schema-table -->`, the text between them replaced. */
const MARKERS = /(<!-- schema-table:([A-Za-z]+) -->\n)([\s\S]*?)(<!-- \/schema-table -->)/g;

/** Text for a table cell: one line, pipes escaped (also inside code spans, as GFM wants). */
const cell = (text) =>
  String(text)
    .replace(/\s*\n\s*/g, " ")
    .replace(/\|/g, "\\|");

/** A printed type on one line, without the doc comments of nested properties. */
const compact = (type) =>
  type
    .replace(/\/\*\*[\s\S]*?\*\/\s*/g, "")
    .replace(/\s+/g, " ")
    .replace(/; \}/g, " }");

/**
 * The printed type, except that an enum the declarations widen to `string` (a zone, for one: programs
 * often read it from config) is listed with its values, which is what a reader of the table wants.
 */
function typeText(schema, side) {
  let inner = schema;
  while (["optional", "default", "nullable", "readonly", "prefault"].includes(def(inner).type))
    inner = def(inner).innerType;
  if (metaOf(schema).tsType && def(inner).type === "enum")
    return Object.values(def(inner).entries)
      .map((v) => JSON.stringify(v))
      .join(" | ");
  return compact(typeOf(schema, side, false, ""));
}

/** Finds a public type by name: its spec and the loaded schemas of its module. */
function findType(name, load) {
  for (const module of publicModules(load("src/kinds"))) {
    const spec = module.types.find((type) => type.name === name);
    if (spec) return { module, spec, schemas: load(module.schemas) };
  }
  throw new Error(`schema-table: no public type ${name} in src/kinds.ts`);
}

/** The `…Args` of the resource whose `…OutputProperties` this is, if there is one. */
const argsOf = (module, spec) =>
  module.types.find((type) => type.name === spec.name.replace(/OutputProperties$/, "Args") && type.form === "args");

/** Rows of a type: `{ name, type, required, defaultValue, description }`, in declaration order. */
function rowsOf(spec, schema, side, skip = []) {
  const extra = (spec.extra ?? []).map((p) => ({
    name: p.name,
    type: p.type,
    required: !p.optional,
    description: p.doc ?? "",
  }));
  const props = propertiesOf(schema, spec)
    .filter(([key]) => !skip.includes(key))
    .map(([key, value]) => ({
      name: key,
      type: typeText(value, side),
      required: !isOptional(value, side),
      defaultValue: side === "input" ? defaultOf(value) : undefined,
      description: metaOf(value).description ?? "",
    }));
  return [...extra, ...props];
}

/** The Markdown table for the public type `name`. */
function renderTable(name, load) {
  const { module, spec, schemas } = findType(name, load);
  const schema = schemas[spec.schema];
  const side = spec.form === "args" || spec.form === "input" ? "input" : "output";
  if (def(schema).type !== "object") return `\`${cell(compact(typeOf(schema, side, false, "")))}\`\n`;
  const code = (text) => `\`${cell(text)}\``;
  if (side === "input") {
    const head = spec.form === "args" ? "input" : "argument";
    const rows = rowsOf(spec, schema, side).map((row) => {
      const fallback =
        row.defaultValue !== undefined ? code(JSON.stringify(row.defaultValue)) : row.required ? "required" : "";
      return `| \`${row.name}\` | ${code(row.type)} | ${fallback} | ${cell(row.description)} |`;
    });
    return [`| ${head} | type | default | description |`, "|---|---|---|---|", ...rows].join("\n") + "\n";
  }
  // A resource's outputs repeat its inputs: list only what it adds or reports differently.
  const args = spec.form === "outputs" ? argsOf(module, spec) : undefined;
  const inputShape = args ? def(schemas[args.schema]).shape : {};
  const repeated = Object.keys(def(schema).shape).filter(
    (key) => def(schema).shape[key] === inputShape[key] && !(args.omit ?? []).includes(key),
  );
  const rows = rowsOf(spec, schema, side, repeated).map(
    (row) => `| \`${row.name}\` | ${code(row.type)}${row.required ? "" : " (optional)"} | ${cell(row.description)} |`,
  );
  return (
    [`| ${spec.form === "outputs" ? "output" : "property"} | type | description |`, "|---|---|---|", ...rows].join(
      "\n",
    ) + "\n"
  );
}

/** `text` with every schema table between its markers printed afresh. */
function renderDoc(text, load) {
  return text.replace(MARKERS, (_match, open, name, _old, close) => `${open}\n${renderTable(name, load)}\n${close}`);
}

/** The names of the schema tables a page asks for. */
const tablesIn = (text) => [...text.matchAll(MARKERS)].map((match) => match[2]);

module.exports = { renderDoc, renderTable, tablesIn };
