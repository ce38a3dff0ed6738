import { describe, expect, it } from 'vitest';
import { piiCorpus } from '../../../test/fixtures/pii-corpus.js';
import { findSsns, isValidSsn } from './pii-identity-detectors.js';
import { redactPii } from './pii.js';

describe.each(Object.entries(piiCorpus))('PII corpus: %s', (type, category) => {
  it.each(category.positives)('redacts $text', ({ text, redacted }) => {
    const result = redactPii(text);
    expect(result.text).toBe(redacted);
    expect(result.findings.every((finding) => finding.type === type)).toBe(true);
  });

  it.each(category.negatives)('leaves the near-miss "%s" alone', (text) => {
    expect(redactPii(text)).toEqual({ text, findings: [] });
  });
});

describe('social security numbers', () => {
  it('follows the area, group and serial rules', () => {
    expect(isValidSsn('123', '45', '6789')).toBe(true);
    for (const [area, group, serial] of [
      ['000', '12', '3456'],
      ['666', '12', '3456'],
      ['900', '12', '3456'],
      ['999', '12', '3456'],
      ['123', '00', '4567'],
      ['123', '45', '0000'],
    ] as const) {
      expect(isValidSsn(area, group, serial)).toBe(false);
    }
    // 666-12-3456 is also a valid Spanish mobile number, so only the SSN detector is asked here.
    expect(findSsns('666-12-3456 and 912-34-5678')).toEqual([]);
  });
});

describe('phone regions', () => {
  it('reads national numbers of the configured regions only', () => {
    expect(redactPii('Berlin 030 901820', { phoneRegions: ['GB'] }).text).toBe('Berlin 030 901820');
    expect(redactPii('Berlin 030 901820', { phoneRegions: ['GB', 'DE'] }).text).toBe('Berlin [PHONE_1]');
    // With a country code a number is found whatever the regions.
    expect(redactPii('Berlin +49 30 901820', { phoneRegions: ['GB'] }).text).toBe('Berlin [PHONE_1]');
  });

  it('keeps the cheap pre-check: too few digits for any region skips the scan', () => {
    expect(redactPii('table 12 at 7', { phoneRegions: ['DE', 'NL'] }).findings).toEqual([]);
  });
});
