import { GraphQLError, Kind, type ValueNode } from 'graphql';
import { ErrorCode } from '../errors.js';

/** The limits `InputValueChecker` applies (see `InputLimits` in input-hygiene.ts). */
export interface ValueLimits {
  maxDepth: number;
  maxStringBytes: number;
  largeStrings?: Readonly<Record<string, number>>;
}

/** A value to check: a literal of the document or a JSON value (a variable's). */
export type InputValue = { ast: ValueNode } | { value: unknown };

/** One open input object, list or JSON container: its path segment and the children still to visit. */
interface Frame {
  segment: string;
  size: number;
  index: number;
  child(index: number): { segment: string; key?: string } & InputValue;
}

/** Paired surrogates form one code point, so with the `u` flag only unpaired ones match. */
const LONE_SURROGATE = /\p{Cs}/u;
const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * Checks input values for NUL characters and unpaired surrogates (in strings and object keys), over-large strings and
 * over-deep nesting. Iterative: a stack of open containers, one frame per level (so at most `maxDepth` frames), each
 * visiting its children in order; paths are built only for a refusal. A variable met inside a literal is checked
 * there, under that argument's path, once; `usedVariables` records which.
 */
export class InputValueChecker {
  readonly usedVariables = new Set<string>();

  constructor(
    private readonly limits: ValueLimits,
    private readonly variables: Readonly<Record<string, unknown>>,
  ) {}

  /** The first problem of the value at `path` (e.g. `createOrder.input`), as a BAD_USER_INPUT error. */
  check(path: string, root: InputValue): GraphQLError | undefined {
    const frames: Frame[] = [];
    let problem = this.visit(frames, path, root);
    while (!problem && frames.length > 0) {
      const frame = frames.at(-1)!;
      if (frame.index >= frame.size) {
        frames.pop();
        continue;
      }
      const child = frame.child(frame.index++);
      if (child.key !== undefined) problem = this.string(frames, child.segment, child.key, 'its key');
      problem ??= this.visit(frames, child.segment, child);
    }
    return problem;
  }

  private visit(frames: Frame[], segment: string, item: InputValue): GraphQLError | undefined {
    if ('ast' in item) {
      const node = item.ast;
      if (node.kind === Kind.STRING) return this.string(frames, segment, node.value);
      if (node.kind === Kind.VARIABLE) {
        const name = node.name.value;
        if (this.usedVariables.has(name) || !Object.hasOwn(this.variables, name)) return undefined;
        this.usedVariables.add(name);
        return this.visit(frames, segment, { value: this.variables[name] });
      }
      if (node.kind === Kind.LIST) {
        return this.open(frames, segment, node.values.length, (i) => ({ segment: `[${i}]`, ast: node.values[i]! }));
      }
      if (node.kind === Kind.OBJECT) {
        const fields = node.fields;
        return this.open(frames, segment, fields.length, (i) => ({ segment: `.${fields[i]!.name.value}`, ast: fields[i]!.value }));
      }
      return undefined; // numbers, booleans, enums and null: nothing to refuse
    }
    const value = item.value;
    if (typeof value === 'string') return this.string(frames, segment, value);
    if (typeof value !== 'object' || value === null) return undefined;
    if (Array.isArray(value)) return this.open(frames, segment, value.length, (i) => ({ segment: `[${i}]`, value: value[i] }));
    const keys = Object.keys(value);
    return this.open(frames, segment, keys.length, (i) => {
      const key = keys[i]!;
      const shown = key.length > 64 ? `${key.slice(0, 64)}…` : key;
      return { segment: NAME.test(key) ? `.${key}` : `[${JSON.stringify(shown)}]`, key, value: (value as Record<string, unknown>)[key] };
    });
  }

  private open(frames: Frame[], segment: string, size: number, child: Frame['child']): GraphQLError | undefined {
    if (frames.length >= this.limits.maxDepth) {
      return refuse(pathOf(frames, segment), `the value is nested deeper than ${this.limits.maxDepth} levels`);
    }
    frames.push({ segment, size, index: 0, child });
    return undefined;
  }

  private string(frames: Frame[], segment: string, text: string, what = 'the text'): GraphQLError | undefined {
    if (text.includes('\u0000'))
      return refuse(pathOf(frames, segment), `${what} contains the NUL character (U+0000), which is not allowed`);
    if (LONE_SURROGATE.test(text)) {
      return refuse(pathOf(frames, segment), `${what} contains an unpaired UTF-16 surrogate, which is not valid Unicode`);
    }
    // UTF-8 takes at most 3 bytes per UTF-16 code unit, so short strings need no measuring.
    if (text.length * 3 > this.limits.maxStringBytes) {
      const path = pathOf(frames, segment);
      const limit = this.stringLimit(path);
      if (Buffer.byteLength(text, 'utf8') > limit) return refuse(path, `${what} is larger than ${limit} bytes`);
    }
    return undefined;
  }

  /** INPUT_MAX_STRING_BYTES, or a larger allowance covering the path (list positions ignored). */
  private stringLimit(path: string): number {
    const unindexed = path.replace(/\[\d+\]/g, '');
    let limit = this.limits.maxStringBytes;
    for (const [covered, bytes] of Object.entries(this.limits.largeStrings ?? {})) {
      if (unindexed === covered || unindexed.startsWith(`${covered}.`)) limit = Math.max(limit, bytes);
    }
    return limit;
  }
}

const pathOf = (frames: Frame[], segment: string) => frames.map((frame) => frame.segment).join('') + segment;

function refuse(path: string, problem: string): GraphQLError {
  return new GraphQLError(`Invalid input at ${path}: ${problem}.`, { extensions: { code: ErrorCode.BadUserInput, argumentPath: path } });
}
