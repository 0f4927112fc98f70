import { describe, expect, it } from '@jest/globals';
import { OpenApiCatalog, type MatchedOperation } from './openapi.js';

const catalog = OpenApiCatalog.load();

function match(method: string, path: string): MatchedOperation {
  const found = catalog.match(method, path);
  if ('error' in found) throw new Error(found.error);
  return found;
}

describe('OpenApiCatalog', () => {
  it('matches requests to the operations of GitHub\'s description, literal segments first', () => {
    expect(match('GET', '/repos/acme/shop/pulls/7/files')).toEqual({
      route: 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files',
      operationId: 'pulls/list-files',
      params: { owner: 'acme', repo: 'shop', pull_number: '7' },
    });
    expect(match('GET', '/repos/acme/shop/pulls/comments/9').route).toBe('GET /repos/{owner}/{repo}/pulls/comments/{comment_id}');
    expect(match('GET', '/repos/acme/shop/contents/app/views.py').params.path).toBe('app/views.py');
    expect(match('GET', '/repos/acme/shop/contents/app%2Fviews.py').params.path).toBe('app/views.py');
  });

  it('says when a path or a method does not exist', () => {
    expect(catalog.match('GET', '/repos/acme/shop/pulls/7/filez')).toEqual({ error: "GitHub's API has no path /repos/acme/shop/pulls/7/filez" });
    expect(catalog.match('DELETE', '/repos/acme/shop/pulls/7/files')).toEqual({ error: "GitHub's API has no DELETE operation on /repos/acme/shop/pulls/7/files" });
  });

  it('checks path and query parameters against their schemas', () => {
    const files = match('GET', '/repos/acme/shop/pulls/7/files');
    expect(catalog.checkRequest(files, new URLSearchParams('per_page=100&page=2'), undefined)).toEqual([]);
    expect(catalog.checkRequest(files, new URLSearchParams('per_page=many&sort=name'), undefined)).toEqual([
      'query parameter per_page must be integer',
      'query parameter sort is not a parameter of pulls/list-files',
    ]);
    expect(catalog.checkRequest(match('GET', '/repos/acme/shop/pulls/seven/files'), new URLSearchParams(), undefined)).toEqual(['path parameter pull_number must be integer']);
  });

  it('checks JSON bodies against the request schema', () => {
    const create = match('POST', '/repos/acme/shop/check-runs');
    expect(catalog.checkRequest(create, new URLSearchParams(), { name: 'FlaskGuard', head_sha: 'a'.repeat(40), status: 'in_progress' })).toEqual([]);
    expect(catalog.checkRequest(create, new URLSearchParams(), { name: 'FlaskGuard', status: 'running' })).toEqual([
      "body must have required property 'head_sha'",
      'body/status must be equal to one of the allowed values (queued, in_progress, completed)',
    ]);
    const annotation = { path: 'a.py', start_line: 1, end_line: 1, annotation_level: 'warning', message: 'm' };
    const update = match('PATCH', '/repos/acme/shop/check-runs/5');
    const tooMany = { output: { title: 't', summary: 's', annotations: Array.from({ length: 51 }, () => annotation) } };
    expect(catalog.checkRequest(update, new URLSearchParams(), tooMany)).toEqual(['body/output/annotations must NOT have more than 50 items']);
    expect(catalog.checkRequest(match('GET', '/repos/acme/shop/pulls/7'), new URLSearchParams(), { x: 1 })).toEqual(['pulls/get takes no request body']);
  });

  it('checks answers against the response schemas, where null stands for a nullable enum', () => {
    const blob = match('GET', '/repos/acme/shop/git/blobs/abc');
    expect(catalog.checkResponse(blob, 200, { sha: 'abc', node_id: 'B', size: 1, url: 'http://x/y', content: '', encoding: 'base64' })).toEqual([]);
    expect(catalog.checkResponse(blob, 200, { sha: 'abc' })).toContain("response must have required property 'content'");
    expect(catalog.checkResponse(blob, 201, {})).toEqual(['git/get-blob has no 201 response']);
  });
});
