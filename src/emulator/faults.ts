/**
 * Fault injection for the emulator: rules added through `POST /_emulator/faults` (or the
 * COMPUTE_EMULATOR_FAULTS environment variable) make matching API calls fail the way real clouds
 * and networks do, and a token-bucket rate limit answers 429 with Retry-After beyond its rate.
 */

const FAULT_KINDS = ["429", "500", "502", "503", "504", "reset", "slow", "lost-response"] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultRule {
  /** Which calls: method (any when unset) and path ("/v2/instance", globs: "*" one segment part, "**" anything). */
  match: { method?: string; path?: string };
  fault: FaultKind;
  /** How many matching calls to affect; default 1; 0 means every matching call. */
  count?: number;
  /** Retry-After seconds for 429/503; default 1. */
  retryAfter?: number;
  /** For "slow": how long to hold the request before acting; default 35 s (beyond client timeouts). */
  delayMs?: number;
  /** Affect each matching call with this probability (0..1) instead of always. */
  probability?: number;
}

interface ActiveRule extends FaultRule {
  remaining: number;
  regex: RegExp;
}

function globToRegex(glob: string): RegExp {
  const source = glob
    .split(/(\*\*|\*)/)
    .map((part) => (part === "**" ? ".*" : part === "*" ? "[^/]*" : part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${source}$`);
}

/** Validates a rule from the control API; returns an error message or undefined. */
export function invalidFault(rule: unknown): string | undefined {
  if (!rule || typeof rule !== "object") return "fault rule must be an object";
  const r = rule as Partial<FaultRule>;
  if (!FAULT_KINDS.includes(r.fault as FaultKind)) return `fault must be one of ${FAULT_KINDS.join(", ")}`;
  if (r.match !== undefined && typeof r.match !== "object") return "match must be an object with method and/or path";
  if (r.count !== undefined && (!Number.isInteger(r.count) || r.count < 0))
    return "count must be a non-negative integer";
  if (r.probability !== undefined && !(r.probability >= 0 && r.probability <= 1))
    return "probability must be between 0 and 1";
  return undefined;
}

export class FaultStore {
  private rules: ActiveRule[] = [];

  add(rule: FaultRule): void {
    this.rules.push({
      ...rule,
      match: rule.match ?? {},
      remaining: rule.count ?? 1,
      regex: globToRegex(rule.match?.path ?? "**"),
    });
  }

  clear(): void {
    this.rules = [];
  }

  list(): FaultRule[] {
    return this.rules.map(({ regex: _regex, ...rule }) => rule);
  }

  /** The fault to apply to this call, if any; consumes one use of the rule. */
  take(method: string, path: string): FaultRule | undefined {
    for (const rule of this.rules) {
      if (rule.match.method && rule.match.method.toUpperCase() !== method.toUpperCase()) continue;
      if (!rule.regex.test(path)) continue;
      if (rule.probability !== undefined && Math.random() >= rule.probability) continue;
      if (rule.count !== 0) {
        rule.remaining -= 1;
        if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
      }
      return rule;
    }
    return undefined;
  }
}

/** Token bucket: `requestsPerSecond` sustained, `burst` at once. */
export class RateLimiter {
  private tokens: number;
  private last = Date.now();

  constructor(
    readonly requestsPerSecond: number,
    readonly burst: number = requestsPerSecond,
  ) {
    this.tokens = burst;
  }

  /** Takes a token; returns undefined when allowed, or the seconds to wait before retrying. */
  take(): number | undefined {
    const now = Date.now();
    this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) / 1000) * this.requestsPerSecond);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return undefined;
    }
    return Math.max(1, Math.ceil((1 - this.tokens) / this.requestsPerSecond));
  }
}
