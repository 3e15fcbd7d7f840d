'use strict';

// routes/users.js -- account admin endpoints for the support dashboard
const express = require('express');
const { Pool } = require('pg');

const pool = new Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const router = express.Router();

const SORTABLE = { name: 'u.display_name', joined: 'u.created_at', logins: 'u.login_count' };

router.get('/users/:id', async (req, res, next) => {
  try {
    // ok: CWE-89
    const { rows } = await pool.query('SELECT id, email, display_name FROM users WHERE id = $1', [req.params.id]);
    if (!rows.length) return res.status(404).end();
    res.json(rows[0]);
  } catch (err) {
    next(err);
  }
});

router.get('/users', async (req, res, next) => {
  const sortCol = SORTABLE[req.query.sort] || 'u.created_at';
  const dir = req.query.dir === 'asc' ? 'ASC' : 'DESC';
  const limit = Math.min(parseInt(req.query.limit, 10) || 25, 200);
  try {
    // ok: CWE-89 -- column from lookup table, direction is one of two constants, limit is parsed
    const result = await pool.query(`SELECT u.id, u.email, u.display_name FROM users u ORDER BY ${sortCol} ${dir} LIMIT ${limit}`);
    res.json(result.rows);
  } catch (e) {
    next(e);
  }
});

// quick search used by the autocomplete box
router.get('/users/search/by-email', (req, res) => {
  const q = req.query.q;
  // expect: CWE-89
  pool.query("SELECT id, email FROM users WHERE email LIKE '%" + q + "%' LIMIT 10", (err, result) => {
    if (err) return res.status(500).send(err.message);
    res.json(result.rows);
  });
});

router.get('/users/search/by-name', async (req, res) => {
  // ok: CWE-89 -- the LIKE pattern is built in the parameter array, not in the SQL
  const { rows } = await pool.query('SELECT id, display_name FROM users WHERE display_name ILIKE $1 LIMIT 10', [`%${req.query.q}%`]);
  res.json(rows);
});

router.post('/users/:id/deactivate', async (req, res) => {
  const client = await pool.connect();
  try {
    // ok: CWE-89
    await client.query('BEGIN');
    // ok: CWE-89
    await client.query({ text: 'UPDATE users SET active = false, deactivated_reason = $2 WHERE id = $1', values: [req.params.id, req.body.reason] });
    // expect: CWE-89 -- reason pasted into the audit insert
    await client.query(`INSERT INTO audit_log (actor, action) VALUES (${req.user.id}, 'deactivate: ${req.body.reason}')`);
    // ok: CWE-89
    await client.query('COMMIT');
    res.sendStatus(204);
  } catch (err) {
    // ok: CWE-89
    await client.query('ROLLBACK');
    res.status(500).json({ error: err.message });
  } finally {
    client.release();
  }
});

router.patch('/users/:id', async (req, res) => {
  const fields = Object.keys(req.body);
  if (!fields.length) return res.status(400).end();
  const sets = fields.map((f, i) => `${f} = $${i + 2}`).join(', ');
  // expect: CWE-89 -- column names are the JSON body's keys, never checked
  await pool.query(`UPDATE users SET ${sets} WHERE id = $1`, [req.params.id, ...fields.map((f) => req.body[f])]);
  res.sendStatus(204);
});

router.get('/me/preferences', async (req, res) => {
  const locale = req.headers['accept-language'] || 'en';
  // expect: CWE-89 -- header value spliced into the query
  const { rows } = await pool.query("SELECT key, value FROM preferences WHERE user_id = $1 AND locale = '" + locale + "'", [req.user.id]);
  res.json(rows);
});

router.get('/users/:id/sessions', async (req, res) => {
  let sql = 'SELECT id, ip, user_agent, created_at FROM sessions WHERE user_id = ' + req.params.id;
  if (req.query.active) {
    sql += ' AND revoked_at IS NULL';
  }
  sql += ' ORDER BY created_at DESC';
  // expect: CWE-89
  const { rows } = await pool.query(sql);
  res.json(rows);
});

router.get('/users/recent', async (req, res) => {
  // expect: CWE-89 -- the fallback does not make the query-string value safe
  const { rows } = await pool.query(`SELECT id, email FROM users ORDER BY created_at DESC LIMIT ${req.query.limit || 20}`);
  res.json(rows);
});

router.delete('/users/bulk', async (req, res) => {
  const ids = Array.isArray(req.body.ids) ? req.body.ids : [];
  if (!ids.length) return res.status(400).end();
  const placeholders = ids.map((_, i) => '$' + (i + 1)).join(', ');
  // ok: CWE-89 -- generated $n list, ids passed as values
  const r = await pool.query(`DELETE FROM users WHERE id IN (${placeholders})`, ids);
  res.json({ deleted: r.rowCount });
});

router.get('/users/export/csv', async (req, res) => {
  const columns = (req.query.cols || 'id,email').split(',');
  // expect: CWE-89 -- column list comes straight from the query string
  const { rows } = await pool.query('SELECT ' + columns.join(', ') + ' FROM users');
  res.type('text/csv').send(rows.map((r) => Object.values(r).join(',')).join('\n'));
});

router.get('/teams/:slug/members', async (req, res) => {
  // ok: CWE-89
  const team = await pool.query('SELECT id, name FROM teams WHERE slug = $1', [req.params.slug]);
  if (!team.rows[0]) return res.sendStatus(404);
  const teamName = team.rows[0].name;
  // expect: CWE-89 -- value read back from the database, still pasted into SQL
  const members = await pool.query(`SELECT user_id FROM memberships WHERE team_name = '${teamName}'`);
  res.json(members.rows);
});

module.exports = router;
