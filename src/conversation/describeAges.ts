import { translate, type Language } from '../i18n.ts';

/** A program's ages in months, as the directory gives them (`min_age_months`, `max_age_months`). */
export interface AgeRange {
  min: number | null;
  max: number | null;
}

/**
 * The ages a program is for, as a parent reads them: "0 à 5 ans", "3 ans et demi à 5 ans",
 * "0 to 3 months", "6 años o más". Empty when the program sets no limit (no ages, or from birth
 * with no upper age). A maximum of 71 months reads "5 years": the directory's way of writing "5 and under".
 */
export function describeAges(ages: AgeRange, language: Language): string {
  const min = ages.min ?? 0;
  const max = ages.max;
  if (max === null && min === 0) return '';
  const t = (key: string, vars: Record<string, unknown>) => translate(language, `results.ages.${key}`, vars);
  // Under two years, in months; else in (half) years.
  const unit = (max ?? min) < 24 ? 'months' : 'years';
  const say = (months: number, bare: boolean): string => {
    if (unit === 'months') return bare ? String(months) : t('months', { count: months });
    // A minimum such as 6 or 18 months in a range counted in years.
    if (months < 24 && months % 12 !== 0) return t('months', { count: months });
    const years = Math.floor(months / 12);
    if (months % 12 === 6) return t('half_years', { count: years });
    return bare ? String(years) : t('years', { count: years });
  };
  if (max === null) return t('from', { min: say(min, false) });
  if (max === min) return say(max, false);
  const maxText = say(max, false);
  // "0 à 5 ans", not "0 an à 5 ans"; but "6 mois à 5 ans" and "3 ans et demi à 5 ans".
  const bareMin = say(min, true);
  const minText = /^\d+$/.test(bareMin) ? bareMin : say(min, false);
  return t('range', { min: minText, max: maxText });
}
