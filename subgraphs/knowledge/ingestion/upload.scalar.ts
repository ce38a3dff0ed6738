import { GraphQLError, GraphQLScalarType } from 'graphql';

export interface UploadedFile {
  filename: string;
  mimetype: string;
  bytes: Uint8Array;
}

const invalid = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field: 'file' } });

/**
 * A file from a GraphQL multipart request. The gateway parses the multipart body and inlines each file as
 * `{ filename, mimetype, base64 }` for the subgraph hop (see gateway/multipart-request.ts); that is the value parsed here.
 */
export const UploadScalar = new GraphQLScalarType<UploadedFile, never>({
  name: 'Upload',
  description: 'A file sent as a GraphQL multipart request (graphql-multipart-request-spec) through the gateway.',
  parseValue(value) {
    const upload = value as Partial<{ filename: unknown; mimetype: unknown; base64: unknown }> | null;
    if (typeof upload !== 'object' || upload === null || typeof upload.base64 !== 'string') {
      throw invalid('Upload values come from a multipart request: send the file as a multipart form part, not inline.');
    }
    return {
      filename: typeof upload.filename === 'string' ? upload.filename : 'upload',
      mimetype: typeof upload.mimetype === 'string' ? upload.mimetype : 'application/octet-stream',
      bytes: new Uint8Array(Buffer.from(upload.base64, 'base64')),
    };
  },
  parseLiteral() {
    throw invalid('Upload cannot be written inline in a query; send it as a multipart file.');
  },
  serialize() {
    throw new Error('Upload is an input-only scalar');
  },
});
