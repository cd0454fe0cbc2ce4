/**
 * Why an account or session action is refused; src/http/HttpError.ts maps each to its HTTP
 * status (sign_in 401, forbidden 403, not_found 404, conflict 409, too_many_attempts 429,
 * bad_input 400), so auth needs nothing of the HTTP layer.
 */
export type AuthRefusal = 'sign_in' | 'forbidden' | 'not_found' | 'conflict' | 'too_many_attempts' | 'bad_input';

/** An account or session action refused for what the worker sent or may do, not for a bug. */
export class AuthError extends Error {
  override name = 'AuthError';

  constructor(
    readonly refusal: AuthRefusal,
    message: string,
    /** A stable reason the page can translate (`code` in the JSON answer), e.g. `wrong_code`. */
    readonly code?: string,
  ) {
    super(message);
  }
}
