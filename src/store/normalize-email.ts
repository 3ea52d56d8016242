/**
 * The key a user is found by. Local parts are case-sensitive in theory, but no mail provider
 * treats them so, and two accounts differing only in case would be a support nightmare.
 */
export function normalizeEmail(input: string): string {
  return input.trim().toLowerCase();
}
