#!/usr/bin/env node
/* eslint-disable no-console */
// usage: node report.cjs <db-file> <table> [--since YYYY-MM-DD] [--user NAME] [--vacuum]
const sqlite3 = require('sqlite3').verbose();
const path = require('path');

const argv = process.argv.slice(2);
const dbFile = path.resolve(argv[0] || 'app.db');
const table = argv[1] || 'events';

function flag(name) {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
}

const db = new sqlite3.Database(dbFile, sqlite3.OPEN_READWRITE, (err) => {
  if (err) {
    console.error('cannot open', dbFile, err.message);
    process.exit(1);
  }
});

function countRows(cb) {
  // expect: CWE-89 -- table name from the command line
  db.get('SELECT COUNT(*) AS n FROM ' + table, (err, row) => cb(err, row && row.n));
}

function since(day, cb) {
  // ok: CWE-89
  db.all('SELECT kind, COUNT(*) AS n FROM events WHERE created_at >= ? GROUP BY kind', [day], cb);
}

function forUser(name, cb) {
  const sql = `SELECT * FROM events WHERE username = '${name}' ORDER BY created_at`;
  // expect: CWE-89
  db.each(sql, (err, row) => {
    if (!err) console.log(JSON.stringify(row));
  }, cb);
}

function ensureSchema(cb) {
  // ok: CWE-89 -- constant schema
  db.exec(`
    CREATE TABLE IF NOT EXISTS report_runs (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      ran_at TEXT NOT NULL DEFAULT (datetime('now')),
      args TEXT
    );
  `, cb);
}

function recordRun(cb) {
  // ok: CWE-89 -- argv goes in as a bound value
  db.run('INSERT INTO report_runs (args) VALUES ($args)', { $args: argv.join(' ') }, cb);
}

db.serialize(() => {
  ensureSchema((err) => {
    if (err) throw err;
    recordRun(() => {});
  });

  countRows((err, n) => console.log(`${table}: ${n} rows`));

  const day = flag('--since');
  if (day) since(day, (err, rows) => console.table(rows));

  const user = flag('--user');
  if (user) forUser(user, () => {});

  if (argv.includes('--vacuum')) {
    // ok: CWE-89
    db.run('VACUUM');
  }

  const keep = flag('--keep-days');
  if (keep) {
    const days = parseInt(keep, 10);
    // ok: CWE-89 -- parsed integer
    db.run(`DELETE FROM events WHERE created_at < datetime('now', '-${days} days')`);
  }

  const kinds = flag('--kinds');
  if (kinds) {
    const list = kinds.split(',').map((k) => `'${k.trim()}'`).join(', ');
    // expect: CWE-89 -- comma list from argv, quoted by hand
    db.all(`SELECT kind, COUNT(*) AS n FROM events WHERE kind IN (${list}) GROUP BY kind`, (err, rows) => console.table(rows));
  }

  const purgeKind = flag('--purge-kind');
  if (purgeKind) {
    // expect: CWE-89
    db.run("DELETE FROM events WHERE kind = \"" + purgeKind + "\"", function (err) {
      if (!err) console.log('purged', this.changes);
    });
  }
});

db.close();
