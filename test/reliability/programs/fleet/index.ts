// The reliability suite's program: builds whatever `spec.json` (in the stack's folder) describes, so
// that one program serves the fault matrix, the bad-input batches and the 50-resource concurrency
// run. Each entry is `{ kind, name, args, instance?, secretArgs?, secretConfig? }`: `instance` names
// the ExoscaleInstance a snapshot belongs to, `secretArgs` lists inputs wrapped in pulumi.secret(),
// `secretConfig` maps inputs to secret stack config keys (config.requireSecret).
// Inputs are passed through unchanged, invalid ones included, so `check` sees exactly what a user
// program would send.
import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import {
  ComputeInstance,
  ExoscaleInstance,
  ExoscaleInstanceSnapshot,
  IncusInstance,
  IncusInstanceSnapshot,
  ScalewayImage,
} from "pulumi-dynamic-compute";

interface Entry {
  kind: "exoscale" | "exoscaleSnapshot" | "scaleway" | "compute" | "incus" | "incusSnapshot";
  name: string;
  args?: Record<string, unknown>;
  instance?: string;
  secretArgs?: string[];
  secretConfig?: Record<string, string>;
}

const config = new pulumi.Config();
const specFile = path.join(process.cwd(), "spec.json");
const entries: Entry[] = fs.existsSync(specFile) ? JSON.parse(fs.readFileSync(specFile, "utf8")) : [];
const instances = new Map<string, ExoscaleInstance>();
const ids: Record<string, pulumi.Output<string>> = {};

function argsOf(entry: Entry): any {
  const args: Record<string, unknown> = { ...entry.args };
  for (const key of entry.secretArgs ?? []) if (args[key] !== undefined) args[key] = pulumi.secret(args[key]);
  for (const [key, configKey] of Object.entries(entry.secretConfig ?? {})) args[key] = config.requireSecret(configKey);
  return args;
}

for (const entry of entries) {
  switch (entry.kind) {
    case "exoscale": {
      const instance = new ExoscaleInstance(entry.name, argsOf(entry));
      instances.set(entry.name, instance);
      ids[entry.name] = instance.id;
      break;
    }
    case "exoscaleSnapshot": {
      const instance = instances.get(entry.instance ?? "");
      if (!instance) throw new Error(`spec: snapshot ${entry.name} names unknown instance ${entry.instance}`);
      ids[entry.name] = new ExoscaleInstanceSnapshot(entry.name, { instance, ...argsOf(entry) }).id;
      break;
    }
    case "scaleway":
      ids[entry.name] = new ScalewayImage(entry.name, argsOf(entry)).id;
      break;
    case "compute":
      ids[entry.name] = new ComputeInstance(entry.name, argsOf(entry)).id;
      break;
    // Incus entries name their instance by its name (no daemon is needed until one is created).
    case "incus":
      ids[entry.name] = new IncusInstance(entry.name, argsOf(entry)).id;
      break;
    case "incusSnapshot":
      ids[entry.name] = new IncusInstanceSnapshot(entry.name, argsOf(entry)).id;
      break;
    default:
      throw new Error(`spec: unknown kind ${entry.kind}`);
  }
}

export const resourceIds = ids;
