import { changeLanguage } from './changeLanguage.ts';
import { crisis } from './crisis.ts';
import { foreignLanguage } from './foreignLanguage.ts';
import { heldByTeam } from './heldByTeam.ts';
import { help } from './help.ts';
import type { Interrupt } from './Interrupt.ts';
import { keywordFlows } from './keywordFlows.ts';
import { media } from './media.ts';
import { menuWhileWaiting } from './menuWhileWaiting.ts';
import { optOut } from './optOut.ts';
import { possibleCrisis } from './possibleCrisis.ts';

export type { Interrupt, InterruptDeps } from './Interrupt.ts';

/**
 * The interrupts, most urgent first; the first that matches a message answers it. The order is the
 * policy: a crisis is answered even for a family that opted out or that the team holds; STOP wins
 * over everything else and an opted-out family hears nothing more; MENU takes a family whose
 * request nobody has claimed yet back to the bot; while the team holds the conversation the bot
 * says nothing else; a possible crisis comes before the menus and keywords it would otherwise lose
 * to; a photo or a foreign language is handled before keywords read in it; then the keywords
 * (LANGUAGE, HELP, MENU, a person, EFFACER).
 */
export const INTERRUPTS: readonly Interrupt[] = [crisis, optOut, menuWhileWaiting, heldByTeam, possibleCrisis, media, foreignLanguage, changeLanguage, help, ...keywordFlows];
