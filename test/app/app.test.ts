/**
 * Every HTTP-mocked App scenario runs in this one test file. nock intercepts native fetch below the
 * fetch API, and a second nock module, loaded by another test file in the same jest worker, did not
 * see the requests reliably; one module registry for all of them avoids that.
 */
import { useGitHubMocks } from './harness.js';

useGitHubMocks();

await import('./review.scenarios.js');
await import('./lifecycle.scenarios.js');
await import('./failures.scenarios.js');
await import('./large.scenarios.js');
await import('./dependencies.scenarios.js');
