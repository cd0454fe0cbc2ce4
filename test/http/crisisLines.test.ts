import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { useTestService } from '../support/startTestService.ts';
import { TestFamily } from '../support/TestFamily.ts';
import { analyze } from '../../src/nlu/index.ts';
import type { CrisisKind } from '../../src/nlu/types.ts';
import type { Language } from '../../src/i18n.ts';
import { isGsm7, smsSegments } from '../../src/sms/gsm7.ts';
import { DIRECTORY_SEED_PATH, seedDirectory } from '../../src/directory/seedDirectory.ts';
import { formatRejection, importDirectory, jsonInput } from '../../src/directory/importDirectory.ts';
import type { DirectorySeed } from '../../src/directory/seedSchema.ts';

const t = useTestService();
const seed = JSON.parse(readFileSync(DIRECTORY_SEED_PATH, 'utf8')) as DirectorySeed;
const service = (id: string) => seed.services.find((s) => s.id === id)!;

// What a family must read for each kind: the lines' numbers, in order (911 aside).
const LINES: Record<CrisisKind, string[]> = {
  violence: ['crise-sos-violence-conjugale', 'crise-info-sante-info-social-811'],
  self_harm: ['crise-988', 'crise-info-sante-info-social-811'],
  child_danger: ['crise-dpj-montreal', 'crise-info-sante-info-social-811'],
  medical: ['crise-centre-antipoison', 'crise-info-sante-info-social-811'],
  parent_distress: ['crise-ligne-parents', 'crise-988', 'crise-info-sante-info-social-811'],
};

const MESSAGES: Record<CrisisKind, Record<Language, string>> = {
  violence: { fr: 'mon chum me frappe jai peur pour mes enfants', en: 'my husband hits me and I am scared', es: 'mi esposo me pega tengo miedo', ht: 'mari m bat mwen chak jou' },
  self_harm: { fr: 'je veux mourir je veux me suicider', en: 'I want to kill myself', es: 'quiero suicidarme ya no quiero vivir', ht: 'mwen vle touye tèt mwen' },
  child_danger: {
    fr: "mon voisin bat son bebe je l'entends crier",
    en: "my baby's father hits our son",
    es: 'alguien maltrata a un niño en mi edificio',
    ht: 'gen yon moun k ap bat pitit mwen',
  },
  medical: { fr: 'mon fils a avalé une pile', en: 'my son swallowed a battery what do i do', es: 'mi hijo se tragó una pila', ht: 'pitit mwen vale yon pil' },
  parent_distress: {
    fr: 'je suis a bout je vais craquer avec le bebe qui pleure',
    en: "I can't take it anymore, I'm exhausted and crying all day with the baby",
    es: 'ya no puedo más con mi bebé que llora',
    ht: 'mwen pa kapab ankò ak tibebe a k ap kriye',
  },
};

const CASES = (Object.keys(MESSAGES) as CrisisKind[]).flatMap((kind) =>
  (['fr', 'en', 'es', 'ht'] as const).flatMap((language) => (['sms', 'whatsapp'] as const).map((channel) => [kind, language, channel] as const)),
);

/** Where each text starts in the reply; -1 when missing. */
const positions = (reply: string, texts: string[]) => texts.map((text) => reply.indexOf(text));

describe('a crisis is answered with the lines that fit its kind, in the family’s language, before anything else', () => {
  it.each(CASES)('%s in %s by %s', async (kind, language, channel) => {
    const text = MESSAGES[kind][language];
    // The NLU's reading is the premise: a change there shows here first.
    expect(analyze(text, { currentLanguage: language })).toMatchObject({ intent: 'crisis', crisisKind: kind, language });
    const family = new TestFamily(t, channel);
    const replies = await family.say(text);
    const reply = replies[0]!;

    const emergency = kind === 'parent_distress' ? family.text(language, 'crisis.if_danger', { phone: '911' }) : family.text(language, 'crisis.danger_now', { phone: '911' });
    const lines = LINES[kind].map((id) => family.text(language, 'crisis.line', { name: service(id).name[language], how: service(id).how_to_register[language] }));
    const team = family.like(language, 'crisis.team');
    if (kind === 'parent_distress') {
      expect(reply.startsWith(family.text(language, 'crisis.not_alone'))).toBe(true);
      const at = positions(reply, [...lines, emergency]);
      expect(at.every((position, i) => position > (at[i - 1] ?? 0)), `${reply}\n(order ${at.join(', ')})`).toBe(true);
    } else {
      expect(reply.startsWith(emergency), reply).toBe(true);
      const at = positions(reply, lines);
      expect(at.every((position, i) => position > (at[i - 1] ?? 0)), `${reply}\n(order ${at.join(', ')})`).toBe(true);
    }
    expect(reply.split('\n').at(-1)).toEqual(team);
    // Nothing but the crisis answer in this turn, and the team is alerted at once.
    expect(replies).toHaveLength(1);
    if (channel === 'sms') {
      expect(isGsm7(reply), reply).toBe(true);
      expect(smsSegments(reply), reply).toBeLessThanOrEqual(3);
    } else {
      expect(reply.length).toBeLessThanOrEqual(1600);
    }
    const events = await t.service.db.prisma.contactEvent.findMany({ where: { contact: { address: family.address } } });
    expect(events).toEqual([expect.objectContaining({ type: 'handoff_requested', data: { reason: 'crisis', priority: 'urgent' } })]);
  });

  it('keeps the accents on WhatsApp', async () => {
    const family = new TestFamily(t, 'whatsapp');
    const [reply] = await family.say(MESSAGES.medical.es);
    expect(reply).toContain('¿Peligro inmediato?');
    expect(reply).toContain('también le escribirá');
  });
});

