/**
 * GraphQL multipart requests (https://github.com/jaydenseric/graphql-multipart-request-spec), as sent by
 * apollo-upload-client, urql and Apollo Sandbox. The gateway forwards JSON to subgraphs, so each file is inlined
 * where the `map` says, as `{ filename, mimetype, base64 }`: the value the `Upload` scalar of a subgraph parses.
 */
export interface InlinedUpload {
  filename: string;
  mimetype: string;
  base64: string;
}

export class MultipartRequestError extends Error {
  readonly status = 400;
}

export function isMultipart(contentType: string | undefined): contentType is string {
  return /^multipart\/form-data\b/i.test(contentType ?? '');
}

export async function parseMultipartRequest(body: Buffer, contentType: string): Promise<unknown> {
  let form: FormData;
  try {
    form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new MultipartRequestError('The multipart body cannot be parsed');
  }
  const operations = parseField(form, 'operations');
  const map = parseField(form, 'map');
  if (typeof map !== 'object' || map === null || Array.isArray(map))
    throw new MultipartRequestError('The "map" field must be a JSON object');
  for (const [key, paths] of Object.entries(map as Record<string, unknown>)) {
    const file = form.get(key);
    if (!(file instanceof Blob)) throw new MultipartRequestError(`The map names file "${key}", which the request does not contain`);
    if (!Array.isArray(paths) || paths.some((path) => typeof path !== 'string'))
      throw new MultipartRequestError(`map["${key}"] must be an array of object paths`);
    const upload: InlinedUpload = {
      filename: file instanceof File ? file.name : key,
      mimetype: file.type || 'application/octet-stream',
      base64: Buffer.from(await file.arrayBuffer()).toString('base64'),
    };
    for (const path of paths as string[]) setAtPath(operations, path, upload);
  }
  return operations;
}

function parseField(form: FormData, name: string): unknown {
  const value = form.get(name);
  if (typeof value !== 'string') throw new MultipartRequestError(`The multipart request has no "${name}" field`);
  try {
    return JSON.parse(value);
  } catch {
    throw new MultipartRequestError(`The "${name}" field is not valid JSON`);
  }
}

/** Replaces the `null` placeholder at a dotted path such as `variables.input.file` or `0.variables.files.1`. */
function setAtPath(root: unknown, path: string, value: unknown): void {
  const keys = path.split('.');
  let target = root as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) {
    const next = target?.[key];
    if (typeof next !== 'object' || next === null)
      throw new MultipartRequestError(`The map path "${path}" does not exist in the operations`);
    target = next as Record<string, unknown>;
  }
  const last = keys.at(-1)!;
  if (!(last in target) || target[last] !== null)
    throw new MultipartRequestError(`The map path "${path}" must point at a null placeholder`);
  target[last] = value;
}
