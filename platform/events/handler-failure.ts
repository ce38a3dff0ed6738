/** Dead letters outlive the process, so keep a bounded, serialisable summary of the error rather than the object. */
const MAX_MESSAGE_LENGTH = 4000;

export interface HandlerFailure {
  name: string;
  message: string;
}

/** Handlers may throw anything; strings and other non-errors still get a readable message. */
export function describeHandlerFailure(err: unknown): HandlerFailure {
  const name = err instanceof Error ? err.name || err.constructor.name || 'Error' : typeof err;
  let message: string;
  if (err instanceof Error) message = err.message;
  else if (typeof err === 'string') message = err;
  else {
    try {
      message = JSON.stringify(err) ?? String(err);
    } catch {
      message = String(err);
    }
  }
  return { name, message: message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH)}…` : message };
}
