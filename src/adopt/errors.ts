/** Errors of the adopt command that are not a cloud's: a mistake in the command line, or in what it points at. */

/** A mistake in the command line (exit status 2): nothing was listed or written. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** Something the command line points at cannot be used (a stack, a file, a directory): nothing was written. */
export class AdoptError extends Error {
  override name = "AdoptError";
}
