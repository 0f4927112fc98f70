/**
 * Test files that share a jest worker each load their own nock, and an interceptor a file leaves
 * active answers the next file's requests before that file's own nock sees them. Every file
 * releases its interceptor when it ends.
 */
import { afterAll } from '@jest/globals';
import nock from 'nock';

afterAll(() => {
  nock.restore();
});
