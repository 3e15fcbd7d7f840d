const Koa = require('koa');
const Router = require('@koa/router');
const bodyParser = require('koa-bodyparser');
const knex = require('knex')({ client: 'pg', connection: process.env.DATABASE_URL, pool: { min: 0, max: 10 } });

const router = new Router({ prefix: '/articles' });

router.get('/', async (ctx) => {
  const { author, sort = 'published_at', dir = 'desc' } = ctx.query;
  // ok: CWE-89 -- builder with constant columns and a key/value where
  let query = knex('articles').select('id', 'title', 'published_at').where('status', 'published');
  if (author) {
    // ok: CWE-89 -- value bound by the builder
    query = query.andWhere('author_id', author);
  }
  // expect: CWE-89 -- sort and dir from ctx.query concatenated into orderByRaw
  ctx.body = await query.orderByRaw(sort + ' ' + dir).limit(50);
});

router.get('/search', async (ctx) => {
  const term = ctx.query.q || '';
  // expect: CWE-89 -- whereRaw with an interpolated query parameter
  ctx.body = await knex('articles').whereRaw(`to_tsvector(body) @@ plainto_tsquery('${term}')`).limit(20);
});

router.get('/search/v2', async (ctx) => {
  // ok: CWE-89 -- whereRaw with a ? binding
  ctx.body = await knex('articles').whereRaw('to_tsvector(body) @@ plainto_tsquery(?)', [ctx.query.q || '']).limit(20);
});

router.get('/by-tag/:tag', async (ctx) => {
  // expect: CWE-89 -- joinRaw with a path param
  ctx.body = await knex('articles as a').select('a.*').joinRaw(`JOIN article_tags t ON t.article_id = a.id AND t.tag = '${ctx.params.tag}'`);
});

router.get('/popular-authors', async (ctx) => {
  const min = ctx.query.min || 5;
  // expect: CWE-89 -- havingRaw with an unvalidated query value
  ctx.body = await knex('articles').select('author_id').count('* as n').groupBy('author_id').havingRaw('count(*) >= ' + min);
});

router.get('/popular-authors/v2', async (ctx) => {
  // ok: CWE-89 -- havingRaw with a binding
  ctx.body = await knex('articles').select('author_id').count('* as n').groupBy('author_id').havingRaw('count(*) >= ?', [Number(ctx.query.min) || 5]);
});

router.get('/columns/:col', async (ctx) => {
  // ok: CWE-89 -- ?? identifier binding quotes the column name
  const result = await knex.raw('SELECT DISTINCT ?? FROM articles LIMIT 100', [ctx.params.col]);
  ctx.body = result.rows;
});

router.get('/stats', async (ctx) => {
  const field = ctx.query.field || 'month';
  // expect: CWE-89 -- knex.raw fragment built from the query string inside select()
  ctx.body = await knex('articles').select(knex.raw(`date_trunc('${field}', published_at) AS bucket`)).count('* as n').groupBy('bucket');
});

router.get('/archive/:year', async (ctx) => {
  // expect: CWE-89 -- year from the path in a whereRaw template literal
  ctx.body = await knex('articles').select('id', 'title').whereRaw(`extract(year from published_at) = ${ctx.params.year}`);
});

router.post('/', async (ctx) => {
  const { title, body } = ctx.request.body;
  if (!title || !body) ctx.throw(400, 'title and body are required');
  // ok: CWE-89 -- insert with an object
  const [row] = await knex('articles').insert({ title, body, author_id: ctx.state.user.id }).returning('id');
  ctx.status = 201;
  ctx.body = row;
});

router.patch('/:id/views', async (ctx) => {
  // ok: CWE-89 -- knex.raw with a ? binding
  await knex.raw('UPDATE articles SET views = views + 1 WHERE id = ?', [ctx.params.id]);
  ctx.status = 204;
});

router.post('/:id/retitle', async (ctx) => {
  // expect: CWE-89 -- knex.raw with request body concatenated
  await knex.raw("UPDATE articles SET title = '" + ctx.request.body.title + "' WHERE id = " + ctx.params.id);
  ctx.status = 204;
});

router.delete('/:id', async (ctx) => {
  // ok: CWE-89 -- builder delete with key/value where
  const deleted = await knex('articles').where({ id: ctx.params.id, author_id: ctx.state.user.id }).del();
  ctx.status = deleted ? 204 : 404;
});

const app = new Koa();
app.use(bodyParser());
app.use(router.routes()).use(router.allowedMethods());

module.exports = app;
