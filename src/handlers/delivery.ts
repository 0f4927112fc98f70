/**
 * Signed deliveries that lack what their event must carry (`"pull_request": null`, a body of just
 * `null`): answered 400 with a short sentence and logged, never a 500 with an internal TypeError.
 * Only the fields the handlers read are checked, so GitHub adding or dropping others changes nothing.
 */
import type { Logger } from 'pino';
import { z } from 'zod';

/** A delivery refused for its shape; @octokit/webhooks answers with `status` and "name: message". */
export class BadDelivery extends Error {
  readonly status = 400;

  constructor(message: string) {
    super(message);
    this.name = 'Bad delivery';
  }
}

const repository = z.object({ name: z.string(), full_name: z.string(), html_url: z.string(), owner: z.object({ login: z.string() }) });
const pullRequestRefs = z.array(z.object({ number: z.number() }));

const SHAPES: Record<string, z.ZodType> = {
  pull_request: z.object({
    pull_request: z.object({ number: z.number(), head: z.object({ sha: z.string() }), base: z.object({ ref: z.string() }), state: z.string(), draft: z.boolean().nullish() }),
    repository,
  }),
  check_run: z.object({ check_run: z.object({ name: z.string(), head_sha: z.string(), pull_requests: pullRequestRefs }), repository }),
  check_suite: z.object({ check_suite: z.object({ head_sha: z.string(), pull_requests: pullRequestRefs }), repository }),
};

const NOT_AN_OBJECT = 'the body must be a JSON object.';
const ARTICLE: Record<string, string> = { object: 'an object', array: 'an array', string: 'a string', number: 'a number', boolean: 'a boolean' };

/** What is wrong with an event's payload, as a sentence; undefined when the handlers can read it. */
export function deliveryProblem(event: string, payload: unknown): string | undefined {
  if (!payload || typeof payload !== 'object' || Array.isArray(payload)) return NOT_AN_OBJECT;
  const issue = SHAPES[event]?.safeParse(payload).error?.issues[0];
  if (!issue) return undefined;
  const path = issue.path.join('.');
  const expected = issue.code === 'invalid_type' ? (ARTICLE[issue.expected] ?? issue.expected) : 'well-formed';
  if (issue.path.length === 1) return `a ${event} event must carry ${expected === 'an object' ? `a ${path} object` : `${path} (${expected})`}.`;
  return `a ${event} event must carry ${path} as ${expected}.`;
}

interface Delivered {
  id: string;
  name: string;
  payload: unknown;
  log: Logger;
}

/** Runs an event's handler, unless the payload is not one it can read: that is logged and refused. */
export async function checkedDelivery(context: Delivered, handle: () => Promise<void>): Promise<void> {
  const problem = deliveryProblem(context.name, context.payload);
  if (problem) throw refusal(context.log, context.id, context.name, problem);
  await handle();
}

function refusal(log: Logger, id: string, event: string, problem: string): BadDelivery {
  log.warn({ deliveryId: id, event }, `Bad delivery: ${problem}`);
  return new BadDelivery(problem);
}

interface Receiver {
  verify(payload: string, signature: string): Promise<boolean>;
  verifyAndReceive(event: { id: string; name: string; payload: string; signature: string }): Promise<void>;
}

/**
 * A signed body that is not a JSON object never reaches a handler: @octokit/webhooks fails on it
 * itself (500, "Event name not passed"). This refuses it first; unsigned ones go on to be
 * refused for their signature.
 */
export function refuseNonObjectBodies(webhooks: Receiver, log: Logger): void {
  const receive = webhooks.verifyAndReceive.bind(webhooks);
  webhooks.verifyAndReceive = async (event) => {
    if (!isJsonObjectOrInvalid(event.payload) && (await webhooks.verify(event.payload, event.signature).catch(() => false))) {
      // The middleware reads the first of an AggregateError's errors.
      throw new AggregateError([refusal(log, event.id, event.name, NOT_AN_OBJECT)], NOT_AN_OBJECT);
    }
    return receive(event);
  };
}

/** true for a JSON object, and for text that is not JSON at all (the library refuses that as "Invalid JSON"). */
function isJsonObjectOrInvalid(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value);
  } catch {
    return true;
  }
}
