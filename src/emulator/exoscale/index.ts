/** Emulated Exoscale API v2 (`/v2/...`). */
import type { ApiModule } from "../api";

export const exoscaleApi: ApiModule = {
  name: "exoscale",
  prefixes: ["/v2/"],
  register() {},
  errorBody: (_status, message) => ({ message }),
  env: (url, credentials) => ({
    EXOSCALE_API_ENDPOINT: `${url}/v2`,
    EXOSCALE_API_KEY: credentials.exoscaleApiKey,
    EXOSCALE_API_SECRET: credentials.exoscaleApiSecret,
  }),
};
