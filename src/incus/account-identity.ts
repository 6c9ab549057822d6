/**
 * The Incus (or LXD) account's identity: the server, by the fingerprint of its TLS certificate
 * (`environment.certificate_fingerprint` of GET /1.0). A new client certificate for the same server
 * changes nothing; another server does. The first 16 hex digits (64 bits) are kept: enough to tell
 * servers apart, short enough to read in a message.
 */
import { rememberedIdentity } from "../core/account-guard";
import { IncusClient } from "./client";
import { resolveConnection } from "./connection";

/** "incus server <16 hex digits>", looked up once per connection in a provider process. */
export function incusAccountIdentity(): Promise<string | undefined> {
  const connection = resolveConnection();
  const where = connection.kind === "unix" ? `unix:${connection.socketPath}` : connection.url;
  return rememberedIdentity(`incus|${where}`, async () => {
    const fingerprint = (await IncusClient.forConnection(connection).getServer()).environment?.certificate_fingerprint;
    // Untrusted clients are not shown the environment: nothing to record then.
    return fingerprint ? `incus server ${fingerprint.slice(0, 16)}` : undefined;
  });
}
