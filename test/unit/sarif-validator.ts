import * as assert from 'assert';
import * as fs from 'fs';
import Ajv, { type ValidateFunction } from 'ajv';

// Shared by the SARIF tests of `scan` and `deps`.
// The official SARIF 2.1.0 JSON schema, from the npm package that ships it (a devDependency): Microsoft's
// @microsoft/jest-sarif carries the schema as lib/schemas/sarif-2.1.0-rtm.5.json. It is written for
// JSON Schema draft-04; it uses no keyword whose meaning changed in draft-07 (checked below), so Ajv's
// draft-07 validator applies it as is once the draft-04 `$schema` is taken off.
const SCHEMA_MODULE = '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json';

let validator: ValidateFunction | undefined;

export function sarifValidator(): ValidateFunction {
  if (validator) return validator;
  let file: string;
  try {
    file = require.resolve(SCHEMA_MODULE);
  } catch {
    throw new Error(`The SARIF 2.1.0 schema is not installed: add the devDependency "@microsoft/jest-sarif" (it ships ${SCHEMA_MODULE}).`);
  }
  const schema = JSON.parse(fs.readFileSync(file, 'utf8'));
  assert.match(schema.title, /SARIF\) Version 2\.1\.0/);
  if (/draft-04/.test(schema.$schema)) {
    const text = JSON.stringify(schema);
    assert.ok(!/"exclusive(Minimum|Maximum)"\s*:\s*(true|false)/.test(text), 'no draft-04 boolean exclusiveMinimum/Maximum');
    delete schema.$schema;
    schema.$id = schema.id;
    delete schema.id;
  }
  // strict: false for the schema's own extra keywords; unicodeRegExp: false because its `language`
  // pattern has a stray `]` that only unicode-mode regular expressions reject.
  const ajv = new Ajv({ strict: false, allErrors: true, unicodeRegExp: false });
  // The three formats the schema uses, without ajv-formats.
  ajv.addFormat('uri', (s: string) => /^[a-z][a-z0-9+.-]*:/i.test(s) && canParse(s));
  ajv.addFormat('uri-reference', (s: string) => canParse(s, 'file:///base/'));
  ajv.addFormat('date-time', (s: string) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/i.test(s) && !Number.isNaN(Date.parse(s)));
  validator = ajv.compile(schema);
  return validator;
}

function canParse(s: string, base?: string): boolean {
  try {
    new URL(s, base);
    return true;
  } catch {
    return false;
  }
}
