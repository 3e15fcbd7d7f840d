// The workspace the suite opens: small backend files with and without injected queries, plus the hostile
// ones (broken syntax, a 5 MB minified bundle). Written as strings so that ESLint, which lints test/,
// never parses them as project code.
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The README's example: request data concatenated into a pg query, flagged on line 4. */
export const ROUTES_JS = `const { Pool } = require('pg');
const pool = new Pool();
app.get('/u', (req, res) => {
  pool.query('SELECT * FROM users WHERE id = ' + req.query.id);
});
`;
export const ROUTES_INJECTED_LINE = "pool.query('SELECT * FROM users WHERE id = ' + req.query.id);";
export const ROUTES_PARAMETERISED_LINE = "pool.query('SELECT * FROM users WHERE id = $1', [req.query.id]);";

const APP_PY = `import sqlite3
from flask import Flask, request

app = Flask(__name__)


@app.route("/users")
def users():
    conn = sqlite3.connect("app.db")
    cursor = conn.cursor()
    cursor.execute("SELECT * FROM users WHERE name = '" + request.args.get("name") + "'")
    return str(cursor.fetchall())
`;

// Unbalanced brackets, an unterminated string and a stray keyword: tree-sitter recovers with ERROR nodes.
const BROKEN_JS = `const { Pool } = require('pg');
const pool = new Pool(;
app.get('/b', (req, res) => {
  pool.query('SELECT * FROM users WHERE id = ' + req.query.id
  if (}) {{{ return 'unterminated
  const = = = ;
})))
function (
`;

/** A file written while the extension was off, or after the hostile files: the same mistake as routes.js. */
const injected = (route, column) => `const { Pool } = require('pg');
const pool = new Pool();
app.get('${route}', async (req, res) => {
  const rows = await pool.query('SELECT * FROM orders WHERE ${column} = ' + req.params.${column});
  res.json(rows);
});
`;

/** One line of minified-looking code, repeated past `bytes`: what a bundler's output looks like. */
function minified(bytes) {
  const chunk =
    'var a=function(e,t){for(var n=0;n<t.length;n++){e=e*31+t.charCodeAt(n)|0}return e},b=function(r){return r.query("SELECT * FROM t WHERE id = "+r.params.id)};';
  return `!function(){${chunk.repeat(Math.ceil(bytes / chunk.length))}}();\n`;
}

/** A query awaited in a loop: only the hint-level rule query-in-loop reports it (line 5), in reviewer mode. */
export const LOOP_JS = `const { Pool } = require('pg');
const pool = new Pool();
async function load(ids) {
  for (const id of ids) {
    await pool.query('SELECT * FROM orders WHERE id = $1', [id]);
  }
}
module.exports = { load };
`;

export const FILES = {
  'loop.js': LOOP_JS,
  'routes.js': ROUTES_JS,
  'app.py': APP_PY,
  'broken.js': BROKEN_JS,
  'alive.js': injected('/alive', 'id'),
  'while-off.js': injected('/off', 'customer'),
  '.vscode/settings.json': '{}\n',
};

/** The 5 MB minified file is generated, not stored. */
export const BIG_MINIFIED = { name: 'bundle.min.js', bytes: 5 * 1024 * 1024 };

/**
 * A large ordinary file (600 kB, ~17,000 lines of route handlers; under the engine's 2 MB limit, so it is
 * analysed in full) whose last handler pastes request data into a query.
 */
function largeRoutes(bytes) {
  const lines = ["const { Pool } = require('pg');", 'const pool = new Pool();'];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const handler = [
      `app.get('/r${i}', async (req, res) => {`,
      '  const id = Number(req.params.id);',
      `  const rows = await pool.query('SELECT * FROM t${i} WHERE id = $1', [id]);`,
      '  res.json(rows);',
      '});',
    ];
    lines.push(...handler);
    size += handler.join('\n').length + 1;
  }
  lines.push("app.get('/last', (req, res) => {", "  pool.query('SELECT * FROM users WHERE id = ' + req.query.id);", '});');
  return { text: `${lines.join('\n')}\n`, injectedLine: lines.length - 1 };
}
export const LARGE = { name: 'large-routes.js', ...largeRoutes(600_000) };

export function writeWorkspace(dir) {
  for (const [name, text] of Object.entries(FILES)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  fs.writeFileSync(path.join(dir, BIG_MINIFIED.name), minified(BIG_MINIFIED.bytes));
  fs.writeFileSync(path.join(dir, LARGE.name), LARGE.text);
}
