// Prints TypeScript declarations from zod schemas, so each resource's Args, its output properties and
// each function's argument and result types come from one place: the cloud's schema.ts. The public
// .d.ts must not mention zod itself (its declarations need `esModuleInterop`, which the previous
// `pulumi new typescript` template does not set), hence printed interfaces rather than `z.infer`.
//
// Descriptions (`.describe()` / `.meta({ description })`) become doc comments, defaults become
// `@defaultValue` tags; `.meta({ tsType })` overrides a printed type (e.g. a zone enum accepted as a
// plain string), `.meta({ internal: true })` keeps a property out of the public types.

/** The zod 4 definition of a schema. */
const def = (schema) => schema._zod.def;

/** The registry metadata of a schema or of the schemas it wraps (optional, default, …). */
function metaOf(schema) {
  const found = {};
  for (let current = schema; current; current = unwrapOnce(current)) {
    const meta = current.meta() ?? {};
    for (const [key, value] of Object.entries(meta)) if (!(key in found)) found[key] = value;
  }
  return found;
}

function unwrapOnce(schema) {
  const d = def(schema);
  return ["optional", "default", "nullable", "readonly", "prefault", "nonoptional", "catch"].includes(d.type)
    ? d.innerType
    : undefined;
}

const quote = (value) => JSON.stringify(value);
const needsParens = (text) => /[|&]/.test(text) && !/^[{(]/.test(text);
const arrayOf = (text) => `${needsParens(text) ? `(${text})` : text}[]`;
const isIdentifier = (key) => /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key);

/**
 * The TypeScript type of `schema` on one side of parsing ("input": what callers may pass, defaults
 * optional; "output": what they get back) and, with `wrap`, with Pulumi Inputs at every level.
 */
function typeOf(schema, side, wrap, indent) {
  const meta = metaOf(schema);
  if (meta.tsType) return wrap ? `pulumi.Input<${meta.tsType}>` : meta.tsType;
  const inner = bareType(schema, side, wrap, indent);
  return wrap ? `pulumi.Input<${inner}>` : inner;
}

function bareType(schema, side, wrap, indent) {
  const d = def(schema);
  switch (d.type) {
    case "string":
      return "string";
    case "number":
    case "int":
      return "number";
    case "boolean":
      return "boolean";
    case "date":
      return "Date";
    case "unknown":
    case "any":
      return "unknown";
    case "null":
      return "null";
    case "literal":
      return d.values.map(quote).join(" | ");
    case "enum":
      return Object.values(d.entries).map(quote).join(" | ");
    case "optional":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
      return bareType(d.innerType, side, wrap, indent);
    case "nullable":
      return `${bareType(d.innerType, side, wrap, indent)} | null`;
    case "array":
      return arrayOf(wrap ? typeOf(d.element, side, true, indent) : typeOf(d.element, side, false, indent));
    case "record":
      return `Record<string, ${typeOf(d.valueType, side, wrap, indent)}>`;
    case "union":
      return d.options.map((option) => typeOf(option, side, false, indent)).join(" | ");
    case "object":
      return objectType(schema, side, wrap, indent);
    case "pipe":
      if (side === "input") return bareType(d.in, side, wrap, indent);
      if (def(d.out).type === "transform")
        throw new Error(
          `typegen: the output type of a transform is unknown; give it .meta({ tsType }) (${metaOf(schema).description ?? "no description"})`,
        );
      return bareType(d.out, side, wrap, indent);
    default:
      throw new Error(`typegen: zod type "${d.type}" is not supported`);
  }
}

/** Whether a property may be left out on this side. */
function isOptional(schema, side) {
  for (let current = schema; current; current = unwrapOnce(current)) {
    const type = def(current).type;
    if (type === "optional") return true;
    if (type === "default" || type === "prefault") return side === "input";
  }
  return false;
}

/** The line width of the sources (Prettier's printWidth), which doc comments are wrapped to. */
const WIDTH = 120;

/** `text` broken between words into lines of at most `width` characters (a longer word stays whole). */
function wrap(text, width) {
  const lines = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  return [...lines, line];
}

/** The doc comment for a property or type, indented; empty when there is nothing to say. */
function docComment(text, defaultValue, indent) {
  const lines = text ? String(text).split("\n") : [];
  if (defaultValue !== undefined) lines.push(`@defaultValue ${JSON.stringify(defaultValue)}`);
  if (lines.length === 0) return "";
  if (lines.length === 1 && indent.length + lines[0].length + 7 <= WIDTH) return `${indent}/** ${lines[0]} */\n`;
  lines.splice(0, lines.length, ...lines.flatMap((line) => wrap(line, WIDTH - indent.length - 3)));
  return `${indent}/**\n${lines.map((line) => `${indent} * ${line}`.trimEnd()).join("\n")}\n${indent} */\n`;
}

function defaultOf(schema) {
  for (let current = schema; current; current = unwrapOnce(current)) {
    const d = def(current);
    if (d.type === "default") return typeof d.defaultValue === "function" ? d.defaultValue() : d.defaultValue;
  }
  return undefined;
}

/** The public properties of an object schema, in declaration order. */
function propertiesOf(schema, options = {}) {
  const shape = def(schema).shape;
  return Object.entries(shape).filter(([key, value]) => !metaOf(value).internal && !(options.omit ?? []).includes(key));
}

function objectType(schema, side, wrap, indent) {
  const inner = `${indent}  `;
  const lines = propertiesOf(schema).map(([key, value]) => propertyLine(key, value, { side, wrap, indent: inner }));
  return `{\n${lines.join("")}${indent}}`;
}

function propertyLine(key, value, { side, wrap, indent, readonly = false, output = false, plain = false }) {
  const meta = metaOf(value);
  const optional = isOptional(value, side);
  let type = typeOf(value, side, wrap && !plain, indent);
  if (output) type = `pulumi.Output<${type}${optional ? " | undefined" : ""}>`;
  const name = isIdentifier(key) ? key : quote(key);
  const mark = optional && !output ? "?" : "";
  return `${docComment(meta.description, side === "input" ? defaultOf(value) : undefined, indent)}${indent}${readonly ? "readonly " : ""}${name}${mark}: ${type};\n`;
}

/**
 * One interface from an object schema. Forms:
 * - "args": inputs as a program passes them (Pulumi Inputs at every level, defaults optional);
 * - "input": the same without Inputs (a function's plain arguments);
 * - "output": plain values as they come back (a function's result);
 * - "outputs": a resource's output properties, each a `pulumi.Output` (merged into its class).
 */
function renderInterface(spec) {
  const { name, schema, form, doc } = spec;
  const side = form === "args" || form === "input" ? "input" : "output";
  // Not an object (e.g. a discriminated union of results): a type alias.
  if (def(schema).type !== "object")
    return `${docComment(doc, undefined, "")}export type ${name} = ${typeOf(schema, side, form === "args", "")};\n`;
  const body = propertiesOf(schema, spec)
    .map(([key, value]) =>
      propertyLine(key, value, {
        side,
        wrap: form === "args",
        plain: (spec.plain ?? []).includes(key),
        indent: "  ",
        readonly: form === "outputs",
        output: form === "outputs",
      }),
    )
    .join("");
  const extra = (spec.extra ?? [])
    .map((p) => `${docComment(p.doc, undefined, "  ")}  ${p.name}${p.optional ? "?" : ""}: ${p.type};\n`)
    .join("");
  return `${docComment(doc, undefined, "")}export interface ${name} {\n${extra}${body}}\n`;
}

/** The names of a resource's public output properties, for the class to register. */
function outputNames(schema) {
  return propertiesOf(schema).map(([key]) => key);
}

/** `export const NAME = [...] as const;`, one name a line when the list does not fit on one. */
function nameList(name, names) {
  const line = `export const ${name} = ${JSON.stringify(names)} as const;\n`;
  if (line.length - 1 <= WIDTH) return line;
  return `export const ${name} = [\n${names.map((n) => `  ${JSON.stringify(n)},\n`).join("")}] as const;\n`;
}

/**
 * The instance type of a resource class (what `new ExoscaleInstance(…)` returns), declared here so that
 * another kind's Args can name it without importing the class.
 */
const classType = (className) =>
  `/** An ${className} resource, with its output properties. */\nexport type ${className} = pulumi.CustomResource & ${className}OutputProperties;\n`;

/** A whole generated module: header, the Pulumi import when used, interfaces, name lists and class types. */
function renderModule({ source, types, names = [], classes = [], imports = [] }) {
  const parts = types.map(renderInterface);
  for (const { name, schema, doc } of names)
    parts.push(`${docComment(doc, undefined, "")}${nameList(name, outputNames(schema))}`);
  parts.push(...classes.map(classType));
  const text = parts.join("\n");
  const header = `// Generated from ${source} by scripts/generate-types.js: do not edit, run \`npm run types\` after changing a schema.\n`;
  const lines = [...(text.includes("pulumi.") ? ['import type * as pulumi from "@pulumi/pulumi";'] : []), ...imports];
  return `${header}${lines.length > 0 ? `${lines.join("\n")}\n\n` : ""}${text}`;
}

module.exports = {
  renderModule,
  renderInterface,
  outputNames,
  metaOf,
  typeOf,
  isOptional,
  defaultOf,
  propertiesOf,
  def,
};
