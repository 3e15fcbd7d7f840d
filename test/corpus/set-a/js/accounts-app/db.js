'use strict';

const { Pool } = require('pg');

const pool = new Pool({ max: 20, idleTimeoutMillis: 30000 });
const SLOW_QUERY_MS = 200;

pool.on('error', (err) => {
  console.error('idle client error', err);
});

async function query(text, params) {
  const started = Date.now();
  // ok: CWE-89 -- pass-through wrapper: forwards the caller's text and bound params unchanged (call sites are labelled)
  const res = await pool.query(text, params);
  const elapsed = Date.now() - started;
  if (elapsed > SLOW_QUERY_MS) {
    console.warn('slow query', { elapsed, rows: res.rowCount });
  }
  return res;
}

async function withTransaction(fn) {
  const client = await pool.connect();
  try {
    // ok: CWE-89 -- transaction control, constant
    await client.query('BEGIN');
    const result = await fn(client);
    // ok: CWE-89 -- transaction control, constant
    await client.query('COMMIT');
    return result;
  } catch (err) {
    // ok: CWE-89 -- transaction control, constant
    await client.query('ROLLBACK');
    throw err;
  } finally {
    client.release();
  }
}

module.exports = { query, withTransaction, pool };
