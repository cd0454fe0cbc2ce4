/**
 * Shape of the resource-directory seed (`prisma/seed/directory.json`), after the Open Referral
 * Human Services Data Specification (HSDS): organizations run services; services are offered
 * at locations and follow schedules. Every text a family may read exists in fr, en, es and ht.
 *
 * `verified` is true only when every value of the record comes from a source document: a record
 * holding a placeholder (a fictional 514-555-01xx number, "Adresse à confirmer", a descriptive
 * name for an organization the documents do not name) or an assumption is `verified: false` and
 * lists those fields in `unverified`. The source documents date from about 2017-2020: even a
 * verified record has not been confirmed as still current with the organization.
 */
import { z } from 'zod';
import { LANGUAGES, type Language } from '../domain/languages.ts';
import { CRISIS_TERMS, SERVICE_TERMS } from './serviceTerms.ts';

export { LANGUAGES };
// The terms are in a module of their own, without zod, for the processing thread (issue 15).
export { CRISIS_TERMS, EMERGENCY_TERM, SERVICE_TERMS, crisisTerm, isCrisisLine, type CrisisTerm, type ServiceTerm } from './serviceTerms.ts';
export type DirectoryLanguage = Language;

/** Canonical neighbourhood names; "Montréal" stands for island-wide or province-wide. */
export const NEIGHBOURHOODS = ['La Petite-Patrie', 'Saint-Michel', 'Saint-Henri', 'Petite-Bourgogne', 'Montréal'] as const;
export type Neighbourhood = (typeof NEIGHBOURHOODS)[number];

/** Placeholders used where the documents give no detail. They never pass for real data. */
export const ADDRESS_PLACEHOLDER = 'Adresse à confirmer';
/** Fictional numbers reserved for examples (514-555-0100 to 514-555-0199). */
export const PLACEHOLDER_PHONE = /^514-555-01\d\d$/;

const slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lower-case slug (a-z, 0-9, "-")');
const text = z.string().trim().min(1);
// A local or toll-free number, or a three-digit service number (911, 811, 988).
const phone = z.string().regex(/^(?:(?:1-)?\d{3}-\d{3}-\d{4}|\d{3})$/, 'must look like 514-555-0101, 1-800-555-0101 or 811');

/** The same text in the four languages, none empty. */
export const localizedSchema = z.strictObject({ fr: text, en: text, es: text, ht: text });
export type Localized = z.infer<typeof localizedSchema>;

/** A community document of the seed: its file, the line, and a verbatim excerpt. */
export const documentSourceSchema = z.strictObject({
  file: z.string().regex(/^\d{3}_[0-9a-f]{16}\.txt$/, 'must name a file of the seed documents'),
  line: z.int().positive(),
  quote: text.max(400),
});

/**
 * Or: an official public page of the body that publishes it (a crisis line's number, a city- or
 * province-wide service): its address, and who publishes it, its title or a verbatim excerpt when
 * given. Facts a record takes from it are listed in prisma/seed/SOURCES.md; what it does not give
 * stays unverified.
 */
export const pageSourceSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/ }),
  publisher: text.optional(),
  title: text.optional(),
  quote: text.max(400).optional(),
});

/** Where a record comes from: a seed document, or an official public page. */
export const sourceSchema = z.union([documentSourceSchema, pageSourceSchema]);
export type Source = z.infer<typeof sourceSchema>;

const unverified = z.array(text).default([]);

export const organizationSchema = z.strictObject({
  id: slug,
  name: localizedSchema,
  description: localizedSchema,
  url: z.url().optional(),
  email: z.email().optional(),
  phone: phone.optional(),
  verified: z.boolean(),
  unverified,
  source: sourceSchema,
});

export const contactSchema = z.strictObject({
  phone: phone.optional(),
  email: z.email().optional(),
  url: z.url().optional(),
});

