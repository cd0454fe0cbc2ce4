import twilio from 'twilio';

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
    return twilio.validateRequest(args.authToken, args.signature, args.url, args.params);
  } catch {
    return false;
  }
}
