#!/usr/bin/env node
/**
 * `pulumi-dynamic-compute <command>`: the package's command line. One command so far, `adopt`,
 * which writes the program that takes over what a cloud already holds (see `adopt --help`).
 * Exit status: 0 done, 1 the listing failed (a cloud's error, or what --stack names), 2 a mistake
 * in the command line. Nothing is written unless the run succeeds.
 */
import { ProviderError } from "../core/errors";
import { redact } from "../core/redact";
import { parseAdoptArguments, USAGE, UsageError } from "../adopt/options";
import { createProgress } from "../adopt/progress";
import { planTable, summary } from "../adopt/report";
import { runAdopt } from "../adopt/run";

const HELP = `Usage: pulumi-dynamic-compute <command> [options]

Commands:
  adopt <exoscale|scaleway|compute|incus|all>   Write a program that takes over existing objects

Run \`pulumi-dynamic-compute adopt --help\` for its options.`;

async function adopt(argv: string[]): Promise<void> {
  const options = parseAdoptArguments(argv);
  if (options === "help") {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const outcome = await runAdopt(options, createProgress());
  // With the module on stdout, everything else goes to stderr.
  const report = options.out === "-" && !options.dryRun ? process.stderr : process.stdout;
  if (options.dryRun) process.stdout.write(`${planTable(outcome.plan)}\n\n`);
  else if (outcome.writtenTo === "-" && outcome.module) process.stdout.write(outcome.module.text);
  report.write(`${summary(outcome, options).join("\n")}\n`);
}

function fail(error: unknown): void {
  const usage = error instanceof UsageError;
  const known = error instanceof ProviderError;
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `pulumi-dynamic-compute: ${redact(known ? message : `unexpected error: ${error instanceof Error ? error.stack : message}`)}\n`,
  );
  if (usage) process.stderr.write("Run `pulumi-dynamic-compute adopt --help` for the options.\n");
  process.stderr.write("Nothing was written.\n");
  process.exitCode = usage ? 2 : 1;
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    process.stdout.write(`${HELP}\n`);
    if (command === undefined) process.exitCode = 2;
    return;
  }
  if (command !== "adopt") throw new UsageError(`unknown command "${command}"; the commands are: adopt`);
  await adopt(rest);
}

main(process.argv.slice(2)).catch(fail);
