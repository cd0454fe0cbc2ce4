/** Where Twilio reports the delivery of the replies we send (see twilioRoutes). */
export const STATUS_CALLBACK_PATH = '/webhooks/twilio/status';

/**
 * The status callback URL a reply asks Twilio to report to: `PUBLIC_BASE_URL` + the path, with our
 * message id in `?m=` so the report finds its row even before Twilio's MessageSid is recorded.
 */
export function statusCallbackUrl(publicBaseUrl: string, messageId: number): string {
  return `${publicBaseUrl}${STATUS_CALLBACK_PATH}?m=${messageId}`;
}

/**
 * The message id a status callback's `?m=` carries (as express parsed the query), when it is one
 * a message can have (a positive PostgreSQL integer); null for anything else, a repeated `m` included.
 */
export function statusCallbackMessageId(value: unknown): number | null {
  if (typeof value !== 'string' || !/^[1-9]\d{0,9}$/.test(value)) return null;
  const id = Number(value);
  return id <= 2_147_483_647 ? id : null;
}
