import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';

/** A message the fake received through its Messages API. */
export interface FakeTwilioMessage {
  sid: string;
  accountSid: string;
  to: string;
  from: string | undefined;
  messagingServiceSid: string | undefined;
  body: string;
  /** The WhatsApp template sent instead of a body. */
  contentSid: string | undefined;
  statusCallback: string | undefined;
  /** When it arrived, in epoch milliseconds with sub-millisecond precision (comparable across processes). */
  receivedAt: number;
}

/** One scripted answer: an HTTP status and Twilio error code, or a dropped connection. */
export type FakeAnswer = { status: number; code?: number } | 'drop';

/**
 * A local stand-in for Twilio's Messages API (POST /2010-04-01/Accounts/{sid}/Messages.json),
 * with Basic auth, form parsing and scripted failures. Twilio is the one thing we cannot run.
 */
export class FakeTwilio {
  readonly messages: FakeTwilioMessage[] = [];
  /** Answers to give before succeeding, per destination ("*" for any). */
  readonly script = new Map<string, FakeAnswer[]>();
  requests = 0;
  private server: http.Server | undefined;
  private listeners: ((message: FakeTwilioMessage) => void)[] = [];

  constructor(
    readonly accountSid: string,
    readonly authToken: string,
  ) {}

  /** Listens on a free port (once) and returns the API base URL. */
  async start(): Promise<string> {
    if (this.server) return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    this.server = http.createServer((req, res) => this.handle(req, res));
    this.server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server?.listening ? this.server.close(() => resolve()) : resolve()));
  }

  onMessage(listener: (message: FakeTwilioMessage) => void): void {
    this.listeners.push(listener);
  }

  /** Resolves once `count` messages have been accepted in total; rejects after `timeoutMs`. */
  async waitForMessages(count: number, timeoutMs = 20_000): Promise<FakeTwilioMessage[]> {
    await this.until(() => this.messages.length >= count, () => `fake Twilio: got ${this.messages.length} of ${count} messages`, timeoutMs);
    return this.messages;
  }

  /** Resolves with the messages to `address` once there are `count` of them; rejects after `timeoutMs`. */
  async waitFor(address: string, count: number, timeoutMs = 15_000): Promise<FakeTwilioMessage[]> {
    await this.until(() => this.to(address).length >= count, () => `fake Twilio: got ${this.to(address).length} of ${count} messages to ${address}`, timeoutMs);
    return this.to(address);
  }

  to(address: string): FakeTwilioMessage[] {
    return this.messages.filter((message) => message.to === address);
  }

  /** Waits for `done` to hold, checking it as each message arrives (no polling). */
  private async until(done: () => boolean, failure: () => string, timeoutMs: number): Promise<void> {
    if (done()) return;
    let listener: (() => void) | undefined;
    let timer: NodeJS.Timeout | undefined;
    try {
      await new Promise<void>((resolve, reject) => {
        listener = () => {
          if (done()) resolve();
        };
        this.listeners.push(listener);
        timer = setTimeout(() => reject(new Error(failure())), timeoutMs);
      });
    } finally {
      clearTimeout(timer);
      this.listeners = this.listeners.filter((other) => other !== listener);
    }
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let raw = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => (raw += chunk));
    req.on('end', () => {
      this.requests++;
      const match = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Messages\.json$/.exec(req.url ?? '');
      if (req.method !== 'POST' || !match) return json(res, 404, { code: 20404, message: 'The requested resource was not found', status: 404 });
      const expected = 'Basic ' + Buffer.from(`${this.accountSid}:${this.authToken}`).toString('base64');
      if (req.headers.authorization !== expected || match[1] !== this.accountSid) {
        return json(res, 401, { code: 20003, message: 'Authenticate', status: 401 });
      }
      const form = new URLSearchParams(raw);
      const to = form.get('To') ?? '';
      const answer = this.nextScripted(to);
      if (answer === 'drop') {
        req.socket.destroy();
        return;
      }
      if (answer) return json(res, answer.status, { code: answer.code ?? answer.status, message: 'scripted failure', status: answer.status });
      if (!to || (!form.get('Body') && !form.get('ContentSid')) || (!form.get('From') && !form.get('MessagingServiceSid'))) {
        return json(res, 400, { code: 21604, message: "A 'To' phone number is required.", status: 400 });
      }
      const message: FakeTwilioMessage = {
        sid: `SM${randomBytes(16).toString('hex')}`,
        accountSid: this.accountSid,
        to,
        from: form.get('From') ?? undefined,
        messagingServiceSid: form.get('MessagingServiceSid') ?? undefined,
        body: form.get('Body') ?? '',
        contentSid: form.get('ContentSid') ?? undefined,
        statusCallback: form.get('StatusCallback') ?? undefined,
        receivedAt: performance.timeOrigin + performance.now(),
      };
      this.messages.push(message);
      for (const listener of this.listeners) listener(message);
      json(res, 201, { sid: message.sid, account_sid: this.accountSid, to, from: message.from ?? null, body: message.body, status: 'queued', num_segments: '1', date_created: new Date().toUTCString() });
    });
  }

  private nextScripted(to: string): FakeAnswer | undefined {
    for (const key of [to, '*']) {
      const answers = this.script.get(key);
      if (answers && answers.length > 0) return answers.shift();
    }
    return undefined;
  }
}

function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}
