import { describe, expect, it } from 'vitest';
import { whatsappWindow } from '../../src/handoff/whatsappWindow.ts';

describe('whatsappWindow', () => {
  const wrote = new Date('2026-12-01T10:00:00Z');

  it('is open for 24 hours after the family’s last message, and closed from then on', () => {
    const closesAt = new Date('2026-12-02T10:00:00Z');
    expect(whatsappWindow({ channel: 'whatsapp', lastInboundAt: wrote }, new Date('2026-12-02T09:59:59Z'))).toEqual({ open: true, closesAt });
    expect(whatsappWindow({ channel: 'whatsapp', lastInboundAt: wrote }, closesAt)).toEqual({ open: false, closesAt });
  });

  it('is closed for a family that never wrote, and does not exist by SMS', () => {
    expect(whatsappWindow({ channel: 'whatsapp', lastInboundAt: null }, wrote)).toEqual({ open: false, closesAt: null });
    expect(whatsappWindow({ channel: 'sms', lastInboundAt: wrote }, wrote)).toBeNull();
  });
});
