import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** One year, as HSTS preload lists ask. */
const HSTS_MAX_AGE_SECONDS = 365 * 24 * 3600;

/**
 * The headers every answer carries (helmet): nosniff, no framing by other sites, no referrer,
 * cross-origin isolation, and HSTS when the app is served over https (`PUBLIC_BASE_URL`).
 * The console sets its own strict Content-Security-Policy; the simulator's page has an inline
 * script, so no global policy here. Every `/api` answer is `Cache-Control: no-store`: they carry
 * names, phone numbers, transcripts or the CSRF token.
 */
export function securityHeaders(options: { https: boolean }): RequestHandler[] {
  return [
    helmet({
      contentSecurityPolicy: false,
      strictTransportSecurity: options.https ? { maxAge: HSTS_MAX_AGE_SECONDS, includeSubDomains: true } : false,
      referrerPolicy: { policy: 'no-referrer' },
    }),
    (req, res, next) => {
      if (req.path === '/api' || req.path.startsWith('/api/')) res.set('Cache-Control', 'no-store');
      next();
    },
  ];
}
