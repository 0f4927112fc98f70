/** Reads a deployment file by its kind. */
import { timed } from '../timing.js';
import { dockerfileFacts } from './dockerfile.js';
import { dotenvFacts, procfileFacts, shellFacts } from './shell.js';
import type { DeploymentFacts } from './types.js';
import { yamlFacts } from './yaml.js';

export type { CommandText, DeploymentFacts, EnvSetting } from './types.js';

export type DeploymentFormat = 'dockerfile' | 'dotenv' | 'procfile' | 'shell' | 'yaml';

export function deploymentFormat(path: string): DeploymentFormat {
  const name = path.split('/').pop() ?? path;
  if (/^(Dockerfile|Containerfile)([.-].*)?$|\.dockerfile$/i.test(name)) return 'dockerfile';
  if (/^\.(env|flaskenv)(\..*)?$/.test(name)) return 'dotenv';
  if (/^Procfile/.test(name)) return 'procfile';
  if (/\.ya?ml$/i.test(name)) return 'yaml';
  return 'shell';
}

/** The environment settings and commands of a deployment file. */
export function deploymentFacts(path: string, text: string): DeploymentFacts {
  return timed('deploy files', () => factsOf(path, text));
}

function factsOf(path: string, text: string): DeploymentFacts {
  switch (deploymentFormat(path)) {
    case 'dockerfile':
      return dockerfileFacts(text);
    case 'dotenv':
      return dotenvFacts(text);
    case 'procfile':
      return procfileFacts(text);
    case 'yaml':
      return yamlFacts(text);
    default:
      return shellFacts(text);
  }
}
