/**
 * WhatsApp lets a business write free text to a person only within 24 hours of that person's last
 * message (Meta's "customer service window"); after it, only an approved template is delivered.
 */
export const WHATSAPP_WINDOW_MS = 24 * 3600_000;

/** WhatsApp's window for a family: null by SMS (no window); `closesAt` null when it never wrote. */
export interface WhatsappWindow {
  open: boolean;
  closesAt: Date | null;
}

/**
 * The one computation of the window: `channel` and `lastInboundAt` (the family's last message)
 * as stored on the contact, `now` the app's clock.
 */
export function whatsappWindow(contact: { channel: string; lastInboundAt: Date | null }, now: Date): WhatsappWindow | null {
  if (contact.channel !== 'whatsapp') return null;
  const closesAt = contact.lastInboundAt ? new Date(contact.lastInboundAt.getTime() + WHATSAPP_WINDOW_MS) : null;
  return { open: closesAt !== null && closesAt > now, closesAt };
}
