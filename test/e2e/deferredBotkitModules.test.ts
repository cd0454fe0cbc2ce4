import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { deferModules, deferredLoads } from '../../src/turn/deferModules.ts';
import { addWorker } from '../support/addWorker.ts';
import { ConsoleClient } from '../support/ConsoleClient.ts';
import { useTestService } from '../support/startTestService.ts';
import { TestFamily } from '../support/TestFamily.ts';

// What Botkit loads and the app never uses is deferred (src/turn/deferUnusedBotkitModules.ts).
// A cold start (own process): the modules a process has loaded are the subject. The test imports
// nothing that loads Botkit: the app loads it, as it does in production, after its web side.

const require = createRequire(import.meta.url);
/** `require` as Botkit's own files run it, and botbuilder-dialogs' prompts. */
const botkitRequire = createRequire(require.resolve('botkit/lib/core.js'));
const dialogsRequire = createRequire(require.resolve('botbuilder-dialogs/lib/prompts/numberPrompt.js'));

/** Which of `paths` (packages or files under node_modules) hold a module this process has loaded. */
function loadedUnder(paths: string[]): string[] {
  const loaded = Object.values(require.cache).filter((module) => module?.loaded).map((module) => module!.filename.replaceAll('\\', '/'));
  return paths.filter((path) => loaded.some((file) => file.includes(`/node_modules/${path}`)));
}

// The Bot Framework channel, its authentication and HTTP stack, streaming, Teams, and the prompts'
// recognizers: 886 of the 1,133 modules `require('botkit')` loaded before.
const NEVER_USED = [
  'botbuilder/',
  'botkit/lib/adapter.js',
  'botframework-connector/',
  'botframework-streaming/',
  'botbuilder-core/lib/configurationBotFrameworkAuthentication.js',
  'botbuilder-stdlib/lib/azureCoreHttpCompat.js',
  '@azure/identity/',
  '@azure/msal-node/',
  '@azure/core-rest-pipeline/',
  '@typespec/ts-http-runtime/',
  'botbuilder-dialogs/lib/recognizer.js',
  'botbuilder-dialogs/lib/prompts/numberPrompt.js',
  'lodash/',
  'globalize/',
  'botbuilder-dialogs/node_modules/@microsoft/',
  'fs-extra/',
  'htmlparser2/',
  'ws/',
];

const t = useTestService({ env: { HANDOFF_ROUTING_SECONDS: '120' } });

