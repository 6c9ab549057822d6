/**
 * Instances-API instances changed behind Pulumi's back (`PATCH /_emulator/objects`): the API itself
 * has no update, so only another tool (or an operator on the host) could leave these differences.
 */
import { bareId, changeSection, entryFields } from "../change";
import { isString, isStringMap } from "../seed-error";
import type { EmulatedComputeInstance } from "./state";

const FIELDS = ["name", "type", "image", "labels", "userData", "state"];
const NAME = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** Applies the section's changes to `instances`; returns what each entry set. */
export function changeCompute(section: unknown, instances: Record<string, EmulatedComputeInstance>) {
  return changeSection(
    section,
    "compute",
    "instances",
    FIELDS,
    (id) => instances[bareId(id)],
    (entry, at, instance) => {
      const field = entryFields(entry, at);
      const name = field<string>(
        "name",
        (v) => typeof v === "string" && NAME.test(v),
        "1-63 lowercase letters, digits or hyphens",
      );
      const type = field<string>("type", isString, "a non-empty string");
      const image = field<string>("image", isString, "a non-empty string");
      const labels = field<Record<string, string>>("labels", isStringMap, "a map of strings (it replaces every label)");
      const userData = field<string>("userData", (v) => typeof v === "string", "plain-text cloud-init");
      const state = field<string>("state", (v) => v === "running" || v === "stopped", "running or stopped");
      return () => {
        if (name !== undefined) instance.metadata.name = name;
        if (type !== undefined) instance.spec.type = type;
        if (image !== undefined) instance.spec.image = image;
        if (labels !== undefined) instance.metadata.labels = { ...labels };
        if (userData !== undefined)
          instance.spec.user_data = userData === "" ? undefined : Buffer.from(userData, "utf8").toString("base64");
        if (state !== undefined) instance.status.state = state;
      };
    },
  );
}
