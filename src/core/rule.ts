/** The Rule contract: metadata that documents it, and detectors for the kinds of file it reads. */
import type { DebugSources } from './debug-sources.js';
import type { DeploymentFacts } from './deploy/index.js';
import type { JinjaTag } from './jinja.js';
import type { PythonModule } from './python/module.js';
import type { SyntaxNode } from './python/parser.js';
import type { EnvironmentScope } from './scope.js';
import type { LineIndex } from './lines.js';
import type { TemplateRecords } from './template-records.js';
import type { TemplateValues } from './template-values.js';
import type { Category, Confidence, Severity, Threat } from './types.js';

export interface RuleMeta {
  /** kebab-case, equal to the rule's file name. */
  id: string;
  /** Short stable code, e.g. FG101. */
  code: string;
  category: Category;
  severity: Severity;
  /** How sure a finding of this rule usually is; a report can lower or raise it from evidence. */
  confidence: Confidence;
  /** What raises or lowers the confidence of this rule's findings (shown in the rule docs). */
  confidenceNote: string;
  title: string;
  /** The threats this rule mitigates, with the severities of mitigations.md. */
  threats: readonly Threat[];
  why: string;
  /** Flagged code, as a short snippet. */
  example: string;
  /** The safe version of the example. */
  useInstead: string;
  references: readonly string[];
  /** The weaknesses it finds, as CWE ids (https://cwe.mitre.org): SARIF tags and the rule's page. */
  cwe: readonly number[];
}

/** Settings rules can read; they come from `.flaskguard.yml` with defaults filled in. */
export interface RuleSettings {
  /** `PERMANENT_SESSION_LIFETIME` above this many days is flagged. */
  sessionLifetimeMaxDays: number;
}

export interface Report {
  /** The narrowest node that shows the problem (the `debug=True` argument, not the whole call). */
  node?: SyntaxNode;
  /** Or an explicit range of offsets in the file text (text-based detectors). */
  offsets?: { start: number; end: number };
  message: string;
  /** Defaults to the rule's severity. */
  severity?: Severity;
  /** Defaults to the rule's confidence. */
  confidence?: Confidence;
  /**
   * Where the reported code runs (`module.environmentOf(node)`), when the rule's finding does not
   * matter in development or test code: the engine then withholds it there and counts it.
   * Without it, the file's scope decides.
   */
  environment?: EnvironmentScope;
  /** Replacement for exactly the reported range, when the rewrite is safe and local. */
  fix?: string;
}

interface BaseContext {
  path: string;
  text: string;
  lines: LineIndex;
  settings: RuleSettings;
  /** Where this file's code runs (development/testing, production, or unscoped), judged by its path. */
  fileScope: EnvironmentScope;
  report(report: Report): void;
}

export interface PythonContext extends BaseContext {
  module: PythonModule;
  /** What the project's Python writes to record fields and gives templates (see template-values.ts). */
  values: TemplateValues;
}

/** Jinja templates. */
export interface TemplateContext extends BaseContext {
  /** What the project's Python gives template variables (see template-values.ts). */
  values: TemplateValues;
  /** Which template variables the views fill with database records (see template-records.ts). */
  records: TemplateRecords;
  /** The template's tags, parsed once and shared by all rules. */
  readonly tags: readonly JinjaTag[];
}

/** Deployment files: Dockerfile, compose, Kubernetes, Procfile, shell scripts, committed .env files. */
export interface DeployContext extends BaseContext {
  /** Environment settings and commands, parsed once per file and shared by all rules. */
  readonly facts: DeploymentFacts;
  /** Where the rest of the project turns debug mode on (`.flaskenv`, config classes). */
  readonly debugSources: DebugSources;
}

export interface Rule {
  meta: RuleMeta;
  python?(ctx: PythonContext): void;
  template?(ctx: TemplateContext): void;
  deploy?(ctx: DeployContext): void;
}
