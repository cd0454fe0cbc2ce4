import type { AddressInfo } from 'node:net';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { securityHeaders } from '../../src/http/securityHeaders.ts';
import { ConsoleClient } from '../support/ConsoleClient.ts';
import { addWorker } from '../support/addWorker.ts';
import { useTestService } from '../support/startTestService.ts';

// ASVS 14.4 / 8.2.1: every answer carries the protective headers, not only the console's page,
// and nothing with personal data is kept by a browser or proxy cache.
const t = useTestService();
const WORKER = { email: 'headers@bienvenue.test', password: 'a long passphrase for headers', name: 'Hélène', languages: ['fr' as const] };

describe('security headers', () => {
  it('every answer says nosniff and frames nothing; every API answer is no-store', async () => {
    await addWorker(t.service, WORKER);
    const worker = await ConsoleClient.login(t.baseUrl, WORKER);
    for (const path of ['/healthz', '/api/handoffs', '/api/auth/me', '/console', '/no-such-page']) {
      const response = await fetch(`${t.baseUrl}${path}`, { headers: { Cookie: worker.cookie } });
      expect(response.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(response.headers.get('x-powered-by'), path).toBeNull();
      if (path.startsWith('/api')) expect(response.headers.get('cache-control'), path).toBe('no-store');
    }
    // The queue holds phone numbers: never cached.
    const queue = await fetch(`${t.baseUrl}/api/handoffs`, { headers: { Cookie: worker.cookie } });
    expect(queue.status).toBe(200);
    expect(queue.headers.get('cache-control')).toBe('no-store');
    // The console's strict policy still applies to its page; over http, no HSTS.
    const page = await fetch(`${t.baseUrl}/console`);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('strict-transport-security')).toBeNull();
  });

  it('sends HSTS when the app is served over https', async () => {
    const app = express();
    app.use(securityHeaders({ https: true }));
    app.get('/', (_req, res) => void res.send('ok'));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      expect(response.headers.get('strict-transport-security')).toBe('max-age=31536000; includeSubDomains');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('TRUST_PROXY', () => {
  async function clientIp(trustProxy: string | undefined, forwardedFor: string): Promise<string | undefined> {
    const config = loadConfig(trustProxy === undefined ? {} : { TRUST_PROXY: trustProxy });
    const app = express();
    app.set('trust proxy', config.trustProxy);
    app.get('/', (req, res) => void res.json({ ip: req.ip }));
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, { headers: { 'X-Forwarded-For': forwardedFor } });
      return ((await response.json()) as { ip?: string }).ip;
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }

  it('trusts a proxy on this machine by default, and the proxies it names', async () => {
    expect(await clientIp(undefined, '198.51.100.9')).toBe('198.51.100.9');
    // A proxy on another host: its address (here, the test's loopback) named in the setting.
    expect(await clientIp('127.0.0.1/8, 10.0.0.5', '198.51.100.9')).toBe('198.51.100.9');
    expect(await clientIp('1', '203.0.113.1, 198.51.100.9')).toBe('198.51.100.9');
    // Not trusted: X-Forwarded-For is ignored, the peer is the client.
    expect(await clientIp('false', '198.51.100.9')).toMatch(/127\.0\.0\.1$/);
    expect(await clientIp('10.0.0.5', '198.51.100.9')).toMatch(/127\.0\.0\.1$/);
  });
});
