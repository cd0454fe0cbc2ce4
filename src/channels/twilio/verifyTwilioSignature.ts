// Only the webhook module: the package's entry loads its whole REST client, about 4 MiB that the
// web thread (on PostgreSQL) would hold for this one function.
import { validateRequest } from 'twilio/lib/webhooks/webhooks.js';

/**
 * True when `signature` (the X-Twilio-Signature header) is Twilio's HMAC-SHA1 of `url` and the
 * posted `params` under `authToken`. Pure: no I/O, no exceptions.
 */
export function verifyTwilioSignature(args: {
  authToken: string;
  signature: string | undefined;
  url: string;
  params: Record<string, unknown>;
}): boolean {
  if (!args.signature) return false;
  try {
    return validateRequest(args.authToken, args.signature, args.url, args.params);
  } catch {
    return false;
  }
}
