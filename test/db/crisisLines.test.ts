import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/Database.ts';
import { crisisAnswer, composeCrisisAnswer, MAX_SMS_SEGMENTS } from '../../src/bot/crisisAnswer.ts';
import { findCrisisLines, type CrisisLines } from '../../src/directory/crisisLines.ts';
import { seedDirectory } from '../../src/directory/seedDirectory.ts';
import { describeAnswerTime } from '../../src/handoff/describeAnswerTime.ts';
import { parseOfficeHours } from '../../src/handoff/officeHours.ts';
import { LANGUAGES, translate } from '../../src/i18n.ts';
import { createLogger } from '../../src/log.ts';
import { CRISIS_KINDS } from '../../src/nlu/types.ts';
import { smsSegments, toGsm7 } from '../../src/sms/gsm7.ts';
import { useTestDatabase } from '../support/testDatabase.ts';

let db: Database;

const database = useTestDatabase(async (opened) => {
  db = opened;
  await seedDirectory(db);
});

describe('the crisis lines of the directory', () => {
  it('gives 911 apart, then the lines of the kind, most specific first', async () => {
    const ids = async (kind: (typeof CRISIS_KINDS)[number]) => {
      const found = await findCrisisLines(db, kind, 'fr');
      return [found.emergency?.id, ...found.lines.map((line) => line.id)];
    };
    expect(await ids('violence')).toEqual(['crise-911', 'crise-sos-violence-conjugale', 'crise-info-sante-info-social-811']);
    expect(await ids('self_harm')).toEqual(['crise-911', 'crise-988', 'crise-info-sante-info-social-811']);
    expect(await ids('child_danger')).toEqual(['crise-911', 'crise-dpj-montreal', 'crise-info-sante-info-social-811']);
    expect(await ids('medical')).toEqual(['crise-911', 'crise-centre-antipoison', 'crise-info-sante-info-social-811']);
    expect(await ids('parent_distress')).toEqual(['crise-911', 'crise-ligne-parents', 'crise-988', 'crise-info-sante-info-social-811']);
    expect((await findCrisisLines(db, 'medical', 'ht')).lines[0]).toEqual({
      id: 'crise-centre-antipoison',
      name: 'Sant Antipwazon Kebèk',
      howToReach: '1-800-463-5060, 24/7',
      phone: '1-800-463-5060',
    });
  });

  it('fits 3 SMS segments in GSM-7 for every kind, language and answer time', async () => {
    const hours = parseOfficeHours('mon-fri 09:00-17:00', 'America/Toronto');
    let longest = '';
    for (const language of LANGUAGES) {
      // Every hour of a week: open ("soon, until 5 p.m."), later today, tomorrow, on Monday.
      const whens = new Set(Array.from({ length: 7 * 24 }, (_, hour) => describeAnswerTime(hours, new Date(Date.UTC(2027, 2, 1, hour)), language)));
      for (const kind of CRISIS_KINDS) {
        const lines = await findCrisisLines(db, kind, language);
        for (const when of whens) {
          const text = composeCrisisAnswer({ kind, language, lines, when, channel: 'sms', gsm7: true });
          // Every line of the kind is given: none had to be dropped to fit.
          for (const line of lines.lines) expect(text, `${kind} ${language}`).toContain(line.howToReach);
          expect(smsSegments(toGsm7(text)), text).toBeLessThanOrEqual(MAX_SMS_SEGMENTS);
          if (toGsm7(text).length > longest.length) longest = toGsm7(text);
        }
      }
    }
    console.error(`longest crisis answer: ${longest.length} characters, ${smsSegments(longest)} segments`);
  });

  it('drops the most general lines rather than go over 3 segments, and falls back when even one line does not fit', () => {
    const line = (id: string, howToReach: string) => ({ id, name: id, howToReach, phone: '811' });
    const lines: CrisisLines = {
      emergency: line('crise-911', 'Appelez le 911'),
      lines: [line('specific', '1-800-363-9010, 24/7'), line('general', `811, ${'très long texte '.repeat(20)}`)],
    };
    const text = composeCrisisAnswer({ kind: 'violence', language: 'fr', lines, when: 'bientôt', channel: 'sms', gsm7: true });
    expect(text).toContain('specific: 1-800-363-9010, 24/7');
    expect(text).not.toContain('general');
    // WhatsApp takes 1600 characters: both lines go.
    expect(composeCrisisAnswer({ kind: 'violence', language: 'fr', lines, when: 'bientôt', channel: 'whatsapp', gsm7: true })).toContain('general');

    const tooLong: CrisisLines = { ...lines, lines: [line('general', 'x'.repeat(500))] };
    expect(composeCrisisAnswer({ kind: 'violence', language: 'fr', lines: tooLong, when: 'bientôt', channel: 'sms', gsm7: true })).toBe(
      translate('fr', 'crisis.emergency', { when: 'bientôt' }),
    );
  });

  it('sends the built-in 911 and 811 when the directory cannot be read, and logs why', async () => {
    const closed = await database.open();
    await closed.close();
    const logged: string[] = [];
    const log = createLogger('error', { write: (line: string) => void logged.push(line) });
    const text = await crisisAnswer({ db: closed, log, kind: 'medical', language: 'es', when: 'pronto', channel: 'sms', gsm7: true });
    expect(text).toBe(translate('es', 'crisis.emergency', { when: 'pronto' }));
    expect(logged.join('')).toContain('crisis: directory unreadable');
  });
});
