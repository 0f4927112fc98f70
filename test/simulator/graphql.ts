/**
 * The GraphQL endpoint, for review threads: documents are validated against GitHub's published
 * schema (`@octokit/graphql-schema`) and executed with resolvers for the fields FlaskGuard uses —
 * `repository.pullRequest.reviewThreads` (with their comments) and the `resolveReviewThread`
 * mutation. GitHub answers 200 with `errors` for an invalid document or a missing node.
 */
import { buildClientSchema, graphql, GraphQLError, parse, validate, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import type { SimPullRequest, SimReviewComment, SimReviewThread } from './model.js';
import type { GitHubStore } from './store.js';
import type { AppIdentity } from './shapes.js';

let schema: Promise<GraphQLSchema> | undefined;

/** GitHub's schema, built once per process on first use (about a second). */
function githubSchema(): Promise<GraphQLSchema> {
  schema ??= import('@octokit/graphql-schema').then(({ schema: published }) => buildClientSchema(published.json as unknown as IntrospectionQuery));
  return schema;
}

export interface GraphQLAnswer {
  body: { data?: unknown; errors?: Array<{ type?: string; message: string; path?: readonly (string | number)[] }> };
  /** Errors of the document itself (GitHub's schema refuses it): a violation. */
  invalid: string[];
}

const MAX_PAGE = 100;

function notFound(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { type: 'NOT_FOUND' } });
}

/** A connection over a list, with GitHub's rules: `first` or `last` is required, 100 at most. */
function connection<T>(items: readonly T[], args: { first?: number; last?: number; after?: string; before?: string }, name: string) {
  const size = args.first ?? args.last;
  if (size === undefined) throw new GraphQLError(`You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`);
  if (size > MAX_PAGE) throw new GraphQLError(`Requesting ${size} records on the \`${name}\` connection exceeds the \`${args.first !== undefined ? 'first' : 'last'}\` limit of ${MAX_PAGE} records.`);
  const cursor = (index: number) => Buffer.from(`cursor:v2:${index}`).toString('base64');
  const indexOf = (value: string) => Number(Buffer.from(value, 'base64').toString().split(':')[2]);
  let start = args.after ? indexOf(args.after) + 1 : 0;
  let end = args.before ? indexOf(args.before) : items.length;
  if (args.first !== undefined) end = Math.min(end, start + args.first);
  else start = Math.max(start, end - size);
  const nodes = items.slice(start, end);
  return {
    totalCount: items.length,
    nodes,
    edges: nodes.map((node, i) => ({ node, cursor: cursor(start + i) })),
    pageInfo: {
      hasNextPage: end < items.length,
      hasPreviousPage: start > 0,
      startCursor: nodes.length > 0 ? cursor(start) : null,
      endCursor: nodes.length > 0 ? cursor(end - 1) : null,
    },
  };
}

function commentNode(comment: SimReviewComment) {
  return {
    __typename: 'PullRequestReviewComment',
    id: `PRRC_${comment.id}`,
    databaseId: comment.id,
    body: comment.body,
    path: comment.path,
    line: comment.line,
    author: { __typename: comment.user.type === 'Bot' ? 'Bot' : 'User', login: comment.user.login },
  };
}

function threadNode(thread: SimReviewThread, store: GitHubStore) {
  const comments = thread.commentIds.map((id) => store.comments.find((c) => c.id === id) as SimReviewComment);
  const first = comments[0] as SimReviewComment;
  return {
    __typename: 'PullRequestReviewThread',
    id: thread.id,
    isResolved: thread.isResolved,
    isOutdated: false,
    isCollapsed: thread.isResolved,
    path: first.path,
    line: first.line,
    diffSide: first.side,
    resolvedBy: thread.resolvedBy ? { __typename: 'User', login: thread.resolvedBy.login } : null,
    viewerCanResolve: true,
    comments: (args: { first?: number; last?: number; after?: string; before?: string }) => connection(comments.map(commentNode), args, 'comments'),
  };
}

function pullRequestNode(pull: SimPullRequest, store: GitHubStore) {
  return {
    __typename: 'PullRequest',
    id: `PR_${pull.id}`,
    number: pull.number,
    title: pull.title,
    reviewThreads: (args: { first?: number; last?: number; after?: string; before?: string }) =>
      connection(store.threads.filter((t) => t.pull === pull).map((t) => threadNode(t, store)), args, 'reviewThreads'),
  };
}

export async function executeGraphQL(body: unknown, store: GitHubStore, app: AppIdentity): Promise<GraphQLAnswer> {
  const { query, variables } = (body ?? {}) as { query?: unknown; variables?: Record<string, unknown> };
  if (typeof query !== 'string') return { body: { errors: [{ message: 'A query attribute must be specified and must be a string.' }] }, invalid: ['no query'] };
  const schema = await githubSchema();
  let invalid: string[];
  try {
    invalid = validate(schema, parse(query)).map((e) => e.message);
  } catch (error) {
    invalid = [(error as Error).message];
  }
  if (invalid.length > 0) return { body: { errors: invalid.map((message) => ({ message })) }, invalid };

  const rootValue = {
    repository: ({ owner, name }: { owner: string; name: string }) => {
      const repo = store.repository(owner, name);
      if (!repo) throw notFound(`Could not resolve to a Repository with the name '${owner}/${name}'.`);
      return {
        __typename: 'Repository',
        id: `R_${repo.id}`,
        name: repo.name,
        pullRequest: ({ number }: { number: number }) => {
          const pull = store.pull(repo, number);
          if (!pull) throw notFound(`Could not resolve to a PullRequest with the number of ${number}.`);
          return pullRequestNode(pull, store);
        },
      };
    },
    resolveReviewThread: ({ input }: { input: { threadId: string; clientMutationId?: string } }) => {
      const thread = store.thread(input.threadId);
      if (!thread) throw notFound(`Could not resolve to a node with the global id of '${input.threadId}'`);
      thread.isResolved = true;
      thread.resolvedBy = app.bot;
      return { clientMutationId: input.clientMutationId ?? null, thread: threadNode(thread, store) };
    },
  };
  const result = await graphql({ schema, source: query, rootValue, variableValues: variables ?? {} });
  const errors = result.errors?.map((e) => ({
    ...(typeof e.extensions?.type === 'string' && { type: e.extensions.type }),
    message: e.message,
    ...(e.path && { path: e.path }),
  }));
  // Errors without data are the request's own (variables of the wrong type, missing ones).
  const requestErrors = result.data === undefined ? (errors ?? []).map((e) => e.message) : [];
  return { body: { ...(result.data !== undefined && { data: result.data }), ...(errors && { errors }) }, invalid: requestErrors };
}
