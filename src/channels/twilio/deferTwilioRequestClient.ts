import { deferModules } from '../../turn/deferModules.ts';

// Imported by TwilioSender.ts before the `twilio` package. The package's REST client requires its
// default HTTP client at load (axios, qs, https-proxy-agent, form-data: 5 MiB of V8 heap, `node
// --expose-gc`, heap used after requiring the REST client with and without it; issue 15), and uses
// it only when it is given none: the sender gives its own, which loads it only for the agent of a
// proxy (HTTP_PROXY) or a CA bundle (TWILIO_CA_BUNDLE).
deferModules([
  {
    id: 'twilio/lib/base/RequestClient.js',
    exports: 'function',
    requiredBy: ['twilio'],
    why: "Twilio's default HTTP client (axios), which the REST client builds only when given none: TwilioSender gives its own",
  },
]);
