/**
 * Every setting the Koyeb functions read: stack config key first, then environment variables. The
 * client and KoyebAccount read them from here.
 */
import type { SettingSpec } from "../core/credentials";

/** The default endpoint when KOYEB_API_URL is not set. */
export const KOYEB_API_URL = "https://app.koyeb.com";

export const KOYEB_SETTINGS = {
  token: { what: "Koyeb API token", config: ["koyeb:token"], env: ["KOYEB_TOKEN", "KOYEB_API_KEY"], secret: true },
  apiUrl: { what: "Koyeb API URL", config: ["koyeb:apiUrl"], env: ["KOYEB_API_URL"] },
} satisfies Record<string, SettingSpec>;
