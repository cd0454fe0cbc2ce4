import type { ErasureOutcome, HandoffDetail, HandoffExport, HandoffSummary } from '../../src/handoff/handoffTypes.ts';
import type { TranscriptItem } from '../../src/handoff/readTranscript.ts';

import { generate } from 'otplib';

let addressCounter = 0;

/**
 * What the test worker's phone holds, by email: the authenticator secret and the unused recovery
 * codes. The app requires a second factor by default, so a first sign-in sets it up. By email, not
 * by app: two instances on one database are one account (each test file has its own module state).
 */
export const testPhones = new Map<string, { secret: string; recoveryCodes: string[] }>();

interface LoginAnswer {
  csrfToken: string;
  worker: ConsoleClient['worker'];
  secondFactorRequired?: true;
  challenge?: string;
  secondFactorEnrolment?: { secret: string };
  recoveryCodesLeft?: number;
}

/** A worker using the console API over real HTTP: a session cookie and the CSRF token. */
export class ConsoleClient {
  private constructor(
    private readonly baseUrl: string,
    readonly cookie: string,
    readonly csrfToken: string,
    readonly worker: { id: string; name: string; role: string; languages: string[] },
    /** Each worker gets its own client address, so login throttling stays out of the way. */
    private readonly ip: string,
  ) {}

  /**
   * Signs in as a worker does: the password, then the second factor — set up at the first sign-in
   * when the app requires one (the secret and recovery codes are kept for the next), a recovery
   * code at the next ones (a TOTP code is accepted once per 30 s, and tests sign in more often).
   */
  static async login(baseUrl: string, credentials: { email: string; password: string }): Promise<ConsoleClient> {
    const ip = `203.0.113.${(++addressCounter % 250) + 1}`;
    const phoneKey = credentials.email.toLowerCase();
    const post = async (path: string, body: unknown, session?: { cookie: string; csrfToken: string }) => {
      const response = await fetch(`${baseUrl}${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': ip, ...(session ? { Cookie: session.cookie, 'X-CSRF-Token': session.csrfToken } : {}) },
        body: JSON.stringify(body),
      });
      if (response.status !== 200) throw new Error(`${path} failed: ${response.status} ${await response.text()}`);
      return { body: (await response.json()) as LoginAnswer & { recoveryCodes?: string[] }, cookie: response.headers.getSetCookie()[0]?.split(';')[0] };
    };
    let answer = await post('/api/auth/login', credentials);
    if (answer.body.secondFactorRequired) {
      const phone = testPhones.get(phoneKey);
      if (!phone) throw new Error(`login: ${credentials.email} has a second factor this client did not set up`);
      answer = await post('/api/auth/login/second-factor', { challenge: answer.body.challenge, code: phone.recoveryCodes.pop() ?? (await generate({ secret: phone.secret })) });
      if ((answer.body.recoveryCodesLeft ?? 0) < 3) {
        phone.recoveryCodes = (await post('/api/auth/second-factor/recovery-codes', { password: credentials.password }, { cookie: answer.cookie!, ...answer.body })).body.recoveryCodes!;
      }
    } else if (answer.body.secondFactorEnrolment) {
      const { secret } = answer.body.secondFactorEnrolment;
      answer = await post('/api/auth/second-factor/enable', { code: await generate({ secret }) }, { cookie: answer.cookie!, ...answer.body });
      testPhones.set(phoneKey, { secret, recoveryCodes: answer.body.recoveryCodes! });
    }
    return new ConsoleClient(baseUrl, answer.cookie!, answer.body.csrfToken, answer.body.worker, ip);
  }

  /** GET → status and JSON body. */
  async get<T>(path: string): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.baseUrl}${path}`, { headers: { Cookie: this.cookie, 'X-Forwarded-For': this.ip } });
    return { status: response.status, body: (await response.json()) as T };
  }

  /** POST with the CSRF token (unless `csrf: false`) → status and JSON body. */
  async post<T>(path: string, body?: unknown, options: { csrf?: boolean } = {}): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: {
        Cookie: this.cookie,
        'X-Forwarded-For': this.ip,
        ...(options.csrf === false ? {} : { 'X-CSRF-Token': this.csrfToken }),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (response.status === 204 ? {} : await response.json()) as T };
  }

