import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Builds a tiny BERT-shaped feature-extraction model on disk, in the layout transformers.js reads
 * (`config.json`, `tokenizer.json`, `tokenizer_config.json`, `onnx/model.onnx`), so the real loading and
 * inference path can be tested without downloading weights.
 *
 * The ONNX graph is one `Gather(embeddings, input_ids)`: each token's "hidden state" is its row of a
 * seeded random embedding table. Mean pooling then averages word vectors, so texts sharing words embed
 * closer together — enough to check pooling, normalisation and ordering end to end.
 */

// --- minimal protobuf writer (only the wire types ONNX needs) ---------------------------------------

function varint(value: number | bigint): number[] {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: number[] = [];
  do {
    let byte = Number(v & 0x7fn);
    v >>= 7n;
    if (v !== 0n) byte |= 0x80;
    out.push(byte);
  } while (v !== 0n);
  return out;
}

const tag = (field: number, wireType: number): number[] => varint((field << 3) | wireType);
const intField = (field: number, value: number | bigint): number[] => [...tag(field, 0), ...varint(value)];
function bytesField(field: number, bytes: Uint8Array | number[]): number[] {
  return [...tag(field, 2), ...varint(bytes.length), ...bytes];
}
const stringField = (field: number, value: string): number[] => bytesField(field, [...new TextEncoder().encode(value)]);

// --- ONNX messages (field numbers from onnx/onnx.proto) ---------------------------------------------

const FLOAT = 1;
const INT64 = 7;

/** ValueInfoProto{name=1, type=2: TypeProto{tensor_type=1: {elem_type=1, shape=2: {dim=1: {dim_value=1 | dim_param=2}}}}} */
function valueInfo(name: string, elemType: number, dims: (number | string)[]): number[] {
  const shape = dims.flatMap((d) => bytesField(1, typeof d === 'number' ? intField(1, d) : stringField(2, d)));
  const tensorType = [...intField(1, elemType), ...bytesField(2, shape)];
  return [...stringField(1, name), ...bytesField(2, bytesField(1, tensorType))];
}

/** TensorProto{dims=1, data_type=2, name=8, raw_data=9 (little-endian floats)} */
function floatTensor(name: string, dims: number[], values: Float32Array): number[] {
  const raw = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  return [...dims.flatMap((d) => intField(1, d)), ...intField(2, FLOAT), ...stringField(8, name), ...bytesField(9, raw)];
}

/** NodeProto{input=1, output=2, name=3, op_type=4} */
function node(opType: string, inputs: string[], outputs: string[]): number[] {
  return [...inputs.flatMap((i) => stringField(1, i)), ...outputs.flatMap((o) => stringField(2, o)), ...stringField(3, `${opType}_0`), ...stringField(4, opType)];
}

/** ModelProto bytes for `last_hidden_state = Gather(embeddings, input_ids)`. */
export function gatherModel(table: Float32Array, vocabSize: number, dims: number, inputNames: string[]): Uint8Array {
  const graph = [
    ...bytesField(1, node('Gather', ['embeddings', 'input_ids'], ['last_hidden_state'])),
    ...stringField(2, 'tiny-embedder'),
    ...bytesField(5, floatTensor('embeddings', [vocabSize, dims], table)),
    ...inputNames.flatMap((name) => bytesField(11, valueInfo(name, INT64, ['batch_size', 'sequence_length']))),
    ...bytesField(12, valueInfo('last_hidden_state', FLOAT, ['batch_size', 'sequence_length', dims])),
  ];
  const model = [
    ...intField(1, 8), // ir_version 8 (ONNX 1.12+), which every onnxruntime since 1.13 reads
    ...stringField(2, 'ragline-test'),
    ...bytesField(7, graph),
    ...bytesField(8, [...stringField(1, ''), ...intField(2, 13)]), // default domain, opset 13
  ];
  return Uint8Array.from(model);
}

// --- tokenizer + config -------------------------------------------------------------------------------

const SPECIAL = ['[PAD]', '[UNK]', '[CLS]', '[SEP]'];

/** mulberry32: a seeded PRNG so the fixture's weights (and hence its vectors) are identical on every run. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface TinyModelOptions {
  /** Lower-case words in the vocabulary (special tokens are added). */
  words: string[];
  dimensions: number;
  /** Declare a `token_type_ids` graph input, as real BERT exports do. @default true */
  tokenTypeIds?: boolean;
  seed?: number;
}

/** Writes the model into `dir` and returns the directory. */
export async function writeTinyModel(dir: string, options: TinyModelOptions): Promise<string> {
  const vocabList = [...SPECIAL, ...new Set(options.words.map((w) => w.toLowerCase()))];
  const vocab = Object.fromEntries(vocabList.map((w, i) => [w, i]));
  const random = seededRandom(options.seed ?? 42);
  const table = new Float32Array(vocabList.length * options.dimensions).map(() => random() * 2 - 1);
  // Special tokens get zero vectors so [CLS]/[SEP] (present in every text) do not pull all texts together.
  table.fill(0, 0, SPECIAL.length * options.dimensions);

  const inputs = ['input_ids', 'attention_mask', ...(options.tokenTypeIds === false ? [] : ['token_type_ids'])];
  await mkdir(join(dir, 'onnx'), { recursive: true });
  await writeFile(join(dir, 'onnx', 'model.onnx'), gatherModel(table, vocabList.length, options.dimensions, inputs));
  await writeFile(
    join(dir, 'config.json'),
    JSON.stringify({ model_type: 'bert', architectures: ['BertModel'], hidden_size: options.dimensions, vocab_size: vocabList.length }),
  );
  await writeFile(
    join(dir, 'tokenizer.json'),
    JSON.stringify({
      version: '1.0',
      truncation: null,
      padding: null,
      added_tokens: SPECIAL.map((content, id) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
      normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
      pre_tokenizer: { type: 'BertPreTokenizer' },
      post_processor: { type: 'BertProcessing', sep: ['[SEP]', 3], cls: ['[CLS]', 2] },
      decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
      model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab },
    }),
  );
  await writeFile(
    join(dir, 'tokenizer_config.json'),
    JSON.stringify({
      tokenizer_class: 'BertTokenizer',
      do_lower_case: true,
      model_max_length: 512,
      cls_token: '[CLS]',
      sep_token: '[SEP]',
      pad_token: '[PAD]',
      unk_token: '[UNK]',
    }),
  );
  return dir;
}
