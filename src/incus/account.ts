import type * as pulumi from "@pulumi/pulumi";
import { CloudAccount } from "../core/account";
import { INCUS_SETTINGS } from "./settings";

export interface IncusRemoteArgs {
  /** Unix socket of a local daemon (Incus or LXD). Give this or `address`. */
  socket?: pulumi.Input<string>;
  /** HTTPS address of the daemon, e.g. https://incus.example.com:8443. */
  address?: pulumi.Input<string>;
  /** Client certificate (PEM text or a file path) for mutual TLS. */
  clientCert?: pulumi.Input<string>;
  /** Its private key (PEM text or a file path); stored encrypted. */
  clientKey?: pulumi.Input<string>;
  /** The server's certificate (PEM text or a file path), pinned: no other certificate is accepted. */
  serverCert?: pulumi.Input<string>;
  /** A CA bundle to verify the server with, instead of the system store. */
  caCert?: pulumi.Input<string>;
  /** A bearer token instead of a client certificate; stored encrypted. */
  token?: pulumi.Input<string>;
  /** The Incus project to use; default the server's. */
  project?: pulumi.Input<string>;
}

/**
 * An Incus or LXD daemon, passed as `{ provider: remote }` to Incus resources and as `{ account }` to
 * Incus functions. Without one, the stack config, INCUS_* variables and the local socket are used.
 */
export class IncusRemote extends CloudAccount<IncusRemoteArgs> {
  constructor(name: string, args: IncusRemoteArgs, opts?: pulumi.ResourceOptions) {
    super(
      "incus",
      name,
      args,
      {
        socket: INCUS_SETTINGS.socket,
        address: INCUS_SETTINGS.remote,
        clientCert: INCUS_SETTINGS.clientCert,
        clientKey: INCUS_SETTINGS.clientKey,
        serverCert: INCUS_SETTINGS.serverCert,
        caCert: INCUS_SETTINGS.caCert,
        token: INCUS_SETTINGS.apiKey,
        project: INCUS_SETTINGS.project,
      },
      opts,
    );
  }
}
