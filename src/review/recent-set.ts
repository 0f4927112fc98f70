/** A set that remembers only its most recent entries: bounded memory for long-running servers. */
export class RecentSet {
  private readonly entries = new Set<string>();

  constructor(private readonly capacity: number) {}

  has(key: string): boolean {
    return this.entries.has(key);
  }

  add(key: string): void {
    this.entries.delete(key);
    this.entries.add(key);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.values().next().value as string);
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
