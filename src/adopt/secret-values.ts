/**
 * Which values read from a cloud are secret, and how the module refers to them. User data (it
 * often carries tokens and passwords) always is; so are Incus config keys holding cloud-init data
 * or named like a credential (`environment.DB_PASSWORD`).
 */
import { registerSecret } from "../core/redact";
import { decodeUserData } from "../core/user-data";
import { SecretValue } from "./model";

const CLOUD_INIT_DATA = /(^|\.)(user-data|vendor-data)$/;
const CREDENTIAL_NAME = /pass(word|wd)?|secret|token|credential|private|api[-_.]?key|access[-_.]?key/i;

/** Whether an Incus config key's value is to be kept out of the module. */
export function isSecretConfigKey(key: string): boolean {
  return CLOUD_INIT_DATA.test(key) || CREDENTIAL_NAME.test(key.split(".").slice(1).join(".") || key);
}

/** "cloud-init.user-data" → "CloudInitUserData", for config key names. */
export function keySuffix(text: string): string {
  return text
    .split(/[^A-Za-z0-9]+/)
    .filter((part) => part !== "")
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join("");
}

/** A secret, remembered so that no error or log line of this process can print it. */
export function secret(value: string, suffix: string, what: string): SecretValue {
  registerSecret(value);
  return new SecretValue(value, suffix, what);
}

/**
 * User data as the resources take it (plain text), from what an API returns (base64); undefined
 * when it is not text (gzip-compressed cloud-init, say), which the resources cannot express.
 */
export function userDataText(raw: string): string | undefined {
  const text = decodeUserData(raw);
  return text === raw && /^[A-Za-z0-9+/]+={0,2}$/.test(raw) && raw.length % 4 === 0 && raw.length >= 8
    ? undefined
    : text;
}
