/**
 * The simulator and the App's real server process, started together and wired to each other:
 * what the end-to-end tests, the demo and the pull-request benchmark run. A review is one webhook
 * delivered, then waiting for the check run of that commit to be completed.
 */
import { randomBytes } from 'node:crypto';
import { AppProcess, throwawayKeyPair, type AppProcessOptions } from './app-process.js';
import type { SimCheckRun, SimPullRequest, SimRepository } from './model.js';
import type { AdvisoryTable } from './routes/advisories.js';
import { GitHubSimulator } from './simulator.js';
import type { Delivery, DeliveryOptions, WebhookEvent } from './webhooks.js';

export interface StackOptions {
  /** The advisory table the simulator answers `GET /advisories` from. */
  advisories?: AdvisoryTable;
  /** Environment of the App process besides what points it at the simulator. */
  env?: Record<string, string>;
  entry?: AppProcessOptions['entry'];
}

export interface Reviewed {
  delivery: Delivery;
  /** The check run of the commit, completed. */
  checkRun: SimCheckRun;
}

/** The App's settings for a local GitHub: no spacing of writes (GitHub's secondary limits are not simulated). */
export const SIMULATOR_ENV = { FLASKGUARD_WRITE_INTERVAL_MS: '0' };

/** A simulator with the key pair and webhook secret it shares with the App processes started against it. */
export interface Wiring {
  sim: GitHubSimulator;
  secrets: { privateKey: string; webhookSecret: string };
  /** Starts an App process against the simulator, with more environment (a role, REDIS_URL...). */
  startApp(env?: Record<string, string>): Promise<AppProcess>;
}

export class Stack {
  protected constructor(
    readonly sim: GitHubSimulator,
    /** The process webhooks are delivered to. */
    readonly app: AppProcess,
    /** What the App must never log. */
    readonly secrets: { privateKey: string; webhookSecret: string },
  ) {}

  static async start(options: StackOptions = {}): Promise<Stack> {
    const wiring = await Stack.wire(options);
    try {
      return new Stack(wiring.sim, await wiring.startApp(), wiring.secrets);
    } catch (error) {
      await wiring.sim.stop();
      throw error;
    }
  }

  /** A fresh simulator, and how to start App processes that trust each other with it. */
  protected static async wire(options: StackOptions): Promise<Wiring> {
    const keys = throwawayKeyPair();
    const sim = await GitHubSimulator.start({ appPublicKey: keys.publicKey, ...(options.advisories && { advisories: options.advisories }) });
    const webhookSecret = randomBytes(16).toString('hex');
    return {
      sim,
      secrets: { privateKey: keys.privateKey, webhookSecret },
      startApp: (env = {}) =>
        AppProcess.start({
          simulator: sim,
          privateKey: keys.privateKey,
          webhookSecret,
          env: { ...SIMULATOR_ENV, ...options.env, ...env },
          ...(options.entry && { entry: options.entry }),
        }),
    };
  }

  /** The completed check runs of a commit of a repository, oldest first. */
  completedRuns(repository: SimRepository, headSha: string): SimCheckRun[] {
    return this.sim.store.checkRuns.filter((r) => r.repository === repository && r.headSha === headSha && r.status === 'completed');
  }

  /**
   * Delivers the event and resolves once one more check run of the pull request's head is
   * completed than before; rejects when the App refuses the delivery or nothing completes within
   * `timeoutMs` (with the App's last log lines).
   */
  async review(event: WebhookEvent, pull: SimPullRequest, options: DeliveryOptions & { timeoutMs?: number } = {}): Promise<Reviewed> {
    const { repository, headSha } = pull;
    const before = this.completedRuns(repository, headSha).length;
    const delivery = await this.app.deliver(event, options);
    if (delivery.status >= 300) throw new Error(`the App answered the ${event.name} delivery with ${delivery.status}: ${delivery.body}`);
    try {
      await this.sim.until(() => this.completedRuns(repository, headSha).length > before, `a completed check run for ${headSha.slice(0, 7)}`, options.timeoutMs);
    } catch (error) {
      throw new Error(`${(error as Error).message}\nthe App's last log lines:\n${this.app.logs.slice(-20).join('\n')}`, { cause: error });
    }
    return { delivery, checkRun: this.completedRuns(repository, headSha)[before] as SimCheckRun };
  }

  /**
   * Delivers a push to the repository's default branch (made with `store.pushToDefaultBranch`)
   * and resolves with the completed check run of the pushed commit.
   */
  async pushToDefaultBranch(repository: SimRepository, push: { before: string; after: string }, timeoutMs?: number): Promise<SimCheckRun> {
    const delivery = await this.app.deliver(this.sim.payloads.push(repository, push.before, push.after));
    if (delivery.status >= 300) throw new Error(`the App answered the push delivery with ${delivery.status}: ${delivery.body}`);
    await this.sim.until(() => this.completedRuns(repository, push.after).length > 0, `a completed check run for ${push.after.slice(0, 7)}`, timeoutMs);
    return this.completedRuns(repository, push.after)[0] as SimCheckRun;
  }

  /** Runs the App's advisory monitoring now (SIGUSR2) and resolves once that tick is done; rejects after `timeoutMs`. */
  async monitorNow(timeoutMs = 20_000): Promise<void> {
    const ticks = () => this.app.logs.filter((l) => l.includes('advisory monitoring: tick done')).length;
    const before = ticks();
    process.kill(this.app.pid, 'SIGUSR2');
    const deadline = Date.now() + timeoutMs;
    while (ticks() <= before) {
      if (Date.now() > deadline) throw new Error(`the advisory monitoring did not finish in ${timeoutMs} ms; the App's last log lines:\n${this.app.logs.slice(-10).join('\n')}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** Resolves once the App's /health says no review is running or waiting; rejects after `timeoutMs`. */
  async idle(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const health = (await (await fetch(`${this.app.url}/health`)).json()) as { running: number; waiting: number };
      if (health.running === 0 && health.waiting === 0) return;
      if (Date.now() > deadline) throw new Error(`the App is still busy after ${timeoutMs} ms: ${JSON.stringify(health)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  async stop(): Promise<void> {
    await this.app.stop();
    await this.sim.stop();
  }
}
