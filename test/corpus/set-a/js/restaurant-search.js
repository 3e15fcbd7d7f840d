'use strict';

const express = require('express');
const { Pool } = require('pg');

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const app = express();

const ORDERINGS = { rating: 'rating DESC', name: 'name ASC', newest: 'opened_at DESC' };

// Builds a WHERE clause by pasting the raw values into the text.
function buildFilters(filters) {
  const clauses = [];
  if (filters.city) clauses.push(`city = '${filters.city}'`);
  if (filters.minRating) clauses.push(`rating >= ${filters.minRating}`);
  return clauses.length ? 'WHERE ' + clauses.join(' AND ') : '';
}

// Same filters, but the text only ever contains generated placeholders.
function buildSafeFilters(filters) {
  const clauses = [];
  const values = [];
  if (filters.city) {
    values.push(filters.city);
    clauses.push(`city = $${values.length}`);
  }
  if (filters.minRating) {
    values.push(Number(filters.minRating));
    clauses.push(`rating >= $${values.length}`);
  }
  return { where: clauses.length ? 'WHERE ' + clauses.join(' AND ') : '', values };
}

function orderClause(sort) {
  return 'ORDER BY ' + (Object.prototype.hasOwnProperty.call(ORDERINGS, sort) ? ORDERINGS[sort] : ORDERINGS.name);
}

async function fetchByCuisine(cuisine) {
  // expect: CWE-89 -- helper parameter (request data at the call site) reaches the SQL text
  const { rows } = await pool.query("SELECT id, name FROM restaurants WHERE cuisine = '" + cuisine + "' ORDER BY name");
  return rows;
}

async function fetchByCuisineSafe(cuisine) {
  // ok: CWE-89 -- placeholder
  const { rows } = await pool.query('SELECT id, name FROM restaurants WHERE cuisine = $1 ORDER BY name', [cuisine]);
  return rows;
}

app.get('/restaurants', async (req, res, next) => {
  try {
    // expect: CWE-89 -- WHERE text built from req.query by buildFilters()
    const { rows } = await pool.query(`SELECT * FROM restaurants ${buildFilters(req.query)} ${orderClause(req.query.sort)} LIMIT 50`);
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

app.get('/v2/restaurants', async (req, res, next) => {
  const { where, values } = buildSafeFilters(req.query);
  try {
    // ok: CWE-89 -- helper returns placeholder-only text plus values; ORDER BY from an allow-list
    const { rows } = await pool.query(`SELECT * FROM restaurants ${where} ${orderClause(req.query.sort)} LIMIT 50`, values);
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

app.get('/cuisines/:cuisine', async (req, res, next) => {
  try {
    res.json(await fetchByCuisine(req.params.cuisine));
  } catch (err) {
    next(err);
  }
});

app.get('/v2/cuisines/:cuisine', async (req, res, next) => {
  try {
    res.json(await fetchByCuisineSafe(req.params.cuisine));
  } catch (err) {
    next(err);
  }
});

app.get('/lists/:listName/entries', async (req, res, next) => {
  const name = req.params.listName;
  if (!/^[a-z][a-z0-9_]{0,30}$/.test(name)) {
    return res.status(400).json({ error: 'invalid list name' });
  }
  try {
    // ok: CWE-89 -- strict regex validation (lowercase identifier characters only) before use as a table suffix
    const { rows } = await pool.query(`SELECT * FROM list_${name} ORDER BY position`);
    return res.json(rows);
  } catch (err) {
    return next(err);
  }
});

app.get('/restaurants/near', async (req, res, next) => {
  const lat = parseFloat(req.query.lat);
  const lng = parseFloat(req.query.lng);
  if (!Number.isFinite(lat) || !Number.isFinite(lng)) return res.status(400).end();
  try {
    // ok: CWE-89 -- coordinates parsed with parseFloat and checked
    const { rows } = await pool.query(`SELECT id, name FROM restaurants ORDER BY location <-> point(${lng}, ${lat}) LIMIT 10`);
    return res.json(rows);
  } catch (err) {
    return next(err);
  }
});

app.get('/restaurants/open-now', async (req, res, next) => {
  const tz = req.query.tz || 'UTC';
  try {
    // expect: CWE-89 -- time zone name from the query string inside a quoted literal
    const { rows } = await pool.query(`SELECT id, name FROM restaurants WHERE opens_at <= (now() AT TIME ZONE '${tz}')::time AND closes_at > (now() AT TIME ZONE '${tz}')::time`);
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

module.exports = app;
