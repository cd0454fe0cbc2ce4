import http from 'node:http';
import https from 'node:https';
import { createRequire } from 'node:module';
// First: the package's default HTTP client is deferred before the package loads.
import './deferTwilioRequestClient.ts';
// The package's REST client, not its entry: the entry also loads TwiML, JWT and credential
// providers, 0.8 MiB of V8 heap the sending thread never uses (issue 15).
import Twilio from 'twilio/lib/rest/Twilio.js';
import type RequestClient from 'twilio/lib/base/RequestClient.js';
import type RestExceptionModule from 'twilio/lib/base/RestException.js';
import type TwilioServiceExceptionModule from 'twilio/lib/base/TwilioServiceException.js';
import { SendError, TWILIO_MESSAGE_LOOP, TWILIO_TOO_MANY_REQUESTS, type MessageSender, type OutgoingMessage } from '../../outbox/MessageSender.ts';

const TWILIO_API = 'https://api.twilio.com';
const require = createRequire(import.meta.url);
/**
 * The class the `twilio` package throws for an RFC 9457 problem body. Its entry does not export it,
 * and its module sets `exports.default`, which an ESM default import would wrap in an object.
 */
const TwilioServiceException = (require('twilio/lib/base/TwilioServiceException.js') as typeof TwilioServiceExceptionModule).default;
/** The class the `twilio` package throws for the Messages API's classic error body (same module shape). */
const RestException = (require('twilio/lib/base/RestException.js') as typeof RestExceptionModule).default;

/**
 * Sends through Twilio's Messages API with the official `twilio` package. `apiBaseUrl` lets the
 * app talk to a Twilio-compatible test double: requests to api.twilio.com are redirected there.
 */
export class TwilioSender implements MessageSender {
  private readonly client: Twilio;

  constructor(args: { accountSid: string; authToken: string; apiBaseUrl: string }) {
    const httpClient = new RedirectingRequestClient(args.apiBaseUrl) as unknown as RequestClient;
    this.client = new Twilio(args.accountSid, args.authToken, { httpClient, autoRetry: false });
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

/** The request timeout, also the sockets' (ms): the package's `timeout` option. */
const REQUEST_TIMEOUT_MS = 15_000;

/**
 * Twilio's request client, sending over `node:http`/`node:https` itself rather than through axios:
 * axios's per-request work (config merging, header objects, adapters) was about half of what a
 * send cost, and the package's `RequestClient`, which loads axios, is not loaded at all (see
 * deferTwilioRequestClient.ts). Its https agent is the one `RequestClient` builds for
 * api.twilio.com: keep-alive, its socket limits and timeout; with a proxy (HTTP_PROXY) or a CA bundle
 * (TWILIO_CA_BUNDLE), the package's own client is built for its agent. It sends the package's
 * headers and authentication and answers as `RequestClient` does: status, headers and the body as
 * text, which the package parses. Requests to api.twilio.com go to `baseUrl` instead when it is a
 * test double.
 */
class RedirectingRequestClient {
  private readonly plainAgent = new http.Agent({ keepAlive: true });
  private readonly httpsAgent = twilioHttpsAgent();

  constructor(private readonly baseUrl: string) {}

  async request<TData>(opts: RequestClient.RequestOptions<TData>): Promise<TwilioResponse<TData>> {
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
    const agent = secure ? this.httpsAgent : this.plainAgent;
    const timeout = opts.timeout ?? REQUEST_TIMEOUT_MS;
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

/**
 * The agent `RequestClient` builds with the options the sender gives it (keep-alive, a 15 s
 * timeout) and the package's defaults (twilio 6, lib/base/RequestClient.js): at most 20 sockets per
 * host, 100 in all, 5 kept free. With HTTP_PROXY or TWILIO_CA_BUNDLE set, the package's own client
 * is built and its agent used, so that those settings work as the package documents them.
 * Exported for test/unit/twilioSender.test.ts, which compares it with the package's own.
 */
export function twilioHttpsAgent(): https.Agent {
  if (process.env.HTTP_PROXY || process.env.TWILIO_CA_BUNDLE !== undefined) {
    // `module.exports = RequestClient`: the class itself.
    const PackageClient = require('twilio/lib/base/RequestClient.js') as typeof RequestClient;
    return new PackageClient({ keepAlive: true, timeout: REQUEST_TIMEOUT_MS }).axios.defaults.httpsAgent as https.Agent;
  }
  return new https.Agent({ timeout: REQUEST_TIMEOUT_MS, keepAlive: true, maxSockets: 20, maxTotalSockets: 100, maxFreeSockets: 5 });
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

/**
 * What a failed `messages.create` means for the outbox. Twilio answers an error in one of two
 * shapes, and the `twilio` package throws a different class for each: `RestException` for the
 * Messages API's classic body (`{code, message, status}`), `TwilioServiceException` for an RFC 9457
 * problem body (`{type, title, status, code}`). Both carry Twilio's error code and the HTTP status:
 * 429, a 5xx or 20429 (too many requests) is worth retrying; 14107 (a message loop) never is, whatever
 * its status, since retrying feeds the loop; any other 4xx is final. An error without an HTTP answer
 * (connection refused, reset, timeout) is retried: Twilio may not have seen it.
 */
function toSendError(error: unknown): SendError {
  if (error instanceof RestException || error instanceof TwilioServiceException) {
    const code = error.code || undefined;
    const retryable = code !== TWILIO_MESSAGE_LOOP && (error.status === 429 || error.status >= 500 || code === TWILIO_TOO_MANY_REQUESTS);
    const detail = error instanceof TwilioServiceException ? (error.detail ?? error.title) : error.message;
    return new SendError({ message: `Twilio ${error.status} ${code ?? ''}: ${detail}`, retryable, code, httpStatus: error.status });
  }
  return new SendError({ message: `network: ${(error as Error).message}`, retryable: true });
}
