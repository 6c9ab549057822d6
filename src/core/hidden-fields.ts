/**
 * Names of the hidden fields every resource carries, shared by the program side (resource classes)
 * and the provider side without making either load the other.
 */

/** Hidden input set by every resource class: "<project>/<stack>/<resource name>". */
export const IDENTITY_INPUT = "__identity";

/**
 * Hidden output: the names of the inputs the program set (defaults included). A refresh returns
 * only these as inputs, so an input left unset (and filled in by the cloud) never shows up as a
 * spurious diff.
 */
export const SET_INPUTS_OUTPUT = "__inputs";

/**
 * Hidden input, recorded by `check` before defaults apply: the names of the inputs the program
 * itself wrote. On an adopted object, an input not among them keeps the object's value.
 */
export const EXPLICIT_INPUTS = "__explicit";

/** Hidden output: true on a resource that took over an existing object through `adoptId`. */
export const ADOPTED_OUTPUT = "__adopted";

/**
 * Hidden output: the account the object lives in, by the name of its account object ("default" for
 * stack config and environment). Not secret; a change of it is refused (core/account-guard.ts).
 */
export const ACCOUNT_OUTPUT = "__account";

/**
 * Hidden output: what the account is on the cloud's side, which no key rotation changes (Exoscale
 * organization id, Incus server certificate, Scaleway project, Instances API endpoint). Not secret;
 * a change of it is refused (core/account-guard.ts).
 */
export const ACCOUNT_ID_OUTPUT = "__accountId";
