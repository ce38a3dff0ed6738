import { useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { LlmUsageDocument, type LlmUsageDimension } from '../../../typescript/src/index.js';
import { ErrorBox } from '../errors.js';

/** Staff/admin: the tenant's LLM calls, tokens, cost and latency, grouped by model, provider, prompt or outcome. */
export function UsageView() {
  const [groupBy, setGroupBy] = useState<LlmUsageDimension>('MODEL');
  const usage = useQuery(LlmUsageDocument, { variables: { groupBy: [groupBy] }, fetchPolicy: 'network-only' });
  return (
    <section>
      <h1>LLM usage and cost</h1>
      <label>
        Group by{' '}
        <select value={groupBy} onChange={(event) => setGroupBy(event.target.value as LlmUsageDimension)}>
          <option>MODEL</option>
          <option>PROVIDER</option>
          <option>PROMPT</option>
          <option>OUTCOME</option>
        </select>
      </label>
      <ErrorBox error={usage.error} />
      {usage.data?.llmUsage.length === 0 && <p className="muted">No model calls yet.</p>}
      <table className="usage">
        <thead>
          <tr>
            <th>{groupBy.toLowerCase()}</th>
            <th>calls</th>
            <th>tokens in / out</th>
            <th>cost (USD)</th>
            <th>errors</th>
            <th>p95 latency</th>
          </tr>
        </thead>
        <tbody>
          {usage.data?.llmUsage.map((bucket) => (
            <tr key={bucket.key}>
              <td>{bucket.key}</td>
              <td>{bucket.calls}</td>
              <td>
                {bucket.inputTokens} / {bucket.outputTokens}
              </td>
              <td>{(bucket.costMicros / 1_000_000).toFixed(4)}</td>
              <td>{(bucket.errorRate * 100).toFixed(1)}%</td>
              <td>{Math.round(bucket.latencyP95Ms)} ms</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
