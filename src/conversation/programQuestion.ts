import { prepareText } from '../nlu/text.ts';

/** What a parent asks about programs instead of answering: the cost, when, where, how to register. */
export const PROGRAM_TOPICS = ['cost', 'time', 'place', 'register'] as const;
export type ProgramTopic = (typeof PROGRAM_TOPICS)[number];

// Folded words (no accents, lower case); a phrase matches whole words in order.
const TOPIC_WORDS: Record<ProgramTopic, readonly string[]> = {
  cost: [
    'gratuit', 'gratuite', 'gratis', 'combien', 'coute', 'couter', 'cout', 'prix', 'payer', 'payant', 'frais', 'cher', 'free', 'cost', 'costs', 'price',
    'how much', 'pay', 'fee', 'fees', 'charge', 'cuesta', 'cuanto', 'costo', 'precio', 'pagar', 'gratuito', 'gratuita', 'konbyen', 'koute', 'kob', 'peye', 'pri',
  ],
  time: [
    'quand', 'heure', 'heures', 'horaire', 'horaires', 'quel jour', 'quels jours', 'ouvert', 'when', 'what time', 'hours', 'schedule', 'what day', 'open',
    'cuando', 'horario', 'hora', 'que dia', 'abierto', 'ki le', 'kile', 'ki jou', 'ouve',
  ],
  place: ['ou est', 'ou ca', 'ou cest', 'cest ou', 'c est ou', 'c ou', 'adresse', 'where', 'address', 'location', 'donde', 'direccion', 'ki kote', 'kibo', 'adres', 'kote li'],
  register: [
    'inscrire', 'inscris', 'inscrit', 'inscription', 'sinscrire', 'register', 'registration', 'sign up', 'signup', 'enroll', 'apply', 'inscribir',
    'inscribirme', 'inscripcion', 'registrarme', 'inscribo', 'inscribe', 'inscribimos', 'inscribirlo', 'inscribirla', 'apuntarme', 'apunto',
    'inscrivez', 'inscrivons', 'enskri', 'enskripsyon',
  ],
};
// Words of a question: a program question is short and asks ("is it free?", "c'est quand?").
const QUESTION_WORDS = new Set(['est', 'cest', 'is', 'are', 'es', 'eske', 'se', 'do', 'does', 'how', 'comment', 'como', 'kijan', 'ki', 'combien', 'cuanto', 'konbyen', 'quand', 'when', 'cuando', 'where', 'donde']);
// A parent naming what it looks for asks for a need, not about the programs offered.
const SEEKING = new Set(['cherche', 'cherchons', 'looking', 'search', 'busco', 'buscamos', 'need', 'besoin', 'chache', 'bezwen', 'want', 'veux', 'voudrais', 'quiero', 'vle', 'necesito']);

/**
 * The topic of a short question about programs ("is it free?", "c'est combien?", "¿cuándo es?",
 * "kijan pou m enskri?"), or undefined for anything else. A number, an age or a place answering
 * the question asked is not such a question.
 */
export function programQuestion(text: string): ProgramTopic | undefined {
  const prepared = prepareText(text);
  const tokens = prepared.tokens;
  if (tokens.length === 0 || tokens.length > 8 || tokens.some((token) => SEEKING.has(token))) return undefined;
  const asks = text.includes('?') || tokens.some((token) => QUESTION_WORDS.has(token));
  if (!asks) return undefined;
  const folded = ` ${tokens.join(' ')} `;
  // "how do I register" before "when": a registration question often says when too.
  for (const topic of ['register', 'cost', 'place', 'time'] as const) {
    if (TOPIC_WORDS[topic].some((phrase) => folded.includes(` ${prepareText(phrase).tokens.join(' ')} `))) return topic;
  }
  return undefined;
}
