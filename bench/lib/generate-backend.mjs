// Generates a realistic Express backend file of an exact number of lines, deterministically (same seed,
// same text): route handlers and repository functions and classes over node-postgres, mysql2, knex and
// Sequelize, some queries concatenated or templated (findings), most parameterised (no findings), with
// the validation helpers, JSDoc and error handling that real files carry between the queries.
import { rng } from './common.mjs';

const ENTITIES = [
  ['user', 'users', ['name', 'email', 'role', 'created_at']],
  ['order', 'orders', ['status', 'total', 'customer_id', 'created_at']],
  ['product', 'products', ['title', 'price', 'sku', 'category']],
  ['invoice', 'invoices', ['number', 'amount', 'due_date', 'paid']],
  ['session', 'sessions', ['token', 'user_id', 'expires_at', 'ip']],
  ['comment', 'comments', ['body', 'author_id', 'post_id', 'created_at']],
  ['payment', 'payments', ['provider', 'amount', 'currency', 'status']],
  ['shipment', 'shipments', ['carrier', 'tracking', 'order_id', 'shipped_at']],
  ['review', 'reviews', ['rating', 'text', 'product_id', 'user_id']],
  ['coupon', 'coupons', ['code', 'discount', 'valid_until', 'uses']],
];

const cap = (s) => s[0].toUpperCase() + s.slice(1);
const camel = (s) => s.replace(/_(\w)/g, (_, c) => c.toUpperCase());

function header() {
  return `'use strict';

/**
 * API server: routes, repositories and validation for the shop back office.
 * Generated for Backend Coach's benchmark (bench/lib/generate-backend.mjs); not hand-written.
 */
const express = require('express');
const { Pool } = require('pg');
const mysql = require('mysql2/promise');
const { Sequelize, QueryTypes } = require('sequelize');
const knex = require('knex')({ client: 'pg', connection: process.env.DATABASE_URL });

const app = express();
const router = express.Router();
const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 20 });
const mysqlPool = mysql.createPool({ uri: process.env.MYSQL_URL, connectionLimit: 10 });
const sequelize = new Sequelize(process.env.DATABASE_URL, { logging: false });

const PAGE_SIZE = 50;
const SORTABLE = ['created_at', 'updated_at', 'id'];

app.use(express.json({ limit: '1mb' }));
`.split('\n');
}

/** One block of code about one entity; `n` makes names unique, `r` picks the variants. */
function block(r, n) {
  const [one, many, cols] = ENTITIES[n % ENTITIES.length];
  const suffix = n >= ENTITIES.length ? String(Math.floor(n / ENTITIES.length)) : '';
  const One = cap(one) + suffix;
  const Many = cap(many) + suffix;
  const table = many + (suffix ? `_${suffix}` : '');
  const [c1, c2, c3, c4] = cols;
  const lines = [];
  const push = (text) => lines.push(...text.split('\n'));

  push(`
// ---------------------------------------------------------------- ${table}

/**
 * Checks a ${one} payload from a client. Returns the list of invalid fields (empty when valid).
 * @param {object} body
 * @returns {string[]}
 */
function validate${One}(body) {
  const errors = [];
  if (!body || typeof body !== 'object') return ['body'];
  if (typeof body.${camel(c1)} !== 'string' || body.${camel(c1)}.trim().length === 0) errors.push('${c1}');
  if (body.${camel(c2)} !== undefined && String(body.${camel(c2)}).length > 255) errors.push('${c2}');
  if (body.${camel(c3)} !== undefined && !Number.isFinite(Number(body.${camel(c3)}))) errors.push('${c3}');
  return errors;
}
`);

  // Repository: parameterised lookups (pg), sometimes a concatenated search.
  push(`/** Loads one ${one} by id, or null. */
async function find${One}ById(id) {
  const { rows } = await pool.query('SELECT id, ${cols.join(', ')} FROM ${table} WHERE id = $1', [id]);
  return rows[0] ?? null;
}
`);
  if (r() < 0.4) {
    push(`/** Full-text-ish search over ${table}. */
async function search${Many}(term, sort, page = 0) {
  let sql = "SELECT id, ${c1}, ${c2} FROM ${table} WHERE ${c1} ILIKE '%" + term + "%'";
  if (sort) {
    sql += ' ORDER BY ' + sort;
  }
  sql += ' LIMIT ' + PAGE_SIZE + ' OFFSET ' + page * PAGE_SIZE;
  const { rows } = await pool.query(sql);
  return rows;
}
`);
  } else {
    push(`/** Full-text-ish search over ${table}. */
async function search${Many}(term, sort, page = 0) {
  const order = SORTABLE.includes(sort) ? sort : 'id';
  const sql = \`SELECT id, ${c1}, ${c2} FROM ${table} WHERE ${c1} ILIKE $1 ORDER BY \${order} LIMIT $2 OFFSET $3\`;
  const { rows } = await pool.query(sql, ['%' + term + '%', PAGE_SIZE, page * PAGE_SIZE]);
  return rows;
}
`);
  }

  // Repository class over mysql2.
  const unsafeDelete = r() < 0.3;
  push(`class ${One}Repository {
  constructor(db) {
    this.db = db;
    this.table = '${table}';
  }

  async list(limit = PAGE_SIZE, offset = 0) {
    const [rows] = await this.db.execute('SELECT * FROM ${table} ORDER BY id LIMIT ? OFFSET ?', [limit, offset]);
    return rows;
  }

  async create(data) {
    const [result] = await this.db.execute(
      'INSERT INTO ${table} (${c1}, ${c2}, ${c3}) VALUES (?, ?, ?)',
      [data.${camel(c1)}, data.${camel(c2)} ?? null, data.${camel(c3)} ?? null],
    );
    return { id: result.insertId, ...data };
  }

  async remove(id) {
${unsafeDelete ? `    const [result] = await this.db.query('DELETE FROM ${table} WHERE id = ' + id);` : `    const [result] = await this.db.execute('DELETE FROM ${table} WHERE id = ?', [id]);`}
    return result.affectedRows > 0;
  }
}

const ${one}Repository${suffix} = new ${One}Repository(mysqlPool);
`);

  // Routes.
  const directTaint = r() < 0.35;
  push(`router.get('/${table}/:id', async (req, res, next) => {
  try {
${directTaint ? `    const result = await pool.query(\`SELECT * FROM ${table} WHERE id = \${req.params.id}\`);
    const item = result.rows[0];` : `    const item = await find${One}ById(req.params.id);`}
    if (!item) {
      return res.status(404).json({ error: '${one} not found' });
    }
    res.json(item);
  } catch (err) {
    next(err);
  }
});

