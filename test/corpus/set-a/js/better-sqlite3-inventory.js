'use strict';

const Database = require('better-sqlite3');
const express = require('express');

const db = new Database(process.env.INVENTORY_DB || 'inventory.db');
// ok: CWE-89 -- constant pragma
db.pragma('journal_mode = WAL');

// ok: CWE-89 -- constant DDL
db.exec(`CREATE TABLE IF NOT EXISTS items (
  sku TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  qty INTEGER NOT NULL DEFAULT 0,
  location TEXT NOT NULL
)`);

// ok: CWE-89 -- prepared once with a placeholder
const getItemStmt = db.prepare('SELECT * FROM items WHERE sku = ?');
// ok: CWE-89 -- named parameters
const insertItemStmt = db.prepare('INSERT INTO items (sku, name, qty, location) VALUES (@sku, @name, @qty, @location)');

function getItem(sku) {
  // ok: CWE-89 -- executes the prepared statement with a bound value
  return getItemStmt.get(sku);
}

function addItems(items) {
  const insertMany = db.transaction((rows) => {
    for (const row of rows) {
      // ok: CWE-89 -- executes the prepared statement with bound named values
      insertItemStmt.run(row);
    }
  });
  insertMany(items);
}

function itemsAtLocation(location) {
  // expect: CWE-89 -- parameter concatenated into prepare()
  return db.prepare("SELECT * FROM items WHERE location = '" + location + "'").all();
}

function adjustQuantity(sku, delta) {
  // ok: CWE-89 -- delta and sku bound
  return db.prepare('UPDATE items SET qty = qty + ? WHERE sku = ?').run(delta, sku);
}

function lowStock(threshold) {
  // expect: CWE-89 -- template literal with an unconverted function argument
  return db.prepare(`SELECT sku, qty FROM items WHERE qty < ${threshold}`).all();
}

function lowStockChecked(threshold) {
  const n = Number(threshold);
  if (!Number.isFinite(n)) throw new RangeError('threshold must be a number');
  // ok: CWE-89 -- value converted with Number() and checked
  return db.prepare(`SELECT sku, qty FROM items WHERE qty < ${n}`).all();
}

function* itemsNamedLike(prefix) {
  // expect: CWE-89 -- parameter in the statement text, consumed through iterate()
  for (const row of db.prepare(`SELECT sku, name FROM items WHERE name LIKE '${prefix}%'`).iterate()) {
    yield row;
  }
}

function renameLocation(from, to) {
  // expect: CWE-89 -- both parameters concatenated into exec()
  db.exec("UPDATE items SET location = '" + to + "' WHERE location = '" + from + "'");
}

const router = express.Router();

router.get('/items/:sku', (req, res) => {
  const item = getItem(req.params.sku);
  return item ? res.json(item) : res.sendStatus(404);
});

router.post('/items', express.json(), (req, res) => {
  addItems(Array.isArray(req.body) ? req.body : [req.body]);
  res.sendStatus(201);
});

router.post('/items/:sku/adjust', express.json(), (req, res) => {
  const info = adjustQuantity(req.params.sku, req.body.delta);
  res.json({ changed: info.changes });
});

router.get('/locations/:loc/items', (req, res) => res.json(itemsAtLocation(req.params.loc)));

router.get('/reports/low-stock', (req, res) => res.json(lowStock(req.query.threshold || 5)));

router.get('/reports/low-stock/v2', (req, res) => {
  try {
    res.json(lowStockChecked(req.query.threshold || 5));
  } catch (err) {
    res.status(400).json({ error: err.message });
  }
});

router.get('/items', (req, res) => {
  const columns = { sku: 'sku', name: 'name', qty: 'qty' };
  const orderBy = Object.hasOwn(columns, String(req.query.order)) ? columns[req.query.order] : 'sku';
  // ok: CWE-89 -- ORDER BY column from an own-property allow-list
  const rows = db.prepare(`SELECT * FROM items ORDER BY ${orderBy}`).all();
  res.json(rows);
});

router.get('/items-count', (req, res) => {
  // expect: CWE-89 -- warehouse header concatenated into the statement
  const count = db.prepare('SELECT COUNT(*) FROM items WHERE location = "' + req.get('x-warehouse') + '"').pluck().get();
  res.json({ count });
});

router.get('/items-named/:prefix', (req, res) => res.json([...itemsNamedLike(req.params.prefix)]));

router.post('/locations/rename', express.json(), (req, res) => {
  renameLocation(req.body.from, req.body.to);
  res.sendStatus(204);
});

router.post('/admin/archive', express.json(), (req, res) => {
  const table = `items_archive_${req.body.year}`;
  // expect: CWE-89 -- table name built from the request body in exec()
  db.exec(`CREATE TABLE IF NOT EXISTS ${table} AS SELECT * FROM items WHERE 0`);
  res.sendStatus(204);
});

module.exports = { router, itemsNamedLike, renameLocation, getItem, addItems, itemsAtLocation, adjustQuantity, lowStock, lowStockChecked };
