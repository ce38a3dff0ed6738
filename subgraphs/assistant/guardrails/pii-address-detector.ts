import type { Candidate } from './pii-detectors.js';

// Street addresses: a street line (house number, name words, a street word; English, German or French forms), then,
// when one follows, the rest of the address up to and including the postcode and city, so the whole span is redacted.
// No maintained npm library parses free-text addresses offline for these countries (libpostal needs a native model),
// so these are patterns, tested against the corpus in test/fixtures/pii-corpus.ts.

const englishStreet =
  'Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Boulevard|Blvd|Drive|Dr|Way|Court|Ct|Place|Pl|Terrace|Crescent|Close|Square|Sq|Parade|Row|Mews|Gardens|Grove|Hill|Parkway|Pkwy|Highway|Hwy|Circle|Cir|Trail|Walk';
const capitalisedWord = "[A-Z][A-Za-z'’.-]*";
const streetLines: RegExp[] = [
  // "221B Baker Street", "1600 Pennsylvania Avenue NW": number, 1-4 capitalised name words, a street word.
  new RegExp(
    `\\b\\d{1,5}[A-Za-z]?,?\\s+(?:${capitalisedWord}\\s+){1,4}(?:${englishStreet})\\b\\.?(?:\\s+(?:NW|NE|SW|SE|N|S|E|W)\\b)?`,
    'g',
  ),
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

const place = "\\p{Lu}[\\p{L}'’.-]*(?:[ -]\\p{Lu}[\\p{L}'’.-]*){0,2}";
const ukPostcode = '[A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2}';
/** What may follow a street line, read from where it ends (sticky); the longest that fits is taken. */
const tails: RegExp[] = [
  // UK: ", Marylebone, London NW1 6XE", ", London NW1 6XE", " NW1 6XE".
  new RegExp(`(?:,?\\s+${place}){0,2},?\\s+${ukPostcode}\\b`, 'yu'),
  // US: ", Mountain View, CA 94043", ", Springfield, IL 62704-1234".
  new RegExp(`(?:,?\\s+${place}){1,2},?\\s+[A-Z]{2}\\s+\\d{5}(?:-\\d{4})?(?!\\d)`, 'yu'),
  // DE, FR, ES, IT: ", 10115 Berlin", ", 75001 Paris"; NL: ", 1012 AB Amsterdam".
  new RegExp(`,?\\s+(?:\\d{5}|\\d{4} ?[A-Z]{2})\\s+${place}`, 'yu'),
];

/**
 * A street line and, when it follows, the rest through postcode and city. Misses addresses without a house number,
 * all-lowercase ones ("12 baker street"), unlisted street words, and postcodes or cities standing on their own.
 */
export function findAddresses(text: string): Candidate[] {
  const candidates: Candidate[] = [];
  for (const pattern of streetLines) {
    for (const m of text.matchAll(pattern)) {
      const end = tailEnd(text, m.index + m[0].length);
      candidates.push({
        type: 'ADDRESS',
        start: m.index,
        end,
        key: text
          .slice(m.index, end)
          .toLowerCase()
          .replace(/[\s,.]+/g, ' ')
          .trim(),
      });
    }
  }
  return candidates;
}

function tailEnd(text: string, from: number): number {
  let end = from;
  for (const tail of tails) {
    tail.lastIndex = from;
    const m = tail.exec(text);
    if (m) end = Math.max(end, from + m[0].length);
  }
  return end;
}
