import { createRequire } from 'node:module';
import type * as BotbuilderCore from 'botbuilder-core';
import type { Activity, ResourceResponse } from 'botbuilder-core';
import type { Contact, Message } from '../../generated/prisma/client.ts';
import { attachTurn, turnOf, type TurnUnit } from '../../turn/TurnUnit.ts';
import type { InboundChannelData, ReplyChannelData, TurnAdapter } from '../../turn/channelData.ts';

import { OutboundComposer } from '../../outbox/OutboundComposer.ts';

// Required, not imported: Node's ESM import of a CommonJS package reads every name it exports,
// which would load the Bot Framework modules botbuilder-core exports and the app defers (see
// turn/deferUnusedBotkitModules.ts).
const { ActivityTypes, BotAdapter, TurnContext } = createRequire(import.meta.url)('botbuilder-core') as typeof BotbuilderCore;
type TurnContext = BotbuilderCore.TurnContext;

/**
 * Botkit/botbuilder adapter for Twilio SMS and WhatsApp. It only translates: a stored inbound
 * message becomes an Activity, and each reply becomes an outbound message of the turn, written
 * with the turn's commit.
 */
export class TwilioAdapter extends BotAdapter implements TurnAdapter {
  /** Botkit reads this name when the adapter is used as a plugin. */
  readonly name = 'Twilio SMS/WhatsApp adapter';

  constructor(
    /** Sender and body of every message to a family (SMS_GSM7, configured senders); by default GSM-7 SMS from the number written to. */
    readonly composer: OutboundComposer = new OutboundComposer(),
  ) {
    super();
  }

  /** The Activity for one stored inbound message. */
  activityFor(message: Message, contact: Contact, ourAddress: string): Partial<Activity> {
    const media = Array.isArray(message.media) ? (message.media as { url: string; contentType: string }[]) : [];
    const channelData: InboundChannelData = {
      messageId: message.id,
      contactId: contact.id,
      conversationId: message.conversationId,
      optOutType: optOutType(message),
      numMedia: message.numMedia,
      messageType: message.messageType,
      location:
        message.latitude !== null && message.longitude !== null
          ? { latitude: message.latitude, longitude: message.longitude, label: message.locationLabel }
          : null,
      buttonPayload: message.buttonPayload,
      contact,
    };
    return {
      type: ActivityTypes.Message,
      id: String(message.id),
      timestamp: message.createdAt,
      channelId: contact.channel,
      conversation: { id: contact.address, isGroup: false, conversationType: contact.channel, name: '' },
      from: { id: contact.address, name: '' },
      recipient: { id: ourAddress, name: '' },
      text: message.body,
      attachments: media.map((item) => ({ contentType: item.contentType, contentUrl: item.url })),
      channelData,
    };
  }

  /**
   * Runs `logic` (Botkit's handleTurn) for one inbound activity through the adapter's middleware,
   * with `unit` on the context: the turn's replies and state go there, for its commit.
   */
  async processActivity(activity: Partial<Activity>, unit: TurnUnit, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const context = new TurnContext(this, activity);
    attachTurn(context, unit);
    await this.runMiddleware(context, logic);
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    const unit = turnOf(context);
    for (const activity of activities) {
      if (activity.type !== ActivityTypes.Message || !activity.text) {
        responses.push({ id: '' });
        continue;
      }
      const to = activity.conversation?.id ?? context.activity.conversation.id;
      const replyFrom = activity.from?.id ?? context.activity.recipient.id;
      const extra = (activity.channelData ?? {}) as ReplyChannelData;
      const { from, body } = this.composer.compose({ to, text: activity.text, replyFrom });
      unit.replies.push({ to, from, body, transactional: extra.transactional ?? false, author: extra.author ?? 'bot' });
      responses.push({ id: `turn-${unit.messageId}-${unit.replies.length}` });
    }
    return responses;
  }

  async updateActivity(): Promise<void> {
    throw new Error('SMS and WhatsApp messages cannot be edited once sent');
  }

  async deleteActivity(): Promise<void> {
    throw new Error('SMS and WhatsApp messages cannot be deleted once sent');
  }

  async continueConversation(): Promise<void> {
    // A reply belongs to the turn of the message it answers; a message nobody asked for (a worker's) goes to the outbox directly.
    throw new Error('the bot writes only within the turn of an inbound message');
  }
}

function optOutType(message: Message): InboundChannelData['optOutType'] {
  const value = message.optOutType;
  return value === 'STOP' || value === 'START' || value === 'HELP' ? value : null;
}
