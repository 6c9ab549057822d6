/**
 * Every TypeScript snippet of the README and of docs/ (contributing/ included) compiles as a user's
 * program would: each is the index.ts of its own project with the `pulumi new typescript` tsconfig
 * (CommonJS, so no top-level `await`), importing the built package (dist) by its name. A fence
 * preceded by `<!-- snippet:skip -->` is a fragment and is left out; keep that rare.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import * as ts from "typescript";
import { PULUMI_TEMPLATE_COMPILER_OPTIONS } from "../helpers/pulumi-template";

const root = path.resolve(__dirname, "..", "..");
const work = path.join(root, ".work", `doc-snippets-${process.pid}`);
const SKIP = "<!-- snippet:skip -->";

interface Snippet {
  /** `page:line` of the opening fence. */
  where: string;
  code: string;
}

/** The ```ts and ```typescript blocks of a Markdown page, unless marked to skip. */
function snippetsOf(page: string, text: string): Snippet[] {
  const lines = text.split("\n");
  const snippets: Snippet[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,})(ts|typescript)\s*$/.exec(lines[i]);
    if (!open) continue;
    const close = lines.findIndex((line, j) => j > i && line.trim() === open[2]);
    if (close < 0) throw new Error(`${page}:${i + 1}: the code block is never closed`);
    if (lines[i - 1]?.trim() !== SKIP)
      snippets.push({ where: `${page}:${i + 1}`, code: lines.slice(i + 1, close).join("\n") + "\n" });
    i = close;
  }
  return snippets;
}

/** Compiles each snippet as its own program folder in one TypeScript program; returns the errors of each. */
function compile(snippets: Snippet[]): string[] {
  fs.rmSync(work, { recursive: true, force: true });
  const files = snippets.map((snippet, index) => {
    const dir = path.join(work, String(index));
    fs.mkdirSync(dir, { recursive: true });
    // As `pulumi new typescript` writes it: no "type", so index.ts is a CommonJS module.
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: `snippet-${index}`, main: "index.ts" }));
    fs.writeFileSync(path.join(dir, "index.ts"), snippet.code);
    return path.join(dir, "index.ts");
  });
  // The template's options; `types` as a new project has them (@types/node only, not this repo's jest).
  const { options, errors } = ts.convertCompilerOptionsFromJson(
    { ...PULUMI_TEMPLATE_COMPILER_OPTIONS.current, noEmit: true, types: ["node"] },
    work,
  );
  if (errors.length > 0) throw new Error(ts.formatDiagnostics(errors, host));
  const program = ts.createProgram(files, options);
  const diagnostics = ts.getPreEmitDiagnostics(program);
  return files.map((file) =>
    ts.formatDiagnostics(
      diagnostics.filter((d) => d.file?.fileName === file || (d.file === undefined && file === files[0])),
      host,
    ),
  );
}

const host: ts.FormatDiagnosticsHost = {
  getCanonicalFileName: (f) => f,
  getCurrentDirectory: () => root,
  getNewLine: () => "\n",
};

describe("TypeScript snippets of the README and docs/", () => {
  const pages = [
    "README.md",
    ...fs
      .readdirSync(path.join(root, "docs"), { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".md"))
      .map((f) => `docs/${f.split(path.sep).join("/")}`),
  ];
  const snippets = pages.flatMap((page) => snippetsOf(page, fs.readFileSync(path.join(root, page), "utf8")));
  // Two programs that must not compile, so that a harness that reports nothing is noticed.
  const canaries: Snippet[] = [
    {
      where: "canary: top-level await",
      code: 'import { listKoyebInstances } from "pulumi-dynamic-compute";\nconst all = await listKoyebInstances({});\nexport const count = all.length;\n',
    },
    {
      where: "canary: misspelt input",
      code: 'import { ComputeInstance } from "pulumi-dynamic-compute";\nnew ComputeInstance("web", { name: "web", type: "cx31", imag: "ubuntu-22.04" });\n',
    },
  ];
  let errors: string[] = [];

  beforeAll(() => {
    if (!fs.existsSync(path.join(root, "dist", "index.d.ts")))
      throw new Error("the snippets compile against the built package: run `npm run build` first");
    errors = compile([...snippets, ...canaries]);
  }, 300_000);

  afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

  it("finds the snippets", () => {
    expect(snippets.length).toBeGreaterThan(5);
  });

  it.each(snippets.map((snippet, index) => [snippet.where, index] as const))("%s compiles", (_where, index) => {
    expect(errors[index]).toBe("");
  });

  it("would notice a snippet with top-level await or a misspelt input", () => {
    const [awaitErrors, misspeltErrors] = errors.slice(snippets.length);
    expect(awaitErrors).toMatch(/TS1309|TS1378|top level|top-level/i);
    expect(misspeltErrors).toMatch(/'imag' does not exist/);
  });
});
