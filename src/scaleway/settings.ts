/**
 * Every setting ScalewayImage and the Scaleway functions read: stack config key first, then
 * environment variables. The client, ScalewayAccount and adopt read them from here.
 */
import type { SettingSpec } from "../core/credentials";

/** The default endpoint when SCW_API_URL is not set. */
export const SCALEWAY_API_URL = "https://api.scaleway.com";
/** Zone used when neither the input, `scaleway:zone` nor SCW_DEFAULT_ZONE names one. */
export const DEFAULT_ZONE = "fr-par-1";

export const SCALEWAY_SETTINGS = {
  secretKey: {
    what: "Scaleway secret key",
    config: ["scaleway:secretKey"],
    env: ["SCW_SECRET_KEY", "SCALEWAY_API_KEY"],
    secret: true,
  },
  projectId: { what: "Scaleway project", config: ["scaleway:projectId"], env: ["SCW_DEFAULT_PROJECT_ID"] },
  zone: { what: "Scaleway zone", config: ["scaleway:zone"], env: ["SCW_DEFAULT_ZONE"] },
  apiUrl: { what: "Scaleway API URL", config: ["scaleway:apiUrl"], env: ["SCW_API_URL"] },
} satisfies Record<string, SettingSpec>;
