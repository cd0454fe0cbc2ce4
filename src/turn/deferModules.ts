import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join, sep } from 'node:path';
import type * as Lexer from 'cjs-module-lexer';

// Botkit requires, at load, the whole Bot Framework SDK: its channel, authentication, streaming and
// prompts the app never runs. A module named here is handed to whoever requires it as a stand-in
// that requires the real one the first time one of its exports is read, called or changed: a path
// that does use it still works, and one that does not never pays for it.

/** A CommonJS module of the dependencies to hand out as a stand-in until its first use. */
export interface DeferredModule {
  /**
   * A package as required by name ('botbuilder': whichever copy the requiring package resolves),
   * or one file by its path inside the package ('botbuilder-core/lib/storage.js'), for the file
   * its own package requires.
   */
  id: string;
  /**
   * What the module exports: an object (the default; its names are read from its source by
   * cjs-module-lexer, as Node does when ESM imports CommonJS) or a function (a stand-in that
   * is callable, all of whose properties load the real module).
   */
  exports?: 'object' | 'function';
  /** The packages whose requires of it get the stand-in (all, by default): others get the real module. */
  requiredBy?: readonly string[];
  /** What it is for, and why the app never needs it. */
  why: string;
}

/** A deferred module that was loaded after all: which one, and for which export (or "()", "new"). */
export interface DeferredLoad {
  id: string;
  filename: string;
  by: string;
}

// Node's CommonJS loader: `_load` is what `require` calls, `_resolveFilename` how it finds a file.
// Undocumented but unchanged since Node 0.x, and what require hooks (pirates, module-alias) use;
// Node 22.15's `module.registerHooks` is the documented way once the app requires Node 22.
interface Loader {
  _load(request: string, parent: NodeJS.Module | undefined, isMain: boolean): unknown;
  _resolveFilename(request: string, parent: NodeJS.Module | undefined, isMain: boolean): string;
}

const loader = Module as unknown as Loader;
const require = createRequire(import.meta.url);
// The package's CommonJS entry is its synchronous JavaScript lexer (its ESM one needs `await init()`).
const { parse } = require('cjs-module-lexer') as typeof Lexer;

// One hook and one set of stand-ins per thread, however many times this module is evaluated
// (vitest evaluates it once per test file in the same process).
interface Hook {
  /** Node's own `_load`, which the hook wraps. */
  realLoad: Loader['_load'];
  packages: Map<string, DeferredModule>;
  /** Deferred files by their path after the last `node_modules/`. */
  files: Map<string, DeferredModule>;
  /** The packages that hold a deferred file: only their relative requires are resolved and compared. */
  filePackages: Set<string>;
  /** The stand-in of each resolved file, so every require of it gets the same one. */
  standIns: Map<string, unknown>;
  loads: DeferredLoad[];
}
const HOOK = Symbol.for('bienvenue.deferModules');
const registry = globalThis as { [HOOK]?: Hook };

/**
 * Hands out `modules` as stand-ins when a dependency (a module under node_modules) requires them,
 * until their first use; the app's own imports, and a module already loaded, get the real one.
 * Call it before the packages that require them load: a module loaded already is not deferred.
 * Adds to what an earlier call deferred; the hook is installed once per thread (each worker
 * thread has its own loader).
 */
export function deferModules(modules: readonly DeferredModule[]): void {
  const hook = (registry[HOOK] ??= install());
  for (const entry of modules) {
    if (entry.id.endsWith('.js')) {
      hook.files.set(entry.id, entry);
      hook.filePackages.add(packageOf(entry.id));
    } else {
      hook.packages.set(entry.id, entry);
    }
  }
}

/**
 * Gives `packages` one copy of the package `request` where each installed its own of the same
 * version (npm nests a copy in every package whose range the app's own version does not meet):
 * the first of them that has one loads it, and each other's `require(request)` returns its module
 * (seeded in `require.cache` under the other copy's file name). A copy of another version keeps
 * its own. Call it before the packages load; returns how many copies were shared.
 */
