import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { metricsRegistry } from '../../../platform/metrics/metrics.js';
import { defineTool, ToolError, ToolRegistry, ToolTimeoutError } from './tool-registry.js';

interface TestContext {
  userId: string;
}

const addToOrder = defineTool({
  name: 'add_to_order',
  description: 'Adds a menu item to the current order. Call only after the user chose the item.',
  parameters: z.object({
    itemId: z.string().min(1).describe('Menu item ID from search_menu'),
    quantity: z.number().int().min(1).max(20).default(1),
    notes: z.string().max(200).optional(),
  }),
  timeoutMs: 1000,
  execute: (args, context: TestContext) => ({ added: args.itemId, quantity: args.quantity, for: context.userId }),
});

const context: TestContext = { userId: 'u1' };

async function count(tool: string, outcome: string): Promise<number> {
  const metric = await metricsRegistry.getSingleMetric('ragline_tool_calls_total')?.get();
  return metric?.values.find((v) => v.labels.tool === tool && v.labels.outcome === outcome)?.value ?? 0;
}

describe('ToolRegistry', () => {
  it('exports OpenAI-style function definitions with JSON Schema from the zod parameters', () => {
    const [definition] = new ToolRegistry<TestContext>([addToOrder]).toolDefinitions();
    expect(definition).toEqual({
      type: 'function',
      function: {
        name: 'add_to_order',
        description: 'Adds a menu item to the current order. Call only after the user chose the item.',
        parameters: {
          type: 'object',
          properties: {
            itemId: { type: 'string', minLength: 1, description: 'Menu item ID from search_menu' },
            quantity: { type: 'integer', minimum: 1, maximum: 20, default: 1 },
            notes: { type: 'string', maxLength: 200 },
          },
          required: ['itemId'],
        },
      },
    });
  });

  it('runs a valid call with parsed arguments (defaults applied) and the context', async () => {
    const registry = new ToolRegistry<TestContext>([addToOrder]);
    const before = await count('add_to_order', 'ok');
    expect(await registry.invoke('add_to_order', '{"itemId":"margherita"}', context)).toEqual({
      ok: true,
      result: { added: 'margherita', quantity: 1, for: 'u1' },
    });
    expect(await count('add_to_order', 'ok')).toBe(before + 1);
    const histogram = await metricsRegistry.getSingleMetricAsString('ragline_tool_duration_seconds');
    expect(Number(/ragline_tool_duration_seconds_count\{tool="add_to_order"\} (\d+)/.exec(histogram)?.[1])).toBeGreaterThan(0);
  });

  it('treats empty arguments as an empty object', async () => {
    const ping = defineTool({ name: 'ping', description: 'p', parameters: z.object({}), timeoutMs: 100, execute: () => 'pong' });
    expect(await new ToolRegistry([ping]).invoke('ping', '', undefined)).toEqual({ ok: true, result: 'pong' });
  });

  it('reports an unknown tool with the available names, under a fixed metric label', async () => {
    const before = await count('(unknown)', 'unknown_tool');
    const result = await new ToolRegistry<TestContext>([addToOrder]).invoke('delete_database', '{}', context);
    expect(result).toEqual({
      ok: false,
      error: { code: 'UNKNOWN_TOOL', message: 'There is no tool named "delete_database". Available tools: add_to_order.' },
    });
    expect(await count('(unknown)', 'unknown_tool')).toBe(before + 1);
    expect(await count('delete_database', 'unknown_tool')).toBe(0);
  });

  it('rejects invalid JSON without executing', async () => {
    const execute = vi.fn();
    const registry = new ToolRegistry([{ ...addToOrder, name: 'spy', execute }]);
    const result = await registry.invoke('spy', '{"itemId": "margherita",', context);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_ARGUMENTS');
    expect(result.error.message).toMatch(/^The arguments for "spy" are not valid JSON \(.+\)\. Call it again with a JSON object/);
    expect(execute).not.toHaveBeenCalled();
  });

  it('rejects arguments failing the schema with issues the model can act on, without executing', async () => {
    const execute = vi.fn();
    const registry = new ToolRegistry([{ ...addToOrder, name: 'spy', execute }]);
    const before = await count('spy', 'invalid_arguments');
    const result = await registry.invoke('spy', '{"itemId": "", "quantity": 50}', context);
    expect(execute).not.toHaveBeenCalled();
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_ARGUMENTS');
    expect(result.error.issues?.map((i) => i.path)).toEqual(['itemId', 'quantity']);
    expect(result.error.message).toMatch(/^The arguments for "spy" are invalid: itemId: .+; quantity: .+20.+The tool was not run/);
    expect(await count('spy', 'invalid_arguments')).toBe(before + 1);

    const notObject = await registry.invoke('spy', '[1, 2]', context);
    expect(!notObject.ok && notObject.error.issues).toEqual([{ path: '', message: expect.any(String) }]);
  });

  it('aborts the signal at the timeout and reports TOOL_TIMEOUT', async () => {
    let seen: AbortSignal | undefined;
    const slow = defineTool({
      name: 'slow',
      description: 's',
      parameters: z.object({}),
      timeoutMs: 20,
      execute: (_args, _context, signal) => {
        seen = signal;
        return new Promise((resolve, reject) => {
          const timer = setTimeout(resolve, 5000);
          signal.addEventListener('abort', () => {
            clearTimeout(timer);
            reject(signal.reason);
          });
        });
      },
    });
    const before = await count('slow', 'timeout');
    const result = await new ToolRegistry([slow]).invoke('slow', '{}', undefined);
    expect(result).toEqual({ ok: false, error: { code: 'TOOL_TIMEOUT', message: expect.stringContaining('did not finish within 20 ms') } });
    expect(seen?.aborted).toBe(true);
    expect(seen?.reason).toBeInstanceOf(ToolTimeoutError);
    expect(await count('slow', 'timeout')).toBe(before + 1);
  });

  it('times out even when the tool ignores its signal', async () => {
    const stubborn = defineTool({
      name: 'stubborn',
      description: 's',
      parameters: z.object({}),
      timeoutMs: 20,
      execute: () => new Promise(() => {}),
    });
    const started = Date.now();
    const result = await new ToolRegistry([stubborn]).invoke('stubborn', '{}', undefined);
    expect(!result.ok && result.error.code).toBe('TOOL_TIMEOUT');
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('passes ToolError messages to the model and hides unexpected ones', async () => {
    const onUnexpectedError = vi.fn();
    const registry = new ToolRegistry(
      [
        defineTool({
          name: 'expected',
          description: 'e',
          parameters: z.object({}),
          timeoutMs: 100,
          execute: () => Promise.reject(new ToolError('Item 42 is sold out.')),
        }),
        defineTool({
          name: 'broken',
          description: 'b',
          parameters: z.object({}),
          timeoutMs: 100,
          execute: () => {
            throw new Error('connection to 10.0.0.5:5432 refused');
          },
        }),
      ],
      { onUnexpectedError },
    );
    expect(await registry.invoke('expected', '{}', undefined)).toEqual({
      ok: false,
      error: { code: 'TOOL_FAILED', message: 'Item 42 is sold out.' },
    });
    const broken = await registry.invoke('broken', '{}', undefined);
    expect(!broken.ok && broken.error.code).toBe('TOOL_FAILED');
    expect(JSON.stringify(broken)).not.toContain('10.0.0.5');
    expect(onUnexpectedError).toHaveBeenCalledWith('broken', expect.objectContaining({ message: 'connection to 10.0.0.5:5432 refused' }));
    expect(onUnexpectedError).toHaveBeenCalledTimes(1);
  });

  it('can be cancelled from outside', async () => {
    const outer = new AbortController();
    const hang = defineTool({
      name: 'hang',
      description: 'h',
      parameters: z.object({}),
      timeoutMs: 5000,
      execute: () => new Promise(() => {}),
    });
    const pending = new ToolRegistry([hang]).invoke('hang', '{}', undefined, { signal: outer.signal });
    outer.abort();
    expect(await pending).toEqual({ ok: false, error: { code: 'TOOL_FAILED', message: 'The call to "hang" was cancelled.' } });
  });

  it('refuses invalid registrations', () => {
    const registry = new ToolRegistry<TestContext>([addToOrder]);
    expect(() => registry.register(addToOrder)).toThrow('tool "add_to_order" is already registered');
    expect(() => registry.register({ ...addToOrder, name: 'has space' })).toThrow(/must be 1-64 letters/);
    expect(() => registry.register({ ...addToOrder, name: 'zero', timeoutMs: 0 })).toThrow(/timeoutMs must be a positive number/);
    expect(registry.names).toEqual(['add_to_order']);
  });
});
