/** What a delivery must carry for its handler to read it, and the sentence that says what is missing. */
import { describe, expect, it } from '@jest/globals';
import { deliveryProblem } from '../../src/handlers/delivery.js';

const repository = { name: 'shop', full_name: 'acme/shop', html_url: 'https://github.com/acme/shop', owner: { login: 'acme' } };
const pull = { number: 7, head: { sha: 'a'.repeat(40) }, base: { ref: 'main' }, state: 'open', draft: null };

describe('deliveryProblem', () => {
  it('accepts what the handlers read, whatever else the payload holds', () => {
    expect(deliveryProblem('pull_request', { action: 'opened', repository, pull_request: pull, extra: [1] })).toBeUndefined();
    expect(deliveryProblem('check_suite', { repository, check_suite: { head_sha: 'b', pull_requests: [] } })).toBeUndefined();
    // Events FlaskGuard does not handle are not its to judge; only their body must be an object.
    expect(deliveryProblem('push', { ref: null })).toBeUndefined();
  });

  it.each([
    [null, 'the body must be a JSON object.'],
    [[], 'the body must be a JSON object.'],
    [{ repository, pull_request: null }, 'a pull_request event must carry a pull_request object.'],
    [{ repository, pull_request: { ...pull, head: null } }, 'a pull_request event must carry pull_request.head as an object.'],
    [{ repository, pull_request: { ...pull, number: '7' } }, 'a pull_request event must carry pull_request.number as a number.'],
    [{ pull_request: pull }, 'a pull_request event must carry a repository object.'],
    [{ repository: { ...repository, owner: {} }, pull_request: pull }, 'a pull_request event must carry repository.owner.login as a string.'],
  ])('%j: %s', (payload, problem) => {
    expect(deliveryProblem('pull_request', payload)).toBe(problem);
  });

  it('names the field of a check event', () => {
    expect(deliveryProblem('check_run', { repository, check_run: { name: 'FlaskGuard', head_sha: 'c', pull_requests: [{ number: null }] } })).toBe(
      'a check_run event must carry check_run.pull_requests.0.number as a number.',
    );
  });
});
