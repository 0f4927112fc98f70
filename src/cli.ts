/**
 * The `flaskguard` command line: `scan` whole files, or `diff` the changed lines of a change.
 * Each command's code is imported when the command runs, so that `--version` and `--help` load
 * almost nothing (see the start-up benchmark).
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { CONFIDENCES, SEVERITIES, type Severity } from './core/types.js';
import { FORMATS, UsageError, type CommonOptions, type Format, type ScanOptions } from './cli/options.js';
import type { AuditCliOptions } from './cli/audit.js';
import { formatTiming, startTiming, stopTiming } from './core/timing.js';
import { VERSION } from './version.js';

const EXIT_USAGE = 2;

function severity(value: string): Severity | 'none' {
  if ((SEVERITIES as readonly string[]).includes(value) || value === 'none') return value as Severity | 'none';
  throw new InvalidArgumentError(`Allowed: ${[...SEVERITIES, 'none'].join(', ')}.`);
}

function common(command: Command): Command {
  return command
    .addOption(new Option('-f, --format <format>', 'output format (github: workflow commands that annotate the pull request in GitHub Actions)').choices(FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('-c, --config <file>', 'configuration file (default: .flaskguard.yml at the project root)')
    .option('--online', 'check dependencies against the GitHub Advisory Database (token from GITHUB_TOKEN) instead of the bundled snapshot')
    .option('--fail-on <severity>', `exit 1 when a finding is at or above this severity (${[...SEVERITIES, 'none'].join('|')}; default: fail_on from the config, else high)`, severity)
    .addOption(new Option('--min-confidence <confidence>', 'leave out findings below this confidence (default: report.min_confidence from the config, else low)').choices(CONFIDENCES))
    .option('--show-dev', 'list the findings in development and test code (at low confidence) instead of only counting them');
}

function program(result: { code: number }, cwd: string): Command {
  const cli = new Command('flaskguard')
    .description('Security review for Flask applications: debug mode, secret keys, file serving, templates, sessions, dependencies, CSRF, redirects, CORS.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run flaskguard --help for usage)')
    .exitOverride();
  common(cli.command('scan').argument('[paths...]', 'files or directories to analyze', []))
    .description('analyze whole files and directories (.gitignore and config excludes are honoured)')
    .option('--fix', 'apply the safe fixes in place, then report what remains')
    .option('--diff', 'print the safe fixes as a unified diff without writing anything (exit 1 when there are some)')
    .action(async (paths: string[], options: ScanOptions & { format: Format }) => {
      const { scan } = await import('./cli/scan.js');
      result.code = await scan(paths, options, cwd);
    });
  common(cli.command('diff'))
    .description('analyze the files a git change touches and report findings on the changed lines only')
    .requiredOption('--base <ref>', 'the commit the change starts from (e.g. origin/main)')
    .option('--head <ref>', 'the commit the change ends at (default: the working tree)')
    .action(async (options: CommonOptions & { base: string; head?: string; format: Format }) => {
      const { diff } = await import('./cli/diff.js');
      result.code = await diff(options.base, options.head, options, cwd);
    });
  cli
    .command('audit')
    .argument('[paths...]', 'dependency files, or directories to find them in (requirements/constraints files, pyproject.toml, Pipfile, lock files)', [])
    .description('audit the dependency files against the known advisories, like pip-audit (exit 1 when a vulnerable version is pinned or admitted)')
    .addOption(new Option('-f, --format <format>', 'output format').choices(FORMATS).default('text'))
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .option('-c, --config <file>', 'configuration file (default: .flaskguard.yml at the project root)')
    .option('--online', 'ask the GitHub Advisory Database (token from GITHUB_TOKEN; the bundled snapshot answers when it cannot)')
    .option('--fail-on <severity>', `exit 1 when a problem is at or above this severity (${[...SEVERITIES, 'none'].join('|')}; default: fail_on from the config, else high)`, severity)
    .option('--fix', 'rewrite vulnerable pins to the lowest version that clears every advisory (pins only; comments and formatting kept)')
    .action(async (paths: string[], options: AuditCliOptions) => {
      const { audit } = await import('./cli/audit.js');
      result.code = await audit(paths, options, cwd);
    });
  cli
    .command('rules')
    .argument('[rule-id]', 'a rule to explain')
    .description('list the rules, or explain one (why it matters, what to write instead)')
    .action(async (id?: string) => {
      const { explainRules } = await import('./cli/rules.js');
      process.stdout.write(explainRules(id));
    });
  cli.addHelpText(
    'after',
    '\nExit codes: 0 no finding at or above the fail level, 1 findings, 2 bad usage or bad configuration.\n' +
      'FLASKGUARD_TIMING=1 prints the time of each phase and of the 10 slowest rules to stderr (all: every rule; N: N rules; json: as JSON).',
  );
  return cli;
}

/** `FLASKGUARD_TIMING`: off when unset, empty or 0; else a table with 10 rules, `all` of them, N, or `json`. */
function timingSetting(value = process.env.FLASKGUARD_TIMING): { format: 'table' | 'json'; rules: number } | undefined {
  if (!value || value === '0') return undefined;
  if (value === 'json') return { format: 'json', rules: Infinity };
  if (value === 'all') return { format: 'table', rules: Infinity };
  const count = Number(value);
  return { format: 'table', rules: Number.isInteger(count) && count > 1 ? count : 10 };
}

/** Runs the CLI and returns the exit code. */
export async function main(argv: string[], cwd = process.cwd()): Promise<number> {
  const timing = timingSetting();
  if (!timing) return run(argv, cwd);
  startTiming();
  try {
    return await run(argv, cwd);
  } finally {
    process.stderr.write(formatTiming(stopTiming(), timing.format, timing.rules));
  }
}

async function run(argv: string[], cwd: string): Promise<number> {
  const result = { code: 0 };
  try {
    await program(result, cwd).parseAsync(argv, { from: 'user' });
    return result.code;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit 0; commander has already printed the message.
      return error.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (error instanceof UsageError) {
      process.stderr.write(`flaskguard: ${error.message}\n`);
      return EXIT_USAGE;
    }
    process.stderr.write(`flaskguard: internal error: ${(error as Error).message}\n`);
    return EXIT_USAGE;
  }
}
