/**
 * pip's view of a requirements file: physical lines joined at a trailing backslash, comments
 * (`#` at the start or after whitespace) removed, blank lines dropped. Each logical line keeps
 * the file offset of every character, so findings point at the physical line that declares.
 */
export interface LogicalLine {
  text: string;
  /** offsets[i] is the file offset of text[i]; offsets[text.length] is the end. */
  offsets: number[];
  /** 1-based number of the first physical line. */
  line: number;
}

const COMMENT_LINE = /^\s*#/;
const COMMENT = /(^|\s)#.*$/;

export function logicalLines(text: string): LogicalLine[] {
  const out: LogicalLine[] = [];
  let pending: { chars: string[]; offsets: number[]; line: number } | null = null;
  let offset = 0;
  const physical = text.split('\n');
  physical.forEach((raw, index) => {
    const start = offset;
    offset += raw.length + 1;
    const lineText = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    const continues = lineText.endsWith('\\') && !COMMENT_LINE.test(lineText);
    const body = continues ? lineText.replace(/\\+$/, '') : lineText;
    pending ??= { chars: [], offsets: [], line: index + 1 };
    if (pending.chars.length > 0 && COMMENT_LINE.test(lineText)) {
      // As pip does: a comment line ends a continuation, and stays a comment.
      pending.chars.push(' ');
      pending.offsets.push(start);
    }
    for (let i = 0; i < body.length; i++) {
      pending.chars.push(body[i] as string);
      pending.offsets.push(start + i);
    }
    if (continues && index < physical.length - 1) return;
    const logical = finish(pending.chars.join(''), pending.offsets, pending.line);
    if (logical) out.push(logical);
    pending = null;
  });
  return out;
}

function finish(joined: string, offsets: number[], line: number): LogicalLine | null {
  const comment = COMMENT.exec(joined);
  const uncommented = comment ? joined.slice(0, comment.index) : joined;
  const lead = uncommented.length - uncommented.trimStart().length;
  const text = uncommented.trim();
  if (!text) return null;
  const kept = offsets.slice(lead, lead + text.length);
  // The end offset: just past the last kept character, on that character's physical line.
  kept.push((offsets[lead + text.length - 1] as number) + 1);
  return { text, offsets: kept, line };
}
