/**
 * Twilio Advanced Opt-Out's default keywords (folded, letters only). On SMS, Twilio blocks or
 * resumes the number on these whatever the bot does, so the bot must agree with it word for word.
 * Source: Twilio's "Advanced Opt-Out" documentation, default opt-out and opt-in keyword lists.
 */
export const TWILIO_OPT_OUT_KEYWORDS = ['stop', 'stopall', 'unsubscribe', 'end', 'quit', 'revoke', 'optout', 'cancel'] as const;
export const TWILIO_OPT_IN_KEYWORDS = ['start', 'unstop', 'yes', 'subscribe', 'optin'] as const;

/**
 * Words that, alone in a message (fillers aside: "STOP svp"), ask to stop receiving messages:
 * Twilio's and their French, Spanish and Haitian Creole counterparts. The NLU reads them as `stop`.
 */
export const OPT_OUT_KEYWORDS = [
  ...TWILIO_OPT_OUT_KEYWORDS,
  'arret', 'arrete', 'arretez', 'arreter', 'para', 'kanpe', 'sispann', 'desabonner', 'desabonnement', 'baja', 'alto', 'basta',
] as const;

/**
 * Words that, alone in a message, ask to receive messages again; the NLU reads them as `start`.
 * Twilio's "yes" is left out: for the NLU it answers a question (the bot still honours it as an
 * opt-in from a family that opted out, as Twilio does).
 */
export const OPT_IN_KEYWORDS = [
  ...TWILIO_OPT_IN_KEYWORDS.filter((word) => word !== 'yes'),
  'reprendre', 'komanse', 'rekomanse', 'comenzar', 'reanudar',
] as const;
