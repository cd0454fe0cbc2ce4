import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { MessageSender, OutgoingMessage } from '../outbox/MessageSender.ts';

/** A reply as the simulator shows it. */
export interface SimulatedReply {
  sid: string;
  to: string;
  from: string;
  body: string;
  at: string;
}

/** Stands in for Twilio in simulator mode: "sends" by emitting a `reply` event. */
export class SimulatorSender extends EventEmitter implements MessageSender {
  async send(message: OutgoingMessage): Promise<{ sid: string; status: string }> {
    const sid = `SM${randomBytes(16).toString('hex')}`;
    const reply: SimulatedReply = { sid, to: message.to, from: message.from, body: message.body, at: new Date().toISOString() };
    this.emit('reply', reply);
    return { sid, status: 'delivered' };
  }
}

/** Fresh Twilio-shaped message SID for simulated inbound messages. */
export function simulatedMessageSid(): string {
  return `SM${randomBytes(16).toString('hex')}`;
}
