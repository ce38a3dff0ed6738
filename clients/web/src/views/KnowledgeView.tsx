import { useLazyQuery, useMutation, useQuery, useSubscription } from '@apollo/client/react';
import { useState } from 'react';
import {
  DocumentsDocument,
  IngestDocumentDocument,
  IngestionProgressDocument,
  SearchKnowledgeDocument,
  type DocumentFormat,
  type SearchMode,
} from '../../../typescript/src/index.js';
import { ErrorBox } from '../errors.js';

const FORMATS: Record<string, DocumentFormat> = {
  md: 'MARKDOWN',
  markdown: 'MARKDOWN',
  txt: 'TEXT',
  html: 'HTML',
  htm: 'HTML',
  pdf: 'PDF',
};

/** Staff: upload documents (text, markdown, HTML, PDF), watch ingestion progress live, and search with highlights. */
export function KnowledgeView() {
  const documents = useQuery(DocumentsDocument, {});
  const [ingest, ingested] = useMutation(IngestDocumentDocument);
  const [scope, setScope] = useState('faq');
  const [jobId, setJobId] = useState<string>();
  const progress = useSubscription(IngestionProgressDocument, {
    variables: { jobId: jobId ?? '' },
    skip: !jobId,
    onData: ({ data }) => {
      const status = data.data?.ingestionProgress.status;
      if (status === 'SUCCEEDED' || status === 'FAILED') void documents.refetch();
    },
  });
  const job = progress.data?.ingestionProgress ?? ingested.data?.ingestDocument;
  const [query, setQuery] = useState('');
  const [mode, setMode] = useState<SearchMode>('HYBRID');
  const [search, searched] = useLazyQuery(SearchKnowledgeDocument, { fetchPolicy: 'network-only' });

  const upload = async (file: File) => {
    const format = FORMATS[file.name.split('.').pop()?.toLowerCase() ?? ''] ?? 'TEXT';
    const bytes = new Uint8Array(await file.arrayBuffer());
    const contentBase64 = btoa(Array.from(bytes, (byte) => String.fromCharCode(byte)).join(''));
    const result = await ingest({ variables: { input: { scope, format, contentBase64, sourceName: file.name } } });
    setJobId(result.data?.ingestDocument.id);
  };

  return (
    <section>
      <h1>Knowledge</h1>
      <div className="card row">
        <label>
          Scope <input aria-label="Scope" value={scope} onChange={(event) => setScope(event.target.value)} />
        </label>
        <label>
          Upload (text, markdown, HTML, PDF){' '}
          <input
            type="file"
            aria-label="Upload a document"
            accept=".txt,.md,.markdown,.html,.htm,.pdf"
            onChange={(event) => event.target.files?.[0] && void upload(event.target.files[0]).catch(() => undefined)}
          />
        </label>
      </div>
      <ErrorBox error={ingested.error ?? progress.error} />
      {job && (
        <div className="card" data-testid="ingestion" data-status={job.status}>
          <p>
            {job.title ?? 'Document'}: <strong>{job.status}</strong>
            {job.deduplicated && ' (already indexed)'}
          </p>
          <progress
            max={Math.max(job.chunksTotal, 1)}
            value={job.status === 'SUCCEEDED' ? Math.max(job.chunksTotal, 1) : job.chunksEmbedded}
          />
          <p className="muted">
            {job.chunksEmbedded} of {job.chunksTotal} chunks embedded
          </p>
          {job.errorCode && (
            <p className="error">
              <strong>{job.errorCode}</strong> {job.errorMessage}
            </p>
          )}
        </div>
      )}
      <form
        className="row"
        onSubmit={(event) => {
          event.preventDefault();
          void search({ variables: { query, mode, first: 10, rerank: false } }).catch(() => undefined);
        }}
      >
        <input
          aria-label="Search the knowledge base"
          placeholder="Search…"
          value={query}
          onChange={(event) => setQuery(event.target.value)}
        />
        <select aria-label="Search mode" value={mode} onChange={(event) => setMode(event.target.value as SearchMode)}>
          <option>HYBRID</option>
          <option>KEYWORD</option>
          <option>VECTOR</option>
        </select>
        <button>Search</button>
      </form>
      <ErrorBox error={searched.error} />
      <ol className="hits">
        {searched.data?.search.map((hit) => (
          <li key={hit.chunk.id} data-testid="search-hit">
            <strong>{hit.document.title}</strong> <span className="muted">{hit.chunk.headingPath.join(' › ')}</span>
            <p>
              <Highlight text={hit.highlight} />
            </p>
          </li>
        ))}
      </ol>
      <h2>Documents</h2>
      <ErrorBox error={documents.error} />
      <ul>
        {documents.data?.documents.map((document) => (
          <li key={document.id}>
            {document.title}{' '}
            <span className="muted">
              ({document.scope}, {document.format}, {document.chunkCount} chunks)
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The highlight's <mark> pairs become elements; everything else stays text (a document's own markup is never rendered). */
function Highlight({ text }: { text: string }) {
  return (
    <>
      {text
        .split(/(<mark>.*?<\/mark>)/s)
        .map((part, index) =>
          part.startsWith('<mark>') && part.endsWith('</mark>') ? <mark key={index}>{part.slice(6, -7)}</mark> : part,
        )}
    </>
  );
}
