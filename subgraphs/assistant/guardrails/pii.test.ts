import { describe, expect, it } from 'vitest';
import { passesLuhn } from './pii-detectors.js';
import { PiiRedactor, redactPii } from './pii.js';

describe('redactPii', () => {
  it('redacts emails with stable numbering per distinct value', () => {
    const { text, findings } = redactPii('Mail Jane.Doe@example.co.uk or jane.doe@example.co.uk, cc ops@ragline.dev');
    expect(text).toBe('Mail [EMAIL_1] or [EMAIL_1], cc [EMAIL_2]');
    expect(findings.map((f) => [f.type, f.start, f.end, f.placeholder])).toEqual([
      ['EMAIL', 5, 27, '[EMAIL_1]'],
      ['EMAIL', 31, 53, '[EMAIL_1]'],
      ['EMAIL', 58, 73, '[EMAIL_2]'],
    ]);
  });

  it('redacts phone numbers in national and international form, numbering by the normalised number', () => {
    const { text } = redactPii('Ring 020 7946 0958 or +44 20 7946 0958, else +1 415 555 2671.');
    expect(text).toBe('Ring [PHONE_1] or [PHONE_1], else [PHONE_2].');
  });

  it('finds the shortest numbers and digits of other scripts (texts with too few digits skip the phone scan)', () => {
    // Tristan da Cunha: 7 digits with the calling code, among the shortest valid numbers anywhere.
    expect(redactPii('call +290 8999 now').text).toBe('call [PHONE_1] now');
    expect(redactPii('call ٠٢٠٧٩٤٦٠٩٥٨ now').text).toBe('call [PHONE_1] now');
    // Niue's national numbers have 4 digits: with it as the default region, 4 digits are enough.
    expect(redactPii('call 7290 now', { defaultRegion: 'NU' }).text).toBe('call [PHONE_1] now');
  });

  it('uses the default region for national numbers', () => {
    expect(redactPii('call (415) 555-2671', { defaultRegion: 'US' }).text).toBe('call [PHONE_1]');
    expect(redactPii('call 030 901820', { defaultRegion: 'DE' }).text).toBe('call [PHONE_1]');
  });

  it('redacts Luhn-valid card numbers with spaces or dashes, and leaves other digit runs alone', () => {
    const input = 'Card 4111 1111 1111 1111 exp 12/27, also 5500-0000-0000-0004; order 4111 1111 1111 1112 and ref 2024112100017';
    const { text, findings } = redactPii(input);
    expect(text).toBe('Card [CARD_1] exp 12/27, also [CARD_2]; order 4111 1111 1111 1112 and ref 2024112100017');
    expect(findings.every((f) => f.type === 'CARD')).toBe(true);
  });

  it('finds a card followed by a CVV without swallowing the CVV', () => {
    expect(redactPii('4242424242424242 123').text).toBe('[CARD_1] 123');
    expect(redactPii('amex 3782 822463 10005 thanks').text).toBe('amex [CARD_1] thanks');
  });

  it('redacts IBANs with or without spaces, not cards inside them, and ignores bad checksums', () => {
    const { text, findings } = redactPii(
      'Refund to DE89 3704 0044 0532 0130 00 please, or GB82WEST12345698765432. Not DE88 3704 0044 0532 0130 00.',
    );
    expect(text).toBe('Refund to [IBAN_1] please, or [IBAN_2]. Not DE88 3704 0044 0532 0130 00.');
    expect(findings.map((f) => f.type)).toEqual(['IBAN', 'IBAN']);
    expect(redactPii('iban de89370400440532013000').text).toBe('iban [IBAN_1]');
  });

  it('redacts common street-address forms', () => {
    expect(redactPii('Deliver to 221B Baker Street, London NW1').text).toBe('Deliver to [ADDRESS_1], London NW1');
    expect(redactPii('I live at 12 Old Kent Rd.').text).toBe('I live at [ADDRESS_1]');
    expect(redactPii('Lieferung an Hauptstraße 5a, Berlin').text).toBe('Lieferung an [ADDRESS_1], Berlin');
    expect(redactPii('Berliner Straße 12 bitte').text).toBe('[ADDRESS_1] bitte');
    expect(redactPii('au 10 rue de Rivoli svp').text).toBe('au [ADDRESS_1] svp');
  });

  it('leaves ordinary restaurant messages untouched', () => {
    for (const message of [
      '2 large pizzas and 3 cokes for table 12 at 19:30',
      'Order #A-20931 was 45 minutes late, total £23.50',
      'Can I get 2 Margherita and a side of garlic bread on the way home?',
      'Is the St Louis style rib gluten free?',
      'I want 2 place settings and 1 high chair',
    ]) {
      expect(redactPii(message)).toEqual({ text: message, findings: [] });
    }
  });

  it('never puts the value in findings', () => {
    const { findings } = redactPii('jane@example.com 4111 1111 1111 1111 +44 20 7946 0958 DE89370400440532013000 221B Baker Street');
    expect(findings.map((f) => f.type)).toEqual(['EMAIL', 'CARD', 'PHONE', 'IBAN', 'ADDRESS']);
    const serialised = JSON.stringify(findings);
    for (const secret of ['jane', '4111', '7946', 'DE89', 'Baker']) expect(serialised).not.toContain(secret);
    expect(Object.keys(findings[0]!).sort()).toEqual(['end', 'placeholder', 'start', 'type']);
  });

  it('only looks for the requested types', () => {
    expect(redactPii('jane@example.com 4111 1111 1111 1111', { types: ['CARD'] }).text).toBe('jane@example.com [CARD_1]');
  });
});

describe('PiiRedactor', () => {
  it('keeps numbering across texts of one conversation', () => {
    const redactor = new PiiRedactor();
    expect(redactor.redact('my email is a@example.com').text).toBe('my email is [EMAIL_1]');
    expect(redactor.redact('sorry, b@example.com, not A@example.com').text).toBe('sorry, [EMAIL_2], not [EMAIL_1]');
  });
});

describe('passesLuhn', () => {
  it('checks the Luhn digit', () => {
    expect(passesLuhn('79927398713')).toBe(true);
    expect(passesLuhn('79927398710')).toBe(false);
  });
});
