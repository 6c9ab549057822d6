/** The Exoscale API's error body (`{"message": …}`) in the API's wording. */
import type { EmulatorResponse } from "../router";
import { isUuid } from "./validation";

/** A vendor-style error response. */
export function exoError(status: number, message: string): EmulatorResponse {
  return { status, body: { message } };
}

/** 400 naming the field, in the API's wording. */
export function invalidField(field: string, problem: string): EmulatorResponse {
  return exoError(400, `Invalid parameter ${field}: ${problem}`);
}

/** A path id that is not a UUID is a 400, as on the real API; undefined when it is fine. */
export function badId(id: string, name = "id"): EmulatorResponse | undefined {
  return isUuid(id) ? undefined : invalidField(name, `"${id}" is not a valid UUID`);
}
