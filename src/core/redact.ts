/**
 * Redaction of secrets in anything we print. Known secret values (credentials resolved at call time,
 * passwords read from the API, secret user data) are registered once and replaced wherever they
 * appear; header and field patterns catch secrets we never saw as values (signatures, tokens).
 */

const MASK = "[redacted]";
const knownSecrets = new Set<string>();

/** Remembers a secret value so that every later log line and error message masks it. */
export function registerSecret(value: string | undefined): void {
  // Very short values would mask ordinary words; credentials and passwords are longer than this.
  if (value && value.length >= 6) knownSecrets.add(value);
}

const SENSITIVE_HEADER = /^(authorization|x-auth-token|cookie|set-cookie|proxy-authorization|sec-websocket-protocol)$/i;

/** Header-value pairs, JSON fields and query parameters that always hold secrets. */
const PATTERNS: Array<[RegExp, string]> = [
  [/(authorization|x-auth-token|proxy-authorization)(["']?\s*[:=]\s*["']?)[^"'\r\n,}]+/gi, `$1$2${MASK}`],
  [/(signature=)[A-Za-z0-9+/=_-]+/gi, `$1${MASK}`],
  [
    /(["']?(?:password|secret|api[_-]?secret|token|secret[_-]?key|user[_-]?data)["']?\s*:\s*")[^"]*(")/gi,
    `$1${MASK}$2`,
  ],
  [/([?&](?:secret|token|password)=)[^&\s"]+/gi, `$1${MASK}`],
  [/(Bearer\s+)[A-Za-z0-9._~+/=-]+/g, `$1${MASK}`],
];

/** Returns `text` with every registered secret and every secret-looking field masked. */
export function redact(text: string): string {
  let out = text;
  for (const secret of knownSecrets) {
    if (out.includes(secret)) out = out.split(secret).join(MASK);
  }
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** Copies headers for logging with credential-bearing ones masked. */
export function redactHeaders(headers: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(headers)) {
    out[name] = SENSITIVE_HEADER.test(name) ? MASK : typeof value === "string" ? redact(value) : value;
  }
  return out;
}
