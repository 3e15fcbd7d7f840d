import express from 'express';
import cookieParser from 'cookie-parser';
import mysql, { ResultSetHeader, RowDataPacket } from 'mysql2/promise';

const pool = mysql.createPool({
  host: process.env.MYSQL_HOST ?? 'localhost',
  user: 'auth',
  password: process.env.MYSQL_PASSWORD,
  database: 'auth',
  waitForConnections: true,
});

export const app = express();
app.use(cookieParser());
app.use(express.json());

app.get('/session', async (req, res) => {
  const token: string | undefined = req.cookies.sid;
  if (!token) return res.status(401).end();
  // expect: CWE-89 -- cookie value concatenated
  const [rows] = await pool.query<RowDataPacket[]>("SELECT user_id, expires_at FROM sessions WHERE token = '" + token + "'");
  return rows.length ? res.json(rows[0]) : res.status(401).end();
});

app.get('/session/v2', async (req, res) => {
  // ok: CWE-89 -- execute() with a placeholder
  const [rows] = await pool.execute<RowDataPacket[]>('SELECT user_id, expires_at FROM sessions WHERE token = ?', [req.cookies.sid ?? '']);
  return rows.length ? res.json(rows[0]) : res.status(401).end();
});

app.post('/session/touch', async (req, res) => {
  const ip = req.headers['x-forwarded-for'] ?? req.socket.remoteAddress;
  // expect: CWE-89 -- X-Forwarded-For header in the SQL text (token is bound, ip is not)
  await pool.query(`UPDATE sessions SET last_ip = '${ip}', last_seen = NOW() WHERE token = ?`, [req.cookies.sid]);
  res.status(204).end();
});

app.post('/session/logout', async (req, res) => {
  const conn = await pool.getConnection();
  try {
    // ok: CWE-89 -- transaction control, constant
    await conn.query('START TRANSACTION');
    // ok: CWE-89 -- placeholder
    const [result] = await conn.execute<ResultSetHeader>('DELETE FROM sessions WHERE token = ?', [req.cookies.sid ?? '']);
    // ok: CWE-89 -- placeholders
    await conn.query('INSERT INTO auth_events (kind, affected) VALUES (?, ?)', ['logout', result.affectedRows]);
    // ok: CWE-89 -- transaction control, constant
    await conn.query('COMMIT');
    res.clearCookie('sid').status(204).end();
  } catch (err) {
    // ok: CWE-89 -- transaction control, constant
    await conn.query('ROLLBACK');
    throw err;
  } finally {
    conn.release();
  }
});

app.get('/admin/sessions/search', async (req, res) => {
  const { column = 'user_agent', value = '' } = req.query as Record<string, string>;
  // expect: CWE-89 -- mysql2 execute(): the value is a placeholder but the column name comes from the query string
  const [rows] = await pool.execute<RowDataPacket[]>(`SELECT * FROM sessions WHERE ${column} = ?`, [value]);
  res.json(rows);
});

app.get('/admin/sessions/search/v2', async (req, res) => {
  const { column = 'user_agent', value = '' } = req.query as Record<string, string>;
  // ok: CWE-89 -- identifier escaped with pool.escapeId, value bound
  const [rows] = await pool.query<RowDataPacket[]>(`SELECT * FROM sessions WHERE ${pool.escapeId(column)} = ?`, [value]);
  res.json(rows);
});

export async function purgeExpired(olderThanHours: number): Promise<number> {
  // ok: CWE-89 -- olderThanHours is typed number
  const [result] = await pool.query<ResultSetHeader>('DELETE FROM sessions WHERE expires_at < NOW() - INTERVAL ' + olderThanHours + ' HOUR');
  return result.affectedRows;
}

export async function sessionsForAgent(userAgent: string) {
  // expect: CWE-89 -- execute() with a template literal and no placeholders
  const [rows] = await pool.execute<RowDataPacket[]>(`SELECT * FROM sessions WHERE user_agent LIKE '${userAgent}%'`);
  return rows;
}

app.get('/admin/sessions', async (req, res) => {
  const agent = String(req.query.agent ?? req.header('user-agent') ?? '');
  res.json(await sessionsForAgent(agent));
});

app.get('/admin/sessions/by-user', async (req, res) => {
  const userIds = String(req.query.ids ?? '')
    .split(',')
    .map((s) => parseInt(s, 10))
    .filter((n) => !Number.isNaN(n));
  if (userIds.length === 0) return res.json([]);
  // ok: CWE-89 -- every element parsed to an integer before joining
  const [rows] = await pool.query<RowDataPacket[]>(`SELECT * FROM sessions WHERE user_id IN (${userIds.join(',')})`);
  return res.json(rows);
});

app.get('/admin/sessions/by-user-raw', async (req, res) => {
  const userIds = String(req.query.ids ?? '').split(',');
  // expect: CWE-89 -- split but never converted: each element is still an arbitrary string
  const [rows] = await pool.query<RowDataPacket[]>(`SELECT * FROM sessions WHERE user_id IN (${userIds.join(',')})`);
  return res.json(rows);
});

app.post('/admin/sessions/purge', async (req, res) => {
  const hours = Number.parseInt(String(req.body.hours ?? '24'), 10);
  if (!Number.isInteger(hours) || hours < 1) return res.status(400).json({ error: 'hours must be a positive integer' });
  return res.json({ purged: await purgeExpired(hours) });
});
