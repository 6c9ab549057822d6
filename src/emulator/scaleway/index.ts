/** Emulated Scaleway Instance API, images surface (`/instance/v1/zones/{zone}/...`). */
import type { ApiModule } from "../api";

export const scalewayApi: ApiModule = {
  name: "scaleway",
  prefixes: ["/instance/v1/"],
  register() {},
  errorBody: (_status, message) => ({ type: "unknown_error", message }),
  env: (url, credentials) => ({
    SCW_API_URL: url,
    SCW_SECRET_KEY: credentials.scalewaySecretKey,
    SCW_DEFAULT_PROJECT_ID: credentials.scalewayProjectId,
  }),
};
