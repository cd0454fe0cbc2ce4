import type { TranscriptItem } from './readTranscript.ts';

export type HandoffStatus = 'waiting' | 'active' | 'resolved';

/** What a worker may do to a conversation from the console; the API lists them as `allowed` (handoffPermissions.ts). */
export const HANDOFF_ACTIONS = ['claim', 'reply', 'resolve', 'erase'] as const;
export type HandoffAction = (typeof HANDOFF_ACTIONS)[number];

/** One line of the console's queue. */
export interface HandoffSummary {
  id: string;
  status: HandoffStatus;
  reason: string;
  /** 0 normal, 1 high (housing emergency), 2 urgent (crisis). */
  priority: number;
  requestedAt: string;
  claimedAt: string | null;
  resolvedAt: string | null;
  claimedBy: { id: string; name: string } | null;
  contact: { id: string; phone: string; channel: 'sms' | 'whatsapp'; language: string };
  /** The family's last message. */
  lastMessageAt: string | null;
  /** The conversation's last message (family, bot or team), its first 140 characters. */
  lastMessage: { author: 'parent' | 'bot' | 'worker'; preview: string; at: string } | null;
  /** Since when the family waits for a person: the request, then its first message after the team's last reply; null once answered. */
  awaitingReplySince: string | null;
  /** The family's messages the holder has not had on screen (0 for anyone else). */
  unreadCount: number;
  /** The signed-in worker speaks the family's language. */
  speaksLanguage: boolean;
  /** Routing: offered to this worker now (their language, nobody online speaks it, or it waited long enough). */
  offered: boolean;
}

/** A conversation as the console opens it. */
export interface HandoffDetail {
  handoff: HandoffSummary;
  /** What the signed-in worker may do to it now (`allowedActions`); the console offers exactly these. */
  allowed: Record<HandoffAction, boolean>;
  profile: {
    language: string;
    neighbourhood: string | null;
    postalCode: string | null;
    childrenAgesMonths: number[];
    pregnant: boolean | null;
    dueDate: string | null;
    optedOut: boolean;
    consentGiven: boolean;
  };
  /** null for SMS. */
  whatsappWindow: { open: boolean; closesAt: string | null } | null;
  template: { available: boolean };
  transcript: TranscriptItem[];
}

/** A conversation as a file the team keeps or passes on (GET /api/handoffs/:id/export). */
export interface HandoffExport {
  exportedAt: string;
  exportedBy: { id: string; name: string };
  handoff: HandoffSummary;
  profile: HandoffDetail['profile'];
  transcript: TranscriptItem[];
}

/** What erasing a family's data did; the confirmation is skipped when it could not be delivered. */
export interface ErasureOutcome {
  erased: true;
  confirmation: 'queued' | 'skipped_opted_out' | 'skipped_whatsapp_window_closed';
}
