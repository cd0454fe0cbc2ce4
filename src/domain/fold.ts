/**
 * Lower case without diacritics, as every matcher compares text: "Kreyòl" → "kreyol", "ñ" → "n",
 * "œ" → "oe", "æ" → "ae", "ß" → "ss", curly apostrophes and backticks → "'". Everything else is
 * kept, punctuation and spaces included, so callers choose what separates words. Never throws.
 */
export function fold(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss')
    .replace(/[’‘`´]/g, "'");
}
