import { describe, expect, it } from '@jest/globals';
import { cvssBaseScore, rateAdvisory, severityOfScore } from '../../src/deps/severity.js';

describe('CVSS base scores', () => {
  it.each([
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H', 7.5],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 10],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N', 5.3],
    ['CVSS:3.0/AV:N/AC:H/PR:N/UI:R/S:U/C:L/I:N/A:N', 3.1],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:N', 0],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 9.3],
  ])('%s → %d', (vector, score) => {
    expect(cvssBaseScore(vector)).toBe(score);
  });

  it('refuses incomplete or broken vectors', () => {
    expect(cvssBaseScore('CVSS:3.1/AV:N/AC:L')).toBeNull();
    expect(cvssBaseScore('CVSS:3.1/garbage')).toBeNull();
    expect(cvssBaseScore('HIGH')).toBeNull();
  });

  it('maps scores to the CVSS qualitative ratings', () => {
    expect([0, 0.1, 3.9, 4, 6.9, 7, 8.9, 9, 10].map(severityOfScore)).toEqual(['info', 'low', 'low', 'medium', 'medium', 'high', 'high', 'critical', 'critical']);
  });

  it('takes the first usable candidate: vector, then label, else unrated', () => {
    expect(rateAdvisory(['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H', 'LOW'])).toEqual({ severity: 'critical', rating: 'CVSS 10.0' });
    expect(rateAdvisory([null, 'CVSS:3.1/broken', 'critical'])).toEqual({ severity: 'critical', rating: 'GitHub: critical' });
    expect(rateAdvisory(['MODERATE'])).toEqual({ severity: 'medium', rating: 'GitHub: moderate' });
    expect(rateAdvisory([null, undefined])).toEqual({ severity: 'medium', rating: 'unrated' });
  });
});
