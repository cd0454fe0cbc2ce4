import type { Activity, BotAdapter, TurnContext } from 'botbuilder';
import type { Contact, Message } from '../generated/prisma/client.ts';
import type { OutboundComposer } from '../outbox/OutboundComposer.ts';
import type { TurnUnit } from './TurnUnit.ts';

/** What the bot finds on `activity.channelData` of an inbound message, as the channel adapter (Twilio's) writes it. */
export interface InboundChannelData {
  messageId: number;
  contactId: string;
  conversationId: string | null;
  /** Twilio's Advanced Opt-Out classification, when the account has it on. */
  optOutType: 'STOP' | 'START' | 'HELP' | null;
  numMedia: number;
  /** Twilio's MessageType of a WhatsApp message, lower case (`text`, `image`, `location`, `button`…); null by SMS. */
  messageType: string | null;
  /** A shared location: its pin in degrees (rounded to 3 decimals) and the place it names, if any. */
  location: { latitude: number; longitude: number; label: string | null } | null;
  /** Twilio's ButtonPayload of a tapped quick-reply button (the button's text is the message text). */
  buttonPayload: string | null;
  /** The family's record as of this turn; the bot updates it in place when it changes language. */
  contact: Contact;
}

/** Extra fields a reply may carry on `channelData`. */
export interface ReplyChannelData {
  /** Deliver even though the contact opted out (only the opt-out confirmation). */
  transactional?: boolean;
  author?: 'bot' | 'worker';
}

/**
 * What the bot asks of its channel adapter (src/channels/twilio/TwilioAdapter implements it): the
 * bot is written against this, so the channel depends on the bot and never the other way round.
 */
export interface TurnAdapter extends BotAdapter {
  /** The Activity for one stored inbound message, from `ourAddress` (the number the family wrote to). */
  activityFor(message: Message, contact: Contact, ourAddress: string): Partial<Activity>;
  /** Runs `logic` (Botkit's handleTurn) for one inbound activity, the turn `unit` attached to its context. */
  processActivity(activity: Partial<Activity>, unit: TurnUnit, logic: (context: TurnContext) => Promise<void>): Promise<void>;
  /** The one composer of outbound messages (sender, GSM-7), for what the bot writes outside Botkit's replies. */
  readonly composer: OutboundComposer;
}
