#!/usr/bin/env node
// `npm run bench [-- --quick | --only=engine,completion,calls,storm,fleet,settings | --reps=N]`: the
// benchmarks of test/bench/ (engine overhead, completion detection, state economy, API-call economy,
// rate-limit storm, fleets, engine settings) against the local emulator on the real engine: the
// engine folder's `pulumi` CLI in each program's folder, as users run it. The benchmark sources are
// TypeScript, loaded here with a transpile-only hook; the code under test is the compiled package in
// dist/, which `npm run bench` builds first.
const fs = require("node:fs");
const path = require("node:path");
const ts = require("typescript");
const { engineBinDir } = require("./lib/engine");

require.extensions[".ts"] = (module, filename) => {
  const { outputText } = ts.transpileModule(fs.readFileSync(filename, "utf8"), {
    fileName: filename,
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
      sourceMap: false,
    },
  });
  module._compile(outputText, filename);
};

engineBinDir();
require(path.join(__dirname, "..", "test", "bench", "run.ts"))
  .main()
  .then((code) => process.exit(code))
  .catch((error) => {
    console.error(error && error.stack ? error.stack : error);
    process.exit(1);
  });
