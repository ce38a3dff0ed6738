import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPERATION_NOT_TRUSTED, TrustedDocuments } from './trusted-documents.js';

const QUERY = '{ __typename }';
const sha = (algorithm: string, text = QUERY) => createHash(algorithm).update(text).digest('hex');

describe('TrustedDocuments', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'manifest-'));
  });
  afterAll(() => rm(directory, { recursive: true, force: true }));

  const manifestFile = async (content: string) => {
    const path = join(directory, `${Math.random()}.json`);
    await writeFile(path, content);
    return path;
  };

  it('refuses a missing or malformed manifest, naming the variable', async () => {
    await expect(TrustedDocuments.load(join(directory, 'missing.json'))).rejects.toThrow(/TRUSTED_DOCUMENTS: cannot read/);
    for (const content of ['not json', '["{ a }"]', '{ "h": 1 }', '{ "h": " " }', 'null']) {
      await expect(TrustedDocuments.load(await manifestFile(content)), content).rejects.toThrow(/TRUSTED_DOCUMENTS/);
    }
  });

  it('finds a document by its key or the sha256 of its text, and trusts exactly the listed texts', async () => {
    const trusted = await TrustedDocuments.load(await manifestFile(JSON.stringify({ [sha('sha1')]: QUERY })));
    expect(trusted.lookup(sha('sha1'))).toBe(QUERY);
    expect(trusted.lookup(sha('sha256'))).toBe(QUERY);
    expect(trusted.lookup(sha('sha256', `${QUERY} `))).toBeUndefined();
    expect(trusted.isTrusted(QUERY)).toBe(true);
    expect(trusted.isTrusted(`${QUERY} `)).toBe(false);
    expect(trusted.check({ query: QUERY })).toBeUndefined();
    expect(trusted.check({ documentId: `sha256:${sha('sha256')}` })).toBeUndefined();
    expect(trusted.check({ extensions: { persistedQuery: { version: 1, sha256Hash: sha('sha256', 'x') } } })?.extensions.code).toBe(
      OPERATION_NOT_TRUSTED,
    );
    expect(trusted.check({ query: '{ me { id } }' })?.extensions.code).toBe(OPERATION_NOT_TRUSTED);
    await trusted.asPersistedQueryCache().set();
    expect(await trusted.asPersistedQueryCache().get(`apq:${sha('sha256')}`)).toBe(QUERY);
  });
});
