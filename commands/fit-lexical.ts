import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { closeAllEmbeddedPglite } from '../db/embedded-pglite.js';
import { openSubgraphDatabaseFor } from '../db/open-subgraph-database-for.js';
import { allDocumentTexts } from '../subgraphs/knowledge/documents/document-repository.js';
import { LexicalEmbedder } from '../subgraphs/knowledge/embeddings/lexical-embedder.js';
import { knowledgeSubgraph } from '../subgraphs/knowledge/index.js';
import { createLogger } from '../platform/logger.js';
import { loadConfigOrExit } from './load-config-or-exit.js';

/**
 * `npm run knowledge:fit-lexical -- --out stats.json`: fits the offline lexical embedder's corpus statistics (document
 * frequencies, norm cap) on every document in the knowledge database and writes them as JSON. Point
 * EMBEDDING_LEXICAL_STATISTICS at the file, restart, and run `reindex` per tenant: the embedder ID changes with them.
 */
const { values } = parseArgs({ options: { out: { type: 'string' } } });
if (!values.out) {
  console.error('usage: npm run knowledge:fit-lexical -- --out <file.json>');
  process.exit(64);
}
const config = loadConfigOrExit();
const database = await openSubgraphDatabaseFor(knowledgeSubgraph, {
  config,
  logger: createLogger({ level: 'warn', service: 'fit-lexical' }),
});
const documents = await allDocumentTexts(database.em());
const embedder = LexicalEmbedder.fit(documents.map((document) => ({ title: document.title, text: document.body })));
await writeFile(values.out, JSON.stringify(embedder.toJSON()));
console.log(`fitted ${embedder.id} on ${documents.length} documents → ${values.out}`);
await database.close();
await closeAllEmbeddedPglite();
