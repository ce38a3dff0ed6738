import DataLoader from 'dataloader';
import { requirePrincipal } from '../../platform/auth/require-principal.js';
import type { RequestContext } from '../../platform/request-context.js';
import type { Document } from './entities/document.entity.js';
import type { DocumentService } from './services/document-service.js';
import type { HelpArticlesCache } from './services/help-articles-cache.js';

export interface KnowledgeServices {
  documents: DocumentService;
  helpArticles: HelpArticlesCache;
}

export interface KnowledgeContext extends RequestContext, KnowledgeServices {
  helpArticlesByStatus: DataLoader<string, Document[]>;
}

export function createKnowledgeContext(caller: RequestContext, services: KnowledgeServices): KnowledgeContext {
  return {
    ...caller,
    ...services,
    helpArticlesByStatus: new DataLoader((statuses) => services.helpArticles.forStatuses(requirePrincipal(caller).tenantId, statuses)),
  };
}
