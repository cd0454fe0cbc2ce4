import { describe, expect, it } from 'vitest';
import { crisisRuleScore } from '../../../src/nlu/crisis.ts';
import { analyze } from '../../../src/nlu/index.ts';
import { prepareText } from '../../../src/nlu/text.ts';

// None of these sentences is in the labelled or held-out sets: they check that the crisis concept
// generalises (inflections, clitics, word order, misspellings), not that sentences were memorised.
describe('crisis recall in the four languages', () => {
  it.each([
    // Partner violence
    ['mon mari m\'a poussée dans l\'escalier', 'fr'],
    ['mon chum me varge quand il boit', 'fr'],
    ['my husband slapped me again', 'en'],
    ['he choked me last night', 'en'],
    ['mi esposo me empujó contra la pared', 'es'],
    ['mi novio me lastimó el brazo', 'es'],
    ['li kale m chak swa', 'ht'],
    ['nèg la fè m mal', 'ht'],
    // A child hit or in danger
    ['il a giflé mon fils', 'fr'],
    ['il tabasse mon gars', 'fr'],
    ['he kicked my son', 'en'],
    ['someone is touching my daughter', 'en'],
    ['mi pareja le pega a la niña', 'es'],
    ['el papa de mis hijos los maltrata', 'es'],
    ['papa pitit mwen an bat yo', 'ht'],
    ['yon moun ap maltrete pitit mwen', 'ht'],
    // Fear for safety, threats
    ['jai peur qu\'il revienne ce soir', 'fr'],
    ['im scared to go home', 'en'],
    ['my partner threatens to hurt the baby', 'en'],
    ['tengo miedo de volver a casa', 'es'],
    ['mi novio me amenazó con un cuchillo', 'es'],
    ['mari m menase m', 'ht'],
    ['m pè lakay mwen', 'ht'],
    // Self-harm, suicidal thoughts, "I can't go on"
    ['je pense a me tuer', 'fr'],
    ['les enfants seraient mieux sans moi', 'fr'],
    ['jpeux pu, chu a bout', 'fr'],
    ['i think about killing myself every day', 'en'],
    ['i dont see the point anymore', 'en'],
    ['ya no aguanto mas, quiero morirme', 'es'],
    ['quiero hacerme daño', 'es'],
    ['m ap touye tèt mwen', 'ht'],
    ['mwen pa kapab ankò, m vle mouri', 'ht'],
  ] as const)('%s → crisis', (text, language) => {
    const result = analyze(text);
    expect(result.intent).toBe('crisis');
    expect(result.language).toBe(language);
  });

  it.each([
    ['my son swallowed a battery what do i do', 'medical'],
    ['mon bebe de 2 mois respire pu bien pis il est bleu', 'medical'],
    ['mi hija se tomo unas pastillas de la abuela', 'medical'],
    ['pitit mwen an ap fè kriz, li pa reponn mwen', 'medical'],
    ['my toddler fell off the bed on his head and keeps throwing up', 'medical'],
  ] as const)('%s → crisis of kind %s', (text, kind) => {
    expect(analyze(text)).toMatchObject({ intent: 'crisis', crisisKind: kind });
  });

  it('reads "jpeux pu, jveux pu etre la" as a crisis whose lines include 9-8-8', () => {
    // Self-harm or a parent at the end of their rope: the words allow both, and both answers give 9-8-8.
    const result = analyze('jpeux pu, jveux pu etre la');
    expect(result.intent).toBe('crisis');
    expect(['self_harm', 'parent_distress']).toContain(result.crisisKind);
  });

  it('outranks opt-out words and a menu choice', () => {
    expect(analyze('stop, il me bat').intent).toBe('crisis');
    expect(analyze('para, me esta golpeando', { currentLanguage: 'es' }).intent).toBe('crisis');
    expect(analyze('2 he hurts my kids', { menu: ['events', 'camp'] }).intent).toBe('crisis');
  });
});

// A child's head injury is left out on purpose: the writers of the corpus label it a medical
// emergency (Info-Santé 811 is the line for it), and the answer gives that line.
describe('near-misses that are not crises', () => {
  it.each([
    'my son hurt his arm at the park, where is a clinic',
    'ma fille s\'est fait mal au genou à la garderie',
    'mi hija se pegó con la mesa, hay un doctor cerca?',
    'vant mwen fè m mal, mwen ansent 7 mwa',
    'ca me fait mal quand il tete',
    'j\'ai peur qu\'il n\'y ait pas de place en garderie',
    'tengo miedo de que cierren la guarderia',
    'mwen pè pa gen plas nan kan an',
    'my landlord is threatening to evict us',
    'el dueño nos amenaza con desalojarnos',
    'le proprio menace de nous mettre dehors',
    'the baby keeps hitting me lol',
    'ces couches vont me tuer mdr',
    'jsuis tannée du lavage lol',
  ])('%s → not crisis', (text) => {
    expect(analyze(text).intent).not.toBe('crisis');
  });
});

