/**
 * Cloud-init user data: users write plain text; APIs want base64. Comparison is done on the decoded,
 * normalised text so that encoding, line endings or a trailing newline never cause a perpetual diff.
 */

/** Base64 of the UTF-8 text, as the APIs expect. */
export function encodeUserData(text: string): string {
  return Buffer.from(text, "utf8").toString("base64");
}

/** Whether `text` holds a control character that text never does (tab, newlines and form feed aside). */
function hasBinaryControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 0x08 || (code >= 0x0e && code <= 0x1f)) return true;
  }
  return false;
}

/** Plain text from what an API returns (base64), or the value itself when it is not base64. */
export function decodeUserData(value: string): string {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(value) || value.length % 4 !== 0) return value;
  const decoded = Buffer.from(value, "base64").toString("utf8");
  // Only accept a decoding that round-trips and reads as text.
  return encodeUserData(decoded) === value && !hasBinaryControl(decoded) ? decoded : value;
}

/** Line endings unified and trailing whitespace at the end removed. */
function normaliseUserData(value: string | undefined): string {
  return (value ?? "").replace(/\r\n/g, "\n").replace(/\s+$/, "");
}

/** Whether two user-data values mean the same script (either side may be plain text or base64). */
export function sameUserData(a: string | undefined, b: string | undefined): boolean {
  return normaliseUserData(decodeUserData(a ?? "")) === normaliseUserData(decodeUserData(b ?? ""));
}

/** Size in bytes once base64-encoded, the measure the clouds limit (Exoscale: 32 KiB). */
export function encodedUserDataSize(text: string): number {
  return Math.ceil(Buffer.byteLength(text, "utf8") / 3) * 4;
}
