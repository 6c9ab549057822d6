/** Case-insensitive glob matching (`*` any run of characters, `?` one character) for stack names, resource names and URNs. */

const cache = new Map<string, RegExp>();

/** The anchored, case-insensitive regular expression for one glob pattern. */
export function globToRegExp(pattern: string): RegExp {
  let regexp = cache.get(pattern);
  if (!regexp) {
    const body = pattern
      .replace(/[.+^${}()|[\]\\]/g, "\\$&")
      .replace(/\*/g, ".*")
      .replace(/\?/g, ".");
    regexp = new RegExp(`^${body}$`, "i");
    cache.set(pattern, regexp);
  }
  return regexp;
}

/** The first pattern that matches `text`, or undefined. */
export function firstMatch(text: string, patterns: readonly string[]): string | undefined {
  return patterns.find((pattern) => globToRegExp(pattern).test(text));
}
