/**
 * Exoscale instances changed behind Pulumi's back (`PATCH /_emulator/objects`): what the console's
 * edit, scale, resize, start/stop and protection toggles would leave, already settled.
 */
import { bareId, changeSection, entryFields } from "../change";
import { isString, isStringMap, SeedError } from "../seed-error";
import { INSTANCE_TYPES } from "./seed";
import type { ExoscaleState } from "./state";

const FIELDS = ["name", "instanceType", "diskSize", "labels", "state", "deletionProtection", "userData"];

/** Applies the section's changes to `state`; returns what each entry set. */
export function changeExoscale(section: unknown, state: ExoscaleState) {
  return changeSection(
    section,
    "exoscale",
    "instances",
    FIELDS,
    (id) => state.instances[bareId(id).toLowerCase()],
    (entry, at, instance) => {
      const field = entryFields(entry, at);
      const name = field<string>("name", isString, "a non-empty string");
      const typeName = field<string>("instanceType", isString, "family.size such as standard.medium");
      const type = typeName && INSTANCE_TYPES.find((t) => `${t.family}.${t.size}` === typeName.toLowerCase());
      if (typeName && !type)
        throw new SeedError(
          `${at}.instanceType: "${typeName}" is not an instance type; use family.size such as standard.medium`,
        );
      const diskSize = field<number>(
        "diskSize",
        (v) => Number.isInteger(v) && (v as number) >= instance.diskSize && (v as number) <= 51200,
        `a whole number of GiB from the current ${instance.diskSize} to 51200 (disks only grow)`,
      );
      const labels = field<Record<string, string>>("labels", isStringMap, "a map of strings (it replaces every label)");
      const power = field<"running" | "stopped">(
        "state",
        (v) => v === "running" || v === "stopped",
        "running or stopped",
      );
      const protect = field<boolean>("deletionProtection", (v) => typeof v === "boolean", "a boolean");
      const userData = field<string>("userData", (v) => typeof v === "string", "plain-text cloud-init");
      return () => {
        if (name !== undefined) instance.name = name;
        if (type) instance.instanceTypeId = type.id;
        if (diskSize !== undefined) instance.diskSize = diskSize;
        if (labels !== undefined) instance.labels = { ...labels };
        if (power !== undefined) instance.state = power;
        if (protect === true) state.protected[instance.id] = true;
        if (protect === false) delete state.protected[instance.id];
        if (userData !== undefined)
          instance.userData = userData === "" ? undefined : Buffer.from(userData, "utf8").toString("base64");
      };
    },
  );
}
