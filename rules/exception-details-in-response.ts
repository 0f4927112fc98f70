import { caughtExceptions, isBroad, type CaughtException } from '../src/core/python/caught-exceptions.js';
import { findCalls } from '../src/core/python/calls.js';
import type { PythonModule } from '../src/core/python/module.js';
import { fieldOf, parentOf } from '../src/core/python/nav.js';
import type { SyntaxNode } from '../src/core/python/parser.js';
import { writesReachingProduction } from '../src/core/python/production-config.js';
import { enclosingFunction, literalTruthiness, replaceWithin, stringValue } from '../src/core/python/syntax.js';
import type { Rule } from '../src/core/rule.js';
import { THREATS } from '../src/core/threats.js';

const TRACEBACK_CALLS = ['traceback.format_exc', 'traceback.format_exception', 'traceback.format_tb', 'traceback.format_stack', 'traceback.extract_tb', 'traceback.format_exception_only'];
const RESPONDS = /\.route\s*\(|errorhandler|add_url_rule|MethodView|\bResource\b|\bjsonify\b|make_response|\bResponse\s*\(|\babort\s*\(|render_template/;
/** Calls whose arguments become the response: the body, JSON, or an abort's description. */
const RESPONSE_CALLS = new Set(['flask.jsonify', 'flask.make_response', 'flask.Response', 'flask.abort', 'flask.render_template', 'flask.render_template_string', 'werkzeug.wrappers.Response']);
export const exceptionDetailsInResponse: Rule = {
  meta: {
    id: 'exception-details-in-response',
    code: 'FG105',
    category: 'debug-mode',
    severity: 'high',
    confidence: 'high',
    confidenceNote:
      'High for a traceback (traceback.format_exc() and friends) in what a view or error handler returns; medium for the text of a caught Exception (str(e), repr(e), e.args, f"{e}") from a broad except or a catch-all error handler; low for the text of a specific exception type; silent for Werkzeug HTTP errors, whose text is meant for the client. PROPAGATE_EXCEPTIONS = True in production configuration is low: whether a traceback shows depends on the server.',
    title: 'Stack trace or exception details sent to the client',
    threats: [THREATS.informationDisclosureDebug],
    why:
      'Debug mode is off, but the view sends what debug mode would have shown: a traceback names files, ' +
      'functions, library versions and lines of source; the text of an unexpected exception carries SQL ' +
      'statements, file paths, internal host names and sometimes credentials (a database URL in a connection ' +
      'error). The seed strategy turns debug mode off so that errors never reach the browser; returning ' +
      '`traceback.format_exc()` or `str(e)` undoes it. Log the details on the server (`app.logger.exception(...)`) ' +
      'and return a generic message with an error id.',
    example:
      '@app.route("/report")\ndef report():\n    try:\n        return build_report()\n    except Exception:\n        return traceback.format_exc(), 500',
    useInstead:
      '@app.route("/report")\ndef report():\n    try:\n        return build_report()\n    except Exception:\n        app.logger.exception("report failed")\n        return {"error": "internal error"}, 500',
    references: [
      'https://flask.palletsprojects.com/en/stable/errorhandling/',
      'https://owasp.org/www-community/Improper_Error_Handling',
      'https://cwe.mitre.org/data/definitions/209.html',
    ],
    cwe: [209, 497],
  },
  python(ctx) {
    const { module } = ctx;
    for (const write of writesReachingProduction(module, ['PROPAGATE_EXCEPTIONS'])) {
      if (literalTruthiness(write.value) !== true) continue;
      ctx.report({
        node: write.node,
        severity: 'low',
        confidence: 'low',
        message: 'PROPAGATE_EXCEPTIONS = True in production: unhandled errors skip the app\'s error handlers and go to the WSGI server, which shows the traceback if it runs with a debugger or its own debug page. Leave it unset (it follows debug mode).',
        fix: replaceWithin(write.node, write.value, 'False'),
      });
    }
    // Only modules that answer requests send anything to a client (and most modules catch exceptions).
    if (!RESPONDS.test(module.text) || !/\btraceback\b|\bexcept\b|errorhandler|register_error_handler/.test(module.text)) return;
    for (const call of findCalls(module, TRACEBACK_CALLS)) {
      if (!reachesResponse(module, call)) continue;
      ctx.report({
        node: call,
        environment: module.environmentOf(call),
        message: `${fieldOf(call, 'function')?.text ?? 'traceback'}() is sent to the client: the traceback shows file paths, source lines and library versions, what debug mode off is meant to hide. Log it (app.logger.exception) and return a generic error.`,
      });
    }
    for (const caught of caughtExceptions(module)) {
      for (const use of detailsOf(module, caught)) {
        if (!reachesResponse(module, use)) continue;
        const broad = isBroad(caught);
        ctx.report({
          node: use,
          environment: module.environmentOf(use),
          severity: broad ? 'medium' : 'low',
          confidence: broad ? 'medium' : 'low',
          message: broad
            ? `The text of an unexpected exception (${caught.name}, from ${caught.handles.join(', ') || 'a bare except'}) is sent to the client: database errors, paths and internal names leak with it. Log it and return a generic message.`
            : `The text of ${caught.handles.join(', ')} (${caught.name}) is sent to the client; make sure it never holds internal details (queries, paths, configuration).`,
        });
      }
    }
  },
};

/** The expressions that turn the exception into text: `str(e)`, `repr(e)`, `e.args`, `f"{e}"`, `"%s" % e`, `"…".format(e)`, or `e` given to jsonify. */
function detailsOf(module: PythonModule, caught: CaughtException): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (const match of module.search(new RegExp(`(?<![\\w.])${caught.name}\\b`, 'g'), caught.scope)) {
    const name = module.codeAt(match.index, caught.name.length);
    // The same name bound again in between (`e = …`) is another value.
    if (name?.type !== 'identifier' || module.bindingAt(caught.name, name)?.node.id !== caught.node.id) continue;
    const detail = detailAround(name);
    if (detail) out.push(detail);
  }
  return out;
}

function detailAround(name: SyntaxNode): SyntaxNode | null {
  const parent = parentOf(name);
  if (!parent) return null;
  if (parent.type === 'argument_list') {
    const call = parentOf(parent);
    const fn = call ? fieldOf(call, 'function')?.text : undefined;
    if (call && (fn === 'str' || fn === 'repr' || fn === 'format' || /\.format$/.test(fn ?? ''))) return call;
    return call && /(?:^|\.)(?:jsonify|make_response|Response|abort)$/.test(fn ?? '') ? name : null;
  }
  if (parent.type === 'attribute' && fieldOf(parent, 'object')?.id === name.id) {
    const attribute = fieldOf(parent, 'attribute')?.text;
    return attribute === 'args' || attribute === 'message' || attribute === 'strerror' || attribute === 'orig' ? parent : null;
  }
  if (parent.type === 'interpolation') return parentOf(parent);
  if (parent.type === 'binary_operator' && stringValue(fieldOf(parent, 'left')) !== undefined && fieldOf(parent, 'right')?.id === name.id) return parent;
  if (parent.type === 'tuple' && parentOf(parent)?.type === 'binary_operator') return parentOf(parent);
  // `render_template("error.html", error=e)`: the template prints it.
  if (parent.type === 'keyword_argument') return fieldOf(parent, 'value')?.id === name.id ? name : null;
  return null;
}

/**
 * Whether an expression ends up in the response: inside what a view or error handler returns,
 * inside the arguments of jsonify/make_response/Response/abort/render_template, or assigned to a
 * name (or a dict) that one of those uses.
 */
function reachesResponse(module: PythonModule, node: SyntaxNode): boolean {
  const fn = enclosingFunction(node);
  if (!fn || fn.type !== 'function_definition') return false;
  const responder = module.flask.isResponder(fn);
  for (let n: SyntaxNode | null = parentOf(node); n && n.id !== fn.id; n = parentOf(n)) {
    if (n.type === 'return_statement') return responder;
    if (n.type === 'call' && RESPONSE_CALLS.has(module.callee(n) ?? '')) return true;
    if (n.type === 'call' && /(?:^|\.)(?:info|debug|warning|warn|error|exception|critical|log|print)$/.test(fieldOf(n, 'function')?.text ?? '')) return false;
    if (n.type === 'assignment') {
      const target = fieldOf(n, 'left');
      return target?.type === 'identifier' && usedInResponse(module, fn, target, responder);
    }
    if (n.type.endsWith('statement')) return false;
  }
  return false;
}

/** A name assigned in `fn` that a return (of a responder) or a response call uses afterwards. */
function usedInResponse(module: PythonModule, fn: SyntaxNode, target: SyntaxNode, responder: boolean): boolean {
  for (const match of module.search(new RegExp(`(?<![\\w.])${target.text}\\b`, 'g'), fn)) {
    if (match.index <= target.startIndex) continue;
    const use = module.codeAt(match.index, target.text.length);
    if (use?.type !== 'identifier') continue;
    for (let n: SyntaxNode | null = parentOf(use); n && n.id !== fn.id; n = parentOf(n)) {
      if (n.type === 'return_statement' && responder) return true;
      if (n.type === 'call' && RESPONSE_CALLS.has(module.callee(n) ?? '')) return true;
      if (n.type.endsWith('statement')) break;
    }
  }
  return false;
}
