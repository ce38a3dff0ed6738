import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { SEARCH_MODES } from './search-service.js';
import { ChunkType, DocumentType } from '../documents/document.type.js';

export const SearchModeEnum = Object.fromEntries(SEARCH_MODES.map((mode) => [mode, mode])) as Record<
  (typeof SEARCH_MODES)[number],
  (typeof SEARCH_MODES)[number]
>;
registerEnumType(SearchModeEnum, {
  name: 'SearchMode',
  description: 'VECTOR: embedding similarity (HNSW). KEYWORD: PostgreSQL full text. HYBRID: both, fused by reciprocal rank.',
});

@ObjectType('SearchHit')
export class SearchHitType {
  @Field(() => ChunkType) chunk!: ChunkType;
  @Field(() => DocumentType) document!: DocumentType;
  @Field(() => Float, { description: "The last stage's score: cosine similarity, ts_rank_cd, RRF or the reranker's; higher is better." })
  score!: number;
  @Field(() => String, { description: 'The best-matching fragments with query words in <mark></mark>.' }) highlight!: string;
}

@ObjectType('ContextPassage', { description: 'A chunk chosen for a prompt, with what is needed to cite it.' })
export class ContextPassageType {
  @Field(() => ID) chunkId!: string;
  @Field(() => ID) documentId!: string;
  @Field(() => String) documentTitle!: string;
  @Field(() => [String]) headingPath!: string[];
  @Field(() => String) text!: string;
  @Field(() => Float) score!: number;
}

@ObjectType('AssembledContext', { description: 'Search results fitted into a token budget, near-duplicates dropped, best first.' })
export class AssembledContextType {
  @Field(() => [ContextPassageType]) passages!: ContextPassageType[];
  @Field(() => Int, { description: 'Tokens (cl100k) of all passage texts.' }) tokenCount!: number;
  @Field(() => Int, { description: 'Hits left out as near-duplicates or for the budget.' }) droppedCount!: number;
}

export { ChunkType };
