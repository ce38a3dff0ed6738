import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import { findPhoneNumbersInText, getCountries, getCountryCallingCode, Metadata, type CountryCode } from 'libphonenumber-js';

// The detectors behind PiiRedactor: each finds one kind of personal data and checks it (Luhn, IBAN checksum, phone
// metadata) so that ordinary numbers are left alone.

export type PiiType = 'EMAIL' | 'PHONE' | 'CARD' | 'IBAN' | 'ADDRESS' | 'SSN' | 'IP_ADDRESS';

/** A value a detector found. */
export interface Candidate {
  type: PiiType;
  start: number;
  end: number;
  /** Normalised value, only used to give equal values the same placeholder. */
  key: string;
}

/** Starts only at the beginning of a local-part run and caps it at 64, so long runs without an `@` stay linear. */
const emailPattern =
  /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*\.[A-Za-z]{2,}/g;

export function findEmails(text: string): Candidate[] {
  return [...text.matchAll(emailPattern)].map((m) => ({
    type: 'EMAIL',
    start: m.index,
    end: m.index + m[0].length,
    key: m[0].toLowerCase(),
  }));
}

/**
 * Numbers in international form, and in the national form of each of `regions` (in order: a national number valid in
 * two regions is read as the first's). One libphonenumber scan per region that the text has enough digits for.
 */
export function findPhones(text: string, regions: readonly CountryCode[]): Candidate[] {
  // libphonenumber's scan cost ~0.2 ms per chat message under load; most messages hold too few digits for any number.
  const digits = countDigits(text);
  const candidates: Candidate[] = [];
  for (const region of regions) {
    if (digits < fewestPhoneDigits(region)) continue;
    for (const found of findPhoneNumbersInText(text, { defaultCountry: region })) {
      if (!writtenAsDialled(text.slice(found.startsAt, found.endsAt), region)) continue;
      if (candidates.some((other) => found.startsAt < other.end && other.start < found.endsAt)) continue;
      candidates.push({ type: 'PHONE', start: found.startsAt, end: found.endsAt, key: found.number.number });
    }
  }
  return candidates;
}

/**
 * In a region whose trunk prefix is 0 (GB, DE, FR, NL...), a number without a country code is dialled with the 0, so a
 * digit run without it ("order 123456789", "1600", "10115") is not read as that region's number: libphonenumber's
 * lenient matching would otherwise take many order numbers, dates and postcodes for German or Dutch numbers.
 */
function writtenAsDialled(raw: string, region: CountryCode): boolean {
  const first = raw.replace(/^[\s(]+/, '')[0];
  if (first === '+') return true;
  return trunkPrefix(region) !== '0' || first === '0' || first === '٠' || first === '０';
}

const trunkPrefixes = new Map<CountryCode, string | undefined>();
function trunkPrefix(region: CountryCode): string | undefined {
  if (!trunkPrefixes.has(region)) {
    phoneMetadata.selectNumberingPlan(region);
    // nationalPrefix() is in the library's NumberingPlan but not in its type declarations.
    const plan = phoneMetadata.numberingPlan as unknown as { nationalPrefix(): unknown } | undefined;
    const prefix = plan?.nationalPrefix();
    trunkPrefixes.set(region, typeof prefix === 'string' ? prefix : undefined);
  }
  return trunkPrefixes.get(region);
}

const phoneMetadata = new Metadata();
const fewestDigitsByRegion = new Map<CountryCode, number>();
let fewestInternationalDigits: number | undefined;

function shortestNationalNumber(region: CountryCode): number {
  phoneMetadata.selectNumberingPlan(region);
  return Math.min(...(phoneMetadata.numberingPlan?.possibleLengths() ?? [1]));
}

/**
 * The fewest digits a valid number can have in a text read with `region` as the default: its own shortest national
 * number, or any region's calling code plus that region's shortest (6 digits with today's metadata).
 */
function fewestPhoneDigits(region: CountryCode): number {
  let fewest = fewestDigitsByRegion.get(region);
  if (fewest === undefined) {
    fewestInternationalDigits ??= Math.min(
      ...getCountries().map((country) => getCountryCallingCode(country).length + shortestNationalNumber(country)),
    );
    fewest = Math.min(fewestInternationalDigits, shortestNationalNumber(region));
    fewestDigitsByRegion.set(region, fewest);
  }
  return fewest;
}

/** Decimal digits of any script, as libphonenumber reads them (e.g. Arabic-Indic and full-width digits). */
function countDigits(text: string): number {
  return text.match(/\p{Nd}/gu)?.length ?? 0;
}

/** Digit groups joined by single spaces or dashes; a group is never split, so a 20-digit order number stays whole. */
const digitRunPattern = /(?<![\d+])\d+(?:[ -]\d+)*(?!\d)/g;

export function findCards(text: string): Candidate[] {
  const candidates: Candidate[] = [];
  for (const run of text.matchAll(digitRunPattern)) {
    const groups = [...run[0].matchAll(/\d+/g)].map((g) => ({
      start: run.index + g.index,
      end: run.index + g.index + g[0].length,
      digits: g[0],
    }));
    let i = 0;
    while (i < groups.length) {
      const match = longestCardFrom(groups, i);
      if (!match) {
        i++;
        continue;
      }
      candidates.push({ type: 'CARD', start: groups[i]!.start, end: groups[match.last]!.end, key: match.digits });
      i = match.last + 1;
    }
  }
  return candidates;
}

function longestCardFrom(groups: { digits: string }[], first: number): { last: number; digits: string } | undefined {
  let best: { last: number; digits: string } | undefined;
  let digits = '';
  for (let last = first; last < groups.length; last++) {
    digits += groups[last]!.digits;
    if (digits.length > 19) break;
    if (digits.length >= 13 && passesLuhn(digits)) best = { last, digits };
  }
  return best;
}

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Country code, check digits, then 11-30 characters in groups; trailing groups are trimmed until the checksum passes. */
const ibanPattern = /(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]){11,30}/g;

export function findIbans(text: string): Candidate[] {
  const candidates: Candidate[] = [];
  for (const m of text.matchAll(ibanPattern)) {
    const groups = [...m[0].matchAll(/[A-Za-z0-9]+/g)];
    for (let count = groups.length; count > 0; count--) {
      const lastGroup = groups[count - 1]!;
      const end = lastGroup.index + lastGroup[0].length;
      const electronic = electronicFormatIBAN(m[0].slice(0, end)) ?? '';
      if (electronic.length >= 15 && electronic.length <= 34 && isValidIBAN(electronic)) {
        candidates.push({ type: 'IBAN', start: m.index, end: m.index + end, key: electronic });
        break;
      }
    }
  }
  return candidates;
}
