import Koa from 'koa';
import Router from '@koa/router';
import bodyParser from 'koa-bodyparser';
import postgres from 'postgres';

const sql = postgres(process.env.DATABASE_URL, { max: 5, idle_timeout: 20 });

const app = new Koa();
const router = new Router({ prefix: '/api' });

router.get('/articles', async (ctx) => {
  const { tag, author } = ctx.query;
  // ok: CWE-89 -- postgres.js tagged template binds values
  ctx.body = await sql`
    SELECT id, title, published_at
    FROM articles
    WHERE (${tag ?? null}::text IS NULL OR ${tag ?? null} = ANY(tags))
      AND (${author ?? null}::text IS NULL OR author = ${author ?? null})
    ORDER BY published_at DESC
    LIMIT 50`;
});

router.get('/articles/search', async (ctx) => {
  const q = ctx.query.q || '';
  // expect: CWE-89 -- sql.unsafe with interpolated text
  ctx.body = await sql.unsafe(`SELECT id, title FROM articles WHERE to_tsvector(body) @@ plainto_tsquery('${q}')`);
});

router.get('/articles/search2', async (ctx) => {
  // ok: CWE-89 -- unsafe() but with $1 and a parameter array
  ctx.body = await sql.unsafe('SELECT id, title FROM articles WHERE to_tsvector(body) @@ plainto_tsquery($1)', [ctx.query.q || '']);
});

router.get('/articles/columns', async (ctx) => {
  const wanted = String(ctx.query.fields || 'id,title').split(',');
  const cols = wanted.filter((c) => ['id', 'title', 'author', 'published_at'].includes(c));
  // ok: CWE-89 -- sql(array) is escaped as identifiers, and filtered anyway
  ctx.body = await sql`SELECT ${sql(cols)} FROM articles LIMIT 20`;
});

router.post('/articles', bodyParser(), async (ctx) => {
  const { title, body, tags } = ctx.request.body;
  const row = { title, body, tags, author: ctx.state.user.name };
  // ok: CWE-89 -- insert helper
  const [created] = await sql`INSERT INTO articles ${sql(row, 'title', 'body', 'tags', 'author')} RETURNING id`;
  ctx.status = 201;
  ctx.body = created;
});

router.get('/stats/:period', async (ctx) => {
  const period = ctx.params.period;
  const interval = { day: '1 day', week: '7 days', month: '30 days' }[period];
  if (!interval) ctx.throw(400, 'unknown period');
  // ok: CWE-89 -- interval from a fixed map, passed as a value anyway
  ctx.body = await sql`SELECT COUNT(*) FROM articles WHERE published_at > now() - ${interval}::interval`;
});

router.get('/stats/raw/:period', async (ctx) => {
  // expect: CWE-89 -- route param pasted into the text given to unsafe()
  const rows = await sql.unsafe('SELECT COUNT(*) FROM articles WHERE published_at > now() - interval \'' + ctx.params.period + '\'');
  ctx.body = rows[0];
});

router.get('/articles/ranked', async (ctx) => {
  const order = ctx.query.order || 'published_at DESC';
  // expect: CWE-89 -- sql.unsafe() as a fragment splices raw text into the tagged query
  ctx.body = await sql`SELECT id, title FROM articles ORDER BY ${sql.unsafe(order)} LIMIT 20`;
});

router.get('/authors/:name/articles', async (ctx) => {
  const filter = `author = '${ctx.params.name}'`;
  // expect: CWE-89
  ctx.body = await sql.unsafe('SELECT id, title FROM articles WHERE ' + filter);
});

router.get('/articles/regional', async (ctx) => {
  const region = ctx.cookies.get('region') || 'eu';
  // expect: CWE-89 -- cookie value
  ctx.body = await sql.unsafe(`SELECT id, title FROM articles WHERE region = '${region}' ORDER BY published_at DESC LIMIT 20`);
});

router.get('/admin/slow', async (ctx) => {
  const timeout = ctx.query.timeout ?? '5s';
  // expect: CWE-89 -- SET does not take bind parameters, so people paste the value
  await sql.unsafe(`SET statement_timeout = '${timeout}'`);
  // ok: CWE-89
  ctx.body = await sql`SELECT pid, query FROM pg_stat_activity WHERE state = 'active'`;
});

router.delete('/articles/:id', async (ctx) => {
  await sql.begin(async (tx) => {
    // ok: CWE-89
    await tx`DELETE FROM article_tags WHERE article_id = ${ctx.params.id}`;
    // ok: CWE-89
    await tx`DELETE FROM articles WHERE id = ${ctx.params.id}`;
  });
  ctx.status = 204;
});

app.use(router.routes()).use(router.allowedMethods());
app.listen(4000);
