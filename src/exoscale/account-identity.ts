/**
 * The Exoscale account's identity: the id of the organization its key signs into (GET /v2/organization,
 * https://openapi-v2.exoscale.com/operation/operation-get-organization). Every key of an organization
 * answers the same id, so a rotated key changes nothing; a key of another organization does.
 */
import { rememberedIdentity } from "../core/account-guard";
import { ExoscaleClient, endpointFor } from "./client";

/** The organization is global: any zone's endpoint answers for it. */
const ANY_ZONE = "ch-gva-2";

/** "exoscale organization <uuid>", looked up once per endpoint and key in a provider process. */
export function exoscaleAccountIdentity(): Promise<string | undefined> {
  const { key } = ExoscaleClient.credentials();
  return rememberedIdentity(`exoscale|${endpointFor(ANY_ZONE)}|${key()}`, async () => {
    const organization = await ExoscaleClient.forZone(ANY_ZONE).getOrganization();
    return `exoscale organization ${organization.id}`;
  });
}
