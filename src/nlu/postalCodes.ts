import { neighbourhoodForFsa } from './neighbourhoods.ts';

/** A Canadian postal code (or its first half) found in folded text. */
export interface PostalCodeMatch {
  start: number;
  end: number;
  fsa: string;
  neighbourhood: string | null;
}

// Canada Post never uses D, F, I, O, Q or U, nor W or Z in first position. Any case and spacing:
// "h2s2m5", "H2S 2M5", "h2s-2m5"; a lone FSA ("H2S") only for Montreal's H codes, where a
// three-character word is far more likely a postal code than anything else.
const POSTAL_CODE = /(^|[^a-z0-9])([abceghj-nprstvxy]\d[abceghj-nprstv-z])(?:[\s.-]*(\d[abceghj-nprstv-z]\d))?(?![a-z0-9])/g;

/** Postal codes with their forward sortation area and, on the island, neighbourhood. */
export function findPostalCodes(plain: string): PostalCodeMatch[] {
  const found: PostalCodeMatch[] = [];
  for (const match of plain.matchAll(POSTAL_CODE)) {
    const fsa = (match[2] ?? '').toUpperCase();
    if (match[3] === undefined && !fsa.startsWith('H')) continue;
    const start = (match.index ?? 0) + (match[1]?.length ?? 0);
    found.push({ start, end: (match.index ?? 0) + match[0].length, fsa, neighbourhood: neighbourhoodForFsa(fsa) });
  }
  return found;
}
