#!/usr/bin/env node
'use strict';

// Nightly maintenance job: copies old event partitions into the archive schema.

const { Client } = require('pg');
const format = require('pg-format');

const ARCHIVE_SCHEMA = 'archive';
const RETENTION_DAYS = 90;

async function main() {
  const client = new Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    // ok: CWE-89 -- module-level constant only
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${ARCHIVE_SCHEMA}`);
    // ok: CWE-89 -- constant text
    const { rows: tables } = await client.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 'events_%'");

    for (const { tablename } of tables) {
      // ok: CWE-89 -- catalog-derived identifier passed through pg-format %I
      await client.query(format('CREATE TABLE IF NOT EXISTS %I.%I (LIKE public.%I INCLUDING ALL)', ARCHIVE_SCHEMA, tablename, tablename));
      // expect: CWE-89 -- table name from a catalog query interpolated without escaping (non-constant SQL text)
      await client.query(`INSERT INTO ${ARCHIVE_SCHEMA}.${tablename} SELECT * FROM public.${tablename} WHERE created_at < now() - interval '${RETENTION_DAYS} days'`);
    }

    const target = process.env.VACUUM_TABLE;
    if (target) {
      // expect: CWE-89 -- environment variable used as SQL text
      await client.query('VACUUM ANALYZE ' + target);
    }

    const label = process.argv[2] || 'manual';
    // ok: CWE-89 -- pg-format %L literal escaping
    await client.query(format('INSERT INTO maintenance_runs (label, finished_at) VALUES (%L, now())', label));
    // expect: CWE-89 -- pg-format %s inserts the command-line value without escaping
    await client.query(format("NOTIFY maintenance, '%s'", label));
  } finally {
    await client.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
