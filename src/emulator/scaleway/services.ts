/** What every Scaleway route handler works on. */
import type { EmulatorContext } from "../api";
import type { ScalewayState } from "./state";

export interface ScalewayServices {
  ctx: EmulatorContext;
  state: ScalewayState;
  /** The project (and organization) of the emulator's key: the default owner of new images. */
  organization: string;
}
