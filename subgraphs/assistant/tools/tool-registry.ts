import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { inSpan } from '../../../platform/telemetry/tracer.js';
import { z } from 'zod';
import { toolMetrics, type ToolOutcome } from './tool-metrics.js';

/**
 * A tool the model can call. `parameters` is the single source of truth: it validates the model's arguments and is
 * exported as the JSON Schema the model sees.
 */
export interface Tool<S extends z.ZodObject = z.ZodObject, C = unknown, R = unknown> {
  /** 1-64 letters, digits, `_` or `-` (the OpenAI limit). */
  name: string;
  /** Shown to the model: say when to call the tool, not only what it does. */
  description: string;
  parameters: S;
  /** After this the call's signal is aborted and the model is told the tool timed out. */
  timeoutMs: number;
  /** Should stop work when `signal` aborts; a result arriving after the timeout is discarded either way. */
  execute(args: z.output<S>, context: C, signal: AbortSignal): Promise<R> | R;
  /**
   * Set on tools with side effects (placing an order): the model's call never runs `execute`; the registry runs this
   * instead, which records what would happen and asks the user. Only `invoke(..., { approved: true })`, made once the
   * user approved that exact call, runs `execute`.
   */
  requiresApproval?(args: z.output<S>, context: C, signal: AbortSignal): Promise<unknown>;
}

/** Keeps the argument type inferred from `parameters` inside `execute`. */
export function defineTool<S extends z.ZodObject, C, R>(tool: Tool<S, C, R>): Tool<S, C, R> {
  return tool;
}

/** An expected failure whose message is written for the model (e.g. "Item 42 is not on today's menu"). */
export class ToolError extends Error {
  override readonly name = 'ToolError';

  /** `code`: a stable reason for callers that branch on it (e.g. the supergraph's PROMO_EXPIRED); never shown to the model. */
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

export interface FunctionToolDefinition {
  type: 'function';
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

export type ToolErrorCode = 'UNKNOWN_TOOL' | 'INVALID_ARGUMENTS' | 'TOOL_TIMEOUT' | 'TOOL_FAILED';

export interface ToolArgumentIssue {
  /** Dotted path into the arguments, e.g. `items.0.quantity`; empty for the whole object. */
  path: string;
  message: string;
}

/** Phrased for the model: it goes back as the tool result so the model can correct itself or tell the user. */
export interface ToolCallError {
  code: ToolErrorCode;
  message: string;
  issues?: ToolArgumentIssue[];
}

/** `cause`: the `code` of the error that stopped the tool (e.g. the supergraph's PRODUCT_UNAVAILABLE); not shown to the model. */
export type ToolCallResult<R = unknown> = { ok: true; result: R } | { ok: false; error: ToolCallError; cause?: string };

export interface ToolRegistryOptions {
  /** Called with errors other than `ToolError` (their message is not shown to the model), e.g. to log them. */
  onUnexpectedError?: (toolName: string, error: unknown) => void;
}

export interface InvokeOptions {
  /** Cancels the call from outside, e.g. when the client disconnects. */
  signal?: AbortSignal;
  /** Runs `execute` of a tool that `requiresApproval`: set only by the approval service, after its user approved the call. */
  approved?: boolean;
}

const namePattern = /^[A-Za-z0-9_-]{1,64}$/;
const unknownToolLabel = '(unknown)';

interface RegisteredTool<C> {
  tool: Tool<z.ZodObject, C, unknown>;
  definition: FunctionToolDefinition;
}

export class ToolRegistry<C = unknown> {
  private readonly tools = new Map<string, RegisteredTool<C>>();
  private definitions: readonly FunctionToolDefinition[] | undefined;

  constructor(
    tools: readonly Tool<z.ZodObject, C, unknown>[] = [],
    private readonly options: ToolRegistryOptions = {},
  ) {
    for (const tool of tools) this.register(tool);
  }

  /** Throws on an invalid name, a duplicate, a bad timeout or parameters that have no JSON Schema form. */
  register<S extends z.ZodObject, R>(tool: Tool<S, C, R>): this {
    if (!namePattern.test(tool.name)) throw new Error(`tool name "${tool.name}" must be 1-64 letters, digits, "_" or "-"`);
    if (this.tools.has(tool.name)) throw new Error(`tool "${tool.name}" is already registered`);
    if (!Number.isFinite(tool.timeoutMs) || tool.timeoutMs <= 0)
      throw new Error(`tool "${tool.name}": timeoutMs must be a positive number`);
    const { $schema: _dialect, ...parameters } = z.toJSONSchema(tool.parameters, { io: 'input', target: 'draft-07' }) as Record<
      string,
      unknown
    >;
    this.tools.set(tool.name, {
      tool: tool as unknown as Tool<z.ZodObject, C, unknown>,
      definition: deepFreeze({ type: 'function', function: { name: tool.name, description: tool.description, parameters } }),
    });
    this.definitions = undefined;
    return this;
  }

  get names(): string[] {
    return [...this.tools.keys()];
  }