describe('what Botkit loads and the app never uses', () => {
  it('stays unloaded through a conversation, a handoff answered from the console, and the outbox', async () => {
    const family = new TestFamily(t);
    expect(await family.say('bonjour je cherche un camp de jour pour mon fils de 6 ans à Parc-Extension')).toEqual([family.text('fr', 'consent.notice')]);
    expect((await family.say('oui'))[1]).toMatch(/^1\) /m);
    expect((await family.say('1'))[0]).toContain(family.text('fr', 'results.details', { details: '' }).trim());
    expect(await family.say('PERSONNE')).toEqual([family.like('fr', 'person.requested')]);

    const worker = { email: 'lea@bienvenue.test', password: 'lea a une longue phrase de passe', name: 'Léa', languages: ['fr' as const] };
    await addWorker(t.service, worker);
    const lea = await ConsoleClient.login(t.baseUrl, worker);
    const contact = await family.record();
    const handoff = (await lea.queue()).find((item) => item.contact.id === contact.id)!;
    expect((await lea.claim(handoff.id)).status).toBe(200);
    const before = t.twilio.to(family.address).length;
    expect((await lea.send(handoff.id, { text: 'Bonjour, ici Léa.' })).status).toBe(201);
    expect((await t.twilio.waitFor(family.address, before + 1)).at(-1)?.body).toBe('Bonjour, ici Léa.');
    expect((await lea.resolve(handoff.id)).status).toBe(200);
    expect(await family.say('MENU')).toEqual([family.text('fr', 'menu.main')]);

    // Botkit ran every turn; none of what it defers was needed.
    expect(loadedUnder(['botkit/lib/core.js', 'botbuilder-core/', 'botbuilder-dialogs/'])).toHaveLength(3);
    expect(deferredLoads()).toEqual([]);
    expect(loadedUnder(NEVER_USED)).toEqual([]);
  });

  it('loads a deferred module the first time one of its exports is read, and hands out the real exports', () => {
    const botbuilder = botkitRequire('botbuilder') as Record<string, unknown>;
    expect(loadedUnder(['botbuilder/'])).toEqual([]);
    // A name botbuilder re-exports from botbuilder-core is read from it, without loading botbuilder.
    expect(botbuilder.TurnContext).toBe((require('botbuilder-core') as Record<string, unknown>).TurnContext);
    expect(loadedUnder(['botbuilder/'])).toEqual([]);

    // One of its own: the real module loads, and everything it exports is what the stand-in gives.
    expect(typeof botbuilder.BotFrameworkAdapter).toBe('function');
    expect(deferredLoads()).toEqual([expect.objectContaining({ id: 'botbuilder', by: 'BotFrameworkAdapter' })]);
    expect(loadedUnder(['botbuilder/'])).toEqual(['botbuilder/']);
    const real = require.cache[require.resolve('botbuilder')]!.exports as Record<string, unknown>;
    expect(Object.keys(botbuilder).sort()).toEqual(Object.keys(real).sort());
    expect(Object.keys(real).filter((name) => botbuilder[name] !== real[name])).toEqual([]);
    // Botkit's adapter for the Bot Framework extends it: built, it loads the connector it authenticates with.
    const { BotkitBotFrameworkAdapter } = botkitRequire('./adapter') as { BotkitBotFrameworkAdapter: new (options: object) => object };
    expect(new BotkitBotFrameworkAdapter({})).toBeInstanceOf(real.BotFrameworkAdapter as new () => unknown);
    expect(deferredLoads().map((load) => load.id)).toEqual(expect.arrayContaining(['botkit/lib/adapter.js', 'botframework-connector']));
    expect(loadedUnder(['botframework-connector/'])).toEqual(['botframework-connector/']);
  });

  it('hands the stand-in only to the packages an entry names', () => {
    // The number recognizers are deferred for botbuilder-dialogs' prompts, not for the date-time
    // recognizers that the app's NLU loads on a family's first date.
    expect(loadedUnder(['@microsoft/recognizers-text-number/'])).toEqual([]);
    const forDialogs = dialogsRequire('@microsoft/recognizers-text-number') as { NumberRecognizer: unknown };
    expect(loadedUnder(['@microsoft/recognizers-text-number/'])).toEqual([]);
    const dateTimeRequire = createRequire(require.resolve('@microsoft/recognizers-text-date-time'));
    const forDateTime = dateTimeRequire('@microsoft/recognizers-text-number') as { NumberRecognizer: unknown };
    expect(loadedUnder(['@microsoft/recognizers-text-number/'])).toEqual(['@microsoft/recognizers-text-number/']);
    expect(forDialogs.NumberRecognizer).toBe(forDateTime.NumberRecognizer);
  });

  it("gives botbuilder's packages one copy of zod 3 where each installed its own of the same version", () => {
    // After the conversation above: botframework-schema, botbuilder-core and botbuilder-dialogs each require it.
    const copies = new Set(
      Object.values(require.cache)
        .filter((module) => module?.loaded)
        .map((module) => /\/node_modules\/((?:@[^/]+\/)?[^/]+)\/node_modules\/zod\//.exec(module!.filename.replaceAll('\\', '/'))?.[1])
        .filter((owner) => owner !== undefined),
    );
    expect([...copies]).toEqual(['botbuilder-core']);
    const zodOf = (name: string) => require(createRequire(require.resolve(name)).resolve('zod')) as unknown;
    expect(zodOf('botbuilder-dialogs')).toBe(zodOf('botbuilder-core'));
    expect(zodOf('botframework-schema')).toBe(zodOf('botbuilder-core'));
  });

  it('hands out a callable stand-in for a module that exports a function, loaded when used', () => {
    deferModules([{ id: 'globalize', exports: 'function', why: 'a test' }]);
    const globalize = dialogsRequire('globalize') as { (locale: string): unknown; load: unknown; __esModule?: unknown };
    expect(typeof globalize).toBe('function');
    // TypeScript's __importDefault reads it: a module that does not set it answers without loading.
    expect(globalize.__esModule).toBeUndefined();
    expect(loadedUnder(['globalize/'])).toEqual([]);
    const real = require.cache[dialogsRequire.resolve('globalize')];
    expect(real).toBeUndefined();
    expect(globalize.load).toBe((dialogsRequire('globalize') as { load: unknown }).load);
    expect(loadedUnder(['globalize/'])).toEqual(['globalize/']);
    expect(deferredLoads().at(-1)).toMatchObject({ id: 'globalize', by: 'load' });
  });
});
