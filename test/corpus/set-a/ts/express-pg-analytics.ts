import express, { NextFunction, Request, Response } from 'express';
import { Pool, PoolClient } from 'pg';

const pool = new Pool({ connectionString: process.env.ANALYTICS_DB_URL });
export const analyticsRouter = express.Router();
analyticsRouter.use(express.json());

const EVENT_TABLE = 'events';
const DIMENSIONS = ['country', 'device', 'browser', 'referrer'] as const;

interface IncomingEvent {
  name: string;
  userId: number;
  props: unknown;
}

function pageOffset(page: number, size: number): number {
  return (Math.max(page, 1) - 1) * size;
}

export async function eventsForUser(userId: number, page: number) {
  // ok: CWE-89 -- both values are typed number
  const { rows } = await pool.query(`SELECT * FROM ${EVENT_TABLE} WHERE user_id = ${userId} ORDER BY ts DESC LIMIT 50 OFFSET ${pageOffset(page, 50)}`);
  return rows;
}

export async function eventsForSession(sessionId: string) {
  // expect: CWE-89 -- string parameter in a template literal
  const { rows } = await pool.query(`SELECT * FROM ${EVENT_TABLE} WHERE session_id = '${sessionId}' ORDER BY ts`);
  return rows;
}

analyticsRouter.get('/breakdown/:dimension', async (req: Request, res: Response, next: NextFunction) => {
  const dimension = req.params.dimension;
  if (!(DIMENSIONS as readonly string[]).includes(dimension)) {
    return res.status(400).json({ error: 'unsupported dimension' });
  }
  const client: PoolClient = await pool.connect();
  try {
    // ok: CWE-89 -- dimension validated against DIMENSIONS and escaped with escapeIdentifier
    const { rows } = await client.query(`SELECT ${client.escapeIdentifier(dimension)} AS key, COUNT(*) AS n FROM ${EVENT_TABLE} GROUP BY 1 ORDER BY 2 DESC`);
    return res.json(rows);
  } catch (err) {
    return next(err);
  } finally {
    client.release();
  }
});

analyticsRouter.get('/funnel', async (req: Request, res: Response, next: NextFunction) => {
  const steps = String(req.query.steps ?? '').split(',').filter(Boolean);
  if (!steps.length) return res.json([]);
  const client = await pool.connect();
  try {
    // ok: CWE-89 -- every step is escaped with escapeLiteral
    const { rows } = await client.query(`SELECT name, COUNT(DISTINCT user_id) AS users FROM ${EVENT_TABLE} WHERE name IN (${steps.map((s) => client.escapeLiteral(s)).join(', ')}) GROUP BY name`);
    return res.json(rows);
  } catch (err) {
    return next(err);
  } finally {
    client.release();
  }
});

analyticsRouter.get('/retention', async (req: Request, res: Response, next: NextFunction) => {
  const cohort = req.query.cohort as string;
  const weeks = Number(req.query.weeks ?? 8);
  try {
    // expect: CWE-89 -- cohort from req.query in SQL text (weeks is numeric, cohort is not)
    const { rows } = await pool.query(`SELECT week, retained FROM retention_view WHERE cohort = '${cohort}' AND week <= ${weeks}`);
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

analyticsRouter.get('/timeseries', async (req: Request, res: Response, next: NextFunction) => {
  const from = String(req.query.from ?? '1970-01-01');
  const bucket = req.query.bucket === 'hour' ? 'hour' : 'day';
  try {
    // ok: CWE-89 -- config-object form; bucket from a ternary of constants, from bound
    const { rows } = await pool.query({ text: `SELECT date_trunc('${bucket}', ts) AS t, COUNT(*) AS n FROM ${EVENT_TABLE} WHERE ts >= $1 GROUP BY 1 ORDER BY 1`, values: [from] });
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

analyticsRouter.post('/events', async (req: Request, res: Response, next: NextFunction) => {
  const events: IncomingEvent[] = Array.isArray(req.body.events) ? req.body.events : [];
  if (!events.length) return res.status(202).end();
  const values: unknown[] = [];
  const tuples = events.map((e, i) => {
    values.push(e.name, e.userId, JSON.stringify(e.props ?? {}));
    return `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3})`;
  });
  try {
    // ok: CWE-89 -- generated placeholders for a multi-row insert
    await pool.query(`INSERT INTO ${EVENT_TABLE} (name, user_id, props) VALUES ${tuples.join(', ')}`, values);
    return res.status(202).end();
  } catch (err) {
    return next(err);
  }
});

analyticsRouter.delete('/events', async (req: Request, res: Response, next: NextFunction) => {
  try {
    // expect: CWE-89 -- config-object form whose text is concatenated with a body value
    await pool.query({ text: 'DELETE FROM ' + EVENT_TABLE + " WHERE name = '" + req.body.name + "'", rowMode: 'array' });
    res.status(204).end();
  } catch (err) {
    next(err);
  }
});

analyticsRouter.get('/events/props', async (req: Request, res: Response, next: NextFunction) => {
  const key = req.query.key as string;
  try {
    // expect: CWE-89 -- JSON key from the query string interpolated inside the ->> operator
    const { rows } = await pool.query(`SELECT props->>'${key}' AS value, COUNT(*) AS n FROM ${EVENT_TABLE} GROUP BY 1`);
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

analyticsRouter.get('/events/count', async (req: Request, res: Response, next: NextFunction) => {
  const name = req.query.name as string;
  const client = await pool.connect();
  try {
    // expect: CWE-89 -- escapeIdentifier used on a value that is then placed inside quotes as a literal
    const { rows } = await client.query(`SELECT COUNT(*) AS n FROM ${EVENT_TABLE} WHERE name = '${client.escapeIdentifier(name)}'`);
    res.json(rows[0]);
  } catch (err) {
    next(err);
  } finally {
    client.release();
  }
});

analyticsRouter.get('/users/:id/events', async (req: Request, res: Response, next: NextFunction) => {
  try {
    res.json(await eventsForUser(Number(req.params.id), Number(req.query.page ?? 1)));
  } catch (err) {
    next(err);
  }
});

analyticsRouter.get('/sessions/:sid/events', async (req: Request, res: Response, next: NextFunction) => {
  try {
    res.json(await eventsForSession(req.params.sid));
  } catch (err) {
    next(err);
  }
});
