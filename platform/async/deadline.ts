/** setTimeout's longest delay; a longer one would fire at once. */
const MAX_TIMEOUT_MS = 2 ** 31 - 1;

/**
 * Calls `onDeadline` once at `deadline` (ms since the epoch; on the next turn of the event loop if it has passed)
 * unless cancelled first. The timer does not keep the process alive, and a deadline further away than setTimeout
 * allows is re-armed in steps. Returns the cancel function.
 */
export function atDeadline(deadline: number, onDeadline: () => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  const arm = () => {
    const wait = Math.min(Math.max(deadline - Date.now(), 0), MAX_TIMEOUT_MS);
    timer = setTimeout(() => {
      if (Date.now() < deadline) return arm();
      timer = undefined;
      onDeadline();
    }, wait);
    timer.unref();
  };
  arm();
  return () => {
    clearTimeout(timer);
    timer = undefined;
  };
}
