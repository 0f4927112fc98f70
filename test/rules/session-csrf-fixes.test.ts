/**
 * Suggested fixes of the session-cookie and CSRF rules: the exact replacement text, and applying
 * it makes the finding go away (the App posts these as suggested changes).
 */
import { describe, expect, it } from '@jest/globals';
import { RULES } from '../../rules/index.js';
import { analyze } from '../../src/core/analyze.js';
import { LineIndex } from '../../src/core/lines.js';
import type { Finding } from '../../src/core/types.js';

function findings(text: string, ruleId: string): Finding[] {
  const rules = RULES.filter((r) => r.meta.id === ruleId);
  return analyze([{ path: 'app.py', content: text }], { rules }).findings;
}

function applyFix(text: string, finding: Finding): string {
  const lines = new LineIndex(text);
  const start = lines.lineStart(finding.startLine) + finding.startColumn - 1;
  const end = lines.lineStart(finding.endLine) + finding.endColumn - 1;
  return text.slice(0, start) + (finding.fix as string) + text.slice(end);
}

const APP = 'import datetime\nfrom flask import Flask, make_response, request\napp = Flask(__name__)\n';

const cases: { rule: string; code: string; fix: string }[] = [
  { rule: 'session-cookie-insecure', code: 'app.config["SESSION_COOKIE_SECURE"] = False', fix: 'app.config["SESSION_COOKIE_SECURE"] = True' },
  { rule: 'session-cookie-insecure', code: 'app.config.update(REMEMBER_COOKIE_SECURE=False, X=1)', fix: 'REMEMBER_COOKIE_SECURE=True' },
  { rule: 'session-cookie-httponly-disabled', code: 'class Config:\n    SESSION_COOKIE_HTTPONLY = 0', fix: 'SESSION_COOKIE_HTTPONLY = True' },
  { rule: 'session-cookie-samesite-none', code: 'app.config.from_mapping({"SESSION_COOKIE_SAMESITE": "None"})', fix: '"SESSION_COOKIE_SAMESITE": "Lax"' },
  { rule: 'session-signer-disabled', code: 'class Config:\n    SESSION_USE_SIGNER = False', fix: 'SESSION_USE_SIGNER = True' },
  { rule: 'csrf-protection-disabled', code: 'class Config:\n    WTF_CSRF_ENABLED = False', fix: 'WTF_CSRF_ENABLED = True' },
  { rule: 'csrf-check-default-disabled', code: 'app.config["WTF_CSRF_CHECK_DEFAULT"] = False', fix: 'app.config["WTF_CSRF_CHECK_DEFAULT"] = True' },
  {
    rule: 'set-cookie-without-flags',
    code: '@app.route("/t")\ndef t():\n    resp = make_response("")\n    resp.set_cookie("auth_token", request.args["t"], max_age=60)\n    return resp',
    fix: 'resp.set_cookie("auth_token", request.args["t"], max_age=60, secure=True, httponly=True, samesite="Lax")',
  },
  {
    rule: 'set-cookie-without-flags',
    code: 'def remember(resp, token):\n    resp.set_cookie("remember_token", token, secure=False, samesite=None, httponly=True)',
    fix: 'resp.set_cookie("remember_token", token, secure=True, samesite="Lax", httponly=True)',
  },
  {
    rule: 'set-cookie-without-flags',
    code: 'def remember(resp, token):\n    resp.set_cookie(\n        "sid",\n        token,\n    )',
    fix: 'resp.set_cookie(\n        "sid",\n        token, secure=True, httponly=True, samesite="Lax",\n    )',
  },
];

describe('suggested fixes', () => {
  it.each(cases)('$rule: $fix', ({ rule, code, fix }) => {
    const text = APP + code + '\n';
    const [finding, ...others] = findings(text, rule);
    expect(others).toEqual([]);
    expect(finding?.fix).toBe(fix);
    expect(findings(applyFix(text, finding as Finding), rule)).toEqual([]);
  });

  it('offers no fix where the right value is a choice: explicit SameSite=None, positional flags', () => {
    const code = [
      'def a(resp, token):',
      '    resp.set_cookie("session_id", token, samesite="None")',
      'def b(resp, token):',
      '    resp.set_cookie("session_id", token, None, None, "/", None, False, True, "Lax")',
    ].join('\n');
    const result = findings(APP + code + '\n', 'set-cookie-without-flags');
    expect(result.map((f) => [f.startLine, f.fix])).toEqual([
      [5, undefined],
      [7, undefined],
    ]);
  });

  it('offers no fix for a form without its CSRF token: its pages and clients may not send one', () => {
    const code = [
      'from flask_wtf import FlaskForm',
      'class TransferForm(FlaskForm):',
      '    class Meta:',
      '        csrf = False',
      '@app.post("/gift")',
      'def gift():',
      '    form = TransferForm(meta={"csrf": False})',
    ].join('\n');
    const result = findings(APP + code + '\n', 'csrf-protection-disabled');
    expect(result.map((f) => [f.startLine, f.startColumn, f.endColumn, f.fix])).toEqual([
      [7, 9, 21, undefined],
      [10, 31, 44, undefined],
    ]);
  });
});
