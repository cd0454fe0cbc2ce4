import express from 'express';
import twilio from 'twilio';

// The ceiling of this machine: express parses and verifies the same signed webhook and answers
// static TwiML, storing nothing and running no bot.
const authToken = process.env.TWILIO_AUTH_TOKEN ?? '';
const publicBaseUrl = process.env.PUBLIC_BASE_URL ?? '';
const app = express();
app.post('/webhooks/twilio/messages', express.urlencoded({ extended: false, limit: '32kb' }), (req, res) => {
  const ok = twilio.validateRequest(authToken, req.header('X-Twilio-Signature') ?? '', publicBaseUrl + req.originalUrl, req.body as Record<string, string>);
  if (!ok) {
    res.status(403).end();
    return;
  }
  res.type('text/xml').send('<?xml version="1.0" encoding="UTF-8"?><Response/>');
});
const server = app.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('bare: listening'));
server.keepAliveTimeout = 65_000;
