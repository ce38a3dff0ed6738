/** A knowledge chunk an answer used; stored with the assistant message. */
export interface Citation {
  documentId: string;
  chunkId: string;
  title: string;
}
