/** The App's scenarios: webhooks through Probot, GitHub mocked with nock (see harness.ts). */
import { useGitHubMocks } from './harness.js';

useGitHubMocks();

await import('./review.scenarios.js');
await import('./lifecycle.scenarios.js');
await import('./failures.scenarios.js');
await import('./large.scenarios.js');
await import('./dependencies.scenarios.js');
await import('./branch.scenarios.js');
await import('./monitor.scenarios.js');
