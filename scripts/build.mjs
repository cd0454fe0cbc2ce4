// `npm run build`: compiles src/ to dist/ with tsc (tsconfig.build.json) and copies the files the
// compiled code reads beside itself (console pages, NLU models). `npm start` runs dist/ with plain
// node, so the serving process loads no TypeScript transpiler.
//
// `--if-stale` (prestart) builds only when something under src/ or a tsconfig is newer than the
// last build: a check of a few milliseconds, where even a no-op `tsc` takes seconds. So a fresh
// clone's `npm install && npm start`, and `git pull && npm start`, always run current code.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'src');
const dist = path.join(root, 'dist');
// Written last: its time is when dist/ was complete.
const stamp = path.join(dist, '.build-stamp');
const inputs = [src, path.join(root, 'tsconfig.json'), path.join(root, 'tsconfig.build.json')];

if (process.argv.includes('--if-stale') && existsSync(stamp) && newestMtime(inputs) <= statSync(stamp).mtimeMs) process.exit(0);

const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
// What tsc needs: typescript and the type packages, all development dependencies. After `npm
// install --omit=dev` typescript may still be there (a peer of a dependency), the types are not.
const devDependencies = existsSync(path.join(root, 'package.json')) ? Object.keys(JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).devDependencies ?? {}) : [];
const missing = ['typescript', ...devDependencies.filter((name) => name.startsWith('@types/'))].filter(
  (name) => !existsSync(path.join(root, 'node_modules', name, 'package.json')),
);
if (missing.length > 0) {
  // `npm install --omit=dev`: no compiler. A dist/ built beforehand (CI, another machine) is used as is.
  const what = `${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not installed`;
  if (existsSync(stamp)) {
    console.error(`build: ${what} (npm install --omit=dev?); running the existing dist/ as built`);
    process.exit(0);
  }
  console.error(`build: ${what}, and there is no dist/: run \`npm install\` with dev dependencies, or \`npm run build\` elsewhere and copy dist/`);
  // At `npm install --omit=dev` the packages are in place and a dist/ built elsewhere may be copied
  // next: the install goes on, and `npm start` (prestart) refuses with this message until then.
  process.exit(process.env.npm_lifecycle_event === 'postinstall' ? 0 : 1);
}

console.error('build: compiling src/ to dist/…');
// From scratch, beside dist/, which is replaced only once complete: a file removed from src/ must
// not live on in dist/, and an app or a test running from dist/ meanwhile keeps a whole build.
const next = path.join(root, `dist.next-${process.pid}`);
rmSync(next, { recursive: true, force: true });
const result = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json'), '--outDir', next], { cwd: root, stdio: 'inherit' });
if (result.status !== 0) {
  rmSync(next, { recursive: true, force: true });
  console.error('build: tsc failed; dist/ is not up to date');
  process.exit(result.status ?? 1);
}
// Everything else the code reads beside itself; the training corpus and the tsx worker shim are
// for development only.
cpSync(src, next, {
  recursive: true,
  filter: (file) => {
    const relative = path.relative(src, file);
    if (relative === path.join('nlu', 'corpus') || relative === path.join('processing', 'threadEntry.mjs')) return false;
    return statSync(file).isDirectory() || !file.endsWith('.ts');
  },
});
writeFileSync(path.join(next, '.build-stamp'), `${new Date().toISOString()}\n`);
const previous = path.join(root, `dist.previous-${process.pid}`);
if (existsSync(dist)) renameSync(dist, previous);
renameSync(next, dist);
rmSync(previous, { recursive: true, force: true });

/** The newest modification time (ms) of the files under `paths`. */
function newestMtime(paths) {
  let newest = 0;
  for (const entry of paths) {
    if (!existsSync(entry)) continue;
    const stats = statSync(entry);
    if (stats.isDirectory()) {
      newest = Math.max(newest, stats.mtimeMs, newestMtime(readdirSync(entry).map((name) => path.join(entry, name))));
    } else {
      newest = Math.max(newest, stats.mtimeMs);
    }
  }
  return newest;
}
