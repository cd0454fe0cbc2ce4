/** `JSON.parse`, or undefined for text that is not JSON (a schema then says what is wrong). */
export function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
