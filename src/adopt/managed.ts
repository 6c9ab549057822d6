/**
 * What Pulumi manages already, so it is never declared twice: the resources recorded in the state
 * of the stacks given with `--stack`, read with `pulumi stack export` (or from a file it wrote), and
 * indexed by an identity that every spelling of an id shares (a bare Exoscale UUID from an older
 * release and `zone/uuid`; an Incus `name` and `default/name`).
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import { uuidOf } from "../exoscale/schema";
import { parseInstanceId, parseSnapshotId } from "../incus/mapping";
import { kindOf, RESOURCE_KINDS, typeToken } from "../kinds";
import { AdoptError } from "./options";
import type { ResourceKind } from "./model";

/** The type token of each kind in a stack's state. */
export const TYPE_TOKENS: Record<string, ResourceKind> = Object.fromEntries(
  RESOURCE_KINDS.map((kind) => [typeToken(kind), kind.className as ResourceKind]),
);

/** The part of `pulumi stack export` we read. */
interface ExportedStack {
  deployment?: { resources?: Array<{ type?: string; id?: string; external?: boolean; urn?: string }> };
}

/** One identity per object, whatever spelling of its id a state or a listing uses. */
export function identity(kind: ResourceKind, id: string): string {
  const { cloud, role } = kindOf(kind);
  switch (cloud) {
    case "exoscale":
    case "scaleway":
      return `${kind} ${uuidOf(id.split("/").pop() ?? id)}`;
    case "incus": {
      if (role === "snapshot") {
        const { project, instance, name } = parseSnapshotId(id);
        return `${kind} ${project ?? "default"}/${instance}/${name}`;
      }
      const { project, name } = parseInstanceId(id);
      return `${kind} ${project ?? "default"}/${name}`;
    }
    default:
      return `${kind} ${id}`;
  }
}

/** Identities of the objects the stacks manage, each with the stack that holds it. */
export class ManagedIndex {
  private readonly holders = new Map<string, string>();

  /** Adds the resources of one exported stack (read-only `get` resources are not managed, so not added). */
  add(stack: string, exported: ExportedStack): void {
    for (const resource of exported.deployment?.resources ?? []) {
      const kind = resource.type === undefined ? undefined : TYPE_TOKENS[resource.type];
      if (!kind || !resource.id || resource.external === true) continue;
      try {
        this.holders.set(identity(kind, resource.id), stack);
      } catch {
        // An id this release cannot parse names nothing we would list.
      }
    }
  }

  /** The stack that manages the object, if one does. */
  holder(kind: ResourceKind, id: string): string | undefined {
    return this.holders.get(identity(kind, id));
  }

  get size(): number {
    return this.holders.size;
  }
}

/** Runs a `pulumi` command and returns its stdout; fails with what the CLI said. */
export function runPulumi(args: string[], what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      "pulumi",
      args,
      { maxBuffer: 256 << 20, env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" } },
      (error, stdout, stderr) => {
        if (!error) return resolve(stdout);
        const missing = (error as NodeJS.ErrnoException).code === "ENOENT";
        reject(
          new AdoptError(
            missing
              ? `${what}: the pulumi CLI is not on PATH; install it, or pass --stack a file written by \`pulumi stack export\``
              : `${what}: \`pulumi ${args.join(" ")}\` failed: ${(stderr || error.message).trim()}`,
          ),
        );
      },
    );
  });
}

/** Whether `--stack` names a file (a `pulumi stack export` output) rather than a stack. */
export function isStateFile(stack: string): boolean {
  return fs.existsSync(stack) && fs.statSync(stack).isFile();
}

/** The exported state of `stack`: the file it names, or `pulumi stack export --stack <stack>`. */
export async function readStack(stack: string): Promise<ExportedStack> {
  const text = isStateFile(stack)
    ? fs.readFileSync(stack, "utf8")
    : await runPulumi(["stack", "export", "--stack", stack, "--non-interactive"], `--stack ${stack}`);
  try {
    return JSON.parse(text) as ExportedStack;
  } catch {
    throw new AdoptError(`--stack ${stack}: not the JSON \`pulumi stack export\` writes`);
  }
}
