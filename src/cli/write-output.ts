/** A report to stdout, or to the file `--output` names (a write that fails is bad usage, exit 2). */
import { writeFileSync } from 'node:fs';
import { UsageError } from './options.js';

export function writeOutput(body: string, output: string | undefined): void {
  if (output === undefined) {
    process.stdout.write(body);
    return;
  }
  try {
    writeFileSync(output, body);
  } catch (error) {
    throw new UsageError(`Cannot write ${output}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`);
  }
}
