import Koa from 'koa';
import Router from '@koa/router';
import bodyParser from 'koa-bodyparser';
import sqlite3 from 'sqlite3';
import { Database, open } from 'sqlite';

let db: Database;

async function initDb(): Promise<void> {
  db = await open({ filename: process.env.FEEDBACK_DB ?? 'feedback.db', driver: sqlite3.Database });
  // ok: CWE-89 -- constant DDL
  await db.exec('CREATE TABLE IF NOT EXISTS feedback (id INTEGER PRIMARY KEY, product TEXT, rating INTEGER, comment TEXT, email TEXT)');
}

const router = new Router({ prefix: '/feedback' });

router.get('/product/:product', async (ctx) => {
  // expect: CWE-89 -- ctx.params value in a template literal
  ctx.body = await db.all(`SELECT rating, comment FROM feedback WHERE product = '${ctx.params.product}'`);
});

router.get('/product/:product/average', async (ctx) => {
  // ok: CWE-89 -- ? placeholder
  ctx.body = await db.get('SELECT AVG(rating) AS average FROM feedback WHERE product = ?', ctx.params.product);
});

router.post('/', async (ctx) => {
  const { product, rating, comment, email } = ctx.request.body as Record<string, string>;
  // expect: CWE-89 -- body fields concatenated into INSERT
  const result = await db.run("INSERT INTO feedback (product, rating, comment, email) VALUES ('" + product + "', " + rating + ", '" + comment + "', '" + email + "')");
  ctx.status = 201;
  ctx.body = { id: result.lastID };
});

router.post('/v2', async (ctx) => {
  const { product, rating, comment, email } = ctx.request.body as Record<string, string>;
  // ok: CWE-89 -- placeholders
  const result = await db.run('INSERT INTO feedback (product, rating, comment, email) VALUES (?, ?, ?, ?)', product, Number(rating), comment, email);
  ctx.status = 201;
  ctx.body = { id: result.lastID };
});

router.get('/by-email', async (ctx) => {
  const email = String(ctx.query.email ?? '');
  // expect: CWE-89 -- query-string value concatenated
  ctx.body = await db.all('SELECT * FROM feedback WHERE email = "' + email + '"');
});

router.get('/worst/:n', async (ctx) => {
  const n = Number.parseInt(ctx.params.n, 10);
  ctx.assert(Number.isInteger(n) && n > 0, 400, 'n must be a positive integer');
  // ok: CWE-89 -- parsed and checked integer
  ctx.body = await db.all(`SELECT * FROM feedback ORDER BY rating ASC LIMIT ${n}`);
});

router.delete('/spam', async (ctx) => {
  const pattern = String(ctx.query.pattern ?? '');
  // expect: CWE-89 -- exec() with a LIKE pattern from the query string
  await db.exec(`DELETE FROM feedback WHERE comment LIKE '%${pattern}%'`);
  ctx.status = 204;
});

router.get('/export', async (ctx) => {
  const columns = String(ctx.query.columns ?? 'product,rating');
  // expect: CWE-89 -- column list from the query string
  ctx.body = await db.all(`SELECT ${columns} FROM feedback`);
});

export async function start(port = 3000): Promise<void> {
  await initDb();
  const app = new Koa();
  app.use(bodyParser());
  app.use(router.routes()).use(router.allowedMethods());
  app.listen(port);
}
