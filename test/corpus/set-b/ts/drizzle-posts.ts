import { drizzle } from 'drizzle-orm/node-postgres';
import { and, desc, eq, ilike, inArray, sql } from 'drizzle-orm';
import { pgTable, serial, text, timestamp, integer } from 'drizzle-orm/pg-core';
import { Pool } from 'pg';
import { Hono } from 'hono';

export const posts = pgTable('posts', {
  id: serial('id').primaryKey(),
  title: text('title').notNull(),
  body: text('body'),
  authorId: integer('author_id').notNull(),
  createdAt: timestamp('created_at').defaultNow(),
});

const pool = new Pool({ connectionString: process.env.DATABASE_URL });
const db = drizzle(pool);
const app = new Hono();

app.get('/posts', async (c) => {
  const q = c.req.query('q');
  const author = c.req.query('author');
  const filters = [];
  if (q) filters.push(ilike(posts.title, `%${q}%`));
  if (author) filters.push(eq(posts.authorId, Number(author)));
  // ok: CWE-89 -- query builder
  const rows = await db.select().from(posts).where(and(...filters)).orderBy(desc(posts.createdAt)).limit(50);
  return c.json(rows);
});

app.get('/posts/by-ids', async (c) => {
  const ids = (c.req.query('ids') ?? '').split(',').map(Number);
  // ok: CWE-89
  const rows = await db.select({ id: posts.id, title: posts.title }).from(posts).where(inArray(posts.id, ids));
  return c.json(rows);
});

app.get('/posts/fulltext', async (c) => {
  // ok: CWE-89 -- Hono's c.req.query() reads the URL query string, it is not a database call
  const term = c.req.query('term') ?? '';
  // ok: CWE-89 -- drizzle sql tag binds ${term}
  const result = await db.execute(sql`SELECT id, title FROM posts WHERE to_tsvector('english', body) @@ websearch_to_tsquery('english', ${term}) LIMIT 20`);
  return c.json(result.rows);
});

app.get('/posts/fulltext-raw', async (c) => {
  const term = c.req.query('term') ?? '';
  // expect: CWE-89 -- sql.raw inserts the text as SQL
  const result = await db.execute(sql.raw(`SELECT id, title FROM posts WHERE to_tsvector('english', body) @@ to_tsquery('${term}') LIMIT 20`));
  return c.json(result.rows);
});

app.get('/posts/sorted', async (c) => {
  const dir = c.req.query('dir') === 'asc' ? sql.raw('ASC') : sql.raw('DESC');
  // ok: CWE-89 -- sql.raw only of constants
  const rows = await db.execute(sql`SELECT id, title FROM posts ORDER BY created_at ${dir} LIMIT 50`);
  return c.json(rows.rows);
});

app.get('/posts/sorted-by', async (c) => {
  const col = c.req.query('col') ?? 'created_at';
  // expect: CWE-89 -- request value through sql.raw inside the tag
  const rows = await db.execute(sql`SELECT id, title FROM posts ORDER BY ${sql.raw(col)} LIMIT 50`);
  return c.json(rows.rows);
});

app.get('/posts/page', async (c) => {
  const limit = c.req.query('limit') ?? '20';
  // expect: CWE-89 -- sql.raw of an unconverted query-string value
  const rows = await db.execute(sql`SELECT id, title FROM posts ORDER BY id LIMIT ${sql.raw(limit)}`);
  return c.json(rows.rows);
});

app.get('/posts/page-safe', async (c) => {
  const limit = Math.min(Number.parseInt(c.req.query('limit') ?? '20', 10) || 20, 100);
  // ok: CWE-89 -- sql.raw of a parsed integer
  const rows = await db.execute(sql`SELECT id, title FROM posts ORDER BY id LIMIT ${sql.raw(String(limit))}`);
  return c.json(rows.rows);
});

app.get('/authors/:id/stats', async (c) => {
  const authorId = c.req.param('id');
  const rows = await db
    .select({
      total: sql<number>`count(*)`,
      // ok: CWE-89 -- bound value inside the sql tag
      recent: sql<number>`sum(case when ${posts.createdAt} > now() - interval '30 days' and ${posts.authorId} = ${authorId} then 1 else 0 end)`,
    })
    .from(posts);
  return c.json(rows[0]);
});

app.get('/posts/mine', async (c) => {
  const owner = c.req.header('x-user-id') ?? '0';
  // expect: CWE-89 -- header value through sql.raw
  const rows = await db.execute(sql.raw(`SELECT id, title FROM posts WHERE author_id = ${owner} ORDER BY id DESC`));
  return c.json(rows.rows);
});

app.delete('/posts/:id', async (c) => {
  // ok: CWE-89
  await db.delete(posts).where(eq(posts.id, Number(c.req.param('id'))));
  return c.body(null, 204);
});

app.post('/posts/:id/retitle', async (c) => {
  const { title } = await c.req.json<{ title: string }>();
  // expect: CWE-89 -- pg pool used directly with a template literal
  await pool.query(`UPDATE posts SET title = '${title}' WHERE id = ${c.req.param('id')}`);
  return c.body(null, 204);
});

export default app;
