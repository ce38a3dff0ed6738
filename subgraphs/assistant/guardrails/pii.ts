import type { CountryCode } from 'libphonenumber-js';
import { findAddresses } from './pii-address-detector.js';
import { findCards, findEmails, findIbans, findPhones, type Candidate, type PiiType } from './pii-detectors.js';
import { findIpAddresses, findSsns } from './pii-identity-detectors.js';

export type { PiiType } from './pii-detectors.js';

/** Where a value was found in the input; deliberately never the value itself. */
export interface PiiFinding {
  type: PiiType;
  /** UTF-16 offsets into the original text, `end` exclusive. */
  start: number;
  end: number;
  /** The placeholder that replaced it, e.g. `[CARD_1]`. */
  placeholder: string;
}

export interface PiiRedaction {
  text: string;
  findings: PiiFinding[];
}

export interface PiiRedactorOptions {
  /**
   * Regions whose national form ("020 7946 0958", "(415) 555-2671") is read as a phone number, in order of preference;
   * numbers with a country code are found whatever the list. `defaultRegion` alone means `[defaultRegion]`.
   * @default DEFAULT_PHONE_REGIONS
   */
  phoneRegions?: readonly CountryCode[];
  /** @deprecated use `phoneRegions` */
  defaultRegion?: CountryCode;
  /** Types to look for. @default every type */
  types?: readonly PiiType[];
}

/** When candidates overlap, the more specific detector wins (an IBAN contains digit runs that may pass Luhn). */
/** A whole address beats the digit runs inside it (a house number or postcode can pass for a short phone number). */
const priority: Record<PiiType, number> = { EMAIL: 0, IP_ADDRESS: 1, IBAN: 2, ADDRESS: 3, CARD: 4, SSN: 5, PHONE: 6 };
const allTypes: readonly PiiType[] = ['EMAIL', 'PHONE', 'CARD', 'IBAN', 'ADDRESS', 'SSN', 'IP_ADDRESS'];

/** PII_PHONE_REGIONS' default: the regions whose national phone numbers are recognised without a country code. */
export const DEFAULT_PHONE_REGIONS: readonly CountryCode[] = ['GB', 'US', 'DE', 'FR', 'ES', 'IT', 'NL'];

/**
 * Replaces emails, phone numbers, payment cards (Luhn-checked), IBANs (checksum-checked), US social security numbers
 * (area/group/serial rules), IP addresses (node:net) and street addresses through postcode and city with typed
 * placeholders. Numbering is stable per distinct value for the redactor's lifetime, so one redactor per
 * conversation lets the model see that `[PHONE_1]` in turn 3 is the number from turn 1.
 *
 * Limits: addresses are a conservative heuristic (see `findAddresses`) and will miss many real ones; card numbers
 * are any 13-19 digit run passing Luhn, so roughly one in ten such order or reference numbers is redacted too;
 * phone numbers must be valid for their region per libphonenumber's metadata.
 */
export class PiiRedactor {
  private readonly phoneRegions: readonly CountryCode[];
  private readonly types: ReadonlySet<PiiType>;
  private readonly placeholders = new Map<string, string>();
  private readonly counts = new Map<PiiType, number>();

  constructor(options: PiiRedactorOptions = {}) {
    this.phoneRegions = options.phoneRegions ?? (options.defaultRegion ? [options.defaultRegion] : DEFAULT_PHONE_REGIONS);
    this.types = new Set(options.types ?? allTypes);
  }

  redact(text: string): PiiRedaction {
    const accepted = selectNonOverlapping(this.detect(text)).sort((a, b) => a.start - b.start);
    const findings: PiiFinding[] = [];
    let redacted = '';
    let cursor = 0;
    for (const candidate of accepted) {
      const placeholder = this.placeholderFor(candidate);
      redacted += text.slice(cursor, candidate.start) + placeholder;
      cursor = candidate.end;
      findings.push({ type: candidate.type, start: candidate.start, end: candidate.end, placeholder });
    }
    return { text: redacted + text.slice(cursor), findings };
  }

  private detect(text: string): Candidate[] {
    const candidates: Candidate[] = [];
    if (this.types.has('EMAIL')) candidates.push(...findEmails(text));
    if (this.types.has('IBAN')) candidates.push(...findIbans(text));
    if (this.types.has('CARD')) candidates.push(...findCards(text));
    if (this.types.has('PHONE')) candidates.push(...findPhones(text, this.phoneRegions));
    if (this.types.has('ADDRESS')) candidates.push(...findAddresses(text));
    if (this.types.has('SSN')) candidates.push(...findSsns(text));
    if (this.types.has('IP_ADDRESS')) candidates.push(...findIpAddresses(text));
    return candidates;
  }

  private placeholderFor(candidate: Candidate): string {
    const mapKey = `${candidate.type}:${candidate.key}`;
    let placeholder = this.placeholders.get(mapKey);
    if (!placeholder) {
      const n = (this.counts.get(candidate.type) ?? 0) + 1;
      this.counts.set(candidate.type, n);
      placeholder = `[${candidate.type}_${n}]`;
      this.placeholders.set(mapKey, placeholder);
    }
    return placeholder;
  }
}

/** One-off redaction; use a `PiiRedactor` to keep numbering across several texts. */
export function redactPii(text: string, options?: PiiRedactorOptions): PiiRedaction {
  return new PiiRedactor(options).redact(text);
}

function selectNonOverlapping(candidates: Candidate[]): Candidate[] {
  const ordered = [...candidates].sort(
    (a, b) => priority[a.type] - priority[b.type] || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const accepted: Candidate[] = [];
  for (const candidate of ordered) {
    if (!accepted.some((other) => candidate.start < other.end && other.start < candidate.end)) accepted.push(candidate);
  }
  return accepted;
}
