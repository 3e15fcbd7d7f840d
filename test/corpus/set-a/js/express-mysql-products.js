const express = require('express');
const mysql = require('mysql');
const util = require('util');

const pool = mysql.createPool({
  connectionLimit: 10,
  host: process.env.DB_HOST,
  user: process.env.DB_USER,
  password: process.env.DB_PASSWORD,
  database: 'shop',
});

const app = express();
app.use(express.json());

const PRODUCTS_TABLE = 'products';
const ALLOWED_SORT = ['price', 'name', 'created_at'];

function dbError(res, err) {
  console.error(err);
  return res.status(500).json({ error: 'database error' });
}

app.get('/products/:id', (req, res) => {
  // ok: CWE-89 -- constant table name, ? placeholder with values array
  pool.query('SELECT * FROM ' + PRODUCTS_TABLE + ' WHERE id = ?', [req.params.id], (err, rows) => {
    if (err) return dbError(res, err);
    if (!rows.length) return res.sendStatus(404);
    return res.json(rows[0]);
  });
});

app.get('/products', (req, res) => {
  const sort = req.query.sort || 'created_at';
  if (!ALLOWED_SORT.includes(sort)) {
    return res.status(400).json({ error: 'invalid sort' });
  }
  const category = req.query.category || 'all';
  // ok: CWE-89 -- sort checked against ALLOWED_SORT above, category escaped with mysql.escape
  pool.query('SELECT id, name, price FROM products WHERE category = ' + mysql.escape(category) + ' ORDER BY ' + sort, (err, rows) => {
    if (err) return dbError(res, err);
    return res.json(rows);
  });
});

app.get('/products/sorted', (req, res) => {
  const sort = ALLOWED_SORT.includes(req.query.sort) ? req.query.sort : 'name';
  const dir = req.query.dir || 'ASC';
  // expect: CWE-89 -- sort is allow-listed but dir is taken from the query string unchecked
  pool.query(`SELECT id, name, price FROM products ORDER BY ${sort} ${dir}`, (err, rows) => {
    if (err) return dbError(res, err);
    return res.json(rows);
  });
});

app.get('/products/by-brand/:brand', (req, res) => {
  // expect: CWE-89 -- path param wrapped in quotes and concatenated
  pool.query("SELECT * FROM products WHERE brand = '" + req.params.brand + "'", (err, rows) => {
    if (err) return dbError(res, err);
    return res.json(rows);
  });
});

app.get('/products/price-range', (req, res) => {
  const sql = util.format('SELECT * FROM products WHERE price BETWEEN %s AND %s', req.query.min, req.query.max);
  // expect: CWE-89 -- util.format interpolates raw query-string values
  pool.query(sql, (err, rows) => {
    if (err) return dbError(res, err);
    return res.json(rows);
  });
});

app.get('/products/search', (req, res) => {
  let sql = 'SELECT id, name FROM products WHERE 1=1';
  if (req.query.name) sql += " AND name LIKE '%" + req.query.name + "%'";
  if (req.query.maxPrice) sql += ' AND price <= ' + req.query.maxPrice;
  sql += ' LIMIT 100';
  // expect: CWE-89 -- filters appended with += from req.query
  pool.query(sql, (err, rows) => {
    if (err) return dbError(res, err);
    return res.json(rows);
  });
});

app.get('/products/latest', (req, res) => {
  const limit = req.query.limit || '10';
  // expect: CWE-89 -- LIMIT value from the query string, never converted to a number
  pool.query('SELECT id, name FROM products ORDER BY created_at DESC LIMIT ' + limit, (err, rows) => {
    if (err) return dbError(res, err);
    return res.json(rows);
  });
});

app.get('/reports/group-by/:column', (req, res) => {
  // ok: CWE-89 -- identifier escaped with mysql.escapeId
  pool.query('SELECT ' + mysql.escapeId(req.params.column) + ', COUNT(*) AS n FROM products GROUP BY 1', (err, rows) => {
    if (err) return dbError(res, err);
    return res.json(rows);
  });
});

app.get('/products/:id/summary', (req, res) => {
  // ok: CWE-89 -- ?? identifier placeholder and ? value placeholder
  pool.query('SELECT ?? FROM products WHERE id = ?', [['id', 'name', 'price'], req.params.id], (err, rows) => {
    if (err) return dbError(res, err);
    return res.json(rows[0] || null);
  });
});

app.post('/products', (req, res) => {
  const { name, price, category } = req.body;
  if (!name || typeof price !== 'number') return res.status(400).json({ error: 'name and price required' });
  // ok: CWE-89 -- SET ? with an object is expanded and escaped by the driver
  pool.query('INSERT INTO products SET ?', { name, price, category }, (err, result) => {
    if (err) return dbError(res, err);
    return res.status(201).json({ id: result.insertId });
  });
});

app.get('/cart', (req, res) => {
  const cartId = req.cookies && req.cookies.cart_id;
  if (!cartId) return res.json([]);
  // expect: CWE-89 -- cookie value interpolated into SQL text
  pool.query(`SELECT p.* FROM cart_items c JOIN products p ON p.id = c.product_id WHERE c.cart_id = '${cartId}'`, (err, rows) => {
    if (err) return dbError(res, err);
    return res.json(rows);
  });
});

app.post('/products/:id/restock', (req, res) => {
  const qty = Number(req.body.quantity);
  if (!Number.isInteger(qty) || qty <= 0) return res.status(400).json({ error: 'quantity must be a positive integer' });
  pool.getConnection((err, conn) => {
    if (err) return res.sendStatus(503);
    // ok: CWE-89 -- qty converted with Number() and checked as an integer; id bound
    conn.query('UPDATE products SET stock = stock + ' + qty + ' WHERE id = ?', [req.params.id], (err2) => {
      conn.release();
      if (err2) return dbError(res, err2);
      return res.sendStatus(204);
    });
  });
});

app.delete('/products/:id', (req, res) => {
  // ok: CWE-89 -- mysql.format escapes the values into the statement
  const statement = mysql.format('DELETE FROM products WHERE id = ? AND owner_id = ?', [req.params.id, req.user.id]);
  // ok: CWE-89 -- statement was produced by mysql.format above
  pool.query(statement, (err, result) => {
    if (err) return dbError(res, err);
    return res.json({ deleted: result.affectedRows });
  });
});

module.exports = app;
