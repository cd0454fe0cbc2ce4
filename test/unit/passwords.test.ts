import { describe, expect, it } from 'vitest';
import { dummyPasswordHash, hashPassword, needsRehash, passwordSchema, verifyPassword } from '../../src/auth/passwords.ts';

// Scrypt at OWASP's cost takes 0.1–0.3 s: most cases here use a low cost, as the tests' app
// does (testConfig sets PASSWORD_SCRYPT_LOG2N).
const cheap = { cost: { log2N: 10, r: 8, p: 1 } };

describe('password hashing', () => {
  it("hashes at OWASP's scrypt cost into a PHC string that names its parameters", async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(stored).toMatch(/^\$scrypt\$ln=17,r=8,p=1\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(needsRehash(stored)).toBe(false);
  }, 30_000); // two hashes at N=2^17 (128 MiB each): 0.1–0.3 s apiece idle, seconds on a loaded 2-core machine

  it('verifies the password and nothing else; the same password hashes differently each time', async () => {
    const stored = await hashPassword('une phrase de passe', cheap);
    expect(await verifyPassword('une phrase de passe', stored)).toBe(true);
    expect(await verifyPassword('une phrase de passe ', stored)).toBe(false);
    expect(await verifyPassword('Une phrase de passe', stored)).toBe(false);
    expect(await hashPassword('une phrase de passe', cheap)).not.toBe(stored);
  });

  it('reads accents the same whether typed composed or not', async () => {
    const stored = await hashPassword('kreyòl ayisyen pale', cheap);
    expect(await verifyPassword('kreyo\u0300l ayisyen pale', stored)).toBe(true);
  });

  it('treats a malformed hash as a mismatch, and an unknown account as one too', async () => {
    for (const stored of ['', 'plain text', '$scrypt$ln=40,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$' + 'A'.repeat(43), '$bcrypt$whatever']) {
      expect(await verifyPassword('anything at all', stored)).toBe(false);
    }
    expect(await verifyPassword('anything at all', dummyPasswordHash(cheap.cost))).toBe(false);
    expect(dummyPasswordHash()).toMatch(/^\$scrypt\$ln=17,r=8,p=1\$/);
    expect(dummyPasswordHash(cheap.cost)).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$/);
  });

  it('asks for a rehash of a password stored at a lower cost', async () => {
    expect(needsRehash(await hashPassword('une phrase de passe', cheap))).toBe(true);
  });

  it('accepts 12 to 256 characters, with no composition rules', () => {
    expect(passwordSchema.safeParse('a'.repeat(11)).success).toBe(false);
    expect(passwordSchema.safeParse('twelve chars').success).toBe(true);
    expect(passwordSchema.safeParse('é'.repeat(12)).success).toBe(true);
    expect(passwordSchema.safeParse('x'.repeat(256)).success).toBe(true);
    expect(passwordSchema.safeParse('x'.repeat(257)).success).toBe(false);
    // Long enough, but in the breached-password list shipped with @zxcvbn-ts/language-common (ASVS 2.1.7).
    for (const common of ['qwerty123456', 'QAZWSXEDCRFV', '1q2w3e4r5t6y']) {
      const result = passwordSchema.safeParse(common);
      expect(result.success, common).toBe(false);
      expect(result.error?.issues[0]?.message).toBe('a common or breached password: choose another');
    }
  });
});
