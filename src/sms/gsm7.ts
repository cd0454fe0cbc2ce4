// GSM 03.38: the alphabet an SMS can use at 160 characters a segment (153 when split). One
// character outside it switches the whole message to UCS-2: 70 a segment (67 when split).
const BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
// These take two septets each (escape + character).
const EXTENDED = '^{}\\[~]|€\f';

const BASIC_SET = new Set(BASIC);
const EXTENDED_SET = new Set(EXTENDED);

// Closest GSM-7 spelling of characters French, Spanish and Creole texts use.
const REPLACEMENTS: Record<string, string> = {
  á: 'a', â: 'a', ã: 'a', ç: 'c', ê: 'e', ë: 'e', í: 'i', î: 'i', ï: 'i', ó: 'o', ô: 'o', õ: 'o', ú: 'u', û: 'u', ÿ: 'y',
  Á: 'A', À: 'A', Â: 'A', Ã: 'A', È: 'E', Ê: 'E', Ë: 'E', Í: 'I', Ì: 'I', Î: 'I', Ï: 'I', Ó: 'O', Ò: 'O', Ô: 'O', Õ: 'O', Ú: 'U', Ù: 'U', Û: 'U',
  œ: 'oe', Œ: 'OE', '‘': "'", '’': "'", '‚': "'", '“': '"', '”': '"', '„': '"', '«': '"', '»': '"', '–': '-', '—': '-', '…': '...',
  '\u00a0': ' ', '\u202f': ' ', '\u2009': ' ', '•': '-', '·': '-', '¼': '1/4', '½': '1/2', '¾': '3/4',
};
// "3½" is "3 1/2", not "31/2".
const FRACTION_AFTER_DIGIT = /(\d)\s?([¼½¾])/g;

/** Whether `text` can go as GSM-7 (cheaper, longer segments). */
export function isGsm7(text: string): boolean {
  for (const char of text) if (!BASIC_SET.has(char) && !EXTENDED_SET.has(char)) return false;
  return true;
}

/**
 * Replaces characters outside GSM-7 by their closest spelling (ê→e, ç→c, curly quotes → straight)
 * so a French or Spanish SMS does not fall into 70-character UCS-2 segments. Characters with no
 * close spelling (emoji, other scripts) are kept: then the message goes as UCS-2, as it must.
 */
export function toGsm7(text: string): string {
  let out = '';
  for (const char of text.replace(FRACTION_AFTER_DIGIT, '$1 $2')) out += BASIC_SET.has(char) || EXTENDED_SET.has(char) ? char : (REPLACEMENTS[char] ?? char);
  return out;
}

/** How many SMS segments `text` takes (what the carrier bills). */
export function smsSegments(text: string): number {
  if (text.length === 0) return 1;
  if (isGsm7(text)) {
    let septets = 0;
    for (const char of text) septets += EXTENDED_SET.has(char) ? 2 : 1;
    return septets <= 160 ? 1 : Math.ceil(septets / 153);
  }
  // UCS-2 counts UTF-16 code units: an emoji takes two.
  return text.length <= 70 ? 1 : Math.ceil(text.length / 67);
}
