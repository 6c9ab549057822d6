/** What every Koyeb route handler works on. */
import type { KoyebState } from "./state";

export interface KoyebServices {
  state: KoyebState;
}
