/**
 * Names of the hidden fields every resource carries, shared by the program side (resource classes)
 * and the provider side without making either load the other.
 */

/** Hidden input set by every resource class: "<project>/<stack>/<resource name>". */
export const IDENTITY_INPUT = "__identity";

/**
 * Hidden input and output: the names of the inputs the program set (recorded by `check`, before
 * defaults). A refresh returns only these as inputs, so an input left unset (and filled in by the
 * cloud) never shows up as a spurious diff; on an adopted object, an unset input keeps its value.
 */
export const SET_INPUTS_OUTPUT = "__inputs";

/** Hidden output: true on a resource that took over an existing object through `adoptId`. */
export const ADOPTED_OUTPUT = "__adopted";
