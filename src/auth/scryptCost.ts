/** scrypt's work factors: N = 2^log2N, block size r, parallelism p. */
export interface ScryptCost {
  log2N: number;
  r: number;
  p: number;
}

/**
 * OWASP Password Storage Cheat Sheet's scrypt parameters (about 128 MiB and 0.1–0.3 s per hash):
 * the app's default (config `passwordCost`, env PASSWORD_SCRYPT_LOG2N). Kept apart from
 * `passwords.ts` so that reading the configuration does not load the common-password list.
 */
export const OWASP_SCRYPT_COST: ScryptCost = { log2N: 17, r: 8, p: 1 };
