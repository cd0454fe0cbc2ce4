/**
 * The family's record (the `contacts` table, Prisma's `Contact`: the code says "family", the
 * database "contact" — one phone number on one channel) as a turn may change it: each field with
 * its column and PostgreSQL type, and, for what the family told us and may have forgotten (on
 * erasure, after retention), the SQL value that means "nothing known".
 */
export const FAMILY_COLUMNS = {
  language: { column: 'language', type: 'text' },
  languageConfirmed: { column: 'language_confirmed', type: 'boolean' },
  optedOut: { column: 'opted_out', type: 'boolean' },
  optedOutAt: { column: 'opted_out_at', type: 'timestamptz' },
  consentGiven: { column: 'consent_given', type: 'boolean', forgotten: 'false' },
  consentAt: { column: 'consent_at', type: 'timestamptz', forgotten: 'NULL' },
  neighbourhood: { column: 'neighbourhood', type: 'text', forgotten: 'NULL' },
  postalCode: { column: 'postal_code', type: 'text', forgotten: 'NULL' },
  pregnant: { column: 'pregnant', type: 'boolean', forgotten: 'NULL' },
  dueDate: { column: 'due_date', type: 'date', forgotten: 'NULL' },
  childrenAgesMonths: { column: 'children_ages_months', type: 'integer[]', forgotten: "'{}'" },
} as const satisfies Record<string, { column: string; type: string; forgotten?: string }>;

/** A field of the family's record a turn may change (a key of Prisma's `Contact`). */
export type FamilyField = keyof typeof FAMILY_COLUMNS;

const FORGETTABLE = Object.values(FAMILY_COLUMNS).flatMap((spec) => ('forgotten' in spec ? [spec] : []));

/**
 * SQL assignments, for `UPDATE contacts SET …`, that forget the consent and the profile: the
 * neighbourhood, postal code, pregnancy, due date and children's ages. The opt-out stays.
 */
export const FORGET_PROFILE_SQL = FORGETTABLE.map(({ column, forgotten }) => `${column} = ${forgotten}`).join(', ');

/** SQL condition on `contacts`: the row still holds a consent or something of the profile. */
export const PROFILE_HELD_SQL = `(${FORGETTABLE.map(({ column, forgotten }) => `${column} IS DISTINCT FROM ${forgotten}`).join(' OR ')})`;
