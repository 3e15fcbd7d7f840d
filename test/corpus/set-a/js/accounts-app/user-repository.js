'use strict';

const db = require('./db');

const TABLE = 'app_users';

async function findById(id) {
  // ok: CWE-89 -- module-level constant table name, id bound
  const { rows } = await db.query('SELECT * FROM ' + TABLE + ' WHERE id = $1', [id]);
  return rows[0] || null;
}

async function findByUsername(username) {
  // expect: CWE-89 -- repository parameter concatenated into SQL
  const { rows } = await db.query('SELECT * FROM ' + TABLE + " WHERE username = '" + username + "'");
  return rows[0] || null;
}

async function listByRole(role, opts = {}) {
  let text = `SELECT id, username FROM ${TABLE} WHERE role = $1`;
  const params = [role];
  if (opts.createdAfter) {
    params.push(opts.createdAfter);
    text += ` AND created_at > $${params.length}`;
  }
  if (opts.team) {
    params.push(opts.team);
    text += ' AND team_id = $' + params.length;
  }
  // ok: CWE-89 -- text only gains generated placeholders; values go to params
  const { rows } = await db.query(text, params);
  return rows;
}

async function deactivateMany(usernames, client) {
  const list = usernames.map((u) => `'${u}'`).join(', ');
  // expect: CWE-89 -- quoted list built from caller-supplied values
  await client.query(`UPDATE ${TABLE} SET active = false WHERE username IN (${list})`);
}

async function renameUser(id, newName) {
  return db.withTransaction(async (client) => {
    // ok: CWE-89 -- constant table name, values bound
    await client.query(`UPDATE ${TABLE} SET username = $1 WHERE id = $2`, [newName, id]);
    // ok: CWE-89 -- values bound
    await client.query('INSERT INTO username_history (user_id, username) VALUES ($1, $2)', [id, newName]);
  });
}

function auditWhere(field, value) {
  return `${field} = '${value}'`;
}

async function findAuditEntries(field, value) {
  // expect: CWE-89 -- WHERE clause built by a helper from the parameters
  const { rows } = await db.query('SELECT * FROM audit_log WHERE ' + auditWhere(field, value) + ' ORDER BY created_at DESC');
  return rows;
}

function quote(value) {
  return "'" + String(value).replace(/'/g, "''") + "'";
}

async function findByEmailQuoted(email) {
  // expect: CWE-89 -- home-made quoting instead of a bound parameter (still non-constant SQL text)
  const { rows } = await db.query('SELECT * FROM ' + TABLE + ' WHERE email = ' + quote(email));
  return rows[0] || null;
}

module.exports = { findById, findByUsername, listByRole, deactivateMany, renameUser, findAuditEntries, findByEmailQuoted };
