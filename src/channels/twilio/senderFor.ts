/** Which number replies go out from; undefined fields fall back to the number the parent wrote to. */
export interface SenderSettings {
  smsFrom?: string | undefined;
  messagingServiceSid?: string | undefined;
  whatsappFrom?: string | undefined;
}

/** The configured sender for the channel of `to` (a Twilio address), else `fallback`. */
export function senderFor(senders: SenderSettings | undefined, to: string, fallback: string): string {
  if (to.startsWith('whatsapp:')) return senders?.whatsappFrom ? `whatsapp:${senders.whatsappFrom}` : fallback;
  return senders?.messagingServiceSid ?? senders?.smsFrom ?? fallback;
}
