/** Emulated Koyeb API, instances surface (`/v1/instances`, `/v1/instance_events`, exec stream). */
import type { ApiModule } from "../api";

export const koyebApi: ApiModule = {
  name: "koyeb",
  prefixes: ["/v1/"],
  register() {},
  errorBody: (status, message) => ({ status, code: "", message }),
  env: (url, credentials) => ({ KOYEB_API_URL: url, KOYEB_TOKEN: credentials.koyebToken }),
};
