import { readFileSync } from 'node:fs';
import type { DirectoryResult, Place } from '../../src/directory/searchDirectory.ts';
import { directorySeedSchema, type DirectorySeed, type SeedService } from '../../src/directory/seedSchema.ts';
import type { Language } from '../../src/i18n.ts';

/** The seed directory as the app loads it (prisma/seed/directory.json, parsed by its schema). */
export const SEED: DirectorySeed = directorySeedSchema.parse(JSON.parse(readFileSync(new URL('../../prisma/seed/directory.json', import.meta.url), 'utf8')));

/**
 * Every service of the seed as a search gives it to the bot in `language` — the texts, organization,
 * locations and schedules `searchDirectory` reads from the database — seen by a family in the
 * service's own neighbourhood (`place: 'exact'`) or from elsewhere (`'other'`).
 */
export function seedResults(language: Language, place: Place = 'exact'): DirectoryResult[] {
  return SEED.services.map((service) => seedResult(service, language, place));
}

function seedResult(service: SeedService, language: Language, place: Place): DirectoryResult {
  const organization = SEED.organizations.find((item) => item.id === service.organization_id);
  const neighbourhood = service.coverage === 'neighbourhood' ? (service.neighbourhoods[0] ?? null) : null;
  return {
    id: service.id,
    textLanguage: language,
    name: service.name[language],
    description: service.description[language],
    eligibility: service.eligibility_text[language],
    cost: service.cost[language],
    howToRegister: service.how_to_register[language],
    organization: organization?.name[language] ?? '',
    contact: { phone: service.contact?.phone ?? null, email: service.contact?.email ?? null, url: service.contact?.url ?? null },
    ages: { min: service.min_age_months, max: service.max_age_months },
    locations: SEED.locations
      .filter((location) => service.location_ids.includes(location.id))
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((location) => ({ name: location.name[language], address: location.address, neighbourhood: location.neighbourhood, verified: location.verified })),
    schedules: SEED.schedules
      .filter((schedule) => schedule.service_id === service.id)
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((schedule) => ({ description: schedule.description[language], season: schedule.season ?? null, frequency: schedule.frequency ?? null, verified: schedule.verified })),
    languages: service.languages,
    free: service.free,
    verified: service.verified,
    why: {
      need: null,
      age: service.min_age_months === null && service.max_age_months === null ? 'all_ages' : 'in_range',
      pregnancy: service.pregnancy === 'required',
      place: neighbourhood ? place : service.coverage === 'province' ? 'province' : service.coverage === 'montreal' ? 'montreal' : 'other',
      neighbourhood,
      language: service.languages.includes(language),
    },
  };
}
