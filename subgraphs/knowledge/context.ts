import DataLoader from 'dataloader';
import { requirePrincipal } from '../../platform/auth/require-principal.js';
import type { RequestContext } from '../../platform/request-context.js';
import type { Document } from './documents/document.entity.js';
import type { DocumentService } from './documents/document-service.js';
import type { HelpArticlesCache } from './help-articles/help-articles-cache.js';
import type { IngestionJobService } from './ingestion/ingestion-job-service.js';
import type { IngestionService } from './ingestion/ingestion-service.js';
import type { ChunkWindow } from './search/chunk-repository.js';
import type { StoredChunk } from './search/chunk-rows.js';
import type { SearchService } from './search/search-service.js';

export interface KnowledgeServices {
  documents: DocumentService;
  ingestion: IngestionService;
  jobs: IngestionJobService;
  search: SearchService;
  helpArticles: HelpArticlesCache;
}

export interface KnowledgeContext extends RequestContext, KnowledgeServices {
  helpArticlesByStatus: DataLoader<string, Document[]>;
  documentById: DataLoader<string, Document | null>;
  /** One loader per window (`offset:first`) of Document.chunks asked for in the request. */
  chunksByDocument: (window: ChunkWindow) => DataLoader<string, StoredChunk[]>;
}

/** Loaders are per request and tenant-scoped: a batch never mixes tenants. */
export function createKnowledgeContext(caller: RequestContext, services: KnowledgeServices): KnowledgeContext {
  const tenantId = () => requirePrincipal(caller).tenantId;
  const chunkLoaders = new Map<string, DataLoader<string, StoredChunk[]>>();
  return {
    ...caller,
    ...services,
    helpArticlesByStatus: new DataLoader((statuses) => services.helpArticles.forStatuses(tenantId(), statuses)),
    documentById: new DataLoader(async (ids) => {
      const found = await services.documents.getMany(tenantId(), ids);
      return ids.map((id) => found.get(id) ?? null);
    }),
    chunksByDocument: (window) => {
      const key = `${window.offset}:${window.first}`;
      let loader = chunkLoaders.get(key);
      if (!loader) {
        loader = new DataLoader((documentIds) => services.documents.chunksOfDocuments(tenantId(), documentIds, window));
        chunkLoaders.set(key, loader);
      }
      return loader;
    },
  };
}
