import http from 'node:http';
import type https from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TwilioSender, twilioHttpsAgent } from '../../src/channels/twilio/TwilioSender.ts';
import { SendError } from '../../src/outbox/MessageSender.ts';

const ACCOUNT = 'AC' + '1'.repeat(32);
const servers: http.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A stand-in for Twilio's Messages API answering `status` with `body`, recording each request. */
async function fakeApi(status: number, body: object) {
  const requests: { method: string; url: string; authorization: string | undefined; form: URLSearchParams }[] = [];
  const server = http.createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      requests.push({ method: req.method!, url: req.url!, authorization: req.headers.authorization, form: new URLSearchParams(text) });
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { requests, baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('TwilioSender', () => {
  it('posts the message form to the Messages API with the account’s credentials, and returns its sid', async () => {
    const api = await fakeApi(201, { sid: 'SM' + '2'.repeat(32), status: 'accepted' });
    const sender = new TwilioSender({ accountSid: ACCOUNT, authToken: 'secret', apiBaseUrl: api.baseUrl });
    const sent = await sender.send({ to: '+15145550199', from: 'MG' + '3'.repeat(32), body: 'Bonjour & à bientôt +1', statusCallback: 'https://example.org/status?m=1' });
    expect(sent).toEqual({ sid: 'SM' + '2'.repeat(32), status: 'accepted' });
    expect(api.requests).toHaveLength(1);
    const [request] = api.requests;
    expect(request!.method).toBe('POST');
    expect(request!.url).toBe(`/2010-04-01/Accounts/${ACCOUNT}/Messages.json`);
    expect(request!.authorization).toBe(`Basic ${Buffer.from(`${ACCOUNT}:secret`).toString('base64')}`);
    expect(Object.fromEntries(request!.form)).toEqual({
      To: '+15145550199',
      Body: 'Bonjour & à bientôt +1',
      MessagingServiceSid: 'MG' + '3'.repeat(32),
      StatusCallback: 'https://example.org/status?m=1',
    });
  });

  it('sends a WhatsApp template with its variables instead of a body', async () => {
    const api = await fakeApi(201, { sid: 'SM' + '4'.repeat(32), status: 'queued' });
    const sender = new TwilioSender({ accountSid: ACCOUNT, authToken: 'secret', apiBaseUrl: api.baseUrl });
    await sender.send({ to: 'whatsapp:+15145550199', from: 'whatsapp:+15145550100', body: 'ignored', contentSid: 'HX' + '5'.repeat(32), contentVariables: { 1: 'Marie' } });
    expect(Object.fromEntries(api.requests[0]!.form)).toEqual({
      To: 'whatsapp:+15145550199',
      From: 'whatsapp:+15145550100',
      ContentSid: 'HX' + '5'.repeat(32),
      ContentVariables: '{"1":"Marie"}',
    });
  });

  it('reports Twilio’s error code, retryable on 429 and not on 400', async () => {
    const busy = await fakeApi(429, { code: 20429, message: 'Too Many Requests', status: 429 });
    const refused = await fakeApi(400, { code: 21211, message: 'Invalid To number', status: 400 });
    const failures = await Promise.all(
      [busy, refused].map((api) =>
        new TwilioSender({ accountSid: ACCOUNT, authToken: 'secret', apiBaseUrl: api.baseUrl }).send({ to: '+1', from: '+15145550100', body: 'x' }).catch((error: unknown) => error),
      ),
    );
    expect(failures[0]).toBeInstanceOf(SendError);
    expect(failures[0]).toMatchObject({ retryable: true, code: 20429, httpStatus: 429 });
    expect(failures[1]).toMatchObject({ retryable: false, code: 21211, httpStatus: 400 });
  });

  it('reads an RFC 9457 problem body as Twilio’s error too: its code decides, a loop is never retried', async () => {
    const problem = (status: number, code: number) => ({ type: `https://www.twilio.com/docs/errors/${code}`, title: 'Problem', status, code, detail: `detail ${code}` });
    const apis = await Promise.all([fakeApi(400, problem(400, 21211)), fakeApi(503, problem(503, 20503)), fakeApi(400, problem(400, 14107)), fakeApi(429, problem(429, 20429))]);
    const failures = await Promise.all(
      apis.map((api) =>
        new TwilioSender({ accountSid: ACCOUNT, authToken: 'secret', apiBaseUrl: api.baseUrl }).send({ to: '+1', from: '+15145550100', body: 'x' }).catch((error: unknown) => error),
      ),
    );
    for (const failure of failures) expect(failure).toBeInstanceOf(SendError);
    expect(failures[0]).toMatchObject({ retryable: false, code: 21211, httpStatus: 400 });
    expect((failures[0] as Error).message).toBe('Twilio 400 21211: detail 21211');
    expect(failures[1]).toMatchObject({ retryable: true, code: 20503, httpStatus: 503 });
    expect(failures[2]).toMatchObject({ retryable: false, code: 14107, httpStatus: 400 });
    expect(failures[3]).toMatchObject({ retryable: true, code: 20429, httpStatus: 429 });
  });

  it('reports a connection refused as a network error to retry', async () => {
    const api = await fakeApi(201, {});
    await new Promise((resolve) => servers.pop()!.close(resolve));
    const failure = await new TwilioSender({ accountSid: ACCOUNT, authToken: 'secret', apiBaseUrl: api.baseUrl }).send({ to: '+1', from: '+15145550100', body: 'x' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SendError);
    expect(failure).toMatchObject({ retryable: true });
    expect((failure as Error).message).toMatch(/^network: /);
  });
});

describe("the sender's https agent", () => {
  it("has the options the twilio package's own client gives its agent", async () => {
    // The package's client, as it is built when given no other (what the sender replaces).
    const { default: RequestClient } = (await import('twilio/lib/base/RequestClient.js')) as unknown as { default: new (options: object) => { axios: { defaults: { httpsAgent: https.Agent } } } };
    const packageAgent = new RequestClient({ keepAlive: true, timeout: 15_000 }).axios.defaults.httpsAgent;
    const options = (agent: https.Agent) => {
      const { timeout, keepAlive, keepAliveMsecs, maxSockets, maxTotalSockets, maxFreeSockets, scheduling, ca } = (agent as unknown as { options: Record<string, unknown> }).options;
      return { timeout, keepAlive, keepAliveMsecs, maxSockets, maxTotalSockets, maxFreeSockets, scheduling, ca };
    };
    expect(options(twilioHttpsAgent())).toEqual(options(packageAgent));
  });
});
