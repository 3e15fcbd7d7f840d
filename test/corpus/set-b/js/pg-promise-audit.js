// audit-service/db.js
const pgp = require('pg-promise')({ capSQL: true });
const db = pgp(process.env.AUDIT_DB_URL);
const SCHEMA = process.env.AUDIT_SCHEMA || 'public';

const cs = new pgp.helpers.ColumnSet(['actor', 'action', 'target', 'meta:json'], { table: 'audit_events' });

async function recordMany(events) {
  const insert = pgp.helpers.insert(events, cs);
  // ok: CWE-89 -- pg-promise helpers escape every value
  await db.none(insert);
}

async function byActor(actor) {
  // ok: CWE-89
  return db.any('SELECT * FROM audit_events WHERE actor = $1 ORDER BY at DESC LIMIT 100', [actor]);
}

async function byTarget(target, since) {
  // ok: CWE-89 -- named formatting in a plain string, pg-promise escapes the values
  return db.any('SELECT * FROM audit_events WHERE target = ${target} AND at >= ${since}', { target, since });
}

async function byAction(action) {
  // expect: CWE-89 -- a JS template literal, so the value is pasted before pg-promise sees it
  return db.any(`SELECT * FROM audit_events WHERE action = '${action}'`);
}

async function countIn(table, column, value) {
  // ok: CWE-89 -- :name filter escapes identifiers
  return db.one('SELECT COUNT(*) FROM $1:name WHERE $2:name = $3', [table, column, value], (r) => +r.count);
}

async function tableStats() {
  // expect: CWE-89 -- schema name from the environment
  return db.one('SELECT count(*) AS n, max(at) AS latest FROM ' + SCHEMA + '.audit_events');
}

async function latestFor(actor) {
  // ok: CWE-89
  return db.oneOrNone('SELECT * FROM audit_events WHERE actor = $<actor> ORDER BY at DESC LIMIT 1', { actor });
}

async function filtered(opts) {
  const conds = [];
  if (opts.actor) conds.push(pgp.as.format('actor = $1', [opts.actor]));
  if (opts.action) conds.push(pgp.as.format('action = $1', [opts.action]));
  const where = conds.length ? 'WHERE ' + conds.join(' AND ') : '';
  // ok: CWE-89 -- conditions formatted with pgp.as.format
  return db.any('SELECT * FROM audit_events ' + where + ' LIMIT 500');
}

async function filteredFast(opts) {
  let where = 'WHERE 1=1';
  if (opts.actor) where += " AND actor = '" + opts.actor + "'";
  if (opts.before) where += ` AND at < '${opts.before}'`;
  // expect: CWE-89
  return db.manyOrNone('SELECT * FROM audit_events ' + where);
}

async function timeline(actor, order) {
  return db.task('timeline', async (t) => {
    // ok: CWE-89
    const first = await t.oneOrNone('SELECT min(at) AS at FROM audit_events WHERE actor = $1', [actor]);
    // expect: CWE-89 -- ORDER BY text from the caller; the value part is formatted
    const rows = await t.any('SELECT * FROM audit_events WHERE actor = $1 ORDER BY ' + order, [actor]);
    return { since: first && first.at, rows };
  });
}

async function purgeOld(retentionDays) {
  // expect: CWE-89 -- :raw / ^ injects the value verbatim
  return db.result('DELETE FROM audit_events WHERE at < now() - interval \'$1^ days\'', [retentionDays]);
}

async function archive(month) {
  return db.tx(async (t) => {
    // ok: CWE-89
    await t.none('INSERT INTO audit_archive SELECT * FROM audit_events WHERE date_trunc(\'month\', at) = $1', [month]);
    // ok: CWE-89
    await t.none('DELETE FROM audit_events WHERE date_trunc(\'month\', at) = $1', [month]);
  });
}

module.exports = { tableStats, timeline, recordMany, byActor, byTarget, byAction, countIn, latestFor, filtered, filteredFast, purgeOld, archive };
