import { describe, expect, it } from 'vitest';
import { unlistedNeed } from '../../src/directory/unlistedNeeds.ts';

describe('needs outside the directory', () => {
  it.each([
    ['where can I find a dentist for my 3 yr old? we live in st henri', 'dentist'],
    ['je cherche un dentiste pour mon fils de 3 ans', 'dentist'],
    ['necesito un dentista para mi hijo', 'dentist'],
    ['kote m ka jwenn yon dantis pou pitit mwen', 'dentist'],
    ['on a pas de médecin de famille', 'doctor'],
    ['I need a pediatrician for my baby', 'doctor'],
    ['busco un pediatra', 'doctor'],
    ['mwen bezwen yon doktè pou pitit mwen', 'doctor'],
    ['je cherche un avocat', 'lawyer'],
    ['necesito un abogado para mis papeles', 'lawyer'],
    ['I need a job', 'job'],
    ['mwen bezwen travay', 'job'],
    ['busco trabajo', 'job'],
  ])('%s → %s', (text, need) => {
    expect(unlistedNeed(text)).toBe(need);
  });

  it.each(['je cherche une garderie', 'busco clases de francés', 'I need housing', 'merci', 'bonjour'])('%s → none', (text) => {
    expect(unlistedNeed(text)).toBeUndefined();
  });
});
