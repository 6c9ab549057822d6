/**
 * The emulated Exoscale organizations: one per API key pair the emulator accepts (its default key,
 * and a second key for trying programs that manage two accounts). Each organization has its own
 * instances, snapshots and operations, persisted as a store slice of its own; a request signed with
 * one key never sees the other organization's objects, as on Exoscale.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { EmulatorContext } from "../api";
import { emptyState, type ExoscaleState, settleAfterRestart } from "./state";

/** An organization the emulator serves, and the key pair that signs into it. */
export interface ExoscaleOrganization {
  apiKey: string;
  apiSecret: string;
  state: ExoscaleState;
}

/** Store slices: the default account keeps the name it always had, so older state files load. */
const SLICES = { default: "exoscale", second: "exoscale-second-account" } as const;

const current = new AsyncLocalStorage<ExoscaleState>();

export class ExoscaleOrganizations {
  private readonly byKey = new Map<string, ExoscaleOrganization>();
  private readonly defaultState: ExoscaleState;

  constructor(ctx: EmulatorContext) {
    const { credentials, store } = ctx;
    this.defaultState = store.slice<ExoscaleState>(SLICES.default, emptyState);
    const second = store.slice<ExoscaleState>(SLICES.second, emptyState);
    settleAfterRestart(this.defaultState);
    settleAfterRestart(second);
    this.byKey.set(credentials.exoscaleApiKey, {
      apiKey: credentials.exoscaleApiKey,
      apiSecret: credentials.exoscaleApiSecret,
      state: this.defaultState,
    });
    this.byKey.set(credentials.exoscaleSecondApiKey, {
      apiKey: credentials.exoscaleSecondApiKey,
      apiSecret: credentials.exoscaleSecondApiSecret,
      state: second,
    });
  }

  /** The organization `apiKey` belongs to, if the emulator knows the key. */
  forKey(apiKey: string): ExoscaleOrganization | undefined {
    return this.byKey.get(apiKey);
  }

  /**
   * Makes `organization` the one the rest of this request works on (its route handler, and the
   * effects of the operations it starts, which run later in the same asynchronous context).
   */
  enter(organization: ExoscaleOrganization): void {
    current.enterWith(organization.state);
  }

  /**
   * The state of the organization the current request signed into; the default one outside a
   * request (seeding through `--seed` or `POST /_emulator/objects`).
   */
  readonly state: ExoscaleState = new Proxy({} as ExoscaleState, {
    get: (_target, key) => (current.getStore() ?? this.defaultState)[key as keyof ExoscaleState],
    set: (_target, key, value) => {
      (current.getStore() ?? this.defaultState)[key as keyof ExoscaleState] = value;
      return true;
    },
    ownKeys: () => Reflect.ownKeys(current.getStore() ?? this.defaultState),
    getOwnPropertyDescriptor: (_target, key) =>
      Reflect.getOwnPropertyDescriptor(current.getStore() ?? this.defaultState, key),
  });
}
