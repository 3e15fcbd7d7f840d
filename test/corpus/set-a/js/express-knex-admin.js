'use strict';

// Internal back-office routes (mounted behind SSO). Still user input.

const express = require('express');
const Knex = require('knex');

const knex = Knex({ client: 'mysql2', connection: process.env.ADMIN_DB_URL });
const admin = express.Router();
admin.use(express.json());

const EDITABLE_TABLES = new Set(['customers', 'orders', 'coupons']);

function requireRole(role) {
  return (req, res, next) => (req.user && req.user.roles.includes(role) ? next() : res.sendStatus(403));
}

admin.get('/tables/:table/rows', requireRole('support'), async (req, res, next) => {
  const { table } = req.params;
  const { where, order = 'id', limit = 50 } = req.query;
  try {
    // ok: CWE-89 -- knex quotes the table identifier; limit converted with Number()
    let q = knex(table).select('*').limit(Number(limit) || 50);
    if (where) {
      // expect: CWE-89 -- arbitrary WHERE text from the query string
      q = q.whereRaw(where);
    }
    // expect: CWE-89 -- ORDER BY expression from the query string
    res.json(await q.orderByRaw(order));
  } catch (err) {
    next(err);
  }
});

admin.post('/tables/:table/bulk-update', requireRole('support'), async (req, res, next) => {
  if (!EDITABLE_TABLES.has(req.params.table)) return res.sendStatus(404);
  const { set, ids } = req.body;
  try {
    // ok: CWE-89 -- table allow-listed; update() with an object and whereIn() bind values
    const count = await knex(req.params.table).whereIn('id', ids).update(set);
    return res.json({ updated: count });
  } catch (err) {
    return next(err);
  }
});

admin.get('/reports/custom', requireRole('analyst'), async (req, res, next) => {
  try {
    // expect: CWE-89 -- expression from the query string in knex.raw and groupByRaw
    const rows = await knex('orders').select(knex.raw(req.query.expr + ' AS k')).count('* as n').groupByRaw(req.query.expr);
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

admin.get('/customers/:id/history', requireRole('support'), async (req, res, next) => {
  try {
    // expect: CWE-89 -- fromRaw with a template literal
    const rows = await knex.select('*').fromRaw(`(SELECT * FROM order_history WHERE customer_id = ${req.params.id}) AS h`).orderBy('h.created_at', 'desc');
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

admin.get('/coupons/lookup', requireRole('support'), async (req, res, next) => {
  try {
    // ok: CWE-89 -- raw with named bindings
    const [rows] = await knex.raw('SELECT * FROM coupons WHERE code = :code AND active = :active', { code: req.query.code, active: true });
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

admin.post('/maintenance/sql', requireRole('superadmin'), async (req, res, next) => {
  try {
    // expect: CWE-89 -- "SQL console" feature: the request body is the statement
    const [rows] = await knex.raw(req.body.statement);
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

admin.post('/schema/columns', requireRole('superadmin'), async (req, res, next) => {
  const { table, column, type } = req.body;
  try {
    // expect: CWE-89 -- knex.schema.raw with DDL assembled from the body
    await knex.schema.raw(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
    res.sendStatus(204);
  } catch (err) {
    next(err);
  }
});

admin.post('/schema/columns/v2', requireRole('superadmin'), async (req, res, next) => {
  const { table, column } = req.body;
  if (!EDITABLE_TABLES.has(table) || !/^[a-z_]{1,40}$/.test(column)) return res.sendStatus(400);
  try {
    // ok: CWE-89 -- schema builder quotes identifiers; table allow-listed
    await knex.schema.alterTable(table, (t) => {
      t.string(column, 255).nullable();
    });
    return res.sendStatus(204);
  } catch (err) {
    return next(err);
  }
});

module.exports = admin;
