import { describe, expect, it } from 'vitest';
import { languageChoice } from '../../src/conversation/languageChoice.ts';
import { optOutKeyword } from '../../src/bot/optOutKeywords.ts';

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
