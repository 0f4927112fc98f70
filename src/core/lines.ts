/** Offsets (UTF-16 code units, as tree-sitter reports them for JS strings) to 1-based lines and columns. */
export class LineIndex {
  private readonly starts: number[] = [0];
  /** Lines already cut out: a line with thousands of findings is read once, not once per finding. */
  private readonly texts = new Map<number, string>();

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 1-based line of an offset. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  position(offset: number): { line: number; column: number } {
    const line = this.lineOf(offset);
    return { line, column: offset - (this.starts[line - 1] as number) + 1 };
  }

  /** Offset of the start of a 1-based line. */
  lineStart(line: number): number {
    return this.starts[line - 1] ?? this.text.length;
  }

  /** Text of a 1-based line, without its newline. */
  line(line: number): string {
    let text = this.texts.get(line);
    if (text === undefined) {
      const start = this.lineStart(line);
      const next = this.starts[line];
      const end = next === undefined ? this.text.length : next - 1;
      text = this.text.slice(start, this.text.charCodeAt(end - 1) === 13 && end > start ? end - 1 : end);
      this.texts.set(line, text);
    }
    return text;
  }
}
