import { FakeTwilio } from '../test/support/FakeTwilio.ts';
import { TEST_ACCOUNT_SID, TEST_AUTH_TOKEN } from '../test/support/signedWebhook.ts';

// The fake Twilio API in its own process, as the real one is: the load generator's timings are
// then not disturbed by serving the app's sends. Reports each accepted message to the parent.
const fake = new FakeTwilio(TEST_ACCOUNT_SID, TEST_AUTH_TOKEN);
const url = await fake.start();
fake.onMessage((message) => process.send?.({ type: 'message', to: message.to, at: message.receivedAt }));
process.send?.({ type: 'url', url });
process.on('disconnect', () => {
  void fake.stop().then(() => process.exit(0));
});
