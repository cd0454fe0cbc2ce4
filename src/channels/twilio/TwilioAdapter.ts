import { ActivityTypes, BotAdapter, TurnContext, type Activity, type ConversationReference, type ResourceResponse } from 'botbuilder';
import type { Database } from '../../db/Database.ts';
import type { Contact, Message } from '../../generated/prisma/client.ts';
import { TurnUnit } from '../../bot/TurnUnit.ts';
import type { InboundChannelData, OutboundRequest, ReplyChannelData, TurnAdapter } from '../../bot/channelData.ts';

import { enqueueOutbound } from '../../outbox/enqueueOutbound.ts';
import { OutboundComposer } from '../../outbox/OutboundComposer.ts';

/**
 * Botkit/botbuilder adapter for Twilio SMS and WhatsApp. It only translates: a stored inbound
 * message becomes an Activity, and each reply becomes an outbound message plus an outbox row —
 * committed with the turn when sent during one, at once otherwise (a worker's reply).
 */
export class TwilioAdapter extends BotAdapter implements TurnAdapter {
  /** Botkit reads this name when the adapter is used as a plugin. */
  readonly name = 'Twilio SMS/WhatsApp adapter';

  constructor(
    private readonly db: Database,
    /** Sender and body of every reply (SMS_GSM7, configured senders); by default GSM-7 SMS from the number written to. */
    private readonly composer: OutboundComposer = new OutboundComposer(),
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

  /** Runs `logic` (Botkit's handleTurn) for one inbound activity through the adapter's middleware. */
  async processActivity(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const context = new TurnContext(this, activity);
    await this.runMiddleware(context, logic);
  }

  async sendActivities(context: TurnContext, activities: Partial<Activity>[]): Promise<ResourceResponse[]> {
    const responses: ResourceResponse[] = [];
    const inbound = context.activity.channelData as Partial<InboundChannelData> | undefined;
    for (const activity of activities) {
      if (activity.type !== ActivityTypes.Message || !activity.text) {
        responses.push({ id: '' });
        continue;
      }
      const to = activity.conversation?.id ?? context.activity.conversation.id;
      const replyFrom = activity.from?.id ?? context.activity.recipient.id;
      const extra = (activity.channelData ?? {}) as ReplyChannelData;
      const unit = TurnUnit.current();
      if (unit) {
        const { from, body } = this.composer.compose({ to, text: activity.text, replyFrom });
        unit.replies.push({ to, from, body, transactional: extra.transactional ?? false, author: extra.author ?? 'bot' });
        responses.push({ id: `turn-${unit.messageId}-${unit.replies.length}` });
        continue;
      }
      const id = await this.enqueue({
        contactId: inbound?.contactId,
        conversationId: inbound?.conversationId ?? null,
        to,
        replyFrom,
        text: activity.text,
        transactional: extra.transactional ?? false,
        author: extra.author ?? 'bot',
      });
      responses.push({ id: String(id) });
    }
    return responses;
  }

  async updateActivity(): Promise<void> {
    throw new Error('SMS and WhatsApp messages cannot be edited once sent');
  }

  async deleteActivity(): Promise<void> {
    throw new Error('SMS and WhatsApp messages cannot be deleted once sent');
  }

  async continueConversation(reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void> {
    const activity = TurnContext.applyConversationReference({ type: ActivityTypes.Event, name: 'continueConversation' }, reference, true);
    await this.runMiddleware(new TurnContext(this, activity), logic);
  }

  /**
   * Writes one outbound message and its outbox row, composed for its channel (`replyFrom`: the
   * address the family wrote to, used when no sender is configured); returns the message id.
   */
  async enqueue(args: OutboundRequest): Promise<number> {
    const { replyFrom, text, ...rest } = args;
    const client = this.db.client();
    const contactId = args.contactId ?? (await client.contact.findUniqueOrThrow({ where: { address: args.to }, select: { id: true } })).id;
    const { from, body } = this.composer.compose({ to: args.to, text, replyFrom });
    return (await enqueueOutbound(client, { ...rest, from, body, contactId })).id;
  }
}

function optOutType(message: Message): InboundChannelData['optOutType'] {
  const value = message.optOutType;
  return value === 'STOP' || value === 'START' || value === 'HELP' ? value : null;
}
