import { convert, type DomNode, type FormatCallback, type HtmlToTextOptions } from 'html-to-text';

/**
 * HTML is rendered as markdown-like text so the markdown chunker can use its structure:
 * `<h1>`–`<h6>` become `#`–`######` lines, `<pre>` a fenced code block and `<table>` a GFM pipe table (so the
 * chunker keeps it whole). Everything else is plain text (lists as ` * item`, links without their URLs). Page chrome — script, style,
 * nav, header, footer, noscript, template, forms, iframes, svg — is dropped.
 */
const markdownHeading: FormatCallback = (elem, walk, builder) => {
  const level = Number(/^h([1-6])$/.exec(elem.name ?? '')?.[1] ?? 1);
  builder.openBlock({ leadingLineBreaks: 2 });
  builder.addLiteral(`${'#'.repeat(level)} `);
  walk(elem.children, builder);
  builder.closeBlock({ trailingLineBreaks: 2 });
};

const fencedPre: FormatCallback = (elem, walk, builder) => {
  builder.openBlock({ leadingLineBreaks: 2 });
  builder.addLiteral('```');
  builder.closeBlock({ trailingLineBreaks: 1 });
  builder.openBlock({ isPre: true, leadingLineBreaks: 1 });
  walk(elem.children, builder);
  builder.closeBlock({ trailingLineBreaks: 1 });
  builder.openBlock({ leadingLineBreaks: 1 });
  builder.addLiteral('```');
  builder.closeBlock({ trailingLineBreaks: 2 });
};

function nodeText(node: DomNode): string {
  if (node.type === 'text') return node.data ?? '';
  return node.name === 'br' ? ' ' : (node.children ?? []).map(nodeText).join('');
}

function descendants(node: DomNode, name: string, inside: string[] = []): DomNode[] {
  return (node.children ?? []).flatMap((child) =>
    child.name === name ? [child] : inside.includes(child.name ?? '') ? descendants(child, name, inside) : [],
  );
}

const markdownTable: FormatCallback = (elem, _walk, builder) => {
  const cell = (node: DomNode) => nodeText(node).replace(/\s+/g, ' ').trim().replace(/\|/g, '\\|');
  const rows = descendants(elem, 'tr', ['thead', 'tbody', 'tfoot']).map((tr) =>
    (tr.children ?? []).filter((c) => c.name === 'td' || c.name === 'th').map(cell),
  );
  const width = Math.max(0, ...rows.map((r) => r.length));
  if (width === 0) return;
  const line = (cells: string[]) => `| ${Array.from({ length: width }, (_, i) => cells[i] ?? '').join(' | ')} |`;
  const [header = [], ...body] = rows;
  builder.openBlock({ leadingLineBreaks: 2 });
  builder.addLiteral([line(header), line(Array(width).fill('---')), ...body.map(line)].join('\n'));
  builder.closeBlock({ trailingLineBreaks: 2 });
};

const DROPPED = ['script', 'style', 'nav', 'header', 'footer', 'noscript', 'template', 'form', 'iframe', 'svg', 'button'];

const options: HtmlToTextOptions = {
  wordwrap: false,
  formatters: { markdownHeading, fencedPre, markdownTable },
  selectors: [
    ...DROPPED.map((selector) => ({ selector, format: 'skip' })),
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, format: 'markdownHeading' })),
    { selector: 'pre', format: 'fencedPre' },
    { selector: 'a', options: { ignoreHref: true } },
    { selector: 'img', format: 'skip' },
    { selector: 'table', format: 'markdownTable' },
  ],
};

/** The page's `<title>` (falling back to its first `<h1>`), as plain text. */
function htmlTitle(html: string): string | undefined {
  const raw = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1] ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1];
  const title = raw === undefined ? '' : convert(raw, { wordwrap: false }).replace(/\s+/g, ' ').trim();
  return title || undefined;
}

export function extractHtml(html: string): { text: string; title?: string } {
  const text = convert(html, options);
  const title = htmlTitle(html);
  return title ? { text, title } : { text };
}
