/**
 * Seed data of the emulated Exoscale API: zones, instance types and public templates named like
 * the real ones, with fixed ids so that programs and tests written against them stay valid across
 * emulator restarts.
 */
import { createHash } from "node:crypto";
import { EXOSCALE_ZONES } from "../../exoscale/schema";

/** A stable UUID derived from a name (so ids never change between runs). */
function stableUuid(name: string): string {
  const hex = createHash("sha256").update(`exoscale-emulator:${name}`).digest("hex");
  const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

interface EmulatedInstanceType {
  id: string;
  family: string;
  size: string;
  cpus: number;
  memory: number;
  authorized: boolean;
  zones: string[];
}

const GiB = 1024 ** 3;
const MiB = 1024 ** 2;

/** family.size → [cpus, memory in bytes], close to the real catalogue. */
const SIZES: Record<string, Array<[string, number, number]>> = {
  standard: [
    ["micro", 1, 512 * MiB],
    ["tiny", 1, 1 * GiB],
    ["small", 2, 2 * GiB],
    ["medium", 2, 4 * GiB],
    ["large", 4, 8 * GiB],
    ["extra-large", 4, 16 * GiB],
    ["huge", 8, 32 * GiB],
    ["mega", 12, 64 * GiB],
    ["titan", 16, 128 * GiB],
    ["jumbo", 24, 225 * GiB],
  ],
  cpu: [
    ["extra-large", 8, 16 * GiB],
    ["huge", 16, 32 * GiB],
    ["mega", 32, 64 * GiB],
    ["titan", 40, 128 * GiB],
    ["jumbo", 60, 225 * GiB],
  ],
  memory: [
    ["extra-large", 2, 16 * GiB],
    ["huge", 4, 32 * GiB],
    ["mega", 8, 64 * GiB],
    ["titan", 12, 128 * GiB],
  ],
};

export const INSTANCE_TYPES: EmulatedInstanceType[] = Object.entries(SIZES).flatMap(([family, sizes]) =>
  sizes.map(([size, cpus, memory]) => ({
    id: stableUuid(`instance-type:${family}.${size}`),
    family,
    size,
    cpus,
    memory,
    authorized: true,
    zones: [...EXOSCALE_ZONES],
  })),
);

interface EmulatedTemplate {
  id: string;
  name: string;
  description: string;
  family: string;
  "default-user": string;
  "ssh-key-enabled": boolean;
  "password-enabled": boolean;
  "boot-mode": "legacy" | "uefi";
  size: number;
  version: string;
  build: string;
  maintainer: string;
  visibility: "public" | "private";
  zones: string[];
  "created-at": string;
}

function template(id: string, name: string, family: string, version: string, user: string): EmulatedTemplate {
  return {
    id,
    name,
    description: "",
    family,
    "default-user": user,
    "ssh-key-enabled": true,
    "password-enabled": true,
    "boot-mode": "uefi",
    size: 10 * GiB,
    version,
    build: "2026-01-15-1",
    maintainer: "Exoscale",
    visibility: "public",
    zones: [...EXOSCALE_ZONES],
    "created-at": "2026-01-15T10:00:00Z",
  };
}

/** Public templates, fixed UUIDs (listed in docs/emulator.md so programs can use them). */
export const TEMPLATES: EmulatedTemplate[] = [
  template("c19542b7-d269-4bd4-bf32-e6ae2e8c2bd4", "Linux Ubuntu 22.04 LTS 64-bit", "ubuntu", "22.04", "ubuntu"),
  template("8d1a6d4e-5f0b-4c1f-9a7e-2b3c4d5e6f70", "Linux Ubuntu 24.04 LTS 64-bit", "ubuntu", "24.04", "ubuntu"),
  template("3f2b1c0d-9e8a-4b7c-8d6e-5f4a3b2c1d0e", "Linux Debian 12 (Bookworm) 64-bit", "debian", "12", "debian"),
];

/** `GET /zone` entries. */
export function zoneList(baseUrl: string): Array<{ name: string; "api-endpoint": string; "sos-endpoint": string }> {
  return EXOSCALE_ZONES.map((name) => ({
    name,
    "api-endpoint": `${baseUrl}/v2`,
    "sos-endpoint": `https://sos-${name}.exo.io`,
  }));
}
