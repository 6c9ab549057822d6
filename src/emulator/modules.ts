/** Every API the emulator serves. Order matters only for overlapping prefixes (most specific first). */
import type { ApiModule } from "./api";
import { computeApi } from "./compute";
import { exoscaleApi } from "./exoscale";
import { koyebApi } from "./koyeb";
import { scalewayApi } from "./scaleway";

export const ALL_APIS: ApiModule[] = [computeApi, exoscaleApi, scalewayApi, koyebApi];
