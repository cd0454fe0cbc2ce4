import type { Database } from '../db/Database.ts';
import { Prisma } from '../generated/prisma/client.ts';
import type { CrisisKind } from '../nlu/types.ts';
import type { Language as DirectoryLanguage } from '../domain/languages.ts';
import { CRISIS_TERMS, EMERGENCY_TERM, crisisTerm } from './serviceTerms.ts';

/** A crisis line as the crisis answer gives it, in one language. */
export interface CrisisLine {
  id: string;
  /** The line's name ("SOS violence conjugale"), in the family's language or French. */
  name: string;
  /** How to reach it, with its number(s) and hours ("1-800-363-9010 ou texto 438-601-1211, 24/7"). */
  howToReach: string;
  /** The number to call ("911", "1-800-363-9010"). */
  phone: string;
}

/** The lines for one kind of crisis: the emergency line (911) apart, then the others, most specific first. */
export interface CrisisLines {
  /** The line to call at once in immediate danger, or null when the directory has none. */
  emergency: CrisisLine | null;
  /** The other lines tagged with the kind: those serving fewer kinds first (a line for this kind alone before a general one), then by id. */
  lines: CrisisLine[];
}

/**
 * Reads from the directory the verified crisis lines for `kind` (services tagged `crisis_<kind>`)
 * and the emergency line (`crisis_emergency`), with their texts in `language` (French when a text
 * is missing in it). A line still holding a placeholder (`verified: false`) or without a phone is
 * never given. Reads the database on every call: a crisis is rare, and an edit shows at once.
 */
export async function findCrisisLines(db: Database, kind: CrisisKind, language: DirectoryLanguage): Promise<CrisisLines> {
  const kindTerm = crisisTerm(kind);
  // Through `db.sql`, the pool itself on PostgreSQL: the processing thread's Prisma client is not
  // woken (its query compiler compiled and instantiated) by the first crisis message after a start.
  const services = await db.sql.$queryRaw<{ id: string; needs: string[]; contactPhone: string | null; texts: { language: string; name: string; howToRegister: string }[] }[]>(Prisma.sql`
    SELECT s."id", s."needs", s."contact_phone" AS "contactPhone",
      COALESCE((SELECT json_agg(json_build_object('language', t."language", 'name', t."name", 'howToRegister', t."how_to_register"))
                  FROM "service_texts" t WHERE t."service_id" = s."id" AND t."language" IN (${language}, 'fr')), '[]'::json) AS "texts"
      FROM "services" s
     WHERE s."needs" && ARRAY[${EMERGENCY_TERM}, ${kindTerm}]::text[] AND s."verified" AND s."audience" = 'families' AND s."contact_phone" IS NOT NULL`);
  const toLine = (service: (typeof services)[number]): CrisisLine[] => {
    const text = service.texts.find((t) => t.language === language) ?? service.texts.find((t) => t.language === 'fr');
    return text && service.contactPhone ? [{ id: service.id, name: text.name, howToReach: text.howToRegister, phone: service.contactPhone }] : [];
  };
  const kindsServed = (needs: string[]) => needs.filter((need) => need !== EMERGENCY_TERM && (CRISIS_TERMS as readonly string[]).includes(need)).length;
  const emergency = services.filter((s) => s.needs.includes(EMERGENCY_TERM)).sort(byId).flatMap(toLine)[0] ?? null;
  const lines = services
    .filter((s) => s.needs.includes(kindTerm) && !s.needs.includes(EMERGENCY_TERM))
    .sort((a, b) => kindsServed(a.needs) - kindsServed(b.needs) || byId(a, b))
    .flatMap(toLine);
  return { emergency, lines };
}

function byId(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
