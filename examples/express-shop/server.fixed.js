// The same API with every query parameterised.
const express = require('express');
const { Pool } = require('pg');

const app = express();
app.use(express.json());
const pool = new Pool({ connectionString: process.env.DATABASE_URL });

app.get('/products', async (req, res) => {
  const { rows } = await pool.query('SELECT * FROM products WHERE category = $1', [req.query.category]);
  res.json(rows);
});

app.get('/products/:id', async (req, res) => {
  const { rows } = await pool.query('SELECT * FROM products WHERE id = $1', [req.params.id]);
  res.json(rows[0] ?? null);
});

const SORTABLE = { price: 'price', newest: 'created_at' };

app.get('/catalogue', async (req, res) => {
  // Column names cannot be parameters: choose them from an allow-list.
  const column = SORTABLE[req.query.sort] ?? 'id';
  const { rows } = await pool.query(`SELECT * FROM products ORDER BY ${column} LIMIT 50`);
  res.json(rows);
});

async function ordersOf(customerId) {
  return pool.query('SELECT * FROM orders WHERE customer_id = $1', [customerId]);
}

app.get('/customers/:id/orders', async (req, res) => {
  res.json((await ordersOf(req.params.id)).rows);
});

app.listen(process.env.PORT ?? 3000);
