/** A progress line on stderr, shown only at a terminal and only once a scan has taken a few seconds. */
const DELAY_MS = 2000;

export class Progress {
  private readonly started = Date.now();
  private done_ = 0;
  private shown = false;
  private lastDraw = 0;

  constructor(private readonly total: number) {}

  tick(): void {
    this.done_++;
    if (!process.stderr.isTTY) return;
    const now = Date.now();
    if (now - this.started < DELAY_MS || now - this.lastDraw < 100) return;
    this.lastDraw = now;
    this.shown = true;
    process.stderr.write(`\rflaskguard: analyzed ${this.done_}/${this.total} files`);
  }

  done(): void {
    if (this.shown) process.stderr.write('\r\x1b[K');
  }
}
