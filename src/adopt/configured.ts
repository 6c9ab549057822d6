/**
 * Whether a cloud is set up at all, for `adopt all`: a cloud with no credentials or endpoint
 * anywhere the resources look is left out (and said so) rather than failing the whole listing.
 * Only presence is checked here; wrong values fail the listing with the cloud's own error.
 */
import * as fs from "node:fs";
import { optionalSetting } from "../core/credentials";
import { DEFAULT_SOCKETS, INCUS_SETTINGS } from "../incus/connection";
import type { Cloud } from "./model";

/** Where each cloud's settings are looked for, in the words of the "not configured" line. */
export const SETTINGS_HINT: Record<Cloud, string> = {
  exoscale: "exoscale:apiKey / EXOSCALE_API_KEY",
  scaleway: "scaleway:secretKey / SCW_SECRET_KEY",
  compute: "compute:endpoint / COMPUTE_API_URL",
  incus: `incus:remote / INCUS_REMOTE, incus:socket / INCUS_SOCKET, or a daemon at ${DEFAULT_SOCKETS.join(" or ")}`,
};

export function isConfigured(cloud: Cloud): boolean {
  switch (cloud) {
    case "exoscale":
      return (
        optionalSetting({ what: "Exoscale API key", config: ["exoscale:apiKey"], env: ["EXOSCALE_API_KEY"] }) !==
        undefined
      );
    case "scaleway":
      return (
        optionalSetting({
          what: "Scaleway secret key",
          config: ["scaleway:secretKey"],
          env: ["SCW_SECRET_KEY", "SCALEWAY_API_KEY"],
        }) !== undefined
      );
    case "compute":
      return (
        optionalSetting({ what: "Instances API endpoint", config: ["compute:endpoint"], env: ["COMPUTE_API_URL"] }) !==
        undefined
      );
    case "incus":
      return (
        optionalSetting(INCUS_SETTINGS.remote) !== undefined ||
        optionalSetting(INCUS_SETTINGS.socket) !== undefined ||
        DEFAULT_SOCKETS.some((socket) => fs.existsSync(socket))
      );
  }
}
