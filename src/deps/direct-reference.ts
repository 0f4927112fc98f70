/**
 * What a URL or VCS requirement fixes: `git+https://…@<commit>` installs one tree forever; a
 * tag, a branch or no reference at all installs whatever it points to on the day of the build.
 * Archives are fixed by a hash (`#sha256=…`) or a commit in their path.
 */

export interface ReferencePin {
  /** commit (or hash): one tree; local: a path in the checkout; archive: a URL with neither. */
  kind: 'commit' | 'local' | 'tag' | 'branch' | 'none' | 'archive';
  ref?: string;
}

/** The git/hg/svn reference a Poetry or Pipfile table gives (`rev`, `tag`, `branch`, `ref`). */
export interface TableReference {
  key: 'rev' | 'tag' | 'branch' | 'ref';
  value: string;
}

const VCS = /^(git|hg|svn|bzr)\+/i;
const COMMIT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/i;
const SHORT_HASH = /^[0-9a-f]{7,39}$/i;
const VERSION_TAG = /^(?:v|release[-_/]?|rel[-_]?)?\d+(?:[._-]\d+)*(?:[-._+]?[A-Za-z0-9]+)*$/i;
const BRANCHES = /^(?:master|main|develop|dev|trunk|default|HEAD|stable|latest|next)$/i;

export function referencePin(url: string, table?: TableReference): ReferencePin {
  if (table) return tablePin(table);
  const cleaned = url.split('#')[0] as string;
  if (/^(?:file:|\.{1,2}(?:\/|\\|$)|\/|~)/i.test(url)) return { kind: 'local' };
  if (VCS.test(cleaned)) return vcsPin(cleaned);
  if (/[#&](?:sha256|sha384|sha512)=[0-9a-f]+/i.test(url)) return { kind: 'commit', ref: 'hash' };
  const archive = /\/archive\/(?:refs\/(heads|tags)\/)?([^/]+?)(?:\.tar\.gz|\.zip|\.tgz)$/i.exec(cleaned);
  if (archive) {
    const ref = archive[2] as string;
    if (archive[1] === 'heads') return { kind: 'branch', ref };
    if (archive[1] === 'tags') return { kind: 'tag', ref };
    return classifyRef(ref);
  }
  return { kind: 'archive' };
}

function vcsPin(url: string): ReferencePin {
  const withoutScheme = url.replace(/^[a-z]+\+[a-z]+:\/\//i, '');
  // The reference is an `@` in the path, not the `user@` of the authority.
  const slash = withoutScheme.indexOf('/');
  const path = slash < 0 ? '' : withoutScheme.slice(slash);
  const at = path.lastIndexOf('@');
  if (at < 0) return { kind: 'none' };
  return classifyRef(path.slice(at + 1));
}

function classifyRef(ref: string): ReferencePin {
  if (COMMIT.test(ref)) return { kind: 'commit', ref };
  if (BRANCHES.test(ref)) return { kind: 'branch', ref };
  if (VERSION_TAG.test(ref)) return { kind: 'tag', ref };
  // A short hash or an svn revision number also names one tree, if less surely.
  if ((SHORT_HASH.test(ref) && /\d/.test(ref)) || /^r?\d+$/.test(ref)) return { kind: 'tag', ref };
  return { kind: 'branch', ref };
}

function tablePin(table: TableReference): ReferencePin {
  if (table.key === 'branch') return { kind: 'branch', ref: table.value };
  if (table.key === 'tag') return { kind: 'tag', ref: table.value };
  return classifyRef(table.value);
}
