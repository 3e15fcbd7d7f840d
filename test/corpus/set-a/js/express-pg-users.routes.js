'use strict';

const express = require('express');
const { Pool } = require('pg');

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const router = express.Router();

const USER_COLUMNS = 'id, email, display_name, created_at';
const SORTABLE = { name: 'display_name', created: 'created_at', email: 'email' };
const UPDATABLE = ['display_name', 'email', 'bio'];

function requireAdmin(req, res, next) {
  if (!req.user || req.user.role !== 'admin') {
    return res.status(403).json({ error: 'forbidden' });
  }
  return next();
}

router.get('/users/:id', async (req, res, next) => {
  try {
    // expect: CWE-89 -- path parameter interpolated into a template literal
    const { rows } = await pool.query(`SELECT ${USER_COLUMNS} FROM users WHERE id = ${req.params.id}`);
    if (rows.length === 0) return res.status(404).json({ error: 'not found' });
    return res.json(rows[0]);
  } catch (err) {
    return next(err);
  }
});

router.get('/users/by-email/:email', async (req, res, next) => {
  try {
    // ok: CWE-89 -- constant column list, $1 placeholder with values array
    const { rows } = await pool.query('SELECT ' + USER_COLUMNS + ' FROM users WHERE email = $1', [req.params.email]);
    return rows.length ? res.json(rows[0]) : res.sendStatus(404);
  } catch (err) {
    return next(err);
  }
});

router.get('/users', async (req, res, next) => {
  const sortKey = String(req.query.sort || 'created');
  const column = SORTABLE[sortKey] ?? 'created_at';
  const direction = req.query.dir === 'asc' ? 'ASC' : 'DESC';
  const limit = Math.min(parseInt(req.query.limit, 10) || 20, 100);
  try {
    // ok: CWE-89 -- column from allow-list map, direction from a ternary of constants, limit parsed to int
    const { rows } = await pool.query(`SELECT ${USER_COLUMNS} FROM users ORDER BY ${column} ${direction} LIMIT ${limit}`);
    return res.json(rows);
  } catch (err) {
    return next(err);
  }
});

router.get('/users/export', requireAdmin, async (req, res, next) => {
  const fields = String(req.query.fields || 'id,email');
  try {
    // expect: CWE-89 -- select list taken verbatim from ?fields=
    const { rows } = await pool.query(`SELECT ${fields} FROM users ORDER BY id`);
    return res.json(rows);
  } catch (err) {
    return next(err);
  }
});

router.get('/users/search', async (req, res, next) => {
  const q = req.query.q;
  if (typeof q !== 'string' || q.length < 2) {
    return res.status(400).json({ error: 'q must be at least 2 characters' });
  }
  try {
    // ok: CWE-89 -- the wildcard concatenation happens in the bound value, not in the SQL text
    const { rows } = await pool.query('SELECT id, display_name FROM users WHERE display_name ILIKE $1 LIMIT 50', ['%' + q + '%']);
    return res.json(rows);
  } catch (err) {
    return next(err);
  }
});

router.get('/users/lookup', async (req, res, next) => {
  try {
    // expect: CWE-89 -- query-string value concatenated inside quotes
    const result = await pool.query("SELECT id, display_name FROM users WHERE display_name ILIKE '%" + req.query.name + "%'");
    return res.json(result.rows);
  } catch (err) {
    return next(err);
  }
});

router.patch('/users/:id', async (req, res, next) => {
  const fields = Object.keys(req.body || {}).filter((k) => UPDATABLE.includes(k));
  if (fields.length === 0) return res.status(400).json({ error: 'nothing to update' });
  const assignments = fields.map((f, i) => `${f} = $${i + 1}`).join(', ');
  const values = fields.map((f) => req.body[f]);
  values.push(req.params.id);

  const client = await pool.connect();
  try {
    // ok: CWE-89 -- transaction control, constant
    await client.query('BEGIN');
    // ok: CWE-89 -- column names filtered through the UPDATABLE allow-list, values bound
    await client.query(`UPDATE users SET ${assignments} WHERE id = $${values.length}`, values);
    // ok: CWE-89 -- constant text with bound params
    await client.query('INSERT INTO audit_log (user_id, action) VALUES ($1, $2)', [req.params.id, 'profile_update']);
    // ok: CWE-89 -- transaction control, constant
    await client.query('COMMIT');
    return res.sendStatus(204);
  } catch (err) {
    // ok: CWE-89 -- transaction control, constant
    await client.query('ROLLBACK');
    return next(err);
  } finally {
    client.release();
  }
});

router.post('/admin/users/:id/flags', requireAdmin, async (req, res, next) => {
  const sets = Object.entries(req.body || {}).map(([key, value]) => `${key} = '${value}'`);
  if (!sets.length) return res.sendStatus(400);
  try {
    // expect: CWE-89 -- column names and values both come from req.body (id is bound, the rest is not)
    await pool.query('UPDATE users SET ' + sets.join(', ') + ' WHERE id = $1', [req.params.id]);
    return res.sendStatus(204);
  } catch (err) {
    return next(err);
  }
});

router.post('/users/bulk-delete', requireAdmin, async (req, res, next) => {
  const ids = Array.isArray(req.body.ids) ? req.body.ids : [];
  if (!ids.length) return res.json({ deleted: 0 });
  try {
    // expect: CWE-89 -- raw request array joined into IN (...)
    const result = await pool.query(`DELETE FROM users WHERE id IN (${ids.join(',')})`);
    return res.json({ deleted: result.rowCount });
  } catch (err) {
    return next(err);
  }
});

router.post('/users/bulk-disable', requireAdmin, async (req, res, next) => {
  const ids = Array.isArray(req.body.ids) ? req.body.ids : [];
  try {
    // ok: CWE-89 -- the whole array is a single bound parameter
    const result = await pool.query('UPDATE users SET disabled = true WHERE id = ANY($1::int[])', [ids]);
    return res.json({ disabled: result.rowCount });
  } catch (err) {
    return next(err);
  }
});

router.get('/me', async (req, res, next) => {
  if (!req.user) return res.sendStatus(401);
  try {
    // expect: CWE-89 -- tenant header used as a schema name
    const { rows } = await pool.query('SELECT * FROM ' + req.headers['x-tenant'] + '.users WHERE id = $1', [req.user.id]);
    return res.json(rows[0] || null);
  } catch (err) {
    return next(err);
  }
});

module.exports = router;
