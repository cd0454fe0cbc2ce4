import { describe, expect, it } from 'vitest';
import { languageChoice } from '../../src/conversation/languageChoice.ts';
import { optOutKeyword } from '../../src/bot/optOutKeywords.ts';
import { TurnContext } from 'botbuilder';
import type { Contact } from '../../src/generated/prisma/client.ts';
import { TurnUnit, attachTurn, turnOf } from '../../src/bot/TurnUnit.ts';
import { TwilioAdapter } from '../../src/channels/twilio/TwilioAdapter.ts';

describe('languageChoice', () => {
  it.each([
    ['1', 'fr'], [' 2 ', 'en'], ['3.', 'es'], ['4', 'ht'],
    ['Français', 'fr'], ['francais', 'fr'], ['English', 'en'], ['ESPAÑOL', 'es'], ['espanol', 'es'],
    ['Kreyòl', 'ht'], ['kreyol', 'ht'], ['créole', 'ht'],
  ])('%s → %s', (text, language) => {
    expect(languageChoice(text)).toBe(language);
  });

  it.each(['5', '12', 'bonjour', '', '🙂'])('%s picks nothing', (text) => {
    expect(languageChoice(text)).toBeUndefined();
  });
});

describe('optOutKeyword', () => {
  // Twilio's own keywords; ARRÊT, PARA, KANPE and sentences are the NLU's (test/http/conversationKinds).
  it.each(['STOP', 'stop', 'Stop.', 'UNSUBSCRIBE', 'END', 'QUIT', 'STOPALL', 'REVOKE', 'OPTOUT', 'CANCEL'])(
    '%s opts out',
    (text) => expect(optOutKeyword(text)).toBe('STOP'),
  );
  it.each(['START', 'unstop', 'YES'])('%s opts back in', (text) => expect(optOutKeyword(text)).toBe('START'));
  it.each(['para mi hijo', 'stop the camp?', 'je veux arrêter de fumer', 'bonjour'])('"%s" is not a keyword', (text) => {
    expect(optOutKeyword(text)).toBeUndefined();
  });
});

describe('a turn on its context', () => {
  const contact = { id: 'c1', address: '+15145550199', channel: 'sms', language: 'fr' } as Contact;
  const activity = { type: 'message', text: 'bonjour', conversation: { id: contact.address, isGroup: false, conversationType: 'sms', name: '' } } as const;

  it('carries what the bot does to the turn’s commit', () => {
    const context = new TurnContext(new TwilioAdapter(), activity);
    const unit = new TurnUnit(1, contact, 'conv', true, new Map());
    attachTurn(context, unit);
    turnOf(context).requestHandoff({ reason: 'asked', priority: 0 });
    expect(unit.handoffRequest).toEqual({ reason: 'asked', priority: 0 });
  });

  it('refuses a request for a person, or a reply, made outside a turn instead of dropping it', async () => {
    const context = new TurnContext(new TwilioAdapter(), activity);
    expect(() => turnOf(context).requestHandoff({ reason: 'asked', priority: 0 })).toThrow(/no turn/);
    await expect(context.sendActivity('bonjour')).rejects.toThrow(/no turn/);
  });
});
