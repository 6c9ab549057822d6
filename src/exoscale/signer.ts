/**
 * Exoscale API v2 request signing (EXO2-HMAC-SHA256), as in the API reference's Authentication
 * section and egoscale's signer: an HMAC-SHA256 over five LF-joined fields (method and path,
 * body, signed query values, signed header values, expiry), keyed with the API secret, sent in the
 * `Authorization` header. Pure functions, so the client signs and the emulator verifies with the
 * same code.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

/** The authorization scheme token. */
const EXO2_SCHEME = "EXO2-HMAC-SHA256";

/** Both reference clients let a signature live 10 minutes. */
const SIGNATURE_VALIDITY_SECONDS = 600;

/** What is signed: the request exactly as it goes on the wire. */
interface SignableRequest {
  /** HTTP method, any case. */
  method: string;
  /** URL path as sent (percent-encoded, with the `/v2` prefix, no query). */
  path: string;
  /** The exact body bytes sent; empty or undefined when there is none. */
  body?: string;
  /** Query parameters in the order they appear on the wire. */
  query?: Iterable<[string, string]>;
}

/** The parts of an `Authorization: EXO2-HMAC-SHA256 …` header. */
interface Exo2Authorization {
  credential: string;
  signedQueryArgs: string[];
  expires: number;
  signature: string;
}

/**
 * Query names to sign, sorted by byte order, with their values. Names given more than once are left
 * out (the Go reference does so; the references disagree, so clients should never repeat a name).
 */
export function signedQuery(query: Iterable<[string, string]> | undefined): Array<[string, string]> {
  const counts = new Map<string, number>();
  const values = new Map<string, string>();
  for (const [name, value] of query ?? []) {
    counts.set(name, (counts.get(name) ?? 0) + 1);
    values.set(name, value);
  }
  return [...values.entries()]
    .filter(([name]) => counts.get(name) === 1)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The message the HMAC covers: five fields joined by LF, no trailing newline. */
export function messageToSign(
  request: SignableRequest,
  expires: number,
  signed: Array<[string, string]> = signedQuery(request.query),
): string {
  return [
    `${request.method.toUpperCase()} ${request.path}`,
    request.body ?? "",
    signed.map(([, value]) => value).join(""),
    "",
    String(expires),
  ].join("\n");
}

/** Base64 (standard alphabet, padded) HMAC-SHA256 of `message` keyed with the API secret. */
export function signMessage(secret: string, message: string): string {
  return createHmac("sha256", Buffer.from(secret, "utf8")).update(Buffer.from(message, "utf8")).digest("base64");
}

/** The `Authorization` header value for `request`, valid until `expires` (UNIX seconds). */
export function authorizationHeader(key: string, secret: string, request: SignableRequest, expires: number): string {
  const signed = signedQuery(request.query);
  const signature = signMessage(secret, messageToSign(request, expires, signed));
  const pragmas = [`credential=${key}`];
  if (signed.length > 0) pragmas.push(`signed-query-args=${signed.map(([name]) => name).join(";")}`);
  pragmas.push(`expires=${expires}`, `signature=${signature}`);
  return `${EXO2_SCHEME} ${pragmas.join(",")}`;
}

/** Expiry for a request signed now. */
export function expiryFromNow(nowMs = Date.now()): number {
  return Math.floor(nowMs / 1000) + SIGNATURE_VALIDITY_SECONDS;
}

/** Parses an `Authorization` header; undefined when it is not a well-formed EXO2 header. */
export function parseAuthorization(header: string | undefined): Exo2Authorization | undefined {
  if (!header || !header.startsWith(`${EXO2_SCHEME} `)) return undefined;
  const pragmas = new Map<string, string>();
  for (const part of header.slice(EXO2_SCHEME.length + 1).split(",")) {
    const at = part.indexOf("=");
    if (at <= 0) return undefined;
    pragmas.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  const credential = pragmas.get("credential");
  const expires = Number(pragmas.get("expires"));
  const signature = pragmas.get("signature");
  if (!credential || !signature || !Number.isInteger(expires)) return undefined;
  const args = pragmas.get("signed-query-args");
  return { credential, expires, signature, signedQueryArgs: args ? args.split(";").filter((name) => name !== "") : [] };
}

/**
 * Recomputes the signature of a received request from the names its header says were signed and
 * compares it in constant time.
 */
export function signatureMatches(
  secret: string,
  request: SignableRequest,
  auth: Exo2Authorization,
  queryValue: (name: string) => string | undefined,
): boolean {
  const signed = auth.signedQueryArgs.map((name): [string, string] => [name, queryValue(name) ?? ""]);
  const expected = Buffer.from(signMessage(secret, messageToSign(request, auth.expires, signed)));
  const given = Buffer.from(auth.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
