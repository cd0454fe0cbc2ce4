/**
 * Spaces sends per sender so Twilio's queue for one number never overflows: a long code takes
 * about 1 message per second, a short code 100, WhatsApp 80. `reserve` books the next slot
 * and says how long to wait for it. Pacing is per app instance.
 */
export class SenderPacer {
  private readonly nextSlot = new Map<string, number>();

  constructor(
    private readonly ratePerSecond: (sender: string) => number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Books a slot for `sender`; returns milliseconds to wait before sending. */
  reserve(sender: string): number {
    const now = this.now();
    const interval = 1000 / this.ratePerSecond(sender);
    const slot = Math.max(now, this.nextSlot.get(sender) ?? 0);
    this.nextSlot.set(sender, slot + interval);
    return slot - now;
  }

  /** How far ahead the busiest sender is booked, in milliseconds (0 when idle). */
  backlogMs(): number {
    const now = this.now();
    let backlog = 0;
    for (const slot of this.nextSlot.values()) backlog = Math.max(backlog, slot - now);
    return backlog;
  }
}
