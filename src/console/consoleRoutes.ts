import { readFileSync } from 'node:fs';
import express, { type Response, type Router } from 'express';
import { namespaceInAllLanguages } from '../i18n.ts';

/** The console's static files: read once, served as is (no build step). */
const FILES = {
  'console.js': 'text/javascript; charset=utf-8',
  'consoleApi.js': 'text/javascript; charset=utf-8',
  'consoleI18n.js': 'text/javascript; charset=utf-8',
  'consoleView.js': 'text/javascript; charset=utf-8',
  'consoleConversation.js': 'text/javascript; charset=utf-8',
  'consoleNotify.js': 'text/javascript; charset=utf-8',
  'consoleAccount.js': 'text/javascript; charset=utf-8',
  'consoleAdmin.js': 'text/javascript; charset=utf-8',
  'console.css': 'text/css; charset=utf-8',
} as const;

const PAGE = readFileSync(new URL('./console.html', import.meta.url), 'utf8');
const ASSETS = new Map(
  Object.entries(FILES).map(([name, type]) => [name, { type, body: readFileSync(new URL(`./${name}`, import.meta.url), 'utf8') }]),
);

/**
 * Everything from this origin, nothing inline, nothing framed. The page's sound is made with the
 * Web Audio API, so no media source is needed.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "media-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function secureHeaders(res: Response): void {
  res.set({
    'Cache-Control': 'no-cache',
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'X-Frame-Options': 'DENY',
    'Referrer-Policy': 'no-referrer',
  });
}

/**
 * The worker console: a page and its scripts at `/console`, plus `/console/strings.json` (its
 * labels and quick replies in the four languages). The data comes from the handoff API.
 */
export function consoleRoutes(): Router {
  const router = express.Router();
  // The `console` namespace of every language: `{ fr: {ui, quick}, en: …, es: …, ht: … }`.
  const strings = JSON.stringify(namespaceInAllLanguages('console'));

  router.get('/console', (_req, res) => {
    secureHeaders(res);
    res.type('html').send(PAGE);
  });

  router.get('/console/strings.json', (_req, res) => {
    secureHeaders(res);
    res.type('json').send(strings);
  });

  router.get('/console/:file', (req, res, next) => {
    const asset = ASSETS.get(req.params.file);
    if (!asset) return next();
    secureHeaders(res);
    res.set('Content-Type', asset.type).send(asset.body);
  });

  return router;
}
