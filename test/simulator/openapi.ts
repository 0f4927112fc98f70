/**
 * GitHub's official REST API description (`@octokit/openapi`, api.github.com) as the judge of
 * every request the App sends: the operation must exist (method + path), path and query parameters
 * must be declared and of their type, and a JSON body must match the operation's schema. The
 * simulator's own answers are checked against the response schemas the same way.
 */
import { createRequire } from 'node:module';
import type { Ajv as AjvInstance, ErrorObject, ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);
const Ajv = require('ajv') as new (options: object) => AjvInstance;
const addFormats = require('ajv-formats') as (ajv: AjvInstance) => void;

interface Schema {
  type?: string;
  items?: Schema;
  [key: string]: unknown;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: Schema;
}

interface Operation {
  operationId: string;
  parameters?: Array<Parameter | { $ref: string }>;
  requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
  responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}

interface Document {
  paths: Record<string, Record<string, Operation | unknown>>;
  'x-webhooks': Record<string, unknown>;
  components: { parameters: Record<string, Parameter> };
}

/** An operation of the description that a request matched. */
export interface MatchedOperation {
  /** "GET /repos/{owner}/{repo}/pulls/{pull_number}/files" */
  route: string;
  operationId: string;
  /** Path parameters, decoded. */
  params: Record<string, string>;
}

interface Template {
  path: string;
  regex: RegExp;
  names: string[];
  literals: number;
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete', 'head'];
const DOCUMENT_ID = 'github-openapi';

export class OpenApiCatalog {
  private static loaded: OpenApiCatalog | undefined;
  private readonly templates: Template[];
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly ajv: AjvInstance;

  private constructor(private readonly document: Document) {
    this.templates = Object.keys(document.paths)
      .map(compileTemplate)
      // Literal segments win over parameters: /pulls/comments/{id} before /pulls/{pull_number}/...
      .sort((a, b) => b.literals - a.literals || a.names.length - b.names.length);
    this.ajv = new Ajv({ strict: false, allErrors: true, verbose: true, logger: false });
    addFormats(this.ajv);
    this.ajv.addFormat('repo.nwo', /^[^/]+\/[^/]+$/);
    this.ajv.addFormat('timestamp', true);
    this.ajv.addSchema({ $id: DOCUMENT_ID, paths: typedNullables(document.paths), 'x-webhooks': typedNullables(document['x-webhooks']), components: typedNullables(document.components) });
  }

  /** The description is 13 MB of JSON: it is read once per process. */
  static load(): OpenApiCatalog {
    OpenApiCatalog.loaded ??= new OpenApiCatalog(require('@octokit/openapi/generated/api.github.com.json') as Document);
    return OpenApiCatalog.loaded;
  }

  /** The operation of a request, or why there is none. */
  match(method: string, path: string): MatchedOperation | { error: string } {
    const lower = method.toLowerCase();
    let pathMatched = false;
    for (const template of this.templates) {
      const found = template.regex.exec(path);
      if (!found) continue;
      pathMatched = true;
      const operation = this.operation(template.path, lower);
      if (!operation) continue;
      const params: Record<string, string> = {};
      template.names.forEach((name, index) => (params[name] = decodeURIComponent(found[index + 1] as string)));
      return { route: `${method.toUpperCase()} ${template.path}`, operationId: operation.operationId, params };
    }
    return { error: pathMatched ? `GitHub's API has no ${method.toUpperCase()} operation on ${path}` : `GitHub's API has no path ${path}` };
  }

  /** What is wrong with a request to an operation (empty when nothing is). */
  checkRequest(operation: MatchedOperation, query: URLSearchParams, body: unknown): string[] {
    const [method, template] = splitRoute(operation.route);
    const op = this.operation(template, method) as Operation;
    const errors: string[] = [];
    const parameters = this.parameters(template, method, op);
    for (const { parameter, pointer } of parameters.filter((p) => p.parameter.in === 'path')) {
      const value = operation.params[parameter.name];
      if (value === undefined) errors.push(`path parameter ${parameter.name} is missing`);
      else errors.push(...this.checkAgainst(pointer, coerce(value, parameter.schema), `path parameter ${parameter.name}`));
    }
    const declared = new Map(parameters.filter((p) => p.parameter.in === 'query').map((p) => [p.parameter.name, p]));
    for (const name of new Set(query.keys())) {
      const found = declared.get(name);
      if (!found) {
        errors.push(`query parameter ${name} is not a parameter of ${operation.operationId}`);
        continue;
      }
      const { schema } = found.parameter;
      const values = query.getAll(name);
      const value = schema.type === 'array' ? values.map((v) => coerce(v, schema.items ?? {})) : coerce(values.at(-1) as string, schema);
      errors.push(...this.checkAgainst(found.pointer, value, `query parameter ${name}`));
    }
    for (const { parameter } of declared.values()) if (parameter.required && !query.has(parameter.name)) errors.push(`query parameter ${parameter.name} is required`);

    const requestBody = op.requestBody;
    if (body === undefined) {
      if (requestBody?.required) errors.push('the request body is required');
    } else if (!requestBody) {
      errors.push(`${operation.operationId} takes no request body`);
    } else {
      const pointer = `#/paths/${escapePointer(template)}/${method}/requestBody/content/application~1json/schema`;
      errors.push(...this.checkAgainst(pointer, body, 'body'));
    }
    return errors;
  }

