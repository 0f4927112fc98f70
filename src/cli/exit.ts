/**
 * Ends the command once its output has reached stdout and stderr. Left to itself, Node finalizes
 * every syntax tree of the analysis one by one before the process ends (a few tenths of a second
 * on a large project); process.exit() skips that, but alone it would cut off output still queued
 * for a pipe.
 */
export function exitWhenFlushed(code: number, streams: readonly NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  let pending = streams.length;
  const flushed = (): void => {
    pending -= 1;
    if (pending === 0) process.exit(code);
  };
  // A write's callback runs after every write queued before it has been handed to the system.
  for (const stream of streams) stream.write('', flushed);
}
