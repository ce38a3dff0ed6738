import type { ModelCallRecord } from '../../../platform/model-gateway/call-record.js';
import { recordModelCall } from '../../../platform/model-gateway/gen-ai-metrics.js';
import type { Config } from '../../../platform/config.js';
import { createModelGateway } from '../../../platform/model-gateway/model-gateway.js';
import { createOpenAICompatibleProvider } from '../../../platform/model-gateway/openai-compatible-provider.js';
import { createHttpReranker } from './http-reranker.js';
import { createLlmReranker } from './llm-reranker.js';
import { OfflineReranker } from './offline-reranker.js';
import type { Reranker } from './reranker.js';

/**
 * The reranker the configuration names. The offline one counts term rarity among the candidates themselves, which
 * ranked better on SciFact train than the embedder's corpus statistics (retrieval-eval/README.md).
 */
export function createReranker(config: Config): Reranker {
  switch (config.RERANKER) {
    case 'offline':
      return new OfflineReranker();
    case 'http':
      return createHttpReranker({
        api: config.RERANK_API,
        url: config.RERANK_URL!,
        ...(config.RERANK_MODEL ? { model: config.RERANK_MODEL } : {}),
        ...(config.OPENAI_API_KEY ? { apiKey: config.OPENAI_API_KEY } : {}),
      });
    case 'llm': {
      if (!config.OPENAI_BASE_URL || !config.RERANK_MODEL)
        throw new Error('RERANKER=llm needs OPENAI_BASE_URL and RERANK_MODEL (a chat model)');
      const provider = createOpenAICompatibleProvider({
        name: 'rerank',
        baseURL: config.OPENAI_BASE_URL,
        apiKey: config.OPENAI_API_KEY ?? 'unused',
        model: config.RERANK_MODEL,
        timeoutMs: 30_000,
      });
      // Its calls are GenAI calls too: the same metrics, under a prompt of their own (it has no prompt file or variants).
      const onCallRecord = (record: ModelCallRecord) => recordModelCall(record, { prompt: 'knowledge-rerank', variant: 'builtin' });
      return createLlmReranker({ model: createModelGateway({ providers: [provider], onCallRecord }) });
    }
  }
}
