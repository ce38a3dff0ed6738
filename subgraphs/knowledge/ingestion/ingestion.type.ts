import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { GraphQLISODateTime } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { INGESTION_JOB_STATUSES } from './ingestion-job.entity.js';
import { DocumentFormatEnum } from '../documents/document.type.js';
import { UploadScalar, type UploadedFile } from './upload.scalar.js';

export const IngestionJobStatusEnum = Object.fromEntries(INGESTION_JOB_STATUSES.map((status) => [status, status])) as Record<
  (typeof INGESTION_JOB_STATUSES)[number],
  (typeof INGESTION_JOB_STATUSES)[number]
>;
registerEnumType(IngestionJobStatusEnum, {
  name: 'IngestionJobStatus',
  description: 'QUEUED → EXTRACTING → CHUNKING → EMBEDDING → INDEXING → SUCCEEDED, or FAILED at any stage (nothing is then stored).',
});

@ObjectType('IngestionJob')
export class IngestionJobType {
  @Field(() => ID) id!: string;
  @Field(() => String, { description: 'INGEST or REINDEX' }) kind!: string;
  @Field(() => IngestionJobStatusEnum) status!: keyof typeof IngestionJobStatusEnum;
  @Field(() => String, { nullable: true }) title!: string | null;
  @Field(() => String, { nullable: true }) scope!: string | null;
  @Field(() => ID, { nullable: true, description: 'The ingested document, or the existing one when deduplicated.' }) documentId!:
    string | null;
  @Field(() => Boolean, { description: 'The same content was already indexed for this tenant; nothing new was stored.' })
  deduplicated!: boolean;
  @Field(() => Int) documentsTotal!: number;
  @Field(() => Int) documentsDone!: number;
  @Field(() => Int) chunksTotal!: number;
  @Field(() => Int) chunksEmbedded!: number;
  @Field(() => String, {
    nullable: true,
    description: 'Stable code of a failure: DOCUMENT_TOO_LARGE, UNSUPPORTED_DOCUMENT, DOCUMENT_UNREADABLE, …',
  })
  errorCode!: string | null;
  @Field(() => String, { nullable: true }) errorMessage!: string | null;
  @Field(() => GraphQLISODateTime) createdAt!: Date;
  @Field(() => GraphQLISODateTime) updatedAt!: Date;
  @Field(() => GraphQLISODateTime, { nullable: true }) finishedAt!: Date | null;
}

@InputType('IngestDocumentInput', { description: 'Give the content as exactly one of text, contentBase64 or file.' })
export class IngestDocumentInput {
  @Field(() => String, {
    nullable: true,
    description: "Defaults to the document's own title (first heading, <title>, PDF metadata) or first line.",
  })
  title?: string | null;
  @Field(() => String, { description: 'Lower-case slug such as menu, policies or faq; picks the chunking settings.' }) scope!: string;
  @Field(() => [String], { nullable: true }) tags?: string[] | null;
  @Field(() => GraphQLJSONObject, { nullable: true }) metadata?: Record<string, unknown> | null;
  @Field(() => DocumentFormatEnum) format!: keyof typeof DocumentFormatEnum;
  @Field(() => String, { nullable: true, description: 'TEXT, MARKDOWN or HTML content as a string.' }) text?: string | null;
  @Field(() => String, { nullable: true, description: 'Any format, base64-encoded (PDF must use this).' }) contentBase64?: string | null;
  @Field(() => UploadScalar, { nullable: true, description: 'The document as a multipart file upload; its file name becomes sourceName.' })
  file?: UploadedFile | null;
  @Field(() => String, { nullable: true, description: 'Original file name, kept for display.' }) sourceName?: string | null;
}
