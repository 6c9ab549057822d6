/**
 * Errors of the adopt command that are not a cloud's: a mistake in the command line, or in what it
 * points at. ProviderErrors like every other error of the package, with stable codes.
 */
import { ProviderError } from "../core/errors";

/** A mistake in the command line (exit status 2): nothing was listed or written. */
export class UsageError extends ProviderError {
  override readonly code = "ERR_USAGE";
}

/** Something the command line points at cannot be used (a stack, a file, a folder): nothing was written. */
export class AdoptError extends ProviderError {
  override readonly code = "ERR_ADOPT";
}
