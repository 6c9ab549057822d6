/**
 * Every setting the Exoscale resources and functions read: stack config key first, then environment
 * variables. The client, ExoscaleAccount and adopt read them from here.
 */
import type { SettingSpec } from "../core/credentials";

/** The public endpoint, `{zone}` standing for the zone. */
export const EXOSCALE_DEFAULT_ENDPOINT = "https://api-{zone}.exoscale.com/v2";

export const EXOSCALE_SETTINGS = {
  apiKey: { what: "Exoscale API key", config: ["exoscale:apiKey"], env: ["EXOSCALE_API_KEY"] },
  apiSecret: {
    what: "Exoscale API secret",
    config: ["exoscale:apiSecret"],
    env: ["EXOSCALE_API_SECRET"],
    secret: true,
  },
  endpoint: { what: "Exoscale API endpoint", config: ["exoscale:apiEndpoint"], env: ["EXOSCALE_API_ENDPOINT"] },
} satisfies Record<string, SettingSpec>;
