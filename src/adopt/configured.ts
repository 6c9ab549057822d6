/**
 * Whether a cloud is set up at all, for `adopt all`: a cloud with no credentials or endpoint
 * anywhere the resources look is left out (and said so) rather than failing the whole listing.
 * Only presence is checked here; wrong values fail the listing with the cloud's own error.
 */
import * as fs from "node:fs";
import { optionalSetting, type SettingSpec } from "../core/credentials";
import { COMPUTE_SETTINGS } from "../compute/settings";
import { EXOSCALE_SETTINGS } from "../exoscale/settings";
import { DEFAULT_SOCKETS, INCUS_SETTINGS } from "../incus/settings";
import { SCALEWAY_SETTINGS } from "../scaleway/settings";
import type { Cloud } from "./model";

/** A setting's first config key and environment variable: "exoscale:apiKey / EXOSCALE_API_KEY". */
const hint = (setting: SettingSpec) => `${setting.config[0]} / ${setting.env[0]}`;

/** Where each cloud's settings are looked for, in the words of the "not configured" line. */
export const SETTINGS_HINT: Record<Cloud, string> = {
  exoscale: hint(EXOSCALE_SETTINGS.apiKey),
  scaleway: hint(SCALEWAY_SETTINGS.secretKey),
  compute: hint(COMPUTE_SETTINGS.endpoint),
  incus: `${hint(INCUS_SETTINGS.remote)}, ${hint(INCUS_SETTINGS.socket)}, or a daemon at ${DEFAULT_SOCKETS.join(" or ")}`,
};

export function isConfigured(cloud: Cloud): boolean {
  switch (cloud) {
    case "exoscale":
      return optionalSetting(EXOSCALE_SETTINGS.apiKey) !== undefined;
    case "scaleway":
      return optionalSetting(SCALEWAY_SETTINGS.secretKey) !== undefined;
    case "compute":
      return optionalSetting(COMPUTE_SETTINGS.endpoint) !== undefined;
    case "incus":
      return (
        optionalSetting(INCUS_SETTINGS.remote) !== undefined ||
        optionalSetting(INCUS_SETTINGS.socket) !== undefined ||
        DEFAULT_SOCKETS.some((socket) => fs.existsSync(socket))
      );
  }
}
