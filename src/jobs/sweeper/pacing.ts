/** How the sweeper paces its work: calls gathered into store batches, and a bounded pool of parallel workers. */

/** A post waits at most this long for others to join its batch of done marks. */
export const FINISH_BATCH_DELAY_MS = 4;

/**
 * Gathers single calls into batches: a batch goes when it holds `maxSize` items, or `delayMs` after its first one
 * came (0: on the event loop's next turn, so that only calls made meanwhile join it).
 */
export function batched<I, O>(
  run: (items: I[]) => Promise<O[]>,
  maxSize: number,
  delayMs: number,
): (item: I) => Promise<O> {
  let pending: { item: I; resolve: (value: O) => void; reject: (error: unknown) => void }[] = [];
  let timer: NodeJS.Timeout | undefined;
  let immediate: NodeJS.Immediate | undefined;
  const flush = () => {
    clearTimeout(timer);
    if (immediate) clearImmediate(immediate);
    timer = immediate = undefined;
    const batch = pending;
    pending = [];
    Promise.resolve()
      .then(() => run(batch.map((p) => p.item)))
      .then(
        (values) => {
          for (const [i, p] of batch.entries()) p.resolve(values[i] as O);
        },
        (error: unknown) => {
          for (const p of batch) p.reject(error);
        },
      );
  };
  return (item) =>
    new Promise<O>((resolve, reject) => {
      pending.push({ item, resolve, reject });
      if (pending.length >= maxSize) flush();
      else if (delayMs > 0) timer ??= setTimeout(flush, delayMs);
      else immediate ??= setImmediate(flush);
    });
}

/** Runs `work` over `items` with at most `n` running at once. */
export async function pool<T>(
  items: readonly T[],
  n: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const runners = Array.from({ length: Math.max(1, Math.min(n, items.length)) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  });
  await Promise.all(runners);
}
