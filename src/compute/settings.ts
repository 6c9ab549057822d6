/**
 * Every setting ComputeInstance and the Instances API functions read: stack config key first, then
 * environment variables. The client, ComputeAccount and adopt read them from here.
 */
import type { SettingSpec } from "../core/credentials";

export const COMPUTE_SETTINGS = {
  endpoint: { what: "Instances API endpoint", config: ["compute:endpoint"], env: ["COMPUTE_API_URL"] },
  token: { what: "Instances API token", config: ["compute:token"], env: ["COMPUTE_API_TOKEN"], secret: true },
} satisfies Record<string, SettingSpec>;
