import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLISODateTime } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { DOCUMENT_FORMATS } from '../ingestion/extract-text.js';

export const DocumentFormatEnum = Object.fromEntries(DOCUMENT_FORMATS.map((format) => [format, format])) as Record<
  (typeof DOCUMENT_FORMATS)[number],
  (typeof DOCUMENT_FORMATS)[number]
>;
registerEnumType(DocumentFormatEnum, {
  name: 'DocumentFormat',
  description: 'HTML is rendered to markdown-like text; PDF text is extracted page by page.',
});

@ObjectType('Document', { description: 'A knowledge-base document of one tenant (policy, FAQ, menu notes).' })
export class DocumentType {
  @Field(() => ID) id!: string;
  @Field(() => String) title!: string;
  @Field(() => String, { description: 'e.g. policies, faq, menu' }) scope!: string;
  @Field(() => String, { description: 'The extracted, normalised text.' }) body!: string;
  @Field(() => [String]) tags!: string[];
  @Field(() => DocumentFormatEnum) format!: keyof typeof DocumentFormatEnum;
  @Field(() => GraphQLJSONObject, { description: 'What the uploader attached (source URL, author, …).' }) metadata!: Record<
    string,
    unknown
  >;
  @Field(() => Int) chunkCount!: number;
  @Field(() => Int, { description: 'Size of the uploaded content in bytes.' }) byteSize!: number;
  @Field(() => String, { nullable: true, description: 'File name of an upload.' }) sourceName!: string | null;
  @Field(() => String, { description: 'sha256 of the extracted text: ingesting the same content again returns this document.' })
  contentHash!: string;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
  @Field(() => GraphQLISODateTime) updatedAt!: Date;
}

@ObjectType('Chunk', { description: 'A piece of a document as indexed for search.' })
export class ChunkType {
  @Field(() => ID) id!: string;
  @Field(() => ID) documentId!: string;
  @Field(() => Int, { description: 'Position in the document, from 0.' }) ordinal!: number;
  @Field(() => String) text!: string;
  @Field(() => [String], { description: 'Enclosing markdown/HTML headings, outermost first.' }) headingPath!: string[];
  @Field(() => Int) tokenCount!: number;
}
