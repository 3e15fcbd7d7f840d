import mysql from 'mysql2/promise';
import Fastify from 'fastify';

const pool = mysql.createPool({
  uri: process.env.DATABASE_URL,
  waitForConnections: true,
  connectionLimit: 15,
  namedPlaceholders: true,
});

const app = Fastify({ logger: true });

const STATUS = new Set(['pending', 'paid', 'shipped', 'cancelled']);

app.get('/orders/:id', async (request, reply) => {
  // ok: CWE-89
  const [rows] = await pool.execute('SELECT * FROM orders WHERE id = ?', [request.params.id]);
  if (rows.length === 0) return reply.code(404).send();
  return rows[0];
});

app.get('/orders', async (request) => {
  const { status, customer, page = '1' } = request.query;
  const where = [];
  const params = {};
  if (status) {
    where.push('status = :status');
    params.status = status;
  }
  if (customer) {
    where.push('customer_id = :customer');
    params.customer = customer;
  }
  const offset = (Math.max(parseInt(page, 10) || 1, 1) - 1) * 50;
  const sql = `SELECT id, status, total FROM orders ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT 50 OFFSET ${offset}`;
  // ok: CWE-89 -- only constant fragments and named placeholders; offset is numeric
  const [rows] = await pool.execute(sql, params);
  return rows;
});

app.get('/orders/by-ref', async (request) => {
  const ref = request.query.ref;
  // expect: CWE-89 -- options object, interpolated sql
  const [rows] = await pool.query({ sql: `SELECT id, status FROM orders WHERE external_ref LIKE '${ref}%'`, rowsAsArray: true });
  return rows;
});

app.post('/orders/lookup', async (request) => {
  const ids = request.body.ids || [];
  // ok: CWE-89 -- one ? per id
  const [rows] = await pool.query(`SELECT id, status FROM orders WHERE id IN (${ids.map(() => '?').join(',')})`, ids);
  return rows;
});

app.post('/orders/lookup-fast', async (request) => {
  const ids = request.body.ids || [];
  // expect: CWE-89 -- ids joined into the text
  const [rows] = await pool.query(`SELECT id, status FROM orders WHERE id IN (${ids.join(',')})`);
  return rows;
});

app.post('/orders/lookup-numeric', async (request) => {
  const ids = (request.body.ids || []).map(Number).filter(Number.isFinite);
  if (!ids.length) return [];
  // ok: CWE-89 -- every element converted with Number
  const [rows] = await pool.query(`SELECT id, status FROM orders WHERE id IN (${ids.join(',')})`);
  return rows;
});

app.patch('/orders/:id/status', async (request, reply) => {
  const next = request.body.status;
  if (!STATUS.has(next)) return reply.code(400).send({ error: 'bad status' });
  // ok: CWE-89 -- status checked against a fixed set before use
  await pool.query(`UPDATE orders SET status = '${next}' WHERE id = ?`, [request.params.id]);
  return { ok: true };
});

app.patch('/orders/:id/note', async (request) => {
  const note = request.body.note;
  if (!STATUS.has(request.body.status)) request.log.warn('unknown status, ignoring');
  // expect: CWE-89 -- note is never validated
  await pool.query(`UPDATE orders SET note = '${note}', status = '${request.body.status}' WHERE id = ${request.params.id}`);
  return { ok: true };
});

app.post('/orders/:id/refund', async (request) => {
  const conn = await pool.getConnection();
  try {
    await conn.beginTransaction();
    // ok: CWE-89
    const [[order]] = await conn.execute('SELECT total, customer_id FROM orders WHERE id = ? FOR UPDATE', [request.params.id]);
    const amount = Number(request.body.amount);
    // ok: CWE-89 -- amount was converted with Number()
    await conn.query(`UPDATE customers SET credit = credit + ${amount} WHERE id = ?`, [order.customer_id]);
    // expect: CWE-89 -- reason text concatenated
    await conn.query('INSERT INTO refunds (order_id, amount, reason) VALUES (?, ?, "' + request.body.reason + '")', [request.params.id, amount]);
    await conn.commit();
    return { refunded: amount };
  } catch (e) {
    await conn.rollback();
    throw e;
  } finally {
    conn.release();
  }
});

app.get('/reports/top', async (request) => {
  const field = request.query.by;
  let column;
  switch (field) {
    case 'revenue':
      column = 'SUM(total)';
      break;
    case 'count':
      column = 'COUNT(*)';
      break;
    default:
      column = 'COUNT(*)';
  }
  // ok: CWE-89 -- switch maps the input onto constant fragments
  const [rows] = await pool.query(`SELECT customer_id, ${column} AS score FROM orders GROUP BY customer_id ORDER BY score DESC LIMIT 10`);
  return rows;
});

app.get('/reports/by-month', async (request) => {
  const year = request.query.year;
  // expect: CWE-89 -- year is an unconverted query-string value
  const [rows] = await pool.execute('SELECT MONTH(created) m, SUM(total) t FROM orders WHERE YEAR(created) = ' + year + ' GROUP BY m');
  return rows;
});

await app.listen({ port: 8080 });
