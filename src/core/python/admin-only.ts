/**
 * Code only administrators reach: a view decorated `@admin_required`, `@roles_required("admin")`
 * (Flask-Security, Flask-User), `@superuser_required`, a view that starts by refusing anyone who
 * is not an admin (`if not current_user.is_admin: abort(403)`), or a Flask-Admin view. HTML that
 * such a view lets through is written by an administrator: still stored XSS against other users,
 * but not by an anonymous attacker — a finding there is less likely to be exploited.
 */
import { fieldOf } from './nav.js';
import type { PythonModule } from './module.js';
import type { SyntaxNode } from './parser.js';
import { decoratorsOf, enclosingClass, enclosingFunction } from './syntax.js';

/** `admin_required`, `superuser_required`, `staff_member_required`, `require_admin`, `login_required(admin=True)`. */
const ADMIN_DECORATOR = /(?:^|[._])(?:admin|superuser|staff\w*)_required\b|\brequires?_(?:admin|superuser)\b|\badmin\s*=\s*True\b/i;
/** `roles_required("admin")`, `roles_accepted("admin", "editor")`, `role_required(Role.ADMIN)`, `permission_required("admin")`. */
const ROLE_DECORATOR = /\b(?:roles?|permissions?)_(?:required|accepted)\s*\(\s*([^)]*)\)/i;
const ADMIN_WORD = /\badmin(istrator)?\b|\bADMIN\b|\.ADMIN\b|superuser/i;
/** `if not current_user.is_admin: abort(403)`, `if not g.user.is_superuser: return redirect(...)`, `if current_user.role != "admin": abort(403)`. */
const ADMIN_CHECK = /\b(?:is_admin|is_superuser|is_administrator|is_staff|has_role\s*\(\s*["']admin)|\brole\s*!=\s*["']admin/;
const FLASK_ADMIN_BASES = /^flask_admin\.(?:contrib\.\w+\.)?(?:ModelView|BaseView|AdminIndexView)$/;

export function isAdminOnly(module: PythonModule, node: SyntaxNode): boolean {
  for (let fn = enclosingFunction(node); fn; fn = enclosingFunction(fn)) {
    if (fn.type !== 'function_definition') continue;
    if (decoratorsOf(fn).some((d) => isAdminDecorator(d.text))) return true;
    if (refusesNonAdmins(fn)) return true;
    const cls = enclosingClass(fn);
    if (cls && module.classBases(cls).some((base) => FLASK_ADMIN_BASES.test(base))) return true;
  }
  return false;
}

function isAdminDecorator(text: string): boolean {
  if (ADMIN_DECORATOR.test(text)) return true;
  const roles = ROLE_DECORATOR.exec(text);
  return roles !== null && ADMIN_WORD.test(roles[1] ?? '');
}

/** The first statements of the body check for an admin and leave (abort, raise, return) otherwise. */
function refusesNonAdmins(fn: SyntaxNode): boolean {
  const body = fieldOf(fn, 'body');
  for (const statement of body?.namedChildren.slice(0, 3) ?? []) {
    if (statement.type !== 'if_statement') continue;
    const condition = fieldOf(statement, 'condition')?.text ?? '';
    const consequence = fieldOf(statement, 'consequence')?.text ?? '';
    // The branch that leaves must be the one for non-admins: `not …is_admin`, `role != "admin"`.
    const refusesOthers = /^not\b/.test(condition) || condition.includes('!=');
    if (refusesOthers && ADMIN_CHECK.test(condition) && /\b(abort|raise|return)\b/.test(consequence)) return true;
  }
  return false;
}
