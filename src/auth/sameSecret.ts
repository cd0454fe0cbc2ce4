import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Compares a secret a client sent with the expected one in constant time. Both are hashed first,
 * so neither the content nor the length leaks through timing.
 */
export function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined || given === '') return false;
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}
