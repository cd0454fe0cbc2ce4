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

class RedirectingRequestClient extends RequestClient {
  constructor(private readonly baseUrl: string) {
    super({ keepAlive: true, timeout: 15_000 });
  }

  override request<TData>(opts: RequestClient.RequestOptions<TData>) {
    const uri = this.baseUrl === TWILIO_API ? opts.uri : opts.uri.replace(/^https:\/\/api\.twilio\.com/, this.baseUrl);
    return super.request<TData>({ ...opts, uri });
  }
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
