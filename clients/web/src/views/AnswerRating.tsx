import { useMutation } from '@apollo/client/react';
import { RateMessageDocument, type Thumbs } from '../../../typescript/src/index.js';
import { ErrorBox } from '../errors.js';

/** Thumbs up/down on a finished answer (rateMessage); rating again replaces the earlier rating. */
export function AnswerRating({ messageId }: { messageId: string }) {
  const [rate, rated] = useMutation(RateMessageDocument);
  const current = rated.data?.rateMessage.rating;
  const button = (rating: Thumbs, label: string, symbol: string) => (
    <button
      className={current === rating ? '' : 'secondary'}
      aria-label={label}
      aria-pressed={current === rating}
      disabled={rated.loading}
      onClick={() => void rate({ variables: { messageId, rating } }).catch(() => undefined)}
    >
      {symbol}
    </button>
  );
  return (
    <div className="row rating" data-testid="answer-rating" data-rating={current ?? ''}>
      {button('UP', 'Good answer', '👍')}
      {button('DOWN', 'Bad answer', '👎')}
      <ErrorBox error={rated.error} />
    </div>
  );
}
