// Runs one engine operation (preview, up, refresh, destroy) on a program through the Automation
// API. The Node language host binary cannot be built here (its Go module is not served by this
// machine's proxy), so the program runs in this process behind the SDK's own language server and
// the real `pulumi` CLI drives it with `--client`, as Pulumi does for inline programs.
const fs = require("node:fs");
const path = require("node:path");

let tsHookInstalled = false;
/** Lets `require` load the TypeScript example programs (transpile only, like ts-node's fast mode). */
function installTypeScriptHook() {
  if (tsHookInstalled) return;
  tsHookInstalled = true;
  const ts = require("typescript");
  require.extensions[".ts"] = (module, filename) => {
    const source = fs.readFileSync(filename, "utf8");
    const { outputText } = ts.transpileModule(source, {
      fileName: filename,
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, sourceMap: false },
    });
    module._compile(outputText, filename);
  };
}

/** Loads the program module fresh and returns its exports as the stack outputs. */
function inlineProgram(programFile) {
  return async () => {
    installTypeScriptHook();
    const resolved = require.resolve(programFile);
    delete require.cache[resolved];
    const exported = require(resolved);
    const value = typeof exported.default === "function" ? await exported.default() : exported;
    return { ...value };
  };
}

function projectName(workDir) {
  const text = fs.readFileSync(path.join(workDir, "Pulumi.yaml"), "utf8");
  const match = /^name:\s*(\S+)/m.exec(text);
  if (!match) throw new Error(`no project name in ${workDir}/Pulumi.yaml`);
  return match[1];
}

/**
 * @param {object} job
 * @param {string} job.workDir folder with Pulumi.yaml (and stack config files)
 * @param {string} job.programFile the program's entry (index.ts)
 * @param {string} job.stack stack name
 * @param {"preview"|"up"|"refresh"|"destroy"} job.op
 * @param {object} [job.options] Automation API options (parallel, policyPacks, expectNoChanges, …)
 * @param {(text: string) => void} [onOutput]
 */
async function runProgram(job, onOutput = (text) => process.stderr.write(text)) {
  const auto = require("@pulumi/pulumi/automation");
  const bin = process.env.PULUMI_ENGINE_BIN;
  const pulumiCommand = await auto.PulumiCommand.get({ root: path.dirname(bin), skipVersionCheck: true });
  const stack = await auto.LocalWorkspace.createOrSelectStack(
    { stackName: job.stack, projectName: projectName(job.workDir), program: inlineProgram(job.programFile) },
    { workDir: job.workDir, pulumiCommand },
  );
  const options = { color: "never", onOutput, ...job.options };
  const started = Date.now();
  let result;
  switch (job.op) {
    case "preview":
      result = await stack.preview(options);
      return { op: job.op, ms: Date.now() - started, changeSummary: result.changeSummary };
    case "up":
      result = await stack.up(options);
      return { op: job.op, ms: Date.now() - started, summary: result.summary, outputs: unwrap(result.outputs) };
    case "refresh":
      result = await stack.refresh(options);
      return { op: job.op, ms: Date.now() - started, summary: result.summary };
    case "destroy":
      result = await stack.destroy(options);
      return { op: job.op, ms: Date.now() - started, summary: result.summary };
    default:
      throw new Error(`unknown operation ${job.op}`);
  }
}

function unwrap(outputs) {
  const out = {};
  for (const [key, value] of Object.entries(outputs ?? {})) out[key] = value.secret ? "[secret]" : value.value;
  return out;
}

module.exports = { runProgram, inlineProgram };