router.get('/${table}', async (req, res, next) => {
  try {
    const page = Number.parseInt(req.query.page ?? '0', 10) || 0;
    const items = await search${Many}(req.query.q ?? '', req.query.sort, page);
    res.json({ items, page });
  } catch (err) {
    next(err);
  }
});

router.post('/${table}', async (req, res, next) => {
  const errors = validate${One}(req.body);
  if (errors.length > 0) {
    return res.status(400).json({ errors });
  }
  try {
    const created = await ${one}Repository${suffix}.create(req.body);
    res.status(201).json(created);
  } catch (err) {
    next(err);
  }
});

router.delete('/${table}/:id', async (req, res, next) => {
  try {
    const removed = await ${one}Repository${suffix}.remove(req.params.id);
    res.status(removed ? 204 : 404).end();
  } catch (err) {
    next(err);
  }
});
`);

  // knex and Sequelize reporting queries.
  const rawKnex = r() < 0.3;
  push(`/** Per-day counts for the dashboard. */
async function ${camel(one)}Stats${suffix}(from, to) {
${rawKnex ? `  return knex.raw("SELECT date_trunc('day', ${c4}) AS day, count(*) FROM ${table} WHERE ${c4} >= '" + from + "' GROUP BY 1");` : `  return knex('${table}')
    .select(knex.raw("date_trunc('day', ${c4}) as day"))
    .count('* as count')
    .whereBetween('${c4}', [from, to])
    .groupBy('day');`}
}

router.get('/reports/${table}', async (req, res, next) => {
  try {
    const rows = await sequelize.query(
      'SELECT ${c2}, count(*) AS n FROM ${table} WHERE ${c4} >= :since GROUP BY ${c2}',
      { replacements: { since: req.query.since }, type: QueryTypes.SELECT },
    );
    const stats = await ${camel(one)}Stats${suffix}(req.query.since, req.query.until);
    res.json({ rows, stats });
  } catch (err) {
    next(err);
  }
});
`);
  return lines;
}

function footer() {
  return `
app.use('/api', router);

app.use((err, req, res, next) => {
  console.error(err);
  res.status(500).json({ error: 'internal error' });
});

module.exports = { app, router, pool, mysqlPool, sequelize, knex };`.split('\n');
}

/** Exactly `lineCount` lines (the last without a trailing newline), the same for the same seed. */
export function generateBackend(lineCount = 5000, seed = 20240601) {
  const r = rng(seed);
  const out = header();
  const end = footer();
  for (let n = 0; ; n++) {
    const b = block(r, n);
    if (out.length + b.length + end.length > lineCount) break;
    out.push(...b);
  }
  // Top up with small helpers, then blank lines, to land on the exact count.
  for (let k = 0; out.length + end.length + 5 <= lineCount; k++)
    out.push(`function clampPage${k}(value) {`, '  const n = Number(value) || 0;', '  return Math.min(Math.max(n, 0), 1000);', '}', '');
  while (out.length + end.length < lineCount) out.push('');
  out.push(...end);
  return out.join('\n');
}

/** A small complete file (header, one entity block, footer): the one-file CLI run. */
export function generateSmallBackend(seed = 20240601) {
  return [...header(), ...block(rng(seed), 0), ...footer()].join('\n');
}
