import { describe, expect, it } from 'vitest';
import { findAgeCandidates } from '../../../src/nlu/ageCandidates.ts';
import { analyze } from '../../../src/nlu/index.ts';
import type { NluEntity } from '../../../src/nlu/index.ts';
import { prepareText } from '../../../src/nlu/text.ts';

const ages = (text: string): number[] =>
  analyze(text)
    .entities.filter((entity): entity is Extract<NluEntity, { type: 'age' }> => entity.type === 'age')
    .map((entity) => entity.months)
    .sort((a, b) => a - b);

// Each kind of miss the rule-based reader made on the ages-focused writers' messages, in the four languages.
describe('children’s ages', () => {
  it.each([
    ['jai des triplets de 14 mois, besoin de lait', [14, 14, 14]],
    ['i have triplets 4 yrs old any spring break activity', [48, 48, 48]],
    ['tengo trillizos de 18 meses, necesitamos leche', [18, 18, 18]],
    ['m gen triple 3 zan yo bezwen bòt pou livè', [36, 36, 36]],
    ['garderie pour mes jumelles de 3 ans?', [36, 36]],
    ['mis gemelas de 3 años y su hermanito de 9 meses', [9, 36, 36]],
    ['m gen marasa 7 mwa m pa gen ase lèt', [7, 7]],
    ['the twins are 3, any camp for them?', [36, 36]],
    ['mes jumeaux ont 4 pis ils tannent a la maison', [48, 48]],
    ['mis gemelos tienen 2 y no hay guarderia', [24, 24]],
    ['marasa yo gen 5, eske gen kan pou yo', [60, 60]],
  ] as const)('twins and triplets are two and three children: %s → %j', (text, months) => {
    expect(ages(text)).toEqual(months);
  });

  it.each([
    ['ma petite de 3½ ans est pas encore propre', [42]],
    ['my son is 3½ and still not potty trained', [42]],
    ['mi hija 3½ se trago una moneda!!', [42]],
    ['pitit gason m nan gen dezan edmi li pa pale anpil', [30]],
    ['ti pitit mwen twazan edmi eske li ka al pre-matenel', [42]],
  ] as const)('halves written with ½ or after a Creole contracted age: %s → %j', (text, months) => {
    expect(ages(text)).toEqual(months);
  });

  it.each([
    'le camp cest pour les 6-12 ans?',
    'the camp is for 6 to 12 year olds?',
    'el campamento es de 6 a 12 años?',
    'kan an se pou 6 a 12 an?',
  ])('an age range is a program, not children: %s', (text) => {
    expect(ages(text)).toEqual([]);
  });

  it.each([
    ['cest quoi les activites cette fin de semaine? mon fils a 2 ans', [24]],
    ['actividades gratis para el fin de semana, tengo 2 hijos de 1 y 3 años', [12, 36]],
    ['my 3 y/o and 9 m/o, any baby and toddler groups?', [9, 36]],
    ['li gen de mwa, eske gen masaj pou bebe?', [2]],
  ] as const)('"de" is two only before a Creole unit; "y/o" and "m/o" are two children: %s → %j', (text, months) => {
    expect(ages(text)).toEqual(months);
  });

  it.each([
    ['on vit dans un 5 1/2 avec 2 autres familles, mes gars ont 4 et 9 ans', [48, 108]],
    ['we are 6 people in a 4½, the kids are 2, 4 and 7', [24, 48, 84]],
    ['vivimos 6 en un 4 1/2 con mis 3 hijos de 1, 4 y 7', [12, 48, 84]],
    ['nou 6 moun nan yon 4 1/2 ak 3 pitit 1 an, 4 an ak 7 an', [12, 48, 84]],
  ] as const)('lists of ages beside an apartment size: %s → %j', (text, months) => {
    expect(ages(text)).toEqual(months);
  });

  it.each([
    'on est au quebec depuis 2 ans pis on a tjrs pas nos papiers',
    'been here since 2 years and still no work permit',
    'ya llevo 2 años en la lista de espera para la guarderia',
    'sa fè 2 zan n ap tann plas nan gadri',
    'jai 23 ans 3 enfants pis jarrive pas a payer le loyer',
    'im 28 weeks pregnant no doctor yet',
    'tengo 32 semanas de embarazo y todavia no tengo medico',
    'm ansent 30 semèn m pa gen doktè',
  ])('durations, pregnancies and a parent’s own age are not a child’s: %s', (text) => {
    expect(ages(text)).toEqual([]);
  });

  it('finds every number with its unit, half and span as candidates', () => {
    const plain = prepareText('mon gars de 2 ans et demi pis le bebe 18-month-old, un 4½').plain;
    expect(findAgeCandidates(plain).map(({ value, unit, start, end }) => ({ value, unit, text: plain.slice(start, end) }))).toEqual([
      { value: 2.5, unit: 'year', text: '2 ans et demi' },
      { value: 18, unit: 'month', text: '18-month-old' },
      { value: 4.5, unit: 'none', text: '4½' },
    ]);
  });
});

// "sept" is September in English and seven in French: alone, it is no age.
describe('sept', () => {
  it.each([
    ['my son starts kindergarten next sept, how do we get him ready', []],
    ['la rentree de sept, ma fille commence la maternelle', []],
    ['mon gars a sept ans', [84]],
    ['ma fille de 7 ans commence en sept', [84]],
  ] as const)('%s → %j', (text, expected) => {
    expect(ages(text)).toEqual(expected);
  });
});