describe('crisis rules', () => {
  const score = (text: string): number => crisisRuleScore(prepareText(text).tokens);

  it('fire on harm verbs aimed at a person, whatever the inflection', () => {
    for (const text of ['me lastima', 'está lastimando a mi hijo', 'il m\'a frappée', 'ap fè m mal', 'slapped my daughter']) {
      expect(score(text), text).toBeGreaterThan(0);
    }
  });

  it('stay quiet on reflexive accidents and body pain', () => {
    for (const text of ['se golpeó la cabeza', 's\'est frappé la tête', 'hit his head', 'frape tèt li', 'tete m fè m mal']) {
      expect(score(text), text).toBe(0);
    }
  });
});

// Killing and dying said of the heat, the bills, the end of the month or the prices: the word lists
// see no danger there (the models still read the whole message), while the same verbs aimed at a
// person stay crises. None of these sentences is in a labelled, held-out or training set.
describe('figures of speech', () => {
  it.each([
    ["l'epicerie va me tuer ce mois-ci", 'fr'],
    ['le froid me tue dans ce logement', 'fr'],
    ['these hydro bills are gonna kill me', 'en'],
    ['the prices at the grocery kill me every week', 'en'],
    ['las facturas de la luz me van a matar', 'es'],
    ['el frio me mata en este apartamento', 'es'],
    ['pri manje yo ap touye m', 'ht'],
    ['fret la ap touye m nan apatman an', 'ht'],
  ])('%s (%s) is not a crisis', (text, language) => {
    const result = analyze(text, { currentLanguage: language as 'fr' });
    expect(result.intent).not.toBe('crisis');
    expect(result.possibleCrisis ?? false).toBe(false);
  });

  it.each([
    ['il a dit quil va me tuer', 'fr'],
    ['he said he is going to kill me', 'en'],
    ['mi esposo dice que me va a matar', 'es'],
    ['mari m di l ap touye m', 'ht'],
    // An everyday word elsewhere in the sentence is not the subject of the killing.
    ['il va tuer mes enfants', 'fr'],
    ['je vais tuer mes enfants', 'fr'],
    ['me quiero matar este mes', 'es'],
    ['I want to die this month', 'en'],
  ])('%s (%s) is still a crisis', (text, language) => {
    expect(analyze(text, { currentLanguage: language as 'fr' }).intent).toBe('crisis');
  });

  it.each([
    ['je vais me tuer ce mois ci', 'fr'],
    ['mwen vle mouri, mwen pa gen travay', 'ht'],
    ['my landlord raped me', 'en'],
    ['help, my landlord is beating me', 'en'],
    ["mon proprio m'a agressée sexuellement", 'fr'],
    ['el casero me violó', 'es'],
    ["mon proprio m'a frappée", 'fr'],
    ['ou mèt ede m, l ap touye m', 'ht'],
  ])('%s (%s) still gets 911 and a person (crisis or possible crisis)', (text, language) => {
    const result = analyze(text, { currentLanguage: language as 'fr' });
    expect(result.intent === 'crisis' || result.possibleCrisis === true).toBe(true);
  });
});

describe('a sign of a medical emergency with a cry for help', () => {
  // Found by a tester: "aidez moi" made the safety model read a parent at the end of their rope,
  // whose answer puts Ligne Parents first and 911 last.
  it.each([
    ['mon bebe respire plus aidez moi', 'fr'],
    ['aidez moi mon bebe respire pu', 'fr'],
    ['help me please my baby is not breathing', 'en'],
    ['ayudenme por favor mi bebe no respira', 'es'],
    ['ede m souple pitit mwen pa respire', 'ht'],
  ])('%s (%s) is a medical emergency', (text, language) => {
    expect(analyze(text, { currentLanguage: language as 'fr' })).toMatchObject({ intent: 'crisis', crisisKind: 'medical' });
  });

  it('leaves a parent afraid of shaking the baby with the parent-distress lines', () => {
    expect(analyze('jen peux plus jai envie de secouer le bebe', { currentLanguage: 'fr' })).toMatchObject({ intent: 'crisis', crisisKind: 'parent_distress' });
  });
});
