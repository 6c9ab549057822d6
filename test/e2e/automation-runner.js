// node test/e2e/automation-runner.js '<job json>': one Automation API operation, as a team that
// embeds Pulumi runs it, in its own process (the inline program's resources register from here).
// job: { program: "inline" | <program folder for LocalWorkspace>, workDir, stack, op, engineRoot };
// the backend, passphrase and emulator settings come from the environment.
// Engine output goes to stderr; the last stdout line is `RESULT <json>`.
const auto = require("@pulumi/pulumi/automation");
const { ComputeInstance } = require("pulumi-dynamic-compute");

/** The inline program: one ComputeInstance, defined in this process. */
async function inlineProgram() {
  const vm = new ComputeInstance("inline-vm", {
    name: "automation-inline",
    type: "cx31",
    image: "ubuntu-22.04",
    labels: { via: "automation-inline" },
  });
  return { instanceId: vm.id, state: vm.state };
}

async function main(job) {
  const pulumiCommand = await auto.PulumiCommand.get({ root: job.engineRoot, skipVersionCheck: true });
  // The inline project lives in workDir too: the provider process resolves the package from there.
  const stack =
    job.program === "inline"
      ? await auto.LocalWorkspace.createOrSelectStack(
          { stackName: job.stack, projectName: "automation-inline", program: inlineProgram },
          { pulumiCommand, workDir: job.workDir },
        )
      : await auto.LocalWorkspace.createOrSelectStack(
          { stackName: job.stack, workDir: job.program },
          { pulumiCommand },
        );
  const onOutput = (text) => process.stderr.write(text);
  switch (job.op) {
    case "up": {
      const result = await stack.up({ onOutput });
      const outputs = Object.fromEntries(
        Object.entries(result.outputs).map(([key, output]) => [key, output.secret ? "[secret]" : output.value]),
      );
      return { summary: result.summary, outputs };
    }
    case "preview":
      return { changeSummary: (await stack.preview({ onOutput })).changeSummary };
    case "destroy":
      return { summary: (await stack.destroy({ onOutput })).summary };
    default:
      throw new Error(`unknown operation ${job.op}`);
  }
}

main(JSON.parse(process.argv[2]))
  .then((result) => process.stdout.write(`RESULT ${JSON.stringify({ ok: true, ...result })}\n`))
  .catch((error) => {
    process.stdout.write(
      `RESULT ${JSON.stringify({ ok: false, error: String(error && error.message ? error.message : error) })}\n`,
    );
    process.exitCode = 1;
  });
