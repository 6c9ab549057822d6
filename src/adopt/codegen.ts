/**
 * Writes the TypeScript module that declares the objects: one exported `new <Resource>(name,
 * { adoptId, …inputs })` per object, snapshots right after their instance with the instance as
 * their `instance` (which makes it their parent). Pure: text in, text out, so the escaping rules
 * are unit-tested. Every value is a literal except secrets, which are read with
 * `config.requireSecret(key)`, and the module never contains a secret's value.
 */
import type { AssignedName } from "./naming";
import { type FoundObject, SecretValue } from "./model";

/** One object to declare, with its names and (for a snapshot) its parent's variable. */
export interface Declaration {
  object: FoundObject;
  names: AssignedName;
  parentVariable?: string;
}

/** A stack config value the module reads with `config.requireSecret(key)`. */
export interface SecretConfig {
  key: string;
  value: string;
  /** What the value is ("user data", "config user.user-data"). */
  what: string;
  /** Whose it is: "ExoscaleInstance ch-gva-2/…". */
  owner: string;
}

export interface GeneratedModule {
  text: string;
  secrets: SecretConfig[];
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
/** Where a line of object literal is broken into one property per line. */
const INLINE_LIMIT = 80;

/** A string literal: JSON's escaping, plus the two line separators older tools choke on. */
export function stringLiteral(text: string): string {
  return JSON.stringify(text)
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/**
 * A property name. `__proto__` is written as a computed key, the one spelling that makes an own
 * property instead of setting the object's prototype.
 */
export function propertyKey(key: string): string {
  if (key === "__proto__") return `[${stringLiteral(key)}]`;
  return IDENTIFIER.test(key) ? key : stringLiteral(key);
}

/** A comment line's text: one line, whatever the object's name holds. */
function commentText(text: string): string {
  return text.replace(/[\r\n\u2028\u2029]+/g, " ").replace(/\p{Cc}/gu, "?");
}

/** Renders values as TypeScript; `expression` turns markers (secrets, references) into code. */
class LiteralWriter {
  constructor(private readonly expression: (value: object) => string | undefined) {}

  write(value: unknown, indent: string): string {
    if (typeof value === "string") return stringLiteral(value);
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    if (value === null || value === undefined) return "undefined";
    const special = this.expression(value);
    if (special !== undefined) return special;
    const inner = `${indent}  `;
    const parts = Array.isArray(value)
      ? value.map((item) => this.write(item, inner))
      : Object.entries(value as Record<string, unknown>).map(
          ([key, item]) => `${propertyKey(key)}: ${this.write(item, inner)}`,
        );
    const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
    if (parts.length === 0) return `${open}${close}`;
    const inline = Array.isArray(value) ? `[${parts.join(", ")}]` : `{ ${parts.join(", ")} }`;
    if (inline.length <= INLINE_LIMIT && !inline.includes("\n")) return inline;
    return `${open}\n${parts.map((part) => `${inner}${part},`).join("\n")}\n${indent}${close}`;
  }
}

/** The module for `declarations`, in their order, under a header comment. */
export function generateModule(declarations: Declaration[], header: string[]): GeneratedModule {
  const secrets: SecretConfig[] = [];
  const keys = new Set<string>();
  const classes = [...new Set(declarations.map((d) => d.object.kind))].sort();
  const body: string[] = [];

  for (const declaration of declarations) {
    const { object, names } = declaration;
    const writer = new LiteralWriter((value) => {
      if (value instanceof SecretValue) {
        let key = `${names.variable}${value.keySuffix}`;
        for (let n = 2; keys.has(key); n++) key = `${names.variable}${value.keySuffix}${n}`;
        keys.add(key);
        secrets.push({ key, value: value.value, what: value.what, owner: `${object.kind} ${object.id}` });
        return `config.requireSecret(${stringLiteral(key)})`;
      }
      return undefined;
    });
    const properties: Array<[string, string]> = [];
    if (declaration.parentVariable !== undefined) properties.push(["instance", declaration.parentVariable]);
    properties.push(["adoptId", stringLiteral(object.id)]);
    for (const [key, value] of Object.entries(object.args))
      if (value !== undefined) properties.push([key, writer.write(value, "  ")]);

    body.push("");
    body.push(`// ${commentText(`${object.cloud} ${object.location}: ${object.kind} "${object.name}"`)}`);
    for (const note of object.notes) body.push(`// ${commentText(note)}`);
    body.push(`export const ${names.variable} = new ${object.kind}(${stringLiteral(names.resource)}, {`);
    for (const [key, code] of properties) body.push(`  ${propertyKey(key)}: ${code},`);
    body.push("});");
  }

  const lines = header.map((line) => `// ${commentText(line)}`);
  if (secrets.length > 0) lines.push('import * as pulumi from "@pulumi/pulumi";');
  lines.push(`import { ${classes.join(", ")} } from "pulumi-dynamic-compute";`);
  if (secrets.length > 0) lines.push("", "const config = new pulumi.Config();");
  return { text: `${[...lines, ...body].join("\n")}\n`, secrets };
}
