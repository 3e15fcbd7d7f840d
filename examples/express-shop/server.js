// An Express shop API with the mistakes a backend guide warns about. See server.fixed.js for the fixes.
const express = require('express');
const { Pool } = require('pg');

const app = express();
app.use(express.json());
const pool = new Pool({ connectionString: process.env.DATABASE_URL });

app.get('/products', async (req, res) => {
  // Request data pasted into SQL: anyone can read or change any table.
  const { rows } = await pool.query("SELECT * FROM products WHERE category = '" + req.query.category + "'");
  res.json(rows);
});

app.get('/products/:id', async (req, res) => {
  const sql = `SELECT * FROM products WHERE id = ${req.params.id}`;
  const { rows } = await pool.query(sql);
  res.json(rows[0] ?? null);
});

async function ordersOf(customerId) {
  // Not parameterised, even though this value does not come straight from a request.
  return pool.query('SELECT * FROM orders WHERE customer_id = ' + customerId);
}

app.get('/customers/:id/orders', async (req, res) => {
  res.json((await ordersOf(req.params.id)).rows);
});

app.listen(process.env.PORT ?? 3000);
