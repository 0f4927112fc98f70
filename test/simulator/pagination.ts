/**
 * Page-numbered pagination as GitHub does it: `per_page` (default 30, at most 100) and `page`,
 * and a `Link` header with prev/next/last/first URLs. Repository URLs in links use GitHub's
 * `/repositories/{id}/...` form, so a client must follow them rather than rebuild them.
 */

export interface Page<T> {
  items: T[];
  headers: Record<string, string>;
}

export interface PageOptions {
  /** The request URL as the client sent it, without the API root. */
  url: URL;
  /** The API root the links start with. */
  apiRoot: string;
  /** Replaces `/repos/{owner}/{repo}` in links. */
  repositoryId?: { fullName: string; id: number };
  /** GitHub stops listing here (3000 for pull request files). */
  cap?: number;
}

export function paginate<T>(all: readonly T[], options: PageOptions): Page<T> {
  const query = options.url.searchParams;
  const perPage = Math.min(100, Math.max(1, Number(query.get('per_page') ?? 30) || 30));
  const page = Math.max(1, Number(query.get('page') ?? 1) || 1);
  const total = Math.min(all.length, options.cap ?? Infinity);
  const lastPage = Math.max(1, Math.ceil(total / perPage));
  const start = (page - 1) * perPage;
  const items = all.slice(Math.min(start, total), Math.min(start + perPage, total));
  if (lastPage === 1) return { items, headers: {} };

  let path = options.url.pathname;
  if (options.repositoryId) path = path.replace(`/repos/${options.repositoryId.fullName}`, `/repositories/${options.repositoryId.id}`);
  const urlOf = (n: number) => {
    const params = new URLSearchParams(query);
    params.set('per_page', String(perPage));
    params.set('page', String(n));
    return `<${options.apiRoot}${path}?${params.toString()}>`;
  };
  const links: string[] = [];
  if (page > 1) links.push(`${urlOf(Math.min(page - 1, lastPage))}; rel="prev"`);
  if (page < lastPage) links.push(`${urlOf(page + 1)}; rel="next"`, `${urlOf(lastPage)}; rel="last"`);
  if (page > 1) links.push(`${urlOf(1)}; rel="first"`);
  return { items, headers: links.length > 0 ? { link: links.join(', ') } : {} };
}
