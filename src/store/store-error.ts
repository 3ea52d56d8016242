/**
 * Why a store call failed, as a stable code callers can branch on (the HTTP layer maps
 * `conflict` to 409, `not_found` to 404, `invalid` to 400) whatever the engine underneath.
 */
export type StoreErrorCode =
  | 'conflict'
  | 'not_found'
  | 'invalid'
  | 'closed'
  | 'locked'
  | 'migration_failed'
  | 'schema_too_new'
  | 'schema_mismatch';

export class StoreError extends Error {
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }
}
