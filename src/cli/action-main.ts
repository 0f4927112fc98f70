/** Entry point of the GitHub Action (action.yml runs the bundled dist/cli/action.js). */
import { runAction } from './action.js';

process.exitCode = await runAction();
