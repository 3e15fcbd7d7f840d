const express = require('express');
const sql = require('mssql');

const config = {
  server: process.env.MSSQL_HOST,
  database: 'billing',
  user: process.env.MSSQL_USER,
  password: process.env.MSSQL_PASSWORD,
  options: { encrypt: true, trustServerCertificate: false },
};

const poolPromise = sql.connect(config);
const router = express.Router();

const wrap = (fn) => (req, res, next) => fn(req, res, next).catch(next);

router.get('/invoices/:id', wrap(async (req, res) => {
  await poolPromise;
  // ok: CWE-89 -- sql.query used as a tagged template: interpolations become parameters
  const result = await sql.query`SELECT * FROM invoices WHERE id = ${req.params.id}`;
  res.json(result.recordset[0] || null);
}));

router.get('/invoices', wrap(async (req, res) => {
  await poolPromise;
  // expect: CWE-89 -- sql.query called as a function with a concatenated string
  const result = await sql.query("SELECT * FROM invoices WHERE customer_code = '" + req.query.customer + "'");
  res.json(result.recordset);
}));

router.get('/invoices/overdue/:days', wrap(async (req, res) => {
  const pool = await poolPromise;
  // ok: CWE-89 -- input() declares a typed parameter referenced as @days
  const result = await pool.request().input('days', sql.Int, req.params.days).query('SELECT * FROM invoices WHERE DATEDIFF(day, due_date, GETDATE()) > @days');
  res.json(result.recordset);
}));

router.post('/invoices/:id/memo', express.json(), wrap(async (req, res) => {
  await poolPromise;
  const request = new sql.Request();
  // expect: CWE-89 -- Request.query with a template literal built from the body
  await request.query(`UPDATE invoices SET memo = N'${req.body.memo}' WHERE id = ${req.params.id}`);
  res.sendStatus(204);
}));

router.get('/invoices-by-ref', wrap(async (req, res) => {
  const pool = await poolPromise;
  const request = pool.request();
  request.input('ref', sql.NVarChar(64), req.query.ref);
  // ok: CWE-89 -- @ref bound through input()
  const result = await request.query('SELECT id, total FROM invoices WHERE reference = @ref');
  res.json(result.recordset);
}));

router.get('/invoices-sorted', wrap(async (req, res) => {
  const pool = await poolPromise;
  // expect: CWE-89 -- ORDER BY from the query string; input() only covers @status
  const result = await pool.request().input('status', sql.VarChar(16), req.query.status).query('SELECT * FROM invoices WHERE status = @status ORDER BY ' + req.query.orderBy);
  res.json(result.recordset);
}));

router.get('/invoices/:id/lines', wrap(async (req, res) => {
  const pool = await poolPromise;
  const id = parseInt(req.params.id, 10);
  if (Number.isNaN(id)) return res.sendStatus(400);
  // ok: CWE-89 -- id parsed as an integer
  const result = await new sql.Request(pool).query('SELECT * FROM invoice_lines WHERE invoice_id = ' + id);
  return res.json(result.recordset);
}));

router.post('/invoices/:id/void', wrap(async (req, res) => {
  const pool = await poolPromise;
  // ok: CWE-89 -- stored procedure with a typed input
  await pool.request().input('InvoiceId', sql.Int, req.params.id).execute('dbo.VoidInvoice');
  res.sendStatus(204);
}));

router.post('/admin/invoices/recalculate', express.json(), wrap(async (req, res) => {
  const pool = await poolPromise;
  // expect: CWE-89 -- batch() with a request-supplied value in the SQL text
  await pool.request().batch(`EXEC dbo.RecalculateTotals @Region = '${req.body.region}'`);
  res.sendStatus(202);
}));

router.get('/customers/:code/balance', wrap(async (req, res) => {
  const pool = await poolPromise;
  // expect: CWE-89 -- ConnectionPool.query called as a function with a template literal
  const result = await pool.query(`SELECT SUM(total - paid) AS balance FROM invoices WHERE customer_code = '${req.params.code}'`);
  res.json(result.recordset[0]);
}));

module.exports = router;
