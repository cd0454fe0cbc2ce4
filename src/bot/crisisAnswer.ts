import type { Database } from '../db/Database.ts';
import type { Logger } from '../log.ts';
import { translate, type Language } from '../i18n.ts';
import type { CrisisKind } from '../nlu/types.ts';
import { findCrisisLines, type CrisisLines } from '../directory/crisisLines.ts';
import { smsSegments, toGsm7 } from '../sms/gsm7.ts';

/** Kinds where someone may be in danger right now: 911 comes first. A parent at the end of their rope gets the listening lines first, 911 "if anyone is in danger". */
export const IMMEDIATE_DANGER: Readonly<Record<CrisisKind, boolean>> = {
  violence: true,
  self_harm: true,
  child_danger: true,
  medical: true,
  parent_distress: false,
};

/** At most this many SMS segments: a crisis answer arrives whole, and fast. */
export const MAX_SMS_SEGMENTS = 3;
/** Twilio's limit for one WhatsApp message body (characters). */
export const MAX_WHATSAPP_CHARS = 1600;

export interface CrisisAnswerOptions {
  db: Database;
  log: Logger;
  kind: CrisisKind;
  language: Language;
  /** When a person of the team will write ("demain dès 9 h"), from `describeAnswerTime`. */
  when: string;
  channel: 'sms' | 'whatsapp';
  /** SMS are sent spelled in GSM-7 (the bot's `gsm7ForSms`): segments are counted on that spelling. */
  gsm7: boolean;
}

/**
 * The crisis answer for a message of `kind`, in the family's language, composed from the crisis
 * lines of the directory (see `composeCrisisAnswer`). When the directory cannot be read, the
 * built-in text (911 and 811) goes out instead: a crisis is never left without an answer.
 */
export async function crisisAnswer(options: CrisisAnswerOptions): Promise<string> {
  let lines: CrisisLines | null = null;
  try {
    lines = await findCrisisLines(options.db, options.kind, options.language);
  } catch (error) {
    options.log.error({ err: error, kind: options.kind }, 'crisis: directory unreadable, built-in emergency numbers sent');
  }
  return composeCrisisAnswer({ ...options, lines });
}

/**
 * One message: in immediate danger the emergency line (911) first, then the lines that fit the
 * kind (most specific first), then that a person of the team will write and when. For a parent at
 * the end of their rope: the lines first, then 911 "if anyone is in danger". Lines are dropped from
 * the end (the most general) until the message fits the channel (SMS: `MAX_SMS_SEGMENTS`; WhatsApp:
 * `MAX_WHATSAPP_CHARS`). Without an emergency line or any line for the kind (`lines` null or
 * empty), or when even one line does not fit, the built-in `crisis.emergency` text (911 and 811).
 */
export function composeCrisisAnswer(args: {
  kind: CrisisKind;
  language: Language;
  lines: CrisisLines | null;
  when: string;
  channel: 'sms' | 'whatsapp';
  gsm7: boolean;
}): string {
  const { kind, language, lines, when } = args;
  const t = (key: string, vars: Record<string, string> = {}) => translate(language, key, vars);
  const builtIn = t('crisis.emergency', { when });
  const emergency = lines?.emergency;
  if (!emergency || !lines || lines.lines.length === 0) return builtIn;
  const fits = (text: string) =>
    args.channel === 'sms' ? smsSegments(args.gsm7 ? toGsm7(text) : text) <= MAX_SMS_SEGMENTS : text.length <= MAX_WHATSAPP_CHARS;
  const compose = (count: number) => {
    const given = lines.lines.slice(0, count).map((line) => t('crisis.line', { name: line.name, how: line.howToReach }));
    const parts = IMMEDIATE_DANGER[kind]
      ? [t('crisis.danger_now', { phone: emergency.phone }), ...given]
      : [t('crisis.not_alone'), ...given, t('crisis.if_danger', { phone: emergency.phone })];
    return [...parts, t('crisis.team', { when })].join('\n');
  };
  for (let count = lines.lines.length; count > 0; count--) {
    const text = compose(count);
    if (fits(text)) return text;
  }
  return builtIn;
}