export function shareIdenticalCopies(request: string, packages: readonly string[]): number {
  let first: { version: string; module: NodeJS.Module } | undefined;
  let shared = 0;
  for (const name of packages) {
    let entry: string;
    let version: string | undefined;
    try {
      const fromPackage = createRequire(require.resolve(`${name}/package.json`));
      entry = fromPackage.resolve(request);
      version = packageVersion(entry, request);
    } catch {
      continue; // Not installed, without its own copy, or a layout this does not know: left alone.
    }
    if (!version) continue;
    const loaded = require.cache[entry];
    if (loaded) {
      // Loaded already (by an earlier call or a package): the others may share it.
      first ??= { version, module: loaded };
      continue;
    }
    if (!first) {
      require(entry);
      const module = require.cache[entry];
      if (module) first = { version, module };
    } else if (version === first.version) {
      require.cache[entry] = first.module;
      shared += 1;
    }
  }
  return shared;
}

/** The version of the package `name` whose file `entry` is: the nearest package.json above it that names it. */
function packageVersion(entry: string, name: string): string | undefined {
  for (let dir = dirname(entry); dir !== dirname(dir); dir = dirname(dir)) {
    let manifest: { name?: string; version?: string };
    try {
      manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string; version?: string };
    } catch {
      continue;
    }
    if (manifest.name === name) return manifest.version;
  }
  return undefined;
}

/** The deferred modules loaded since the thread started, in order, with the export that needed each. */
export function deferredLoads(): readonly DeferredLoad[] {
  return registry[HOOK]?.loads ?? [];
}

const NODE_MODULES = `${sep}node_modules${sep}`;

/** Wraps Node's `_load`: a dependency's require of a deferred module not yet loaded gets its stand-in. */
function install(): Hook {
  const hook: Hook = { realLoad: loader._load, packages: new Map(), files: new Map(), filePackages: new Set(), standIns: new Map(), loads: [] };
  loader._load = function load(this: unknown, request: string, parent: NodeJS.Module | undefined, isMain: boolean): unknown {
    const entry = parent?.filename?.includes(NODE_MODULES) ? deferredEntry(hook, request, parent) : undefined;
    if (!entry || !parent) return hook.realLoad.call(this, request, parent, isMain);
    const filename = loader._resolveFilename(request, parent, false);
    // Loaded already: the real one. (An entry not yet loaded may be there too: Node's ESM loader
    // caches, unloaded, the files a CommonJS module it imports re-exports.)
    if (require.cache[filename]?.loaded) return hook.realLoad.call(this, request, parent, isMain);
    let standIn = hook.standIns.get(filename);
    if (!standIn) {
      standIn = createStandIn(hook, entry, filename, parent);
      hook.standIns.set(filename, standIn);
    }
    return standIn;
  };
  return hook;
}

/** The entry `request` (required by `parent`, a module under node_modules) is deferred as, if any. */
function deferredEntry(hook: Hook, request: string, parent: NodeJS.Module): DeferredModule | undefined {
  const relative = request.startsWith('.');
  let entry: DeferredModule | undefined;
  if (!relative) entry = hook.packages.get(request);
  if (!entry && (relative || request.includes('/'))) {
    // A file: resolved only when its package holds a deferred file.
    const owner = relative ? packageOf(inNodeModules(parent.filename)) : packageOf(request);
    if (hook.filePackages.has(owner)) entry = hook.files.get(inNodeModules(loader._resolveFilename(request, parent, false)));
  }
  return entry && (!entry.requiredBy || entry.requiredBy.includes(packageOf(inNodeModules(parent.filename)))) ? entry : undefined;
}

/** A file's path after the last `node_modules/`, with forward slashes: 'botbuilder-core/lib/storage.js'. */
function inNodeModules(filename: string): string {
  return filename.slice(filename.lastIndexOf(NODE_MODULES) + NODE_MODULES.length).replaceAll(sep, '/');
}

