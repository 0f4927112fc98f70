/** `tsx scripts/realcode-install.ts`: what .ci/run calls before the tests; exits 1 when packages stay missing. */
import { installMissing } from './realcode/install.js';

const missing = installMissing();
if (missing.length > 0) {
  console.error(`missing Debian packages for the real-code test: ${missing.join(', ')}`);
  process.exit(1);
}
