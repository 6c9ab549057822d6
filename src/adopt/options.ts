/**
 * The adopt command's arguments: parsed and checked before anything is listed, so a typo fails at
 * once with the option's name and what it accepts, and nothing is read or written. Also the
 * command's own errors, as opposed to a cloud's.
 */
import { parseArgs } from "node:util";
import { ProviderError } from "../core/errors";
import { EXOSCALE_ZONES } from "../exoscale/schema";
import { KNOWN_ZONES as SCALEWAY_ZONES } from "../scaleway/schema";
import { type Cloud, CLOUDS } from "./model";

/** A mistake in the command line (exit status 2): nothing was listed or written. A ProviderError with a stable code, like every error of the package. */
export class UsageError extends ProviderError {
  override readonly code = "ERR_USAGE";
}

/** Something the command line points at cannot be used (a stack, a file, a folder): nothing was written. */
export class AdoptError extends ProviderError {
  override readonly code = "ERR_ADOPT";
}

export interface AdoptOptions {
  clouds: Cloud[];
  /** Zones per cloud; undefined: every zone the cloud has. */
  zones: { exoscale?: string[]; scaleway?: string[] };
  /** `key=value` (or bare `key`) filters; every one must match. */
  labels: Array<{ key: string; value?: string }>;
  namePrefix?: string;
  /** Module to write; "-" for stdout. */
  out: string;
  force: boolean;
  dryRun: boolean;
  /** Stacks (names or `pulumi stack export` files) whose resources are skipped as managed. */
  stacks: string[];
  secretsDir?: string;
  showSecrets: boolean;
  /** The arguments as given, for the module's header. */
  argv: string[];
}

export const USAGE = `Usage: pulumi-dynamic-compute adopt <exoscale|scaleway|compute|incus|all> [options]

Lists what a cloud holds and writes a TypeScript module that declares each object as a
pulumi-dynamic-compute resource with adoptId and inputs equal to its current state, so that
\`pulumi up\` takes the objects over without creating, changing or replacing anything.
Credentials and endpoints are those the resources use (environment variables, or the stack
config of the first --stack given by name).

Options:
  --zone Z            Only this zone (Exoscale, Scaleway); repeatable. Default: every zone.
  --label key=value   Only objects with this label (Exoscale and Instances API labels, Scaleway
                      tag "key=value", Incus config "user.key"); a bare key matches any value.
                      Repeatable: every one must match.
  --name-prefix P     Only objects whose name starts with P (snapshots follow their instance).
  --out FILE          Module to write (default adopted.ts; "-" writes it to stdout).
  --force             Overwrite --out and files in --secrets-dir.
  --dry-run           Print what would be adopted and why anything is skipped; write nothing.
  --stack S           Skip objects this stack manages: a stack name (read with
                      \`pulumi stack export\` in the current directory) or a file that command
                      wrote. Repeatable.
  --secrets-dir DIR   Write each secret value (user data, …) to DIR/<config key>, readable by
                      you only, and print commands that read them from there.
  --show-secrets      Print secret values in the \`pulumi config set --secret\` commands.
  -h, --help          Show this help.

Objects that already carry a Pulumi creation token, or that a --stack holds, are skipped and
listed; so are objects the resources cannot express, with the reason. Secret values become
config.requireSecret(...) references; they are never written to the module and are printed
only with --show-secrets.`;

const ZONES: Record<"exoscale" | "scaleway", readonly string[]> = {
  exoscale: EXOSCALE_ZONES,
  scaleway: SCALEWAY_ZONES,
};
const SCALEWAY_ZONE = /^[a-z]{2}-[a-z]{3}-[1-9]$/;

/** Zones given with --zone, split by the cloud they belong to; an unknown zone is an error. */
function zonesFor(given: string[], clouds: Cloud[]): AdoptOptions["zones"] {
  if (given.length === 0) return {};
  const zoned = clouds.filter(
    (cloud): cloud is "exoscale" | "scaleway" => cloud === "exoscale" || cloud === "scaleway",
  );
  if (zoned.length === 0)
    throw new UsageError(`--zone applies to exoscale and scaleway only, not to ${clouds.join(", ")}`);
  const belongs = (cloud: "exoscale" | "scaleway", zone: string) =>
    ZONES[cloud].includes(zone) ||
    (cloud === "scaleway" && SCALEWAY_ZONE.test(zone) && !EXOSCALE_ZONES.includes(zone as never));
  const zones: AdoptOptions["zones"] = {};
  for (const zone of given) {
    const owners = zoned.filter((cloud) => belongs(cloud, zone));
    if (owners.length === 0)
      throw new UsageError(
        `--zone "${zone}" is not a zone of ${zoned.join(" or ")}; zones: ${zoned.map((cloud) => ZONES[cloud].join(", ")).join("; ")}`,
      );
    for (const cloud of owners) (zones[cloud] ??= []).push(zone);
  }
  // With `all`, a cloud none of whose zones was named is listed in none.
  for (const cloud of zoned) zones[cloud] ??= [];
  return zones;
}

function parseLabel(text: string): { key: string; value?: string } {
  const at = text.indexOf("=");
  const key = at < 0 ? text : text.slice(0, at);
  if (key === "") throw new UsageError(`--label "${text}": expected key=value or key`);
  return at < 0 ? { key } : { key, value: text.slice(at + 1) };
}

/** Parses `adopt …` arguments (after the word `adopt`); throws UsageError. Returns "help" for --help. */
export function parseAdoptArguments(argv: string[]): AdoptOptions | "help" {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        zone: { type: "string", multiple: true },
        label: { type: "string", multiple: true },
        "name-prefix": { type: "string" },
        out: { type: "string" },
        force: { type: "boolean" },
        "dry-run": { type: "boolean" },
        stack: { type: "string", multiple: true },
        "secrets-dir": { type: "string" },
        "show-secrets": { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.replace(/\. To specify a positional argument.*$/s, ""));
  }
  const { values, positionals } = parsed;
  if (values.help) return "help";
  if (positionals.length === 0) throw new UsageError(`name the cloud to list: one of ${[...CLOUDS, "all"].join(", ")}`);
  if (positionals.length > 1)
    throw new UsageError(`one cloud at a time (or all), got ${positionals.map((p) => `"${p}"`).join(" ")}`);
  const which = positionals[0];
  if (which !== "all" && !(CLOUDS as readonly string[]).includes(which))
    throw new UsageError(`unknown cloud "${which}": use one of ${[...CLOUDS, "all"].join(", ")}`);
  const clouds = which === "all" ? [...CLOUDS] : [which as Cloud];
  const nonEmpty = (name: string, value: string | undefined) => {
    if (value === "") throw new UsageError(`--${name} needs a value`);
    return value;
  };
  return {
    clouds,
    zones: zonesFor(values.zone ?? [], clouds),
    labels: (values.label ?? []).map(parseLabel),
    namePrefix: nonEmpty("name-prefix", values["name-prefix"]),
    out: nonEmpty("out", values.out) ?? "adopted.ts",
    force: values.force === true,
    dryRun: values["dry-run"] === true,
    stacks: (values.stack ?? []).map((stack) => nonEmpty("stack", stack) as string),
    secretsDir: nonEmpty("secrets-dir", values["secrets-dir"]),
    showSecrets: values["show-secrets"] === true,
    argv,
  };
}
