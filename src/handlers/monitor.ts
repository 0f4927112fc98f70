/**
 * The scheduled advisory monitoring: every installation's repositories, whose default branch's
 * dependency files are re-audited when `monitor.interval_hours` have passed, and the one
 * monitoring issue per repository opened, updated (with a comment saying what changed) or closed.
 * Orchestration only: what to do is decided in monitor/, the text in report/.
 */
import type { Logger } from 'pino';
import type { GitHub, RepoRef } from '../github/client.js';
import { readConfigText } from '../github/config-file.js';
import { describeError, httpStatus } from '../github/errors.js';
import { botLogin, listInstallations, listInstalledRepositories, type InstalledRepository } from '../github/installations.js';
import { commentOnIssue, createIssue, editIssue, findMarkedIssue } from '../github/issues.js';
import { defaultBranchHead } from '../github/repositories.js';
import { listDependencyFiles } from '../github/tree.js';
import { monitoredEntries, planIssue } from '../monitor/advisory-state.js';
import { MemoryAuditTimes, type AuditTimes } from '../monitor/audit-times.js';
import { changeComment, closeComment, ISSUE_MARKER, ISSUE_TITLE, issueBody, issueState } from '../report/advisory-issue.js';
import { baseConfig } from '../review/config.js';
import type { ReviewEnvironment } from './environment.js';
import { readDependencyFiles } from './read-dependency-files.js';

/** GitHub clients as the App (its JWT) and as one of its installations. */
export interface AppClients {
  app(): Promise<GitHub>;
  installation(id: number): Promise<GitHub>;
}

export interface TickOptions {
  /**
   * Audit every repository now, whatever `monitor.interval_hours` says, against advisories asked
   * for again rather than the cached ones (an operator's "run now").
   */
  force?: boolean;
}

export class AdvisoryMonitor {
  /** Installations already told about in the log for lacking `issues: write`. */
  private readonly warnedNoIssues = new Set<number>();
  private bot: string | undefined;

  constructor(
    private readonly env: ReviewEnvironment,
    private readonly clients: AppClients,
    private readonly log: Logger,
    /** When each repository was last audited: per process by default, in Redis with REDIS_URL. */
    private readonly audits: AuditTimes = new MemoryAuditTimes(),
  ) {}

  async tick(options: TickOptions = {}): Promise<void> {
    const startedAt = this.env.now().getTime();
    if (options.force) this.env.refreshAdvisories?.();
    let installations;
    try {
      const appClient = await this.clients.app();
      installations = await listInstallations(appClient);
      this.bot ??= await botLogin(appClient);
    } catch (error) {
      this.log.error({ error: describeError(error) }, 'advisory monitoring: could not list the installations');
      return;
    }
    let repositories = 0;
    for (const installation of installations) {
      if (installation.suspended) continue;
      const log = this.log.child({ installationId: installation.id });
      try {
        const github = await this.clients.installation(installation.id);
        for (const repository of await listInstalledRepositories(github)) {
          repositories++;
          await this.monitorRepository(github, repository, { canWriteIssues: installation.canWriteIssues, installationId: installation.id, force: options.force ?? false, startedAt }, log.child({ repo: repository.fullName }));
        }
      } catch (error) {
        log.error({ error: describeError(error) }, 'advisory monitoring: could not list the repositories');
      }
    }
    this.log.info({ installations: installations.length, repositories, forced: options.force ?? false }, 'advisory monitoring: tick done');
  }

  private async monitorRepository(
    github: GitHub,
    repository: InstalledRepository,
    run: { canWriteIssues: boolean; installationId: number; force: boolean; startedAt: number },
    log: Logger,
  ): Promise<void> {
    const repo: RepoRef = { owner: repository.owner, repo: repository.repo };
    try {
      const head = await defaultBranchHead(github, repo);
      if (!head) return;
      const { config } = baseConfig(await readConfigText(github, repo, head.sha), head.branch, this.env.rules.map((r) => r.meta.id));
      if (!config.monitor.advisories || !this.env.dependencyAudit) return;
      const last = await this.audits.last(repository.fullName);
      if (!run.force && last !== undefined && run.startedAt - last < config.monitor.interval_hours * 3_600_000) return;
      const listing = await listDependencyFiles(github, repo, head.sha);
      const blobOptions = { maxBytes: config.max_file_size_kb * 1024, concurrency: this.env.fetchConcurrency, signal: new AbortController().signal };
      const read = await readDependencyFiles(github, repo, listing, blobOptions);
      const audit = await this.env.dependencyAudit(read.files, { config, github, unread: [...read.tooLarge, ...listing.links] });
      // A failed audit is tried again at the next tick; a finished one waits for the interval.
      await this.audits.record(repository.fullName, run.startedAt);
      const entries = monitoredEntries(audit);
      log.info({ sha: head.sha, affected: entries.length, advisorySource: audit.advisorySource }, 'advisory monitoring: audited');
      if (!config.monitor.issue) return;
      if (!run.canWriteIssues) {
        this.warnNoIssues(run.installationId, log);
        return;
      }
      const found = await findMarkedIssue(github, repo, this.bot ?? 'flaskguard[bot]', ISSUE_MARKER);
      const plan = planIssue(entries, found && issueState(found));
      const context = { branch: head.branch, sha: head.sha, repoUrl: head.htmlUrl, intervalHours: config.monitor.interval_hours, advisorySource: audit.advisorySource, now: this.env.now() };
      switch (plan.action) {
        case 'none':
          return;
        case 'open': {
          const number = await createIssue(github, repo, ISSUE_TITLE, issueBody(entries, plan.keys, context));
          log.info({ issue: number }, 'advisory monitoring: issue opened');
          return;
        }
        case 'update': {
          const number = (found as NonNullable<typeof found>).number;
          await editIssue(github, repo, number, { body: issueBody(entries, plan.keys, context), ...(plan.reopen && { state: 'open' as const }) });
          await commentOnIssue(github, repo, number, changeComment(plan.added, plan.removed, head.sha, plan.reopen));
          log.info({ issue: number, added: plan.added.length, removed: plan.removed.length }, 'advisory monitoring: issue updated');
          return;
        }
        case 'close': {
          const number = (found as NonNullable<typeof found>).number;
          await commentOnIssue(github, repo, number, closeComment(plan.removed, head.sha));
          await editIssue(github, repo, number, { state: 'closed' });
          log.info({ issue: number }, 'advisory monitoring: issue closed');
          return;
        }
      }
    } catch (error) {
      // Permission taken away since the installation was listed: the same single log line.
      if (httpStatus(error) === 403 && run.canWriteIssues) this.warnNoIssues(run.installationId, log);
      else log.error({ error: describeError(error) }, 'advisory monitoring: repository not monitored this time');
    }
  }

  private warnNoIssues(installationId: number, log: Logger): void {
    if (this.warnedNoIssues.has(installationId)) return;
    this.warnedNoIssues.add(installationId);
    log.warn(
      { installationId },
      'advisory monitoring: this installation has not granted the issues: write permission, so no monitoring issue is opened; check runs go on as before (grant it in the App settings to get the issue)',
    );
  }
}
