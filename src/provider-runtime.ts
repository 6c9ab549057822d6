/**
 * Entry point the serialized shim loads in the provider process:
 * `require("pulumi-dynamic-compute/provider-runtime").providerFor("exoscale:Instance")`.
 * Each cloud folder's `providers.ts` exports its providers by type name; only the cloud in use is
 * loaded, so start-up stays fast.
 */
import type * as pulumi from "@pulumi/pulumi";
import { UnknownResourceKindError } from "./core/errors";
import { preloadHttp } from "./core/http";
import { RESOURCE_CLOUDS } from "./kinds";

const CLOUDS = new Set<string>(RESOURCE_CLOUDS);
const cache = new Map<string, Required<pulumi.dynamic.ResourceProvider>>();

/** The provider implementation for a resource kind ("<cloud>:<Type>"). */
export function providerFor(kind: string): Required<pulumi.dynamic.ResourceProvider> {
  let provider = cache.get(kind);
  if (!provider) {
    const [cloud, type] = kind.split(":");
    if (!CLOUDS.has(cloud))
      throw new UnknownResourceKindError(`pulumi-dynamic-compute: unknown resource kind "${kind}"`);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const providers = require(`./${cloud}/providers`) as Record<string, Required<pulumi.dynamic.ResourceProvider>>;
    provider = providers[type];
    if (!provider)
      throw new UnknownResourceKindError(
        `pulumi-dynamic-compute: unknown resource kind "${kind}" (this version provides: ${Object.keys(providers).join(", ")})`,
      );
    cache.set(kind, provider);
    preloadHttp();
  }
  return provider;
}
