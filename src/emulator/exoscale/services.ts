/** What every Exoscale route handler works on: the signed-in organization's state and its operations. */
import type { EmulatorContext } from "../api";
import type { EmulatorResponse } from "../router";
import type { ExoscaleOrganizations } from "./accounts";
import type { Operations } from "./operations";
import type { ExoscaleState } from "./state";

export interface ExoscaleServices {
  ctx: EmulatorContext;
  organizations: ExoscaleOrganizations;
  /** The state of the organization each request signed into. */
  state: ExoscaleState;
  operations: Operations;
}

export type Body = Record<string, unknown>;

export const ok = (body: unknown): EmulatorResponse => ({ status: 200, body });
