import { basename, isAbsolute } from 'node:path';
import type { DataType, FeatureExtractionPipeline } from '@huggingface/transformers';
import type { Embedder, EmbeddingPurpose } from './embedder.js';
import { EmbeddingError, EmbeddingErrorCode } from './embedding-error.js';

export interface TransformersEmbedderOptions {
  /**
   * A Hugging Face hub id (`Xenova/all-MiniLM-L6-v2`, resolved under `localModelPath`, then the hub) or a path to a
   * model directory (`/models/bge-small`, `./models/x`) holding `config.json`, `tokenizer.json`,
   * `tokenizer_config.json` and `onnx/model.onnx` (or `onnx/model_<dtype>.onnx`).
   */
  model: string;
  /**
   * Directory searched for hub ids before the network (`<localModelPath>/<owner>/<name>/…`).
   * transformers.js keeps this in its process-wide `env`, so it applies to every model loaded afterwards.
   */
  localModelPath?: string;
  /** Allow downloads from the hub (process-wide `env.allowRemoteModels`). Unset leaves the library default (true). */
  allowRemoteModels?: boolean;
  /** Where downloaded files are cached. @default transformers.js' own (`node_modules/@huggingface/transformers/.cache`) */
  cacheDir?: string;
  /** Which ONNX weights to load: `fp32` reads `onnx/model.onnx`, `q8` `onnx/model_quantized.onnx`, … @default 'fp32' */
  dtype?: DataType;
  /** Sentence-transformers models are mean-pooled; BGE/GTE-style models use the CLS token. @default 'mean' */
  pooling?: 'mean' | 'cls';
  /** Prefixes some models expect (e5: `query: ` / `passage: `; bge: a query instruction). @default none */
  queryPrefix?: string;
  documentPrefix?: string;
  /** Texts per forward pass; padding makes a batch as long as its longest text, so keep it modest. @default 32 */
  maxBatchSize?: number;
  /** Expected vector size. When set, a model that answers with another size fails to load instead of corrupting an index. */
  dimensions?: number;
  /** Name used in `id`. @default the hub id, or a directory's base name (absolute paths would tie stored vectors to one machine) */
  name?: string;
}

type Pipeline = FeatureExtractionPipeline;

/**
 * Runs a sentence-embedding model in-process with transformers.js (ONNX Runtime). Build it with
 * {@link TransformersEmbedder.load}: the model is loaded once and its vector size measured from a real forward
 * pass (models with a projection head answer with a size other than `config.hidden_size`).
 */
export class TransformersEmbedder implements Embedder {
  readonly id: string;
  readonly dimensions: number;

  private constructor(
    private readonly extractor: Pipeline,
    private readonly options: TransformersEmbedderOptions,
    dimensions: number,
  ) {
    this.dimensions = dimensions;
    this.id = embedderId(options, dimensions);
  }

  static async load(options: TransformersEmbedderOptions): Promise<TransformersEmbedder> {
    const extractor = await loadPipeline(options);
    let probe: Float32Array[];
    try {
      probe = await runBatch(extractor, ['dimension probe'], options);
    } catch (error) {
      await extractor.dispose().catch(() => undefined);
      throw error;
    }
    const dimensions = probe[0]!.length;
    if (options.dimensions !== undefined && options.dimensions !== dimensions) {
      await extractor.dispose().catch(() => undefined);
      throw new EmbeddingError(
        EmbeddingErrorCode.DimensionMismatch,
        `model ${options.model} produces ${dimensions}-dimensional vectors, configured for ${options.dimensions}`,
      );
    }
    return new TransformersEmbedder(extractor, options, dimensions);
  }

  async embed(texts: string[], purpose: EmbeddingPurpose): Promise<Float32Array[]> {
    const prefix = (purpose === 'query' ? this.options.queryPrefix : this.options.documentPrefix) ?? '';
    const batchSize = Math.max(1, this.options.maxBatchSize ?? 32);
    const out: Float32Array[] = [];
    for (let start = 0; start < texts.length; start += batchSize) {
      const batch = texts.slice(start, start + batchSize).map((t) => prefix + t);
      out.push(...(await runBatch(this.extractor, batch, this.options)));
    }
    return out;
  }

  /** Releases the ONNX Runtime session (native memory). */
  async dispose(): Promise<void> {
    await this.extractor.dispose();
  }
}

