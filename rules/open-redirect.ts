import { escapeRegExp } from '../src/core/python/module.js';
import type { RequestSource } from '../src/core/python/flow.js';
import { argument, literalValue } from '../src/core/python/syntax.js';
import { startsWithFixedHost } from '../src/core/python/url-prefix.js';
import type { Rule } from '../src/core/rule.js';
import { THREATS } from '../src/core/threats.js';

export const openRedirect: Rule = {
  meta: {
    id: 'open-redirect',
    code: 'FG701',
    category: 'open-redirect',
    severity: 'medium',
    confidence: 'high',
    confidenceNote:
      'High: a request value reaches redirect() with no same-host check; low when the value is the Referer header; silent when a same-host helper or a host-relative root guards it.',
    title: 'redirect() to a URL taken from the request',
    threats: [THREATS.phishingRedirect],
    why:
      '`redirect(request.args["next"])` sends the browser wherever the link says. An attacker mails a link to the ' +
      'real site — often the login page — that ends on a look-alike phishing page, or steals OAuth codes and tokens ' +
      'passed along in the URL. A value starting with `/` is not enough: `//evil.com` and `/\\evil.com` leave the ' +
      'site. Check that the target stays on this host (`urlparse(target).netloc` compared with the request host, ' +
      'an `is_safe_url` helper) or redirect to `url_for(...)`.',
    example: 'return redirect(request.args.get("next") or url_for("index"))',
    useInstead:
      'target = request.args.get("next")\nif not target or urlparse(target).netloc or urlparse(target).scheme:\n    target = url_for("index")\nreturn redirect(target)',
    references: [
      'https://cheatsheetseries.owasp.org/cheatsheets/Unvalidated_Redirects_and_Forwards_Cheat_Sheet.html',
      'https://flask.palletsprojects.com/en/stable/api/#flask.redirect',
      'https://cwe.mitre.org/data/definitions/601.html',
    ],
    cwe: [601],
  },
  python(ctx) {
    const { module } = ctx;
    // Aliases (`from werkzeug.utils import redirect as go`) come from the text; resolution confirms them.
    const names = ['redirect', ...[...module.text.matchAll(/\bredirect\s+as\s+(\w+)/g)].map((m) => m[1] as string)];
    for (const match of module.search(new RegExp(`\\b(${names.map(escapeRegExp).join('|')})\\s*\\(`, 'g'))) {
      const name = module.codeAt(match.index, (match[1] as string).length);
      const call = name?.parent?.type === 'attribute' ? name.parent.parent : name?.parent;
      if (call?.type !== 'call') continue;
      const target = argument(call, 'location', 0);
      // `redirect(url_for(...))`, `redirect("/")`: settled before resolving names or running the flow analysis.
      if (!target || literalValue(target) !== undefined || startsWithFixedHost(target, module)) continue;
      if (!module.isCallTo(call, 'flask.redirect')) continue;
      const source = module.flow.requestData(target, 'url');
      if (!source) continue;
      const referrer = isReferrer(source);
      ctx.report({
        node: target,
        environment: module.environmentOf(call),
        confidence: referrer ? 'low' : 'high',
        severity: referrer ? 'low' : 'medium',
        message: referrer
          ? `The redirect goes back to the Referer (${source.description}), which the linking page chooses: fall back to url_for(...) unless it is on this host.`
          : `The redirect target comes from ${source.description} with no check that it stays on this host: links to this site can forward users anywhere.`,
      });
    }
  },
};

/** `request.referrer` / the Referer header: only the page that linked here can choose it. */
function isReferrer(source: RequestSource): boolean {
  return /referrer|referer/i.test(source.description);
}
