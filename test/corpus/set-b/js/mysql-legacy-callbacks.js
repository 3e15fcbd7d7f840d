// shop backend - written 2016, do not touch without asking Dave
var mysql = require('mysql');
var util = require('util');
var express = require('express');
var bodyParser = require('body-parser');

var app = express();
app.use(bodyParser.urlencoded({ extended: false }));

var connection = mysql.createConnection({
  host: process.env.MYSQL_HOST || 'localhost',
  user: 'shop',
  password: process.env.MYSQL_PASSWORD,
  database: 'shop'
});
connection.connect();

app.get('/product', function (req, res) {
  var id = req.query.id;
  // expect: CWE-89
  connection.query('SELECT * FROM products WHERE id = ' + id, function (err, rows) {
    if (err) throw err;
    res.json(rows[0]);
  });
});

app.get('/product/by-sku', function (req, res) {
  // ok: CWE-89
  connection.query('SELECT * FROM products WHERE sku = ?', [req.query.sku], function (err, rows) {
    if (err) { return res.send(500); }
    res.json(rows);
  });
});

app.get('/category/:name', function (req, res) {
  // ok: CWE-89 -- mysql.escape quotes the value
  connection.query('SELECT * FROM products WHERE category = ' + mysql.escape(req.params.name), function (err, rows) {
    res.json(rows || []);
  });
});

app.get('/brand', function (req, res) {
  var sql = util.format("SELECT * FROM products WHERE brand = '%s' AND deleted = 0", req.query.brand);
  // expect: CWE-89 -- util.format does no quoting
  connection.query(sql, function (err, rows) {
    res.json(rows);
  });
});

app.get('/table/:t', function (req, res) {
  // ok: CWE-89 -- ?? is escaped as an identifier, ? as a value
  connection.query('SELECT * FROM ?? WHERE id = ?', [req.params.t, req.query.id], function (err, rows) {
    res.json(rows);
  });
});

app.post('/cart/add', function (req, res) {
  var q = {
    sql: 'INSERT INTO cart_items (cart_id, product_id, qty) VALUES (?, ?, ?)',
    values: [req.body.cart, req.body.product, req.body.qty],
    timeout: 5000
  };
  // ok: CWE-89
  connection.query(q, function (err, result) {
    if (err) return res.send(500);
    res.json({ id: result.insertId });
  });
});

app.post('/cart/remove', function (req, res) {
  // expect: CWE-89 -- options object, but the sql text is concatenated
  connection.query({ sql: 'DELETE FROM cart_items WHERE cart_id = ' + req.body.cart + ' AND product_id = ' + req.body.product, timeout: 5000 }, function (err) {
    res.send(err ? 500 : 200);
  });
});

app.get('/orders', function (req, res) {
  var sql = mysql.format('SELECT * FROM orders WHERE customer_id = ? AND status = ?', [req.query.customer, req.query.status]);
  // ok: CWE-89 -- mysql.format escapes the values
  connection.query(sql, function (err, rows) {
    res.json(rows);
  });
});

app.get('/orders/sorted', function (req, res) {
  var col = req.query.sort || 'created';
  // ok: CWE-89 -- escapeId for the column name
  connection.query('SELECT * FROM orders ORDER BY ' + mysql.escapeId(col) + ' LIMIT 50', function (err, rows) {
    res.json(rows);
  });
});

app.post('/product/:id', function (req, res) {
  // expect: CWE-89 -- SET ? escapes the object, but the id is concatenated
  connection.query('UPDATE products SET ? WHERE id = ' + req.params.id, req.body, function (err) {
    res.send(err ? 500 : 200);
  });
});

app.post('/product-safe/:id', function (req, res) {
  var changes = { name: req.body.name, price: req.body.price };
  // ok: CWE-89 -- SET ? with an object of picked fields, id as a value
  connection.query('UPDATE products SET ? WHERE id = ?', [changes, req.params.id], function (err) {
    res.send(err ? 500 : 200);
  });
});

function findCustomer(email, cb) {
  var query = "SELECT id, name FROM customers WHERE email = '".concat(email, "'");
  // expect: CWE-89 -- String.prototype.concat
  connection.query(query, cb);
}

app.post('/login', function (req, res) {
  findCustomer(req.body.email, function (err, rows) {
    if (err || !rows.length) return res.send(401);
    res.json(rows[0]);
  });
});

var pool = mysql.createPool({ host: 'localhost', user: 'shop', database: 'shop', connectionLimit: 5 });

app.get('/wishlist', function (req, res) {
  pool.getConnection(function (err, conn) {
    if (err) return res.send(500);
    // expect: CWE-89 -- session id from a cookie
    conn.query("SELECT product_id FROM wishlist WHERE session_id = '" + req.cookies.sid + "'", function (err2, rows) {
      conn.release();
      res.json(rows || []);
    });
  });
});

app.get('/stats', function (req, res) {
  // ok: CWE-89
  connection.query('SELECT COUNT(*) AS n, SUM(total) AS revenue FROM orders WHERE created > NOW() - INTERVAL 1 DAY', function (err, rows) {
    res.json(rows[0]);
  });
});

app.get('/report', function (req, res) {
  var from = req.query.from, to = req.query.to;
  var parts = ['SELECT DATE(created) d, COUNT(*) n FROM orders WHERE created BETWEEN', "'" + from + "'", 'AND', "'" + to + "'", 'GROUP BY d'];
  // expect: CWE-89 -- array join of quoted user values
  connection.query(parts.join(' '), function (err, rows) {
    res.json(rows);
  });
});

app.listen(3000);
