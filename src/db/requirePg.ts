import { createRequire } from 'node:module';
import type pg from 'pg';

const require = createRequire(import.meta.url);

/**
 * node-postgres, loaded without Node's fetch implementation. Returns the `pg` module (the one
 * `import('pg')` gives, from the same module cache); throws what loading it throws.
 *
 * pg 8.x asks, as it loads, whether it runs in a Cloudflare Worker: where `navigator` is not defined
 * (Node 20) it constructs a `Response` to see whether the runtime keeps an unknown `cf` option. That
 * one probe loads the whole of Node's fetch implementation (undici) into the thread, used by nothing
 * else here: 1.9 MiB of V8 heap per thread, and 8.6 MiB resident in a bare `node` (its code and
 * source pages in node's binary). `Response` is hidden for that synchronous load only, so no other
 * code can see it missing, and the probe answers "not Cloudflare" as it would on any Node.
 */
export function requirePg(): typeof pg {
  const response = Object.getOwnPropertyDescriptor(globalThis, 'Response');
  Object.defineProperty(globalThis, 'Response', { value: undefined, configurable: true, writable: true });
  try {
    return require('pg') as typeof pg;
  } finally {
    if (response) Object.defineProperty(globalThis, 'Response', response);
    else delete (globalThis as { Response?: unknown }).Response;
  }
}