export const serviceSchema = z
  .strictObject({
    id: slug,
    organization_id: slug,
    name: localizedSchema,
    /** The name exactly as the source document writes it. */
    source_name: text,
    description: localizedSchema,
    eligibility_text: localizedSchema,
    /** `partners`: an action between organizations (training, planning, advocacy), not something a family signs up for. */
    audience: z.enum(['families', 'partners']),
    /** Family needs (`NEEDS`, src/domain/needs.ts) and crisis terms (`CRISIS_TERMS`). */
    needs: z.array(z.enum(SERVICE_TERMS)).refine((needs) => new Set(needs).size === needs.length, 'needs repeat'),
    min_age_months: z.int().min(0).nullable(),
    max_age_months: z.int().min(0).nullable(),
    /** `required`: only for pregnancy; `welcome`: pregnant people and parents alike; `no`: not a pregnancy service. */
    pregnancy: z.enum(['required', 'welcome', 'no']),
    cost: localizedSchema,
    /** True only when a source says the service is free. */
    free: z.boolean(),
    /** ISO 639-1 codes of the languages the service is given in. */
    languages: z.array(z.string().regex(/^[a-z]{2,3}$/)),
    /** `elsewhere`: outside Montréal (see `territory`); `province`: Québec-wide. */
    coverage: z.enum(['neighbourhood', 'montreal', 'province', 'elsewhere']),
    territory: localizedSchema.optional(),
    neighbourhoods: z.array(z.enum(NEIGHBOURHOODS)),
    how_to_register: localizedSchema,
    contact: contactSchema.optional(),
    location_ids: z.array(slug).default([]),
    verified: z.boolean(),
    unverified,
    source: sourceSchema,
  })
  .superRefine(checkService);

/** The rules tying a service's fields together (ages, coverage and neighbourhoods, needs, languages); directory imports reuse them. */
export function checkService(
  service: Pick<
    z.output<typeof serviceSchema>,
    'min_age_months' | 'max_age_months' | 'coverage' | 'territory' | 'neighbourhoods' | 'audience' | 'needs' | 'languages' | 'contact' | 'how_to_register'
  >,
  ctx: z.RefinementCtx,
): void {
  const { min_age_months: min, max_age_months: max } = service;
  if (min !== null && max !== null && min > max) {
    ctx.addIssue({ code: 'custom', path: ['max_age_months'], message: 'max_age_months is below min_age_months' });
  }
  if (service.coverage === 'elsewhere') {
    if (!service.territory) ctx.addIssue({ code: 'custom', path: ['territory'], message: 'a service outside Montréal names its territory' });
    if (service.neighbourhoods.length > 0) ctx.addIssue({ code: 'custom', path: ['neighbourhoods'], message: 'a service outside Montréal serves no Montréal neighbourhood' });
  } else if (service.coverage === 'neighbourhood') {
    if (service.neighbourhoods.length === 0 || service.neighbourhoods.includes('Montréal')) {
      ctx.addIssue({ code: 'custom', path: ['neighbourhoods'], message: 'a neighbourhood service lists its neighbourhoods, not "Montréal"' });
    }
  } else if (!service.neighbourhoods.includes('Montréal')) {
    ctx.addIssue({ code: 'custom', path: ['neighbourhoods'], message: 'an island-wide or province-wide service lists "Montréal"' });
  }
  if (service.audience === 'families' && service.coverage !== 'elsewhere' && service.needs.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['needs'], message: 'a family service in Montréal answers at least one need' });
  }
  if (service.audience === 'families' && service.languages.length === 0) {
    ctx.addIssue({ code: 'custom', path: ['languages'], message: 'a family service names at least one language' });
  }
  // The crisis answer reads a line's how_to_register: a number changed in one place only would send families to the old one.
  if (service.needs.some((need) => (CRISIS_TERMS as readonly string[]).includes(need))) {
    const phone = service.contact?.phone;
    if (!phone) ctx.addIssue({ code: 'custom', path: ['contact', 'phone'], message: 'a crisis line gives its phone number' });
    else {
      for (const language of LANGUAGES) {
        if (!service.how_to_register[language].includes(phone)) {
          ctx.addIssue({ code: 'custom', path: ['how_to_register', language], message: `a crisis line's how_to_register names its phone number ${phone}` });
        }
      }
    }
  }
}

