'use strict';

const Koa = require('koa');
const Router = require('@koa/router');
const { koaBody } = require('koa-body');
const { Pool } = require('pg');

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const router = new Router();

const MODERATION_STATES = ['pending', 'approved', 'rejected'];

router.get('/posts/:postId/comments', async (ctx) => {
  const { postId } = ctx.params;
  const since = ctx.query.since;
  let text = 'SELECT id, author, body, created_at FROM comments WHERE post_id = ' + postId;
  if (since) text += ` AND created_at > '${since}'`;
  text += ' ORDER BY created_at';
  // expect: CWE-89 -- ctx.params / ctx.query concatenated across statements
  const { rows } = await pool.query(text);
  ctx.body = rows;
});

router.post('/posts/:postId/comments', koaBody(), async (ctx) => {
  const { author, body } = ctx.request.body;
  ctx.assert(author && body, 400, 'author and body are required');
  // expect: CWE-89 -- ctx.request.body values interpolated into INSERT
  const { rows } = await pool.query(`INSERT INTO comments (post_id, author, body) VALUES (${ctx.params.postId}, '${author}', '${body}') RETURNING id`);
  ctx.status = 201;
  ctx.body = rows[0];
});

router.post('/v2/posts/:postId/comments', koaBody(), async (ctx) => {
  const { author, body } = ctx.request.body;
  ctx.assert(author && body, 400, 'author and body are required');
  // ok: CWE-89 -- placeholders
  const { rows } = await pool.query('INSERT INTO comments (post_id, author, body) VALUES ($1, $2, $3) RETURNING id', [ctx.params.postId, author, body]);
  ctx.status = 201;
  ctx.body = rows[0];
});

router.get('/me/comments', async (ctx) => {
  const userName = ctx.cookies.get('username');
  ctx.assert(userName, 401);
  // expect: CWE-89 -- cookie read through ctx.cookies.get
  const { rows } = await pool.query("SELECT * FROM comments WHERE author = '" + userName + "' ORDER BY created_at DESC");
  ctx.body = rows;
});

router.get('/comments/recent', async (ctx) => {
  const lang = (ctx.get('Accept-Language') || 'en').split(',')[0];
  // expect: CWE-89 -- Accept-Language header fragment interpolated
  const { rows } = await pool.query(`SELECT * FROM comments WHERE lang = '${lang}' ORDER BY created_at DESC LIMIT 20`);
  ctx.body = rows;
});

router.delete('/comments', async (ctx) => {
  const ids = String(ctx.query.ids || '');
  ctx.assert(ids, 400, 'ids required');
  // expect: CWE-89 -- comma-separated ids from the query string pasted into IN (author is bound)
  const result = await pool.query('DELETE FROM comments WHERE id IN (' + ids + ') AND author = $1', [ctx.state.user.name]);
  ctx.body = { deleted: result.rowCount };
});

router.get('/comments/search', async (ctx) => {
  const { q = '', field = 'body' } = ctx.query;
  // expect: CWE-89 -- column name from ctx.query (the value is bound, the identifier is not)
  const { rows } = await pool.query(`SELECT * FROM comments WHERE ${field} ILIKE $1 LIMIT 50`, [`%${q}%`]);
  ctx.body = rows;
});

router.get('/comments/moderation', async (ctx) => {
  const status = MODERATION_STATES.find((s) => s === ctx.query.status) || 'pending';
  // ok: CWE-89 -- status is one of the constant strings returned by find()
  const { rows } = await pool.query(`SELECT * FROM comments WHERE status = '${status}' ORDER BY created_at`);
  ctx.body = rows;
});

const app = new Koa();
app.use(router.routes()).use(router.allowedMethods());

module.exports = app;
