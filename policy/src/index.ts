/**
 * The compute-guardrails policy pack. Constructing the PolicyPack starts the analyzer's gRPC server,
 * so this file does nothing else; the policies live in ./policies for tests to import.
 */
import { PolicyPack } from "@pulumi/policy";
import { PACK_NAME, policies } from "./policies";

new PolicyPack(PACK_NAME, {
  description:
    "Guardrails for pulumi-dynamic-compute instances in production: protection, snapshots, no accidental stops.",
  policies,
});
