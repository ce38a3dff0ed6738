import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import {
  DeadLettersDocument,
  DiscardDeadLetterDocument,
  ReprocessDeadLetterDocument,
  type EventConsumer,
} from '../../../typescript/src/index.js';
import { ErrorBox } from '../errors.js';

/** Staff/admin: events a consumer gave up on, with their error; reprocess or discard each. */
export function DeadLettersView() {
  const [consumer, setConsumer] = useState<EventConsumer>('ORDER_ACTIVITY');
  const letters = useQuery(DeadLettersDocument, { variables: { consumer, first: 50 }, fetchPolicy: 'network-only' });
  const refresh = { onCompleted: () => void letters.refetch() };
  const [reprocess, reprocessed] = useMutation(ReprocessDeadLetterDocument, refresh);
  const [discard, discarded] = useMutation(DiscardDeadLetterDocument, refresh);
  return (
    <section>
      <h1>Dead letters</h1>
      <label>
        Consumer{' '}
        <select value={consumer} onChange={(event) => setConsumer(event.target.value as EventConsumer)}>
          <option>ORDER_ACTIVITY</option>
          <option>LLM_USAGE</option>
        </select>
      </label>
      <p>{letters.data ? `${letters.data.deadLetterCount} dead letters` : 'Loading…'}</p>
      <ErrorBox error={letters.error ?? reprocessed.error ?? discarded.error} />
      <ul>
        {letters.data?.deadLetters.letters.map((letter) => (
          <li key={letter.id} className="card">
            <p>
              <strong>{letter.eventType}</strong> after {letter.attempts} attempts · {new Date(letter.diedAt).toLocaleString()}
            </p>
            <p className="error">
              <strong>{letter.errorName}</strong> {letter.errorMessage}
            </p>
            <div className="row">
              <button onClick={() => void reprocess({ variables: { id: letter.id, consumer } }).catch(() => undefined)}>Reprocess</button>
              <button className="secondary" onClick={() => void discard({ variables: { id: letter.id, consumer } }).catch(() => undefined)}>
                Discard
              </button>
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
