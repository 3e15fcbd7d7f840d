import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli/main';

// Shared by the cli-*.test.ts files: temporary projects and an in-process run of the CLI.

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function run(
  argv: string[],
  options: { cwd: string; tty?: boolean; env?: Record<string, string | undefined> },
): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    cwd: options.cwd,
    env: options.env ?? {},
    stdout: { write: (s: string) => (stdout += s), isTTY: options.tty ?? false },
    stderr: { write: (s: string) => (stderr += s), isTTY: false },
  });
  return { code, stdout, stderr };
}

const made: string[] = [];

/** A temporary folder holding `files` (path → content; a Buffer is written as is). */
export function project(files: Record<string, string | Buffer>): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'coach-cli-')));
  made.push(dir);
  for (const [rel, content] of Object.entries(files)) write(dir, rel, content);
  return dir;
}

export function write(dir: string, rel: string, content: string | Buffer): void {
  const file = path.join(dir, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, content);
}

export function read(dir: string, rel: string): string {
  return fs.readFileSync(path.join(dir, rel), 'utf8');
}

export function cleanup(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** The example from the issue: request data concatenated into a node-postgres query (line 1). */
export const PG_VULNERABLE =
  "const { Pool } = require('pg'); const pool = new Pool(); app.get('/u', (req, res) => pool.query('SELECT * FROM users WHERE id = ' + req.query.id));\n";

/** The same query, parameterised. */
export const PG_SAFE =
  "const { Pool } = require('pg'); const pool = new Pool(); app.get('/u', (req, res) => pool.query('SELECT * FROM users WHERE id = $1', [req.query.id]));\n";

/** A query built from a function parameter: the built-in rules report it as a warning, not an error. */
export const PG_WARNING = [
  "const { Pool } = require('pg');",
  'const pool = new Pool();',
  'function byName(name) {',
  `  return pool.query("SELECT * FROM users WHERE name = '" + name + "'");`,
  '}',
  '',
].join('\n');

/**
 * A rule of our own for --rules tests: request data reaching `coachTestSink(...)`, a call no built-in rule
 * knows, so its findings are the only ones in files that use it.
 */
export const TEST_RULE = `id: test-sink
title: Request data reaches the test sink
severity: warning
category: correctness
languages: [javascript, typescript]
cwe: []
message: "Request data ({{source}}) reaches {{sink}}()."
docs: |
  A rule used by the CLI tests.
match:
  taint:
    sources:
      - label: request
        member: "{req,request}.{body,query,params}"
    sinks:
      - call: { name: coachTestSink }
        argument: 0
    tiers:
      - label: request
        severity: warning
tests:
  valid:
    - code: "coachTestSink('constant');"
  invalid:
    - code: "function h(req) { coachTestSink(req.query.x); }"
      lines: [1]
`;

export const TEST_SINK_CODE = 'function handler(req, res) {\n  const x = 1;\n  coachTestSink(req.query.name);\n}\n';
