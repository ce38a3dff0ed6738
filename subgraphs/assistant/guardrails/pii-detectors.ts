import { electronicFormatIBAN, isValidIBAN } from 'ibantools';
import { findPhoneNumbersInText, getCountries, getCountryCallingCode, Metadata, type CountryCode } from 'libphonenumber-js';

// The detectors behind PiiRedactor: each finds one kind of personal data and checks it (Luhn, IBAN checksum, phone
// metadata) so that ordinary numbers are left alone.

export type PiiType = 'EMAIL' | 'PHONE' | 'CARD' | 'IBAN' | 'ADDRESS';

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

export function findPhones(text: string, defaultRegion: CountryCode): Candidate[] {
  // libphonenumber's scan cost ~0.2 ms per chat message under load; most messages hold too few digits for any number.
  if (countDigits(text) < fewestPhoneDigits(defaultRegion)) return [];
  return findPhoneNumbersInText(text, { defaultCountry: defaultRegion }).map((found) => ({
    type: 'PHONE',
    start: found.startsAt,
    end: found.endsAt,
    key: found.number.number,
  }));
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

const englishStreet =
  'Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Boulevard|Blvd|Drive|Dr|Way|Court|Ct|Place|Pl|Terrace|Crescent|Close|Square|Sq|Parade|Row|Mews|Gardens|Grove|Hill';
const capitalisedWord = "[A-Z][A-Za-z'’.-]*";
const addressPatterns: RegExp[] = [
  // "221B Baker Street", "1600 Pennsylvania Avenue NW": number, 1-4 capitalised name words, a street word.
  new RegExp(`\\b\\d{1,5}[A-Za-z]?,?\\s+(?:${capitalisedWord}\\s+){1,4}(?:${englishStreet})\\b\\.?`, 'g'),
  // "Hauptstraße 5", "Musterstr. 12a", "Berliner Straße 12", "Am Markt Weg 3".
  new RegExp(
    `(?<![\\p{L}\\d])(?:\\p{Lu}[\\p{L}-]*(?:straße|strasse|str\\.|weg|gasse|allee|platz)|(?:\\p{Lu}[\\p{L}-]*\\s+){1,3}(?:Straße|Strasse|Str\\.|Weg|Gasse|Allee|Platz))\\s*\\d{1,4}[a-z]?\\b`,
    'gu',
  ),
  // "10 rue de Rivoli", "5 bis, avenue des Champs-Élysées".
  new RegExp(
    `(?<![\\p{L}\\d])\\d{1,4}(?:\\s?(?:bis|ter))?,?\\s+(?:[Rr]ue|[Aa]venue|[Bb]oulevard|[Bb]d|[Pp]lace|[Cc]hemin|[Aa]llée|[Ii]mpasse|[Qq]uai)\\s+(?:(?:de|du|des|la|le|l'|d')\\s*)*\\p{Lu}[\\p{L}'-]*`,
    'gu',
  ),
];

/**
 * A conservative street-address heuristic: a house number next to capitalised name words and a street word
 * (English, German or French forms). It misses addresses without a house number, all-lowercase ones ("12 baker
 * street"), unlisted street words and postcodes/cities on their own, and it redacts only the street line.
 */
export function findAddresses(text: string): Candidate[] {
  const candidates: Candidate[] = [];
  for (const pattern of addressPatterns) {
    for (const m of text.matchAll(pattern)) {
      candidates.push({
        type: 'ADDRESS',
        start: m.index,
        end: m.index + m[0].length,
        key: m[0]
          .toLowerCase()
          .replace(/[\s,.]+/g, ' ')
          .trim(),
      });
    }
  }
  return candidates;
}