/** The package of a path inside node_modules, or of a request: 'botbuilder-core', '@azure/identity'. */
function packageOf(path: string): string {
  const parts = path.split('/');
  return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

/** The stand-in of the file `filename` that `parent` requires: see `DeferredModule.exports`. */
function createStandIn(hook: Hook, entry: DeferredModule, filename: string, parent: NodeJS.Module): unknown {
  let real: Record<PropertyKey, unknown> | undefined;
  const load = (by: PropertyKey): Record<PropertyKey, unknown> => {
    if (!real) {
      real = hook.realLoad.call(Module, filename, parent, false) as Record<PropertyKey, unknown>;
      hook.loads.push({ id: entry.id, filename, by: String(by) });
    }
    return real;
  };
  // What the module exports, as the lexer reads it (its own names, and the packages it re-exports).
  const own = new Set<string>();
  const reexported: { request: string; from: string }[] = [];
  exportsOf(filename, own, reexported, new Set());
  if (entry.exports === 'function') {
    // TypeScript's `__importDefault` reads `__esModule` of what it requires: a module that does not
    // set it (`module.exports = fn`, the lexer finds no such export) answers without loading.
    const marksEsModule = own.has('__esModule');
    return new Proxy(function deferred() {}, {
      apply: (_, self, args) => Reflect.apply(load('()') as unknown as (...args: unknown[]) => unknown, self, args),
      construct: (_, args) => Reflect.construct(load('new') as unknown as new (...args: unknown[]) => object, args),
      get: (_, key) => (key === '__esModule' && !marksEsModule ? undefined : Reflect.get(load(key), key)),
      has: (_, key) => Reflect.has(load(key), key),
      set: (_, key, value) => Reflect.set(load(key), key, value),
      defineProperty: (_, key, descriptor) => Reflect.defineProperty(load(key), key, descriptor),
      deleteProperty: (_, key) => Reflect.deleteProperty(load(key), key),
      ownKeys: (target) => [...new Set([...Reflect.ownKeys(load('keys')), ...Reflect.ownKeys(target).filter((key) => !Reflect.getOwnPropertyDescriptor(target, key)?.configurable)])],
      getOwnPropertyDescriptor: (target, key) => {
        const pinned = Reflect.getOwnPropertyDescriptor(target, key);
        if (pinned && !pinned.configurable) return pinned;
        const descriptor = Reflect.getOwnPropertyDescriptor(load(key), key);
        return descriptor && { ...descriptor, configurable: true };
      },
    });
  }
  // Its names: each a getter that loads the real module (its own names, and those it re-exports
  // from its own files), or that reads the package it re-exports them from. TypeScript's
  // `export *` in the module requiring it copies these getters as they are: they stay lazy there.
  const names: Record<string, unknown> = {};
  for (const name of own) {
    if (name === '__esModule') Object.defineProperty(names, name, { value: true, configurable: true });
    else Object.defineProperty(names, name, { enumerable: true, configurable: true, get: () => load(name)[name], set: (value) => (load(name)[name] = value) });
  }
  for (const { request, from } of reexported) {
    // As TypeScript's `export *`: the first module to export a name gives it.
    const source = createRequire(from)(request) as Record<string, unknown>;
    for (const name of Object.keys(source)) {
      if (name !== 'default' && !Object.hasOwn(names, name)) Object.defineProperty(names, name, { enumerable: true, configurable: true, get: () => source[name] });
    }
  }
  // A name the lexer did not see (an export made at run time) loads the real module, not undefined.
  return new Proxy(names, {
    get: (target, key) => (key in target ? Reflect.get(target, key) : Reflect.get(load(key), key)),
    has: (target, key) => key in target || key in load(key),
    set: (_, key, value) => Reflect.set(load(key), key, value),
    defineProperty: (_, key, descriptor) => Reflect.defineProperty(load(key), key, descriptor),
    deleteProperty: (_, key) => Reflect.deleteProperty(load(key), key),
  });
}

/**
 * Collects the names `filename` exports, following its `export *` of its own files (relative
 * requires), and the packages it re-exports (their names are read from them, loaded, as they are
 * not deferred: a package that is would hand out its stand-in).
 */
function exportsOf(filename: string, own: Set<string>, reexported: { request: string; from: string }[], seen: Set<string>): void {
  if (seen.has(filename)) return;
  seen.add(filename);
  const { exports, reexports } = parse(readFileSync(filename, 'utf8'), filename);
  for (const name of exports) own.add(name);
  const resolve = createRequire(filename).resolve;
  for (const request of reexports) {
    if (request.startsWith('.')) exportsOf(resolve(request), own, reexported, seen);
    else reexported.push({ request, from: filename });
  }
}