export const locationSchema = z.strictObject({
  id: slug,
  organization_id: slug,
  name: localizedSchema,
  address: text,
  neighbourhood: z.enum(NEIGHBOURHOODS),
  verified: z.boolean(),
  unverified,
  source: sourceSchema,
});

export const scheduleSchema = z.strictObject({
  id: slug,
  service_id: slug,
  description: localizedSchema,
  season: z.enum(['spring', 'summer', 'fall', 'winter', 'year_round']).optional(),
  months: z.array(z.int().min(1).max(12)).optional(),
  frequency: z.enum(['once', 'daily', 'weekly', 'monthly', 'yearly', 'ongoing']).optional(),
  duration: localizedSchema.optional(),
  verified: z.boolean(),
  unverified,
});

type Issue = { path: (string | number)[]; message: string };

/** Placeholders only in unverified records; a verified record lists nothing as unverified. */
export function checkVerified(record: { verified: boolean; unverified: string[] }, phones: (string | undefined)[], address?: string): string | null {
  const placeholder = phones.some((value) => value !== undefined && PLACEHOLDER_PHONE.test(value)) || address === ADDRESS_PLACEHOLDER;
  if (record.verified && placeholder) return 'a record holding a placeholder must be verified: false';
  if (record.verified && record.unverified.length > 0) return 'a verified record lists no unverified field';
  if (!record.verified && record.unverified.length === 0) return 'an unverified record says which fields are unverified';
  return null;
}

function duplicates(ids: string[]): string[] {
  const seen = new Set<string>();
  return ids.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
}

export const directorySeedSchema = z
  .strictObject({
    version: z.literal(1),
    note: text.optional(),
    organizations: z.array(organizationSchema),
    services: z.array(serviceSchema),
    locations: z.array(locationSchema),
    schedules: z.array(scheduleSchema),
  })
  .superRefine((seed, ctx) => {
    const issues: Issue[] = [];
    for (const key of ['organizations', 'services', 'locations', 'schedules'] as const) {
      for (const id of duplicates(seed[key].map((row) => row.id))) issues.push({ path: [key], message: `duplicate id "${id}"` });
    }
    const organizations = new Set(seed.organizations.map((o) => o.id));
    const services = new Set(seed.services.map((s) => s.id));
    const locations = new Set(seed.locations.map((l) => l.id));
    seed.organizations.forEach((o, i) => {
      const problem = checkVerified(o, [o.phone]);
      if (problem) issues.push({ path: ['organizations', i, 'verified'], message: problem });
    });
    seed.services.forEach((s, i) => {
      if (!organizations.has(s.organization_id)) issues.push({ path: ['services', i, 'organization_id'], message: `unknown organization "${s.organization_id}"` });
      s.location_ids.forEach((id, j) => {
        if (!locations.has(id)) issues.push({ path: ['services', i, 'location_ids', j], message: `unknown location "${id}"` });
      });
      const problem = checkVerified(s, [s.contact?.phone]);
      if (problem) issues.push({ path: ['services', i, 'verified'], message: problem });
    });
    seed.locations.forEach((l, i) => {
      if (!organizations.has(l.organization_id)) issues.push({ path: ['locations', i, 'organization_id'], message: `unknown organization "${l.organization_id}"` });
      const problem = checkVerified(l, [], l.address);
      if (problem) issues.push({ path: ['locations', i, 'verified'], message: problem });
    });
    seed.schedules.forEach((s, i) => {
      if (!services.has(s.service_id)) issues.push({ path: ['schedules', i, 'service_id'], message: `unknown service "${s.service_id}"` });
      const problem = checkVerified(s, []);
      if (problem) issues.push({ path: ['schedules', i, 'verified'], message: problem });
    });
    for (const issue of issues) ctx.addIssue({ code: 'custom', ...issue });
  });

export type DirectorySeed = z.infer<typeof directorySeedSchema>;
export type SeedOrganization = DirectorySeed['organizations'][number];
export type SeedService = DirectorySeed['services'][number];
export type SeedLocation = DirectorySeed['locations'][number];
export type SeedSchedule = DirectorySeed['schedules'][number];
