import { isIP } from 'node:net';
import type { Candidate } from './pii-detectors.js';

// US social security numbers and IP addresses: cheap character counts first, then a pattern for candidates, then a
// check (SSA's area/group/serial rules, node:net's parser) so that dates, prices, versions and times are left alone.

/**
 * "123-45-6789" or "123 45 6789" (one separator used twice). A bare 9-digit run counts only right after a word that
 * names it ("SSN 123456789"): order and reference numbers are often 9 digits.
 */
const ssnPattern =
  /(?<![\d-])(\d{3})([- ])(\d{2})\2(\d{4})(?![\d-])|(?<=\b(?:SSN|SSA|social security(?: number| no\.?)?)[\s:#]{0,3})(\d{3})(\d{2})(\d{4})(?!\d)/gi;

export function findSsns(text: string): Candidate[] {
  if (digitCount(text, 9) < 9) return [];
  const candidates: Candidate[] = [];
  for (const m of text.matchAll(ssnPattern)) {
    const [area, group, serial] = m[1] ? [m[1], m[3]!, m[4]!] : [m[5]!, m[6]!, m[7]!];
    if (!isValidSsn(area, group, serial)) continue;
    candidates.push({ type: 'SSN', start: m.index, end: m.index + m[0].length, key: area + group + serial });
  }
  return candidates;
}

/** Area 000, 666 and 900-999, group 00 and serial 0000 are never issued. */
export function isValidSsn(area: string, group: string, serial: string): boolean {
  return area !== '000' && area !== '666' && area[0] !== '9' && group !== '00' && serial !== '0000';
}

const ipv4Candidate = /(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?![\d]|\.\d)/g;
/** Hex groups and colons (an IPv4 tail allowed); node:net decides. */
const ipv6Candidate = /(?<![\w:.])[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?:(?<=:)\d{1,3}(?:\.\d{1,3}){3})?(?![\w:]|\.\d)/g;

export function findIpAddresses(text: string): Candidate[] {
  const candidates: Candidate[] = [];
  if (charCount(text, '.', 3) >= 3) {
    for (const m of text.matchAll(ipv4Candidate)) {
      if (isIP(m[0]) === 4) candidates.push({ type: 'IP_ADDRESS', start: m.index, end: m.index + m[0].length, key: m[0] });
    }
  }
  if (charCount(text, ':', 2) >= 2) {
    for (const m of text.matchAll(ipv6Candidate)) {
      // At least three hex digits: "a::" or "::" alone in prose or code is not somebody's address.
      if ((m[0].match(/[0-9A-Fa-f]/g)?.length ?? 0) < 3 || isIP(m[0]) !== 6) continue;
      candidates.push({ type: 'IP_ADDRESS', start: m.index, end: m.index + m[0].length, key: m[0].toLowerCase() });
    }
  }
  return candidates;
}

/** Counts digits up to `enough` (the pre-checks only need to know whether there are that many). */
function digitCount(text: string, enough: number): number {
  let count = 0;
  for (let i = 0; i < text.length && count < enough; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) count++;
  }
  return count;
}

function charCount(text: string, char: string, enough: number): number {
  let count = 0;
  for (let i = text.indexOf(char); i !== -1 && count < enough; i = text.indexOf(char, i + 1)) count++;
  return count;
}
