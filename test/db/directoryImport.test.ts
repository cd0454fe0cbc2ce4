import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/Database.ts';
import { exportDirectory, writeDirectoryExport } from '../../src/directory/exportDirectory.ts';
import type { DirectoryFile } from '../../src/directory/exportDirectory.ts';
import { checkDirectory, formatRejection, importDirectory, jsonInput, readDirectoryInput } from '../../src/directory/importDirectory.ts';
import type { ImportCounts, ImportResult } from '../../src/directory/importDirectory.ts';
import { searchDirectory } from '../../src/directory/searchDirectory.ts';
import { DIRECTORY_SEED_PATH, readDirectorySeed, seedDirectory } from '../../src/directory/seedDirectory.ts';
import { createTestDatabase, useTestDatabase } from '../support/testDatabase.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = path.join(root, 'test/fixtures/directory');

let db: Database;
let tmp: string;

useTestDatabase((opened) => {
  db = opened;
});

beforeAll(async () => {
  await seedDirectory(db);
  tmp = mkdtempSync(path.join(os.tmpdir(), 'bienvenue-directory-'));
});

afterAll(async () => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

const importPath = async (file: string, options: { dryRun?: boolean } = {}) => importDirectory(db, await readDirectoryInput(file), options);
const counts = (result: ImportResult): ImportCounts => {
  if (!result.ok) throw new Error(`rejected:\n${result.rejected.map(formatRejection).join('\n')}`);
  return result.counts;
};
const nothingChanged = (result: ImportResult) => Object.values(counts(result)).every((c) => c.created === 0 && c.updated === 0);
const oneOfEach = { created: 1, updated: 0, unchanged: 0 };

describe('importing a directory file', () => {
  it('imports a JSON file as records not from the seed; importing it again changes nothing', async () => {
    expect(counts(await importPath(path.join(fixtures, 'playgroup.json')))).toEqual({ organizations: oneOfEach, locations: oneOfEach, services: oneOfEach, schedules: oneOfEach });
    const service = await db.prisma.directoryService.findUniqueOrThrow({ where: { id: 'sm-halte-jeux-samedi' }, include: { texts: true, locations: true, schedules: true } });
    expect(service).toMatchObject({ fromSeed: false, needs: ['events', 'childcare'], minAgeMonths: 0, maxAgeMonths: 60, contactPhone: '514-555-0150', verified: false });
    expect(service.texts.map((t) => [t.language, t.name]).sort()).toEqual([['en', 'Saturday playgroup'], ['es', 'Juegos del sábado'], ['fr', 'Halte-jeux du samedi'], ['ht', 'Jwèt samdi']]);
    expect(service.locations.map((l) => l.locationId)).toEqual(['loc-sm-maison-du-parc']);
    expect(service.schedules).toMatchObject([{ id: 'sch-sm-halte-jeux-samedi', frequency: 'weekly', fromSeed: false }]);
    expect(await db.prisma.organization.findUniqueOrThrow({ where: { id: 'sm-maison-du-parc' } })).toMatchObject({ fromSeed: false, source: null });

    const again = await importPath(path.join(fixtures, 'playgroup.json'));
    expect(counts(again).services).toEqual({ created: 0, updated: 0, unchanged: 1 });
    expect(nothingChanged(again)).toBe(true);
    expect((await db.prisma.directoryService.findUniqueOrThrow({ where: { id: 'sm-halte-jeux-samedi' } })).updatedAt).toEqual(service.updatedAt);
  });

  it('lets the search find a newly imported service at once', async () => {
    const { results } = await searchDirectory(db, { need: 'events', neighbourhood: 'Saint-Michel', language: 'ht', ageMonths: 30 });
    const found = results.find((result) => result.id === 'sm-halte-jeux-samedi');
    expect(found).toMatchObject({
      name: 'Jwèt samdi',
      organization: 'Kay fanmi pak la',
      free: true,
      verified: false,
      locations: [{ address: 'Adresse à confirmer', neighbourhood: 'Saint-Michel' }],
      why: { place: 'exact', language: true, age: 'in_range' },
    });
  });

  it('imports a folder of CSV tables: four-language columns, ;-lists, empty ages, multi-line cells, links to new and seeded locations', async () => {
    const folder = path.join(fixtures, 'csv');
    expect(counts(await importPath(folder, { dryRun: true })).services).toEqual(oneOfEach);
    expect(await db.prisma.directoryService.findUnique({ where: { id: 'sh-cuisine-parents-bebes' } })).toBeNull();

    expect(counts(await importPath(folder))).toEqual({ organizations: oneOfEach, locations: oneOfEach, services: oneOfEach, schedules: oneOfEach });
    const directory = await exportDirectory(db.prisma);
    expect(directory.services.find((s) => s.id === 'sh-cuisine-parents-bebes')).toMatchObject({
      organization_id: 'sh-cuisines-collectives',
      description: { fr: 'On cuisine des purées\net des repas pour la semaine.', ht: 'Nou kwit pire\nak manje pou semèn nan.' },
      needs: ['basic_needs', 'events'],
      min_age_months: null,
      max_age_months: 24,
      pregnancy: 'welcome',
      free: false,
      languages: ['fr', 'en'],
      neighbourhoods: ['Saint-Henri', 'Petite-Bourgogne'],
      contact: { phone: '514-555-0160', email: 'cuisines@example.org' },
      location_ids: ['loc-sh-cuisines', 'loc-sh-organismes-famille'],
      unverified: ['contact.phone'],
      source: { file: 'registre 2027', line: 4, quote: 'Cuisine parents-bébés' },
    });
    expect(directory.organizations.find((o) => o.id === 'sh-cuisines-collectives')).toMatchObject({
      description: { en: 'Groups cooking together; low-cost meals.' },
      url: 'https://example.org/cuisines',
      unverified: ['name', 'url'],
    });
    expect(directory.schedules.find((s) => s.id === 'sch-sh-cuisine-parents-bebes')).toMatchObject({ months: [9, 10, 11, 12, 1, 2, 3, 4, 5, 6], frequency: 'monthly', duration: { es: 'Tres horas.' } });
    expect(nothingChanged(await importPath(folder))).toBe(true);
  });

  it('rejects a file with bad rows whole, printing each row with its line and reason, and changes nothing', async () => {
    const before = await exportDirectory(db.prisma);

    const csv = await importPath(path.join(fixtures, 'bad-csv'));
    expect(csv.ok).toBe(false);
    const csvRows = csv.ok ? [] : csv.rejected.map((r) => `${path.basename(r.file)}:${r.line} (${r.id}): ${r.reasons.join('; ')}`);
    expect(csvRows).toEqual([
      'service_at_location.csv:3 (sm-causerie-parents): location_id: unknown location "loc-nowhere"',
      'services.csv:3 (sm-causerie-ages): max_age_months: max_age_months is below min_age_months',
      expect.stringMatching(/^services\.csv:4 \(sm-causerie-pizza\): needs: "pizza" is not one of: prenatal, .*; organization_id: unknown organization "nobody"$/),
      'services.csv:5 (sm-causerie-fictive): verified: a record holding a placeholder must be verified: false',
      expect.stringMatching(/^services\.csv:6 \(sm-causerie-rosemont\): name_en: required; neighbourhoods: "Rosemont" is not one of: /),
    ]);

    const json = await importPath(path.join(fixtures, 'bad.json'));
    expect(json.ok ? [] : json.rejected.map((r) => formatRejection({ ...r, file: path.basename(r.file) }).replace(/is not one of: .*?;/, 'is not one of: …;'))).toEqual([
      'bad.json:108 services[1] (sm-halte-ages): max_age_months: max_age_months is below min_age_months',
      'bad.json:171 services[2] (sm-halte-verifiee): verified: a record holding a placeholder must be verified: false',
      'bad.json:231 services[3] (sm-halte-ailleurs): needs[0]: "pizza" is not one of: …; location_ids[0]: unknown location "loc-nowhere"',
      'bad.json:295 schedules[0] (sch-sm-halte-jeux-samedi): service_id: unknown service "no-such-service"',
    ]);

    // The good rows of both files were not written either.
    expect(await exportDirectory(db.prisma)).toEqual(before);
    expect(await db.prisma.directoryService.findUnique({ where: { id: 'sm-causerie-parents' } })).toBeNull();
  });

  it('reports unreadable CSV rows, unknown columns and unknown tables with their lines', async () => {
    const folder = path.join(tmp, 'broken');
    const header = 'id,organization_id,name_fr,name_en,name_es,name_ht,address,neighbourhood,verified,unverified';
    mkdirSync(folder);
    writeFileSync(path.join(folder, 'locations.csv'), `${header},colour\nloc-a,icpem,A,A,A,A,Adresse à confirmer,Saint-Michel,false,address,blue\nloc-b,icpem,B\n`);
    writeFileSync(path.join(folder, 'service.csv'), 'id\nx\n');
    const result = await importPath(folder);
    expect(result.ok ? [] : result.rejected.map((r) => [path.basename(r.file), r.line, r.reasons.join('; ')])).toEqual([
      ['locations.csv', 1, expect.stringMatching(/^unknown column "colour": the columns of locations.csv are id, organization_id, name_fr/)],
      ['locations.csv', 3, expect.stringMatching(/^not a valid CSV row: Invalid Record Length/)],
      ['service.csv', undefined, expect.stringMatching(/^not a directory table: name it organizations.csv, services.csv/)],
    ]);
  });

  it('reads a table saved by Excel in French: semicolons between cells, a byte-order mark', async () => {
    const file = path.join(tmp, 'locations.csv');
    writeFileSync(file, '\uFEFFid;organization_id;name_fr;name_en;name_es;name_ht;address;neighbourhood;verified;unverified\r\nloc-sm-excel;sm-maison-du-parc;Salle;Room;Sala;Sal;Adresse à confirmer;Saint-Michel;FALSE;"address;name"\r\n');
    expect(counts(await importPath(file)).locations).toEqual(oneOfEach);
    expect(await db.prisma.location.findUniqueOrThrow({ where: { id: 'loc-sm-excel' } })).toMatchObject({ unverified: ['address', 'name'], verified: false });
  });

  it('makes a seeded record it changes an edited record, which db:seed no longer deletes; a service without location_ids keeps its locations', async () => {
    const seed = await readDirectorySeed();
    const { location_ids: _locations, ...halte } = seed.services.find((s) => s.id === 'sh-halte-allaitement')!;
    const result = await importDirectory(db, jsonInput('edit.json', JSON.stringify({ services: [{ ...halte, languages: ['fr', 'es'] }] })));
    expect(counts(result).services).toEqual({ created: 0, updated: 1, unchanged: 0 });
    const edited = await db.prisma.directoryService.findUniqueOrThrow({ where: { id: 'sh-halte-allaitement' }, include: { locations: true } });
    expect(edited).toMatchObject({ fromSeed: false, languages: ['fr', 'es'] });
    expect(edited.locations.map((l) => l.locationId).sort()).toEqual(['loc-sh-clsc-st-henri', 'loc-sh-organismes-famille']);

    await seedDirectory(db, { ...seed, services: seed.services.filter((s) => s.id !== 'sh-halte-allaitement'), schedules: seed.schedules.filter((s) => s.service_id !== 'sh-halte-allaitement') });
    expect(await db.prisma.directoryService.findUnique({ where: { id: 'sh-halte-allaitement' } })).not.toBeNull();
    await seedDirectory(db);
  });
});

describe('exporting the directory', () => {
  it('round-trips: importing an export, as JSON or CSV, changes nothing, and an empty database gets back the same directory', async () => {
    const directory = await exportDirectory(db.prisma);
    expect(directory.services.length).toBeGreaterThan(58);
    expect(checkDirectory(directory, 'export.json')).toEqual([]);
    const [jsonFile] = await writeDirectoryExport(directory, path.join(tmp, 'export.json'));
    const csvFiles = await writeDirectoryExport(directory, path.join(tmp, 'export-csv'));
    expect(csvFiles.map((file) => path.basename(file))).toEqual(['organizations.csv', 'services.csv', 'locations.csv', 'service_at_location.csv', 'schedules.csv']);

    expect(nothingChanged(await importPath(jsonFile!))).toBe(true);
    expect(nothingChanged(await importPath(path.join(tmp, 'export-csv')))).toBe(true);
    expect(nothingChanged(await importPath(DIRECTORY_SEED_PATH))).toBe(true);
    expect(await exportDirectory(db.prisma)).toEqual(directory);

    const other = await createTestDatabase();
    const empty = await other.open();
    try {
      expect(counts(await importDirectory(empty, await readDirectoryInput(path.join(tmp, 'export-csv')))).services.created).toBe(directory.services.length);
      expect(await exportDirectory(empty.prisma)).toEqual(directory);
    } finally {
      await empty.close();
      await other.drop();
    }
  });

  it('lists records added outside the import that would not import back', async () => {
    await db.prisma.directoryService.create({
      data: {
        id: 'hand-made-playgroup',
        organizationId: 'sm-partenaires-continuum',
        needs: ['events'],
        languages: ['fr'],
        neighbourhoods: ['Saint-Michel'],
        texts: { create: [{ language: 'fr', name: 'Halte-jeux', description: 'Jeux libres.', eligibility: 'Familles.', cost: 'Gratuit.', howToRegister: 'Sans inscription.' }] },
      },
    });
    try {
      const directory: DirectoryFile = await exportDirectory(db.prisma);
      expect(checkDirectory(directory, 'export.json').map(formatRejection)).toEqual([
        expect.stringMatching(/^export\.json services\[\d+\] \(hand-made-playgroup\): name\.en: empty; name\.es: empty; name\.ht: empty; description\.en: empty; .* how_to_register\.ht: empty$/),
      ]);
    } finally {
      await db.prisma.directoryService.delete({ where: { id: 'hand-made-playgroup' } });
    }
  });
});

describe('the directory:import and directory:export commands', () => {
  it('import a file and print a summary, reject a bad file with every row and exit 1, export to a file', async () => {
    const database = await createTestDatabase();
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bienvenue-import-cli-'));
    const env = { PATH: process.env.PATH ?? '', DATA_DIR: dataDir, DATABASE_URL: database.url ?? '', LOG_LEVEL: 'silent' };
    const run = (script: string, args: string[]) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
        // What `npm run directory:import` runs (tsx), without npm's and npx's own start-up.
        execFile(process.execPath, ['--import', 'tsx', script, ...args], { cwd: root, env }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
      });
    try {
      const ok = await run('src/cli/directoryImport.ts', [path.join(fixtures, 'playgroup.json')]);
      expect(ok.code).toBe(0);
      expect(ok.stdout).toContain('services: 1 created, 0 updated, 0 unchanged');

      const bad = await run('src/cli/directoryImport.ts', [path.join(fixtures, 'bad.json')]);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('bad.json:108 services[1] (sm-halte-ages): max_age_months: max_age_months is below min_age_months\n');
      expect(bad.stderr).toContain('bad.json:295 schedules[0] (sch-sm-halte-jeux-samedi): service_id: unknown service "no-such-service"\n');
      expect(bad.stderr).toContain('4 rows rejected: nothing was imported.');

      const out = path.join(dataDir, 'out.json');
      expect((await run('src/cli/directoryExport.ts', [out])).code).toBe(0);
      const exported = JSON.parse(readFileSync(out, 'utf8')) as DirectoryFile;
      expect(exported.services.map((s) => s.id)).toEqual(['sm-halte-jeux-samedi']);
    } finally {
      await database.drop();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 120_000); // three CLI processes, each compiling its TypeScript with tsx: 2–4 s apiece on a busy 2-core machine
});
