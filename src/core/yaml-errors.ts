import type { ErrorObject } from 'ajv';
import { isNode, type Document, type LineCounter } from 'yaml';

// Turning a schema error in a YAML file into "line:column: what is wrong", shared by the rule loader and
// the curriculum loader.

/** The 1-based position of the deepest node of `where` that exists in the document. */
export function positionOf(doc: Document, lines: LineCounter, where: (string | number)[]): { line: number; column: number } {
  for (let n = where.length; n >= 0; n--) {
    const node = doc.getIn(where.slice(0, n), true);
    if (isNode(node) && node.range) {
      const { line, col } = lines.linePos(node.range[0]);
      return { line, column: col };
    }
  }
  return { line: 1, column: 1 };
}

/** An ajv instance path (`/match/taint/sinks/0`) as a document path. */
export function pathOf(instancePath: string): (string | number)[] {
  return instancePath
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

/** Ajv reports every failed branch of a oneOf; the deepest error is the one a person can act on. */
export function bestSchemaError(errors: ErrorObject[]): ErrorObject {
  const concrete = errors.filter((e) => !['oneOf', 'anyOf', 'if'].includes(e.keyword));
  const pool = concrete.length ? concrete : errors;
  return pool.reduce((best, e) => (e.instancePath.length > best.instancePath.length ? e : best), pool[0]);
}

/** Where the error is (`match.taint.sinks.0`, or `whole` for the top), for messages. */
export function errorPlace(e: ErrorObject, whole: string): string {
  return e.instancePath ? e.instancePath.slice(1).replace(/\//g, '.') : whole;
}

/** The messages every schema error kind shares: an unknown key, a missing one, otherwise ajv's own words. */
export function describeSchemaError(e: ErrorObject, whole: string): string {
  const where = errorPlace(e, whole);
  if (e.keyword === 'additionalProperties') return `${where}: unknown key "${(e.params as { additionalProperty: string }).additionalProperty}"`;
  if (e.keyword === 'required') return `${where}: missing "${(e.params as { missingProperty: string }).missingProperty}"`;
  return `${where}: ${e.message ?? 'invalid'}`;
}
