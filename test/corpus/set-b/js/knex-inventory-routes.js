const express = require('express');
const knex = require('knex')({
  client: 'pg',
  connection: process.env.PG_URL,
  pool: { min: 0, max: 7 },
});

const router = express.Router();
const asyncH = (fn) => (req, res, next) => Promise.resolve(fn(req, res, next)).catch(next);

const SORT_FIELDS = new Set(['sku', 'name', 'qty', 'updated_at']);

router.get('/items', asyncH(async (req, res) => {
  const { warehouse, sort = 'sku', dir } = req.query;
  const q = knex('items').select('id', 'sku', 'name', 'qty');
  if (warehouse) {
    // ok: CWE-89 -- builder where with a value
    q.where('warehouse_id', warehouse);
  }
  if (SORT_FIELDS.has(sort)) {
    // ok: CWE-89 -- knex quotes the identifier; direction restricted
    q.orderBy(sort, dir === 'desc' ? 'desc' : 'asc');
  }
  res.json(await q.limit(100));
}));

router.get('/items/low-stock', asyncH(async (req, res) => {
  const min = req.query.min || 5;
  const rows = await knex('items')
    // ok: CWE-89
    .whereRaw('qty < ?', [min])
    // ok: CWE-89
    .orderByRaw('qty ASC, sku');
  res.json(rows);
}));

router.get('/items/search', asyncH(async (req, res) => {
  const term = req.query.term;
  const rows = await knex('items')
    .select('id', 'name')
    // expect: CWE-89
    .whereRaw(`lower(name) LIKE lower('%${term}%')`)
    .limit(20);
  res.json(rows);
}));

router.get('/items/sorted', asyncH(async (req, res) => {
  const order = req.query.order || 'sku asc';
  // expect: CWE-89 -- raw ORDER BY from the query string
  const rows = await knex('items').select('*').orderByRaw(order).limit(50);
  res.json(rows);
}));

router.get('/items/:id/history', asyncH(async (req, res) => {
  // ok: CWE-89
  const result = await knex.raw('SELECT * FROM stock_moves WHERE item_id = ? ORDER BY moved_at DESC', [req.params.id]);
  res.json(result.rows);
}));

router.get('/items/:id/history/:column', asyncH(async (req, res) => {
  // ok: CWE-89 -- ?? binds an identifier
  const result = await knex.raw('SELECT ?? FROM stock_moves WHERE item_id = ?', [req.params.column, req.params.id]);
  res.json(result.rows);
}));

router.post('/items/:id/adjust', asyncH(async (req, res) => {
  const delta = req.body.delta;
  // expect: CWE-89 -- delta is request data, not converted
  await knex.raw('UPDATE items SET qty = qty + ' + delta + ' WHERE id = ?', [req.params.id]);
  res.sendStatus(204);
}));

router.get('/warehouses/summary', asyncH(async (req, res) => {
  const rows = await knex('items')
    // ok: CWE-89
    .select('warehouse_id', knex.raw('SUM(qty) AS total'), knex.raw('COUNT(*) AS skus'))
    .groupBy('warehouse_id')
    // ok: CWE-89
    .havingRaw('SUM(qty) > ?', [Number(req.query.over) || 0]);
  res.json(rows);
}));

router.get('/warehouses/:id/value', asyncH(async (req, res) => {
  const currency = req.query.currency || 'EUR';
  const rows = await knex('items as i')
    // expect: CWE-89 -- currency code pasted into the join condition
    .joinRaw(`JOIN prices p ON p.sku = i.sku AND p.currency = '${currency}'`)
    .where('i.warehouse_id', req.params.id)
    // ok: CWE-89
    .select(knex.raw('SUM(i.qty * p.amount) AS value'));
  res.json(rows[0]);
}));

router.get('/items/by-supplier', asyncH(async (req, res) => {
  const supplier = req.query.supplier;
  const rows = await knex
    .select('i.*')
    // expect: CWE-89
    .fromRaw('items i JOIN suppliers s ON s.id = i.supplier_id AND s.code = \'' + supplier + '\'');
  res.json(rows);
}));

router.get('/items/stale', asyncH(async (req, res) => {
  const status = req.query.status || 'active';
  // expect: CWE-89 -- knex.raw passed as a where condition
  const rows = await knex('items').where(knex.raw(`status = '${status}' AND updated_at < now() - interval '90 days'`)).select('id', 'sku');
  res.json(rows);
}));

router.get('/items/count-by/:column', asyncH(async (req, res) => {
  // expect: CWE-89 -- column from the route, pasted into a raw group by
  const result = await knex.raw(`SELECT ${req.params.column} AS k, count(*) FROM items GROUP BY 1`);
  res.json(result.rows);
}));

router.post('/admin/index', asyncH(async (req, res) => {
  // expect: CWE-89 -- schema.raw with a column from the body
  await knex.schema.raw(`CREATE INDEX IF NOT EXISTS items_custom_idx ON items (${req.body.column})`);
  res.sendStatus(201);
}));

router.post('/items/bulk-upsert', asyncH(async (req, res) => {
  const rows = req.body.items.map((it) => ({ sku: it.sku, name: it.name, qty: it.qty }));
  // ok: CWE-89 -- builder insert with onConflict
  await knex('items').insert(rows).onConflict('sku').merge();
  res.sendStatus(204);
}));

module.exports = router;