/** `transformers:<model>:<dims>`, plus every non-default setting that changes the vectors. */
function embedderId(options: TransformersEmbedderOptions, dimensions: number): string {
  const name = options.name ?? (isPath(options.model) ? basename(options.model) : options.model);
  const dtype = options.dtype && options.dtype !== 'fp32' ? `:${options.dtype}` : '';
  const pooling = options.pooling === 'cls' ? ':cls' : '';
  const prefixes = options.queryPrefix || options.documentPrefix ? `:${options.queryPrefix ?? ''}|${options.documentPrefix ?? ''}` : '';
  return `transformers:${name}:${dimensions}${dtype}${pooling}${prefixes}`;
}

function isPath(model: string): boolean {
  return isAbsolute(model) || model.startsWith('./') || model.startsWith('../');
}

async function loadPipeline(options: TransformersEmbedderOptions): Promise<Pipeline> {
  try {
    // Imported lazily: transformers.js pulls in ONNX Runtime's native binding, which deployments that embed
    // lexically or over HTTP should neither load nor need.
    const { env, pipeline } = await import('@huggingface/transformers');
    if (options.localModelPath !== undefined) env.localModelPath = options.localModelPath;
    if (options.allowRemoteModels !== undefined) env.allowRemoteModels = options.allowRemoteModels;
    return (await pipeline('feature-extraction', options.model, {
      dtype: options.dtype ?? 'fp32',
      ...(options.cacheDir !== undefined ? { cache_dir: options.cacheDir } : {}),
    })) as Pipeline;
  } catch (error) {
    throw new EmbeddingError(EmbeddingErrorCode.ModelUnavailable, unavailableMessage(options, error), { cause: error });
  }
}

/** Names the model, what went wrong, and how to supply the files — the usual cause is an offline machine. */
function unavailableMessage(options: TransformersEmbedderOptions, error: unknown): string {
  const reason = error instanceof Error ? error.message : String(error);
  const weights = `onnx/${weightsFile(options.dtype ?? 'fp32')}`;
  const where = isPath(options.model)
    ? `the directory ${options.model}`
    : `<localModelPath>/${options.model} (localModelPath: ${options.localModelPath ?? 'the transformers.js default'}) or the Hugging Face hub`;
  return (
    `transformers.js model "${options.model}" could not be loaded from ${where}: ${reason}. ` +
    `Supply it by copying config.json, tokenizer.json, tokenizer_config.json and ${weights} from an ONNX export ` +
    `(e.g. the Xenova/* repos, or \`optimum-cli export onnx\`) into that directory, or allow downloads (allowRemoteModels) on a machine with network access.`
  );
}

/** transformers.js' file naming per dtype (its DEFAULT_DTYPE_SUFFIX_MAPPING, which the package does not export). */
function weightsFile(dtype: DataType): string {
  if (dtype === 'fp32') return 'model.onnx';
  if (dtype === 'q8') return 'model_quantized.onnx';
  if (dtype === 'auto') return 'model.onnx (or the file of the dtype the model config selects)';
  return `model_${dtype}.onnx`;
}

async function runBatch(extractor: Pipeline, texts: string[], options: TransformersEmbedderOptions): Promise<Float32Array[]> {
  if (texts.length === 0) return [];
  let output: Awaited<ReturnType<Pipeline['_call']>>;
  try {
    output = await extractor(texts, { pooling: options.pooling ?? 'mean', normalize: true });
  } catch (error) {
    throw new EmbeddingError(
      EmbeddingErrorCode.InferenceFailed,
      `transformers.js model "${options.model}" failed: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
  const [rows, dims] = output.dims;
  if (output.dims.length !== 2 || rows !== texts.length || !dims || (output.type !== 'float32' && output.type !== 'float16')) {
    throw new EmbeddingError(
      EmbeddingErrorCode.InvalidResponse,
      `transformers.js model "${options.model}" returned a ${output.type} tensor of shape [${output.dims.join(', ')}] for ${texts.length} texts; expected float32 [${texts.length}, dims]`,
    );
  }
  // fp16 models may answer in half precision; callers and stores expect float32.
  const data = output.data instanceof Float32Array ? output.data : Float32Array.from(output.data as ArrayLike<number>);
  // Copies, so callers (and caches) never hold views onto one shared tensor buffer.
  return Array.from({ length: rows }, (_, i) => data.slice(i * dims, (i + 1) * dims));
}

/** Factory in the style of {@link createOpenAIEmbedder}. */
export function createTransformersEmbedder(options: TransformersEmbedderOptions): Promise<TransformersEmbedder> {
  return TransformersEmbedder.load(options);
}
