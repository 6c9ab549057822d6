#!/usr/bin/env node
// node scripts/run-program.js '<job json>': one engine operation in its own process (see
// lib/run-program.js). Engine output goes to stderr; the last stdout line is `RESULT <json>`.
const { engineBinDir } = require("./lib/engine");
const { runProgram } = require("./lib/run-program");

const job = JSON.parse(process.argv[2]);
engineBinDir();
runProgram(job)
  .then((result) => {
    process.stdout.write(`RESULT ${JSON.stringify({ ok: true, ...result })}\n`);
  })
  .catch((error) => {
    const message = error && error.commandResult ? error.commandResult.stderr || error.message : String(error && error.stack ? error.stack : error);
    process.stdout.write(`RESULT ${JSON.stringify({ ok: false, op: job.op, error: message })}\n`);
    process.exitCode = 1;
  });
