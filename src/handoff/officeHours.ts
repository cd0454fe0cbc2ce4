/** When the team answers: days of the week (0 = Sunday) and opening minutes, in a time zone. */
export interface OfficeHours {
  days: number[];
  /** Minutes after midnight. */
  open: number;
  close: number;
  timeZone: string;
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

/** Reads "mon-fri 09:00-17:00" (or "mon,wed,fri 9:30-16:00"); throws with what is expected. */
export function parseOfficeHours(spec: string, timeZone: string): OfficeHours {
  const match = /^\s*([a-z,-]+)\s+(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$/i.exec(spec);
  if (!match) throw new Error('days and hours such as "mon-fri 09:00-17:00"');
  const days = new Set<number>();
  for (const part of match[1]!.toLowerCase().split(',')) {
    const [from, to] = part.split('-').map((day) => DAYS.indexOf(day));
    if (from === undefined || from < 0 || (to !== undefined && to < 0)) throw new Error(`days among ${DAYS.join(', ')}, e.g. "mon-fri"`);
    for (let day = from; ; day = (day + 1) % 7) {
      days.add(day);
      if (to === undefined || day === to) break;
    }
  }
  const open = Number(match[2]) * 60 + Number(match[3]);
  const close = Number(match[4]) * 60 + Number(match[5]);
  if (open >= close || close > 24 * 60) throw new Error('an opening hour before the closing hour, e.g. "09:00-17:00"');
  checkTimeZone(timeZone);
  return { days: [...days].sort(), open, close, timeZone };
}

/**
 * Throws RangeError when ICU does not know `timeZone`. A canonical IANA zone (the default,
 * America/Toronto) is found in ICU's list; any other name (an alias such as America/Montreal, other
 * capitals) is tried with a DateTimeFormat, which throws for an unknown zone. The list spares the
 * configuration check a DateTimeFormat at start-up: its locale data is 5.2 MiB of node's binary
 * read into memory in an app that may not format a date for hours (`/proc/<pid>/smaps`; issue 15).
 */
function checkTimeZone(timeZone: string): void {
  if (!Intl.supportedValuesOf('timeZone').includes(timeZone)) new Intl.DateTimeFormat('en', { timeZone });
}

/** Open now (and until when), or when the team next opens: in how many days, at what time. */
export type OfficeStatus = { open: true; close: number } | { open: false; inDays: number; weekday: number; at: number };

export function officeStatus(hours: OfficeHours, now: Date): OfficeStatus {
  const parts = clockIn(hours.timeZone).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const weekday = DAYS.indexOf(part('weekday').toLowerCase().slice(0, 3));
  const minutes = Number(part('hour')) * 60 + Number(part('minute'));
  if (hours.days.includes(weekday) && minutes >= hours.open && minutes < hours.close) return { open: true, close: hours.close };
  for (let inDays = 0; inDays <= 7; inDays++) {
    const day = (weekday + inDays) % 7;
    if (hours.days.includes(day) && (inDays > 0 || minutes < hours.open)) return { open: false, inDays, weekday: day, at: hours.open };
  }
  return { open: false, inDays: 7, weekday, at: hours.open };
}

// Making an Intl.DateTimeFormat costs far more than using one, and every request for a person asks.
const clocks = new Map<string, Intl.DateTimeFormat>();
function clockIn(timeZone: string): Intl.DateTimeFormat {
  let clock = clocks.get(timeZone);
  if (!clock) {
    clock = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short', hour: 'numeric', minute: 'numeric', hourCycle: 'h23' });
    clocks.set(timeZone, clock);
  }
  return clock;
}
