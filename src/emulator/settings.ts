/** The emulator server's defaults, and the settings it reads from the environment. */
import { type FaultRule, RateLimiter } from "./faults";
import type { EmulatorCredentials } from "./options";

export const DEFAULT_CREDENTIALS: EmulatorCredentials = {
  exoscaleApiKey: "EXO0123456789abcdef01234567",
  exoscaleApiSecret: "emulator-exoscale-secret-0123456789abcdefghij",
  exoscaleSecondApiKey: "EXO0123456789abcdef0second",
  exoscaleSecondApiSecret: "emulator-exoscale-second-secret-0123456789abc",
  scalewaySecretKey: "11111111-2222-4333-8444-555555555555",
  scalewayProjectId: "6a1e1c3e-0b5e-4d6f-9e2a-7c0de5a1b2c3",
  koyebToken: "emulator-koyeb-token-0123456789abcdef",
  computeToken: "emulator-compute-token-0123456789abcdef",
};

/** Faults injected from the start (`COMPUTE_EMULATOR_FAULTS`: one rule or a list, as JSON). */
export function envFaults(): FaultRule[] {
  const text = process.env.COMPUTE_EMULATOR_FAULTS;
  if (!text) return [];
  const parsed = JSON.parse(text);
  return Array.isArray(parsed) ? parsed : [parsed];
}

/** The rate limit from `COMPUTE_EMULATOR_RATE_LIMIT` (requests per second), if set. */
export function envRateLimit(): { requestsPerSecond: number } | undefined {
  const rps = Number(process.env.COMPUTE_EMULATOR_RATE_LIMIT);
  return Number.isFinite(rps) && rps > 0 ? { requestsPerSecond: rps } : undefined;
}

export function rateLimiterFrom(
  option: { requestsPerSecond: number; burst?: number } | undefined,
): RateLimiter | undefined {
  return option && option.requestsPerSecond > 0 ? new RateLimiter(option.requestsPerSecond, option.burst) : undefined;
}