  /**
   * OpenAI-style function tools, in registration order. Frozen and shared by every turn: cloning them per turn was
   * ~0.25 ms on the way to the model's first token.
   */
  toolDefinitions(): readonly FunctionToolDefinition[] {
    this.definitions ??= Object.freeze([...this.tools.values()].map(({ definition }) => definition));
    return this.definitions;
  }

  /** Parses and validates the model's arguments, then runs the tool under its timeout. Never throws. */
  async invoke(name: string, rawArgsJson: string, context: C, options: InvokeOptions = {}): Promise<ToolCallResult> {
    const registered = this.tools.get(name);
    if (!registered) {
      const available = this.names.join(', ') || 'none';
      return this.fail(unknownToolLabel, 'unknown_tool', {
        code: 'UNKNOWN_TOOL',
        message: `There is no tool named "${name}". Available tools: ${available}.`,
      });
    }
    const { tool } = registered;

    let raw: unknown;
    try {
      raw = rawArgsJson.trim() === '' ? {} : JSON.parse(rawArgsJson);
    } catch (error) {
      const reason = error instanceof SyntaxError ? ` (${error.message})` : '';
      return this.fail(name, 'invalid_arguments', {
        code: 'INVALID_ARGUMENTS',
        message: `The arguments for "${name}" are not valid JSON${reason}. Call it again with a JSON object matching its parameters.`,
      });
    }

    const parsed = await tool.parameters.safeParseAsync(raw);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
      const listed = issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ');
      return this.fail(name, 'invalid_arguments', {
        code: 'INVALID_ARGUMENTS',
        message: `The arguments for "${name}" are invalid: ${listed}. The tool was not run; fix the arguments and call it again.`,
        issues,
      });
    }

    // The one place a side-effecting tool is held back: whatever the model says, it runs only once approved.
    const run = tool.requiresApproval && !options.approved ? tool.requiresApproval : tool.execute;
    // A GenAI `execute_tool` span: the supergraph calls a tool makes (and their subgraph fetches) nest under it.
    const attributes = { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': name };
    return inSpan(`execute_tool ${name}`, { kind: SpanKind.INTERNAL, attributes }, async (span) => {
      const result = await this.execute(tool, run, parsed.data, context, options.signal);
      if (!result.ok) span.setStatus({ code: SpanStatusCode.ERROR, message: result.error.code });
      return result;
    });
  }

  private async execute(
    tool: Tool<z.ZodObject, C, unknown>,
    run: (args: never, context: C, signal: AbortSignal) => unknown,
    args: unknown,
    context: C,
    outer: AbortSignal | undefined,
  ): Promise<ToolCallResult> {
    const timeout = new AbortController();
    const signal = outer ? AbortSignal.any([timeout.signal, outer]) : timeout.signal;
    const timer = setTimeout(() => timeout.abort(new ToolTimeoutError(tool.name, tool.timeoutMs)), tool.timeoutMs);
    const stopTimer = toolMetrics().duration.startTimer({ tool: tool.name });
    let onAbort = () => {};
    // Settles the call at the deadline even if the tool ignores its signal.
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(signal.reason);
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    });
    try {
      const result = await Promise.race([Promise.resolve().then(() => run.call(tool, args as never, context, signal)), aborted]);
      toolMetrics().calls.inc({ tool: tool.name, outcome: 'ok' });
      return { ok: true, result };
    } catch (error) {
      if (timeout.signal.aborted && signal.reason === timeout.signal.reason) {
        return this.fail(tool.name, 'timeout', {
          code: 'TOOL_TIMEOUT',
          message: `"${tool.name}" did not finish within ${tool.timeoutMs} ms and was stopped. Tell the user it is unavailable right now rather than retrying repeatedly.`,
        });
      }
      if (outer?.aborted)
        return this.fail(tool.name, 'cancelled', { code: 'TOOL_FAILED', message: `The call to "${tool.name}" was cancelled.` });
      if (error instanceof ToolError) {
        const failed = this.fail(tool.name, 'failed', { code: 'TOOL_FAILED', message: error.message });
        return error.code === undefined ? failed : { ...failed, cause: error.code };
      }
      this.options.onUnexpectedError?.(tool.name, error);
      return this.fail(tool.name, 'failed', {
        code: 'TOOL_FAILED',
        message: `"${tool.name}" failed unexpectedly. Do not retry with the same arguments; tell the user it could not be done right now.`,
      });
    } finally {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      stopTimer();
    }
  }

  private fail(tool: string, outcome: ToolOutcome, error: ToolCallError): Extract<ToolCallResult, { ok: false }> {
    toolMetrics().calls.inc({ tool, outcome });
    return { ok: false, error };
  }
}

/** The abort reason seen by a tool whose call timed out. */
export class ToolTimeoutError extends Error {
  override readonly name = 'ToolTimeoutError';
  constructor(tool: string, timeoutMs: number) {
    super(`tool "${tool}" timed out after ${timeoutMs} ms`);
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
