import { translate, type Language } from '../i18n.ts';
import type { HandoffExport } from './handoffTypes.ts';
import type { TranscriptItem } from './readTranscript.ts';

/**
 * A conversation as a person reads it (a file kept with a case, or passed to a partner): a header
 * with the family's number, language, channel and the reason it asked, then one paragraph per
 * message, note and event, oldest first, with the date and time in `timeZone` (IANA name). Labels
 * are the console's, in `language`; message bodies as written. Returns plain text, `\n` lines.
 */
export function transcriptText(file: HandoffExport, args: { language: Language; timeZone: string }): string {
  const ui = (key: string, vars: Record<string, unknown> = {}) => translate(args.language, `console:ui.${key}`, vars);
  const when = (iso: string) => formatWhen(iso, args.timeZone);
  const { handoff, profile } = file;
  const header = [
    `Bienvenue — ${handoff.contact.phone}`,
    `${ui('profile.language')}: ${ui(`language.${profile.language}`)} · ${ui('profile.channel')}: ${ui(`channel.${handoff.contact.channel}`)} · ${ui('profile.reason')}: ${ui(`reason.${handoff.reason}`)}`,
    `${ui('profile.status')}: ${ui(`status.${handoff.status}`)}${handoff.claimedBy ? ` · ${ui('claimed_by', { name: handoff.claimedBy.name })}` : ''}`,
    `${ui('export.exported', { when: when(file.exportedAt), name: file.exportedBy.name })}`,
  ];
  const lines = file.transcript.map((item) => `[${when(item.at)}] ${describe(item, ui)}`);
  return [...header, '', ...lines, ''].join('\n');
}

function describe(item: TranscriptItem, ui: (key: string, vars?: Record<string, unknown>) => string): string {
  const name = item.workerName ?? ui('author.worker_unknown');
  if (item.kind === 'note') return `${ui('author.note', { name })}: ${item.text}`;
  if (item.kind === 'event') {
    if (item.type === 'requested') return `— ${ui('event.requested', { reason: item.reason ? ui(`reason.${item.reason}`) : '' })} —`;
    return `— ${ui(`event.${item.type}`, { name })} —`;
  }
  const author = item.author === 'parent' ? ui('author.parent') : item.author === 'bot' ? ui('author.bot') : name;
  const failed = item.status === 'failed' || item.status === 'undelivered' ? ` (${ui(`message_status.${item.status}`)})` : '';
  // Continuation lines indented, so a multi-line message stays one paragraph under its author.
  return `${author}${failed}: ${item.body.replace(/\r?\n/g, '\n    ')}`;
}

/** "2026-11-30 14:05" in the office's time zone: unambiguous in every language. */
function formatWhen(iso: string, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(new Date(iso))
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}`;
}
