import http from 'node:http';
import https from 'node:https';
import twilio from 'twilio';
import RequestClient from 'twilio/lib/base/RequestClient.js';
import { SendError, TWILIO_MESSAGE_LOOP, TWILIO_TOO_MANY_REQUESTS, type MessageSender, type OutgoingMessage } from '../../outbox/MessageSender.ts';

const TWILIO_API = 'https://api.twilio.com';

/**
 * Sends through Twilio's Messages API with the official `twilio` package. `apiBaseUrl` lets the
 * app talk to a Twilio-compatible test double: requests to api.twilio.com are redirected there.
 */
export class TwilioSender implements MessageSender {
  private readonly client: twilio.Twilio;

  constructor(args: { accountSid: string; authToken: string; apiBaseUrl: string }) {
    const httpClient = new RedirectingRequestClient(args.apiBaseUrl);
    this.client = twilio(args.accountSid, args.authToken, { httpClient, autoRetry: false });
  }

  async send(message: OutgoingMessage): Promise<{ sid: string; status: string }> {
    const sender = message.from.startsWith('MG') ? { messagingServiceSid: message.from } : { from: message.from };
    try {
      const created = await this.client.messages.create({
        to: message.to,
        ...(message.contentSid
          ? { contentSid: message.contentSid, ...(message.contentVariables ? { contentVariables: JSON.stringify(message.contentVariables) } : {}) }
          : { body: message.body }),
        ...sender,
        ...(message.statusCallback ? { statusCallback: message.statusCallback } : {}),
      });
      return { sid: created.sid, status: created.status };
    } catch (error) {
      throw toSendError(error);
    }
  }
}

/**
 * Twilio's request client, sending over `node:http`/`node:https` itself rather than through axios:
 * axios's per-request work (config merging, header objects, adapters) was about half of what a
 * send cost. It keeps the agent the package built for api.twilio.com (keep-alive, a proxy from
 * HTTP_PROXY, a CA bundle from TWILIO_CA_BUNDLE), the package's headers and authentication, and
 * answers as `RequestClient` does: status, headers and the body as text, which the package parses.
 * Requests to api.twilio.com go to `baseUrl` instead when it is a test double.
 */
class RedirectingRequestClient extends RequestClient {
  private readonly plainAgent = new http.Agent({ keepAlive: true });

  constructor(private readonly baseUrl: string) {
    super({ keepAlive: true, timeout: 15_000 });
  }

  override async request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<TwilioResponse<TData>> {
    const url = new URL(this.baseUrl === TWILIO_API ? opts.uri : opts.uri.replace(/^https:\/\/api\.twilio\.com/, this.baseUrl));
    if (opts.params) for (const [name, value] of formEntries(opts.params as object)) url.searchParams.append(name, value);
    const headers: Record<string, string> = { ...(opts.headers as Record<string, string> | undefined) };
    if (opts.username && opts.password) headers.Authorization = `Basic ${Buffer.from(`${opts.username}:${opts.password}`).toString('base64')}`;
    else if (opts.authStrategy) headers.Authorization = await opts.authStrategy.getAuthString();
    headers.Connection ??= 'keep-alive';
    let body: string | undefined;
    if (opts.data !== undefined && headers['Content-Type'] === 'application/x-www-form-urlencoded') body = new URLSearchParams(formEntries(opts.data as object)).toString();
    else if (opts.data !== undefined && headers['Content-Type'] === 'application/json') body = JSON.stringify(opts.data);
    if (body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(body));
    const secure = url.protocol === 'https:';
    const agent = secure ? (this.axios.defaults.httpsAgent as https.Agent) : this.plainAgent;
    const timeout = opts.timeout ?? this.defaultTimeout;
    return new Promise((resolve, reject) => {
      const request = (secure ? https : http).request(url, { method: opts.method.toUpperCase(), headers, agent, timeout }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => resolve({ statusCode: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') as TData, headers: response.headers } as TwilioResponse<TData>));
      });
      request.on('timeout', () => request.destroy(new Error(`timeout of ${timeout}ms exceeded`)));
      request.on('error', reject);
      request.end(body);
    });
  }
}

type TwilioResponse<TData> = Awaited<ReturnType<RequestClient['request']>> & { body: TData };

/** A form's fields as the package's own client sends them (qs, arrayFormat "repeat"): a field per array item, none for undefined. */
function formEntries(data: object): [string, string][] {
  const entries: [string, string][] = [];
  for (const [name, value] of Object.entries(data)) {
    for (const item of Array.isArray(value) ? (value as unknown[]) : [value]) {
      if (item !== undefined) entries.push([name, item === null ? '' : item instanceof Date ? item.toISOString() : String(item)]);
    }
  }
  return entries;
}

function toSendError(error: unknown): SendError {
  if (error instanceof twilio.RestException) {
    // 14107 (a message loop) is a stop whatever its HTTP status: retrying feeds the loop.
    const retryable = error.code !== TWILIO_MESSAGE_LOOP && (error.status === 429 || error.status >= 500 || error.code === TWILIO_TOO_MANY_REQUESTS);
    return new SendError({ message: `Twilio ${error.status} ${error.code ?? ''}: ${error.message}`, retryable, code: error.code, httpStatus: error.status });
  }
  // No HTTP answer at all (connection refused, reset, timeout): Twilio may not have seen it.
  return new SendError({ message: `network: ${(error as Error).message}`, retryable: true });
}
