import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import { buildPdf } from '../../../test/fixtures/knowledge/documents/build-pdf.js';
import { loadFixture } from '../../../test/fixtures/knowledge/documents/load-fixture.js';
import { DEFAULT_EXTRACT_LIMITS, extractText, type ExtractInput } from './extract-text.js';
import { contentHash, normaliseText } from './normalise-text.js';

async function errorOf(input: ExtractInput, limits = DEFAULT_EXTRACT_LIMITS): Promise<GraphQLError> {
  const error = await extractText(input, limits).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(GraphQLError);
  return error as GraphQLError;
}

const menuPdf = () =>
  buildPdf(
    [
      ['Trattoria Lumen - Allergen guide', 'All dishes can contain traces of nuts (see page 2).'],
      ['Gluten-free pasta is cooked in separate water.', 'Ask your server for the full allergen matrix.'],
    ],
    { title: 'Allergen guide' },
  );

describe('extractText', () => {
  it('keeps markdown as markdown and takes the first heading as title', async () => {
    const bytes = loadFixture('restaurant-policies.md');
    const doc = await extractText({ format: 'MARKDOWN', content: bytes });
    expect(doc.format).toBe('MARKDOWN');
    expect(doc.title).toBe('Trattoria Lumen — Guest Policies');
    expect(doc.text).toBe(normaliseText(new TextDecoder().decode(bytes)));
    expect(doc.text).toContain('```ts\nexport function refundAmount');
    expect(doc.text).toContain('| Zone | Distance');
  });

  it('renders HTML as markdown-like text without script, style, nav, header or footer', async () => {
    const doc = await extractText({ format: 'HTML', content: loadFixture('weekly-specials.html') });
    expect(doc.title).toBe('Weekly Specials & Opening Hours | Trattoria Lumen');
    expect(doc.text).not.toMatch(/tracking-pixel|analytics|font-family|Book a table|Careers|Privacy|©/);
    expect(doc.text).toMatch(/^# Weekly specials$/m);
    expect(doc.text).toMatch(/^## Monday to Thursday$/m);
    expect(doc.text).toMatch(/^### Pasta of the week$/m);
    expect(doc.text).toContain('not on the regular menu'); // inline <strong> kept as text
    expect(doc.text).toContain('16.50\u00a0EUR'); // &nbsp; decoded to U+00A0
    expect(doc.text).toContain('| Day | Lunch | Dinner |\n| --- | --- | --- |\n| Monday–Thursday | 12:00–14:30 | 18:30–22:00 |');
    expect(doc.text).toContain('```\ncurl -X POST https://api.example.test/orders \\\n  -d \'{"dish":"pasta-of-the-week","qty":2}\'\n```');
  });

  it('extracts text and title from a real PDF, page by page', async () => {
    const doc = await extractText({ format: 'PDF', content: menuPdf() });
    expect(doc).toEqual({
      format: 'PDF',
      title: 'Allergen guide',
      text: expect.stringContaining('All dishes can contain traces of nuts (see page 2).'),
    });
    expect(doc.text.indexOf('Trattoria Lumen')).toBeLessThan(doc.text.indexOf('Gluten-free pasta'));
    expect(doc.text).toMatch(/matrix\.$/);
  });

  it.each([0.2, 0.5, 0.9, 0.99])('rejects a PDF truncated to %d of its length as DOCUMENT_UNREADABLE', async (fraction) => {
    const pdf = menuPdf();
    const error = await errorOf({ format: 'PDF', content: pdf.subarray(0, Math.floor(pdf.length * fraction)) });
    expect(error.extensions).toMatchObject({ code: 'DOCUMENT_UNREADABLE', reason: 'TRUNCATED' });
  });

  it('rejects a PDF with a corrupt body as DOCUMENT_UNREADABLE', async () => {
    const pdf = menuPdf();
    pdf.fill(0x41, 16, pdf.length - 64); // keep the header and the %%EOF trailer
    const error = await errorOf({ format: 'PDF', content: pdf });
    expect(error.extensions).toMatchObject({ code: 'DOCUMENT_UNREADABLE', reason: 'CORRUPT' });
  });

  it('rejects content that is not a PDF, a PDF given as a string, and unknown formats as UNSUPPORTED_DOCUMENT', async () => {
    const notPdf = await errorOf({ format: 'PDF', content: loadFixture('weekly-specials.html') });
    expect(notPdf.extensions['code']).toBe('UNSUPPORTED_DOCUMENT');
    const pdfString = await errorOf({ format: 'PDF', content: '%PDF-1.4 ...' });
    expect(pdfString.extensions['code']).toBe('UNSUPPORTED_DOCUMENT');
    const docx = await errorOf({ format: 'DOCX' as ExtractInput['format'], content: 'x' });
    expect(docx.extensions['code']).toBe('UNSUPPORTED_DOCUMENT');
  });

  it('enforces the raw size, extracted length and PDF page limits with DOCUMENT_TOO_LARGE', async () => {
    const bytes = await errorOf({ format: 'TEXT', content: new Uint8Array(DEFAULT_EXTRACT_LIMITS.maxBytes + 1).fill(0x61) });
    expect(bytes.extensions).toMatchObject({ code: 'DOCUMENT_TOO_LARGE', limit: 10 * 1024 * 1024 });
    // a string is measured in UTF-8 bytes: 4 bytes per emoji
    const emoji = await errorOf({ format: 'TEXT', content: '🍝'.repeat(300) }, { ...DEFAULT_EXTRACT_LIMITS, maxBytes: 1000 });
    expect(emoji.extensions['code']).toBe('DOCUMENT_TOO_LARGE');
    const chars = await errorOf({ format: 'MARKDOWN', content: 'a'.repeat(101) }, { ...DEFAULT_EXTRACT_LIMITS, maxChars: 100 });
    expect(chars.extensions).toMatchObject({ code: 'DOCUMENT_TOO_LARGE', limit: 100 });
    const pages = await errorOf({ format: 'PDF', content: menuPdf() }, { ...DEFAULT_EXTRACT_LIMITS, maxPdfPages: 1 });
    expect(pages.extensions).toMatchObject({ code: 'DOCUMENT_TOO_LARGE', limit: 1 });
  });

  it('rejects invalid UTF-8 and documents without text as DOCUMENT_UNREADABLE', async () => {
    const latin1 = await errorOf({ format: 'TEXT', content: new Uint8Array([0x63, 0x61, 0x66, 0xe9]) });
    expect(latin1.extensions).toMatchObject({ code: 'DOCUMENT_UNREADABLE', reason: 'ENCODING' });
    const empty = await errorOf({ format: 'HTML', content: '<html><script>x()</script><nav>Menu</nav></html>' });
    expect(empty.extensions).toMatchObject({ code: 'DOCUMENT_UNREADABLE', reason: 'EMPTY' });
    const blankPdf = await errorOf({ format: 'PDF', content: buildPdf([[]]) });
    expect(blankPdf.extensions).toMatchObject({ code: 'DOCUMENT_UNREADABLE', reason: 'EMPTY' });
  });

  it('normalises plain text: BOM, CRLF, control characters, NFC', async () => {
    const doc = await extractText({ format: 'TEXT', content: '\uFEFFCafe\u0301 menu\r\nline\u0000 two\rthree\u0007\tend' });
    expect(doc).toEqual({ format: 'TEXT', text: 'Café menu\nline two\nthree\tend' });
  });
});

describe('contentHash', () => {
  it('is the sha256 of the normalised text, so line endings and composition do not change it', () => {
    expect(contentHash('Café\r\nMenu')).toBe(contentHash('Cafe\u0301\nMenu'));
    expect(contentHash('Café\nMenu')).toMatch(/^[0-9a-f]{64}$/);
    expect(contentHash('Café\nMenu')).not.toBe(contentHash('Café\nMenu.'));
    expect(contentHash('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
});
