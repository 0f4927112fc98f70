/** What deployment files (Dockerfile, compose, Kubernetes, Procfile, shell, .env) say, with offsets. */

export interface EnvSetting {
  name: string;
  value: string;
  /** Offsets of the whole `NAME=value` (or YAML entry) in the file text. */
  start: number;
  end: number;
}

export interface CommandText {
  /** The command with line continuations joined. */
  text: string;
  start: number;
  end: number;
}

export interface DeploymentFacts {
  env: EnvSetting[];
  commands: CommandText[];
  /** Set when the file could not be parsed (e.g. invalid YAML); the facts are then empty. */
  problem?: string;
}
