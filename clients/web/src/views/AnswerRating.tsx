import { useMutation } from '@apollo/client/react';
import { RateMessageDocument, type Thumbs } from '../../../typescript/src/index.js';
import { ErrorBox } from '../errors.js';

/** Thumbs up/down on a finished answer (rateMessage); rating again replaces the earlier rating. */
export function AnswerRating({ messageId }: { messageId: string }) {
  const [rate, rated] = useMutation(RateMessageDocument);
  const current = rated.data?.rateMessage.rating;
  // Words, not emoji: the console must not depend on an emoji font being installed.
  const button = (rating: Thumbs, label: string) => (
    <button
      className={current === rating ? '' : 'secondary'}
      aria-pressed={current === rating}
      disabled={rated.loading}
      onClick={() => void rate({ variables: { messageId, rating } }).catch(() => undefined)}
    >
      {label}
    </button>
  );
  return (
    <div className="row rating" data-testid="answer-rating" data-rating={current ?? ''}>
      {button('UP', 'Helpful')}
      {button('DOWN', 'Not helpful')}
      <ErrorBox error={rated.error} />
    </div>
  );
}
