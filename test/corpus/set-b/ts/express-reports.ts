import express, { Request, Response, NextFunction } from 'express';
import { Pool, QueryConfig } from 'pg';
import format from 'pg-format';

const pool = new Pool({ connectionString: process.env.REPORTS_DB });
export const reportsRouter = express.Router();

type Filters = Record<string, string | undefined>;

const FILTERABLE = ['region', 'channel', 'product_line'] as const;
type FilterKey = (typeof FILTERABLE)[number];

function isFilterKey(k: string): k is FilterKey {
  return (FILTERABLE as readonly string[]).includes(k);
}

function whereFrom(filters: Filters): { clause: string; values: unknown[] } {
  const parts: string[] = [];
  const values: unknown[] = [];
  for (const [key, value] of Object.entries(filters)) {
    if (!isFilterKey(key) || value === undefined) continue;
    values.push(value);
    parts.push(`${key} = $${values.length}`);
  }
  return { clause: parts.length ? `WHERE ${parts.join(' AND ')}` : '', values };
}

function unsafeWhere(filters: Filters): string {
  return Object.entries(filters)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k} = '${v}'`)
    .join(' AND ');
}

const wrap = (fn: (req: Request, res: Response) => Promise<unknown>) => (req: Request, res: Response, next: NextFunction) =>
  fn(req, res).catch(next);

reportsRouter.get(
  '/sales',
  wrap(async (req, res) => {
    const { clause, values } = whereFrom(req.query as Filters);
    const cfg: QueryConfig = { text: `SELECT region, sum(amount) AS total FROM sales ${clause} GROUP BY region`, values };
    // ok: CWE-89 -- keys allow-listed by the type guard, values bound
    const { rows } = await pool.query(cfg);
    res.json(rows);
  }),
);

reportsRouter.get(
  '/sales/quick',
  wrap(async (req, res) => {
    const where = unsafeWhere(req.query as Filters);
    // expect: CWE-89 -- keys and values from the query string
    const { rows } = await pool.query(`SELECT * FROM sales${where ? ' WHERE ' + where : ''} LIMIT 1000`);
    res.json(rows);
  }),
);

reportsRouter.get(
  '/pivot/:dimension',
  wrap(async (req, res) => {
    const dim = req.params.dimension;
    const sql = format('SELECT %I AS key, sum(amount) AS total FROM sales WHERE sold_at >= %L GROUP BY 1', dim, req.query.from ?? '2020-01-01');
    // ok: CWE-89 -- pg-format %I / %L escape identifier and literal
    const { rows } = await pool.query(sql);
    res.json(rows);
  }),
);

reportsRouter.get(
  '/pivot-s/:dimension',
  wrap(async (req, res) => {
    const sql = format('SELECT %s AS key, sum(amount) AS total FROM sales GROUP BY 1', req.params.dimension);
    // expect: CWE-89 -- %s in pg-format inserts the string unescaped
    const { rows } = await pool.query(sql);
    res.json(rows);
  }),
);

reportsRouter.get(
  '/top-customers',
  wrap(async (req, res) => {
    const n = Number(req.query.n ?? 10);
    if (!Number.isInteger(n) || n < 1 || n > 500) return void res.status(400).json({ error: 'n must be 1..500' });
    // ok: CWE-89 -- validated integer
    const { rows } = await pool.query(`SELECT customer_id, sum(amount) AS spent FROM sales GROUP BY 1 ORDER BY 2 DESC LIMIT ${n}`);
    res.json(rows);
  }),
);

reportsRouter.post(
  '/saved',
  wrap(async (req, res) => {
    const { name, definition } = req.body as { name: string; definition: string };
    // ok: CWE-89
    await pool.query('INSERT INTO saved_reports (name, definition, owner) VALUES ($1, $2, $3)', [name, definition, res.locals.user.id]);
    res.status(201).end();
  }),
);

reportsRouter.get(
  '/saved/:name/run',
  wrap(async (req, res) => {
    // ok: CWE-89
    const saved = await pool.query<{ definition: string }>('SELECT definition FROM saved_reports WHERE name = $1', [req.params.name]);
    if (!saved.rowCount) return void res.sendStatus(404);
    // expect: CWE-89 -- stored SQL written by users is executed as-is
    const { rows } = await pool.query(saved.rows[0].definition);
    res.json(rows);
  }),
);

reportsRouter.get(
  '/between',
  wrap(async (req, res) => {
    const start = req.query.start as string;
    const end = req.query.end as string;
    let text = 'SELECT sold_at::date AS day, sum(amount) FROM sales WHERE true';
    text += " AND sold_at >= '" + start + "'";
    text += " AND sold_at < '" + end + "'";
    text += ' GROUP BY 1 ORDER BY 1';
    // expect: CWE-89 -- += concatenation of dates from the query string
    const { rows } = await pool.query(text);
    res.json(rows);
  }),
);

reportsRouter.get(
  '/export',
  wrap(async (req, res) => {
    const columns = String(req.query.columns ?? 'region,amount');
    const since = String(req.query.since ?? '1970-01-01');
    // expect: CWE-89 -- column list and date both from the query string
    const { rows } = await pool.query('SELECT ' + columns + ' FROM sales WHERE sold_at >= \'' + since + '\' LIMIT 10000');
    res.json(rows);
  }),
);

reportsRouter.get(
  '/tenant-sales',
  wrap(async (req, res) => {
    const schema = req.get('X-Tenant-Schema') ?? 'public';
    // expect: CWE-89 -- schema from a request header
    const { rows } = await pool.query(`SELECT region, sum(amount) FROM ${schema}.sales GROUP BY region`);
    res.json(rows);
  }),
);

reportsRouter.get(
  '/channels',
  wrap(async (_req, res) => {
    const client = await pool.connect();
    try {
      // ok: CWE-89
      await client.query("SET statement_timeout = '5s'");
      // ok: CWE-89
      const { rows } = await client.query('SELECT DISTINCT channel FROM sales ORDER BY 1');
      res.json(rows.map((r) => r.channel));
    } finally {
      client.release();
    }
  }),
);