  /** What is wrong with an answer to an operation (empty when it matches the description). */
  checkResponse(operation: MatchedOperation, status: number, body: unknown): string[] {
    const [method, template] = splitRoute(operation.route);
    const response = (this.operation(template, method) as Operation).responses[String(status)];
    if (!response) return [`${operation.operationId} has no ${status} response`];
    // The simulator answers with GitHub's default media type, where the operation has it.
    const mediaTypes = Object.keys(response.content ?? {});
    const mediaType = mediaTypes.includes('application/json') ? 'application/json' : mediaTypes[0];
    if (!mediaType) return body === undefined ? [] : [`${operation.operationId} answers ${status} without a body`];
    const pointer = `#/paths/${escapePointer(template)}/${method}/responses/${status}/content/${escapePointer(mediaType)}/schema`;
    return this.checkAgainst(pointer, body, 'response');
  }

  /** What is wrong with a webhook payload (event `pull_request`, action `opened`). */
  checkWebhook(event: string, action: string, payload: unknown): string[] {
    const name = `${event}-${action}`.replace(/_/g, '-');
    if (!this.document['x-webhooks'][name]) return [`GitHub's description has no ${event}.${action} webhook`];
    return this.checkAgainst(`#/x-webhooks/${name}/post/requestBody/content/application~1json/schema`, payload, 'payload');
  }

  private operation(template: string, method: string): Operation | undefined {
    if (!METHODS.includes(method)) return undefined;
    return this.document.paths[template]?.[method] as Operation | undefined;
  }

  /** The operation's parameters (and its path's), each with the JSON pointer of its schema. */
  private parameters(template: string, method: string, operation: Operation): Array<{ parameter: Parameter; pointer: string }> {
    const resolve = (list: Operation['parameters'], at: string) =>
      (list ?? []).map((p, index) => {
        if (!('$ref' in p)) return { parameter: p, pointer: `${at}/parameters/${index}/schema` };
        const name = p.$ref.split('/').at(-1) as string;
        return { parameter: this.document.components.parameters[name] as Parameter, pointer: `#/components/parameters/${escapePointer(name)}/schema` };
      });
    const path = `#/paths/${escapePointer(template)}`;
    return [...resolve(this.document.paths[template]?.parameters as Operation['parameters'], path), ...resolve(operation.parameters, `${path}/${method}`)];
  }

  private checkAgainst(pointer: string, value: unknown, label: string): string[] {
    let validate = this.validators.get(pointer);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${DOCUMENT_ID}${pointer}` });
      this.validators.set(pointer, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? [])
      .filter((e) => !nullableEnum(e))
      .map((e) => `${label}${e.instancePath} ${e.message ?? 'is invalid'}${describeParams(e.params)}`);
  }
}

function compileTemplate(path: string): Template {
  const names: string[] = [];
  let literals = 0;
  const segments = path.split('/').slice(1);
  const pattern = segments
    .map((segment, index) => {
      const param = /^\{(\w+)\}$/.exec(segment);
      if (!param) {
        literals++;
        return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      }
      names.push(param[1] as string);
      // A trailing {path} is a file path: Octokit may send its slashes encoded or not.
      return param[1] === 'path' && index === segments.length - 1 ? '(.+)' : '([^/]+)';
    })
    .join('/');
  return { path, regex: new RegExp(`^/${pattern}$`), names, literals };
}

/** A query or path value (always a string on the wire) as the type its schema declares. */
function coerce(value: string, schema: Schema): unknown {
  if (schema.type === 'integer' || schema.type === 'number') return /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : value;
  if (schema.type === 'boolean') return value === 'true' ? true : value === 'false' ? false : value;
  return value;
}

function splitRoute(route: string): [string, string] {
  const space = route.indexOf(' ');
  return [route.slice(0, space).toLowerCase(), route.slice(space + 1)];
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * The webhook schemas, some operations (GET /app) and the components they use mark some untyped schemas (`allOf`, `anyOf`) `nullable`, which Ajv refuses
 * to compile: those become `anyOf: [schema, null]`.
 */
function typedNullables(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(typedNullables);
  if (!schema || typeof schema !== 'object') return schema;
  const { nullable, ...rest } = schema as Record<string, unknown>;
  const copy = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, typedNullables(value)]));
  if (nullable === true && !('type' in copy)) return { anyOf: [copy, { type: 'null' }] };
  return nullable === undefined ? copy : { ...copy, nullable };
}

/**
 * OpenAPI 3.0's `nullable: true` admits null, also next to an `enum` without null (GitHub's
 * `conclusion` of a check run in progress); Ajv's enum keyword does not know that.
 */
function nullableEnum(error: ErrorObject): boolean {
  return error.keyword === 'enum' && error.data === null && (error.parentSchema as { nullable?: boolean } | undefined)?.nullable === true;
}

function describeParams(params: Record<string, unknown>): string {
  if ('allowedValues' in params) return ` (${(params.allowedValues as unknown[]).join(', ')})`;
  if ('additionalProperty' in params) return ` (${String(params.additionalProperty)})`;
  return '';
}
