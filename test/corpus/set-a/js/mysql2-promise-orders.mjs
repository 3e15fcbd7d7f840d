import express from 'express';
import mysql from 'mysql2/promise';

const pool = mysql.createPool({ uri: process.env.MYSQL_URL, connectionLimit: 10 });
export const ordersRouter = express.Router();

const SUMMARY_SQL = ['SELECT status, COUNT(*) AS n', 'FROM orders', 'WHERE created_at >= ?', 'GROUP BY status'].join(' ');

function asyncHandler(fn) {
  return (req, res, next) => Promise.resolve(fn(req, res, next)).catch(next);
}

ordersRouter.get('/orders/:id', asyncHandler(async (req, res) => {
  // ok: CWE-89 -- prepared statement via execute() with params
  const [rows] = await pool.execute('SELECT * FROM orders WHERE id = ? AND customer_id = ?', [req.params.id, req.user.id]);
  if (!rows.length) return res.sendStatus(404);
  return res.json(rows[0]);
}));

ordersRouter.get('/orders', asyncHandler(async (req, res) => {
  const status = req.query.status ?? 'open';
  // expect: CWE-89 -- execute() without placeholders is still injectable
  const [rows] = await pool.execute(`SELECT * FROM orders WHERE customer_id = ${req.user.id} AND status = '${status}'`);
  res.json(rows);
}));

ordersRouter.post('/orders/:id/notes', asyncHandler(async (req, res) => {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    // ok: CWE-89 -- options-object form with values
    await conn.query({ sql: 'INSERT INTO order_notes (order_id, body) VALUES (?, ?)', values: [req.params.id, req.body.note] });
    // expect: CWE-89 -- options-object form, but the sql text is built from the request
    await conn.query({ sql: "UPDATE orders SET last_note = '" + req.body.note + "' WHERE id = " + req.params.id });
    await conn.commit();
    res.sendStatus(201);
  } catch (err) {
    await conn.rollback();
    throw err;
  } finally {
    conn.release();
  }
}));

ordersRouter.get('/orders/export/:year', asyncHandler(async (req, res) => {
  const base = 'SELECT id, total, created_at FROM orders WHERE YEAR(created_at) = ';
  // expect: CWE-89 -- String.prototype.concat with a path param
  const [rows] = await pool.query(base.concat(req.params.year));
  res.json(rows);
}));

ordersRouter.get('/orders/summary/by-region', asyncHandler(async (req, res) => {
  const parts = ['SELECT status, SUM(total) AS total FROM orders', 'WHERE region =', `'${req.query.region}'`, 'GROUP BY status'];
  // expect: CWE-89 -- array of fragments joined with a request value inside
  const [rows] = await pool.query(parts.join(' '));
  res.json(rows);
}));

ordersRouter.get('/orders/summary', asyncHandler(async (req, res) => {
  const since = req.query.since || '1970-01-01';
  // ok: CWE-89 -- constant fragments joined at module load, date bound
  const [rows] = await pool.query(SUMMARY_SQL, [since]);
  res.json(rows);
}));

ordersRouter.post('/orders/batch', asyncHandler(async (req, res) => {
  const ids = Array.isArray(req.body.ids) ? req.body.ids.slice(0, 200) : [];
  if (!ids.length) return res.json([]);
  const placeholders = ids.map(() => '?').join(', ');
  // ok: CWE-89 -- generated ? placeholders, ids bound
  const [rows] = await pool.query(`SELECT * FROM orders WHERE id IN (${placeholders})`, ids);
  return res.json(rows);
}));

ordersRouter.post('/orders/batch-status', asyncHandler(async (req, res) => {
  // ok: CWE-89 -- mysql2 expands an array bound to IN (?)
  const [rows] = await pool.query('SELECT id, status FROM orders WHERE id IN (?)', [req.body.ids]);
  res.json(rows);
}));

ordersRouter.get('/coupons/check', asyncHandler(async (req, res) => {
  // ok: CWE-89 -- value escaped with pool.escape
  const [rows] = await pool.query('SELECT code, discount FROM coupons WHERE code = ' + pool.escape(req.query.code));
  res.json({ valid: rows.length > 0, coupon: rows[0] || null });
}));

export async function findOrdersByReference(reference) {
  // expect: CWE-89 -- function parameter concatenated (non-constant SQL text)
  const [rows] = await pool.query("SELECT * FROM orders WHERE external_ref = '" + reference + "'");
  return rows;
}

ordersRouter.get('/orders/ref/:ref', asyncHandler(async (req, res) => {
  res.json(await findOrdersByReference(req.params.ref));
}));
