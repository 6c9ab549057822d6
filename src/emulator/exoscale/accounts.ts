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
interface ExoscaleOrganization {
  /** Stable, as on Exoscale: GET /v2/organization answers it, and clients tell organizations apart by it. */
  id: string;
  name: string;
  apiKey: string;
  apiSecret: string;
  state: ExoscaleState;
}

/** Store slices: the default account keeps the name it always had, so older state files load. */
const SLICES = { default: "exoscale", second: "exoscale-second-account" } as const;

/** Fixed ids, so that an organization keeps its id across emulator restarts (state files). */
const IDS = {
  default: "0f1e2d3c-4b5a-4697-8877-665544332211",
  second: "9a8b7c6d-5e4f-4031-9211-aabbccddeeff",
} as const;

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
      id: IDS.default,
      name: "Emulated organization",
      apiKey: credentials.exoscaleApiKey,
      apiSecret: credentials.exoscaleApiSecret,
      state: this.defaultState,
    });
    this.byKey.set(credentials.exoscaleSecondApiKey, {
      id: IDS.second,
      name: "Emulated second organization",
      apiKey: credentials.exoscaleSecondApiKey,
      apiSecret: credentials.exoscaleSecondApiSecret,
      state: second,
    });
  }

  /** The organization `apiKey` belongs to, if the emulator knows the key. */
  forKey(apiKey: string): ExoscaleOrganization | undefined {
    return this.byKey.get(apiKey);
  }

  /** The organization the current request signed into (the default one outside a request). */
  current(): ExoscaleOrganization {
    const state = current.getStore() ?? this.defaultState;
    return [...this.byKey.values()].find((organization) => organization.state === state) as ExoscaleOrganization;
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

/** The organizations of each running emulator (one context per server). */
const organizationsOf = new WeakMap<EmulatorContext, ExoscaleOrganizations>();

/** The organizations of the emulator `ctx` belongs to, made on first use. */
export function organizationsFor(ctx: EmulatorContext): ExoscaleOrganizations {
  let found = organizationsOf.get(ctx);
  if (!found) organizationsOf.set(ctx, (found = new ExoscaleOrganizations(ctx)));
  return found;
}