describe('the team keeps the crisis lines in the directory', () => {
  afterEach(async () => {
    // Back to the shipped lines for the next test.
    await seedDirectory(t.service.db);
  });

  it('answers with a line as soon as an import changes it', async () => {
    const sos = service('crise-sos-violence-conjugale');
    const changed = {
      ...sos,
      contact: { ...sos.contact, phone: '1-800-363-0000' },
      how_to_register: { fr: '1-800-363-0000, 24/7', en: '1-800-363-0000, 24/7', es: '1-800-363-0000, 24/7', ht: '1-800-363-0000, 24/7' },
    };
    const result = await importDirectory(t.service.db, jsonInput('lines.json', JSON.stringify({ services: [changed] })));
    expect(result.ok ? [] : result.rejected.map(formatRejection)).toEqual([]);

    const family = new TestFamily(t);
    const [reply] = await family.say(MESSAGES.violence.en);
    expect(reply).toContain(family.text('en', 'crisis.line', { name: sos.name.en, how: '1-800-363-0000, 24/7' }));
    expect(reply).not.toContain('1-800-363-9010');
  });

  it('gives a line the team tags with another kind', async () => {
    const parents = service('crise-ligne-parents');
    const tagged = { ...parents, needs: [...parents.needs, 'crisis_child_danger'] };
    const result = await importDirectory(t.service.db, jsonInput('lines.json', JSON.stringify({ services: [tagged] })));
    expect(result.ok).toBe(true);

    const family = new TestFamily(t);
    const [reply] = await family.say(MESSAGES.child_danger.fr);
    const at = positions(reply!, ['911', '514-896-3100', '1-800-361-5085', '811']);
    expect(at.every((position, i) => position > (at[i - 1] ?? -1)), `${reply}\n(order ${at.join(', ')})`).toBe(true);
  });

  it('refuses a crisis line whose text does not give its new number', async () => {
    const sos = service('crise-sos-violence-conjugale');
    const result = await importDirectory(t.service.db, jsonInput('lines.json', JSON.stringify({ services: [{ ...sos, contact: { phone: '1-800-363-0000' } }] })));
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.rejected.map(formatRejection)).toEqual([
      expect.stringContaining("how_to_register.fr: a crisis line's how_to_register names its phone number 1-800-363-0000"),
    ]);
  });

  it('falls back to 911 and 811 when the directory has no line for the kind', async () => {
    await t.service.db.prisma.directoryService.deleteMany({ where: { id: { in: ['crise-centre-antipoison', 'crise-info-sante-info-social-811'] } } });
    for (const channel of ['sms', 'whatsapp'] as const) {
      const family = new TestFamily(t, channel);
      const replies = await family.say(MESSAGES.medical.ht);
      expect(replies).toEqual([family.like('ht', 'crisis.emergency')]);
      expect(replies[0]).toContain('911');
      expect(replies[0]).toContain('811');
    }
  });

  it('falls back to 911 and 811 when the directory has no emergency line, and never gives an unverified line', async () => {
    await t.service.db.prisma.directoryService.delete({ where: { id: 'crise-911' } });
    const family = new TestFamily(t);
    expect(await family.say(MESSAGES.self_harm.fr)).toEqual([family.like('fr', 'crisis.emergency')]);

    await seedDirectory(t.service.db);
    await t.service.db.prisma.directoryService.update({ where: { id: 'crise-ligne-parents' }, data: { verified: false, unverified: ['contact.phone'] } });
    const [reply] = await new TestFamily(t).say(MESSAGES.parent_distress.en);
    expect(reply).not.toContain('1-800-361-5085');
    expect(reply).toContain('988');
  });
});

describe('a message too close to a crisis for a menu goes to a person at once', () => {
  const POSSIBLE: Record<Language, string> = {
    fr: 'les choses vont vraiment mal chez nous',
    en: 'things at home are not great',
    es: 'no puedo mas con el bebe, necesito guarderia',
    ht: 'mwen bouke anpil ak timoun yo',
  };

  it.each((['fr', 'en', 'es', 'ht'] as const).flatMap((language) => (['sms', 'whatsapp'] as const).map((channel) => [language, channel] as const)))(
    'in %s by %s: 911 if anyone is in danger, and a person of the team, high priority',
    async (language, channel) => {
      const text = POSSIBLE[language];
      // The NLU's reading is the premise: neither a crisis nor sure enough to be anything else.
      expect(analyze(text, { currentLanguage: language })).toMatchObject({ possibleCrisis: true });
      const family = new TestFamily(t, channel);
      const replies = await family.say(text);
      expect(replies).toEqual([family.like(language, 'crisis.possible')]);
      const events = await t.service.db.prisma.contactEvent.findMany({ where: { contact: { address: family.address } } });
      expect(events).toEqual([expect.objectContaining({ type: 'handoff_requested', data: { reason: 'possible_crisis', priority: 'high' } })]);
    },
  );
});
