import { translate, type Language } from '../i18n.ts';
import { officeStatus, type OfficeHours } from './officeHours.ts';

/** "soon, we are open until 5 p.m." or "tomorrow from 9:00", in the family's language. */
export function describeAnswerTime(hours: OfficeHours, now: Date, language: Language): string {
  const status = officeStatus(hours, now);
  if (status.open) return translate(language, 'handoff.when_open', { time: clock(status.close, language) });
  const time = clock(status.at, language);
  if (status.inDays === 0) return translate(language, 'handoff.when_today', { time });
  if (status.inDays === 1) return translate(language, 'handoff.when_tomorrow', { time });
  return translate(language, 'handoff.when_day', { time, day: translate(language, `handoff.day_${status.weekday}`) });
}

function clock(minutes: number, language: Language): string {
  const hour = Math.floor(minutes / 60);
  const minute = minutes % 60;
  const mm = String(minute).padStart(2, '0');
  if (language === 'fr') return minute ? `${hour} h ${mm}` : `${hour} h`;
  if (language === 'ht') return minute ? `${hour}è${mm}` : `${hour}è`;
  return `${hour}:${mm}`;
}