  async queue(status?: 'waiting' | 'active' | 'resolved'): Promise<HandoffSummary[]> {
    const { status: code, body } = await this.get<{ handoffs: HandoffSummary[] }>(`/api/handoffs${status ? `?status=${status}` : ''}`);
    if (code !== 200) throw new Error(`queue: ${code}`);
    return body.handoffs;
  }

  async detail(id: string): Promise<HandoffDetail> {
    const { status, body } = await this.get<HandoffDetail>(`/api/handoffs/${id}`);
    if (status !== 200) throw new Error(`detail: ${status}`);
    return body;
  }

  claim(id: string, body?: { takeOver?: boolean }) {
    return this.post<{ handoff: HandoffSummary; error?: string; code?: string }>(`/api/handoffs/${id}/claim`, body);
  }

  send(id: string, body: { text: string } | { template: 'reopen' }) {
    return this.post<{ message: TranscriptItem; error?: string; code?: string }>(`/api/handoffs/${id}/messages`, body);
  }

  note(id: string, text: string) {
    return this.post<{ note: TranscriptItem; error?: string }>(`/api/handoffs/${id}/notes`, { text });
  }

  resolve(id: string) {
    return this.post<{ handoff: HandoffSummary; error?: string; code?: string }>(`/api/handoffs/${id}/resolve`);
  }

  /** A conversation's export, as the browser downloads it: status, headers and the parsed file. */
  async exportTranscript(id: string): Promise<{ status: number; headers: Headers; body: HandoffExport }> {
    const response = await fetch(`${this.baseUrl}/api/handoffs/${id}/export`, { headers: { Cookie: this.cookie, 'X-Forwarded-For': this.ip } });
    return { status: response.status, headers: response.headers, body: (await response.json()) as HandoffExport };
  }

  erase(id: string) {
    return this.post<{ erased?: true; confirmation?: ErasureOutcome['confirmation']; error?: string; code?: string; claimedBy?: string }>(`/api/handoffs/${id}/erase`);
  }

  /** Opens /api/events and collects its events until `close()`. */
  async events(): Promise<{
    received: { handoffId: string; type: string }[];
    close: () => void;
    next: (match: (e: { handoffId: string; type: string }) => boolean, timeoutMs?: number) => Promise<void>;
    /** Resolves when the server ends the stream (or `close()`). */
    ended: Promise<void>;
  }> {
    const controller = new AbortController();
    const response = await fetch(`${this.baseUrl}/api/events`, { headers: { Cookie: this.cookie }, signal: controller.signal });
    if (response.status !== 200) throw new Error(`events: ${response.status}`);
    const received: { handoffId: string; type: string }[] = [];
    const waiters = new Set<() => void>();
    let markEnded: () => void = () => undefined;
    const ended = new Promise<void>((resolve) => (markEnded = resolve));
    void (async () => {
      const decoder = new TextDecoder();
      let buffer = '';
      try {
        for await (const chunk of response.body!) {
          buffer += decoder.decode(chunk as Uint8Array, { stream: true });
          let end: number;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const data = block.split('\n').find((line) => line.startsWith('data: '));
            if (block.includes('event: handoff') && data) {
              received.push(JSON.parse(data.slice(6)) as { handoffId: string; type: string });
              for (const wake of waiters) wake();
            }
          }
        }
      } catch {
        // aborted
      }
      markEnded();
    })();
    const next = (match: (e: { handoffId: string; type: string }) => boolean, timeoutMs = 10_000) =>
      new Promise<void>((resolve, reject) => {
        const check = () => {
          if (received.some(match)) {
            waiters.delete(check);
            clearTimeout(timer);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(received)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    return { received, close: () => controller.abort(), next, ended };
  }
}
