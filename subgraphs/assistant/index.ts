import { resolve } from 'node:path';
import { buildFederatedSchema } from '../../platform/server/build-federated-schema.js';
import type { SubgraphDefinition } from '../../platform/server/subgraph-definition.js';
import { createAssistantContext, type AssistantContext } from './context.js';
import { PromptResolver } from './graphql/prompt.resolver.js';
import { PromptRegistry } from './prompts/prompt-registry.js';

export interface AssistantSubgraphOptions {
  /** Folder of `*.yaml` prompt files, watched for changes. */
  promptsDir: string;
}

export function createAssistantSubgraph(options: AssistantSubgraphOptions): SubgraphDefinition<AssistantContext> {
  return {
    name: 'assistant',
    buildSchema: () => buildFederatedSchema({ resolvers: [PromptResolver] }),

    async start({ logger, bus }) {
      const prompts = await PromptRegistry.open({ dir: options.promptsDir, logger: logger.child({ component: 'prompts' }) });
      return {
        createContext: (caller) => createAssistantContext(caller, { prompts }),
        async checkReadiness() {
          if (prompts.size === 0) throw new Error('no prompts loaded');
          await bus.ping();
          return { prompts: 'ok', eventBus: 'ok' };
        },
        close: () => prompts.close(),
      };
    },
  };
}

/** The assistant with prompts from `./prompts` under the working directory. */
export const assistantSubgraph = createAssistantSubgraph({ promptsDir: resolve(process.cwd(), 'prompts') });
