/**
 * When the advisory monitoring ticks. By default an in-process interval, unref'd so that it never
 * keeps a process (a test, the CLI) alive; a tick still running when the next is due is not
 * doubled. Tests inject their own timer and call the tick themselves.
 */
export interface MonitorTimer {
  stop(): void;
}

export type ScheduleTicks = (tick: () => Promise<void>, everyMs: number) => MonitorTimer;

export const intervalTicks: ScheduleTicks = (tick, everyMs) => {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    void tick().finally(() => {
      running = false;
    });
  }, everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
};
