import type { CookieOptions, Request, Response } from 'express';

/**
 * The console's session cookie: HttpOnly (scripts cannot read it), SameSite=Strict (no other
 * site can send it), Path=/, and Secure with the `__Host-` prefix when the app is served over
 * https (browsers then refuse it over http or from a subdomain). No Max-Age: it goes when the
 * browser closes, which suits shared computers; the server enforces the timeouts anyway.
 */
export class SessionCookie {
  readonly name: string;
  private readonly options: CookieOptions;

  constructor(publicBaseUrl: string) {
    const secure = publicBaseUrl.startsWith('https:');
    this.name = secure ? '__Host-bienvenue_session' : 'bienvenue_session';
    this.options = { httpOnly: true, sameSite: 'strict', path: '/', secure };
  }

  /** The token the request carries, if any. */
  read(req: Request): string | undefined {
    // Tokens are base64url, so no decoding: split the header and compare names.
    for (const part of (req.headers.cookie ?? '').split(';')) {
      const separator = part.indexOf('=');
      if (separator > 0 && part.slice(0, separator).trim() === this.name) return part.slice(separator + 1).trim();
    }
    return undefined;
  }

  set(res: Response, token: string): void {
    res.cookie(this.name, token, this.options);
  }

  clear(res: Response): void {
    res.clearCookie(this.name, this.options);
  }
}
