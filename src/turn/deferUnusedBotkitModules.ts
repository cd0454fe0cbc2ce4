import { deferModules, shareIdenticalCopies, type DeferredModule } from './deferModules.ts';

// Imported first by the processing side (processing/Processor.ts), before Botkit and botbuilder
// load: what Botkit requires at load and the app never runs is handed out as stand-ins that load
// the real module on first use (see deferModules). The app runs Botkit as a dialog runtime with its
// own Twilio adapter, and never the Bot Framework channel, its authentication, streaming or Teams.

/**
 * What Botkit 4.15 (botbuilder 4.23) requires at load that the app's turns, handoffs and outbox
 * never use: 886 of the 1,133 modules `require('botkit')` loads, and 31 of its 36 MiB of V8 heap
 * (node 20 with --expose-gc, heap used after two full collections; README "Memory").
 */
export const UNUSED_BOTKIT_MODULES: readonly DeferredModule[] = [
  {
    id: 'botbuilder',
    why: "the Bot Framework channel (BotFrameworkAdapter, CloudAdapter, Teams, skills, streaming over ws, transcripts on disk); Botkit's other names are botbuilder-core's, read from it",
  },
  { id: 'botkit/lib/adapter.js', why: "Botkit's Bot Framework adapter, built only when no adapter is given: the app gives its TwilioAdapter" },
  { id: 'botframework-connector', why: "the Bot Framework's REST client and authentication (JWT, MSAL, Azure identity, axios)" },
  { id: 'botbuilder-core/lib/configurationServiceClientCredentialFactory.js', why: 'Bot Framework credentials from configuration: extends a connector class at load' },
  { id: 'botbuilder-core/lib/configurationBotFrameworkAuthentication.js', why: 'Bot Framework authentication from configuration: extends a connector class at load' },
  { id: 'botbuilder-stdlib/lib/azureCoreHttpCompat.js', why: "the Azure HTTP pipeline behind the connector's clients" },
  { id: 'botbuilder-dialogs/lib/recognizer.js', why: "adaptive dialogs' recognizer base, which loads lodash" },
  { id: 'botbuilder-dialogs/lib/prompts/promptCultureModels.js', why: "the culture table of the number, date and choice prompts (Botkit's questions are ActivityPrompts)" },
  { id: 'botbuilder-dialogs/lib/prompts/numberPrompt.js', why: 'NumberPrompt: loads every locale of globalize at load' },
  { id: '@microsoft/recognizers-text-suite', requiredBy: ['botbuilder-dialogs'], why: "recognizers of botbuilder-dialogs' number, date and choice prompts" },
  { id: '@microsoft/recognizers-text-choice', requiredBy: ['botbuilder-dialogs'], why: "recognizers of botbuilder-dialogs' confirm and choice prompts" },
  { id: '@microsoft/recognizers-text-date-time', requiredBy: ['botbuilder-dialogs'], why: "recognizers of botbuilder-dialogs' date prompt (the app's NLU loads its own copy on first date)" },
  { id: '@microsoft/recognizers-text-number', requiredBy: ['botbuilder-dialogs'], why: "recognizers of botbuilder-dialogs' choices (the app's NLU loads it on first compound number)" },
  { id: 'express', exports: 'function', requiredBy: ['botkit'], why: "Botkit's web server, which the app disables (disable_webserver)" },
  { id: 'body-parser', exports: 'function', requiredBy: ['botkit'], why: "Botkit's web server's body parsers, which the app disables" },
];

deferModules(UNUSED_BOTKIT_MODULES);

// Botbuilder's packages each install zod 3 (3.25.76 today; the app's own zod is 4, so npm cannot
// hoist one): three copies loaded at start, 0.55 MiB of V8 heap each (`node --expose-gc`, heap used
// after requiring one; issue 15). They share the first.
shareIdenticalCopies('zod', ['botbuilder-core', 'botframework-schema', 'botbuilder-dialogs', 'botbuilder', 'botframework-connector']);
