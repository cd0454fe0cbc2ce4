import type { InboundChannelData } from './channelData.ts';

/**
 * What an inbound message gives the bot to read: `text` (typed, a tapped button's text, a photo's
 * caption), a shared `location` (WhatsApp's pin, read as a neighbourhood), or `media` with nothing
 * typed — a photo, voice note, video, document, sticker, contact card, or a WhatsApp message Twilio
 * marks `unsupported` (or a MessageType it adds tomorrow): the family is asked to type instead.
 */
export function messageKind(message: Pick<InboundChannelData, 'messageType' | 'location' | 'numMedia'> & { text?: string | undefined }): 'text' | 'location' | 'media' {
  if (message.location || message.messageType === 'location') return 'location';
  if ((message.text ?? '').trim() !== '') return 'text';
  // Nothing typed: media, or a WhatsApp message of another type (a button or list reply without its text…).
  const typed = message.messageType === null || message.messageType === undefined || message.messageType === 'text';
  return message.numMedia > 0 || !typed ? 'media' : 'text';
}
