import type { Rule } from '../src/core/rule.js';
import { SECRET_ENV_NAME, isReference, isWeakSecret } from '../src/core/secrets.js';
import { THREATS } from '../src/core/threats.js';

export const committedSecretKey: Rule = {
  meta: {
    id: 'committed-secret-key',
    code: 'FG203',
    category: 'secret-key',
    severity: 'high',
    confidence: 'high',
    confidenceNote:
      'High: a literal key in a file the deployment reads. Medium in a development-only file (the key may still be reused); withheld in test files; a reference (`${VAR}`, a secret store) is not reported.',
    title: 'Secret key committed in a .env or deployment file',
    threats: [THREATS.sessionHijackingKey, THREATS.csrfKey, THREATS.dataTampering],
    why:
      'A `SECRET_KEY=` line in a committed .env file, a Dockerfile `ENV`, a compose `environment:` or a Kubernetes ' +
      '`value:` is a secret in the repository: it is in every clone, fork and CI log, and rotating it means ' +
      'rewriting history. The seed keeps the key in the server environment or a secrets manager.',
    example: '# .env\nSECRET_KEY=3f6c2b…',
    useInstead: '# .env.example (committed)\nSECRET_KEY=\n# the real value lives in the deployment\'s secret store (e.g. a Kubernetes secretKeyRef)',
    references: [
      'https://flask.palletsprojects.com/en/stable/config/#SECRET_KEY',
      'https://kubernetes.io/docs/concepts/configuration/secret/#using-secrets-as-environment-variables',
    ],
    cwe: [798, 540],
  },
  deploy(ctx) {
    // A key committed in a development-only file still leaks (and is often reused): reported, but lower.
    const developmentOnly = ctx.fileScope === 'development';
    for (const setting of ctx.facts.env) {
      const value = setting.value.trim();
      if (!SECRET_ENV_NAME.test(setting.name) || value.length === 0 || isReference(value)) continue;
      const weak = isWeakSecret(value);
      ctx.report({
        offsets: setting,
        severity: developmentOnly ? 'medium' : weak ? 'critical' : 'high',
        ...(developmentOnly && { environment: 'unscoped' as const }),
        message: weak
          ? `${setting.name} is committed with a guessable value: anyone can forge signed sessions and tokens.`
          : `${setting.name} is committed to the repository: keep it in the deployment's secret store instead.`,
      });
    }
  },
};
