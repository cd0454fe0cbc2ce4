import { describe, expect, it } from 'vitest';
import { backoffMs } from '../../src/outbox/OutboxDispatcher.ts';
import { SenderPacer } from '../../src/outbox/SenderPacer.ts';
import { maskPhone } from '../../src/log.ts';

describe('backoffMs', () => {
  it('doubles from 2 s and caps at 10 minutes, within ±20 % jitter', () => {
    expect([1, 2, 3, 4].map((attempt) => backoffMs(attempt, () => 0.5))).toEqual([2000, 4000, 8000, 16000]);
    expect(backoffMs(30, () => 0.5)).toBe(600_000);
    expect(backoffMs(1, () => 0)).toBe(1600);
    expect(backoffMs(1, () => 1)).toBe(2400);
  });
});

describe('SenderPacer', () => {
  it('spaces one sender’s messages by its rate and leaves other senders alone', () => {
    let now = 10_000;
    const pacer = new SenderPacer((sender) => (sender.startsWith('whatsapp:') ? 80 : 1), () => now);
    expect([pacer.reserve('+1'), pacer.reserve('+1'), pacer.reserve('+1')]).toEqual([0, 1000, 2000]);
    expect(pacer.reserve('+2')).toBe(0);
    expect(pacer.reserve('whatsapp:+1')).toBe(0);
    expect(pacer.reserve('whatsapp:+1')).toBe(12.5);
    now += 5000;
    expect(pacer.reserve('+1')).toBe(0);
  });
});

describe('maskPhone', () => {
  it('hides the middle of phone numbers in any text', () => {
    expect(maskPhone('+15145550123')).toBe('+1514•••23');
    expect(maskPhone('from whatsapp:+5215512345678 to +15145550100')).toBe('from whatsapp:+5215•••78 to +1514•••00');
    expect(maskPhone('migration 20261122180000_init')).toBe('migration 20261122180000_init');
  });
});
