import DataLoader from 'dataloader';
import { requirePrincipal } from '../../platform/auth/require-principal.js';
import type { RequestContext } from '../../platform/request-context.js';
import type { Document } from './entities/document.entity.js';
import type { DocumentService } from './services/document-service.js';

export interface KnowledgeContext extends RequestContext {
  documents: DocumentService;
  helpArticlesByStatus: DataLoader<string, Document[]>;
}

export function createKnowledgeContext(caller: RequestContext, documents: DocumentService): KnowledgeContext {
  return {
    ...caller,
    documents,
    helpArticlesByStatus: new DataLoader((statuses) => documents.forOrderStatuses(requirePrincipal(caller).tenantId, statuses)),
  };
}
