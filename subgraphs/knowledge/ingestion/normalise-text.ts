import { createHash } from 'node:crypto';

// C0 controls except TAB (\u0009) and LF (\u000A), DEL, and C1 controls. CR is handled before this runs.
// eslint-disable-next-line no-control-regex -- matching control characters is this expression's purpose
const CONTROL_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/**
 * Canonical form of extracted text: BOM removed, CRLF/CR → LF, NUL and other control characters stripped
 * (TAB and LF kept), Unicode NFC. Idempotent: `normaliseText(normaliseText(s)) === normaliseText(s)`.
 */
export function normaliseText(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .replace(CONTROL_CHARS, '')
    .normalize('NFC');
}

/** Hex sha256 of the normalised text: the same document always hashes the same, whatever its line endings. */
export function contentHash(text: string): string {
  return createHash('sha256').update(normaliseText(text), 'utf8').digest('hex');
}
