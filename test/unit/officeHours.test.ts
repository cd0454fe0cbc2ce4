import { describe, expect, it } from 'vitest';
import { officeStatus, parseOfficeHours } from '../../src/handoff/officeHours.ts';
import { describeAnswerTime } from '../../src/handoff/describeAnswerTime.ts';

const hours = parseOfficeHours('mon-fri 09:00-17:00', 'America/Toronto');

describe('office hours', () => {
  it('reads days and hours, and refuses what it cannot read', () => {
    expect(hours).toEqual({ days: [1, 2, 3, 4, 5], open: 540, close: 1020, timeZone: 'America/Toronto' });
    expect(parseOfficeHours('mon,wed,fri 9:30-16:00', 'UTC').days).toEqual([1, 3, 5]);
    expect(() => parseOfficeHours('weekdays 9-5', 'UTC')).toThrow(/mon-fri 09:00-17:00/);
    expect(() => parseOfficeHours('mon-fri 17:00-09:00', 'UTC')).toThrow(/before the closing/);
    expect(() => parseOfficeHours('mon-fri 09:00-17:00', 'Mars/Olympus')).toThrow(RangeError);
  });

  it('takes a time zone by any name ICU knows, canonical or not, and the same hours in each', () => {
    // America/Montreal and US/Eastern are aliases of America/Toronto, absent from ICU's list of canonical zones.
    for (const timeZone of ['America/Toronto', 'America/Montreal', 'US/Eastern', 'america/toronto', 'UTC', 'Etc/UTC']) {
      expect(parseOfficeHours('mon-fri 09:00-17:00', timeZone).timeZone).toBe(timeZone);
    }
    const wednesday10am = new Date('2026-11-25T15:00:00Z');
    expect(officeStatus(parseOfficeHours('mon-fri 09:00-17:00', 'America/Montreal'), wednesday10am)).toEqual(officeStatus(hours, wednesday10am));
    expect(() => parseOfficeHours('mon-fri 09:00-17:00', 'America/Montreall')).toThrow(RangeError);
    expect(() => parseOfficeHours('mon-fri 09:00-17:00', '')).toThrow(RangeError);
  });

  it('says when the team answers, in Montréal time and in the family’s language', () => {
    // Wednesday 2026-11-25 10:00 in Montréal (15:00 UTC): open until 17:00.
    expect(officeStatus(hours, new Date('2026-11-25T15:00:00Z'))).toEqual({ open: true, close: 1020 });
    expect(describeAnswerTime(hours, new Date('2026-11-25T15:00:00Z'), 'fr')).toBe("bientôt (nous sommes ouverts jusqu'à 17 h)");
    // Wednesday 07:00: later today.
    expect(describeAnswerTime(hours, new Date('2026-11-25T12:00:00Z'), 'en')).toBe('today from 9:00');
    // Wednesday 20:00: tomorrow.
    expect(describeAnswerTime(hours, new Date('2026-11-26T01:00:00Z'), 'es')).toBe('mañana desde las 9:00');
    // Friday 18:00: Monday.
    expect(describeAnswerTime(hours, new Date('2026-11-27T23:00:00Z'), 'ht')).toBe('lendi apati 9è');
    expect(describeAnswerTime(hours, new Date('2026-11-27T23:00:00Z'), 'fr')).toBe('lundi dès 9 h');
  });
});
