import Fastify from 'fastify';
import fastifyPostgres from '@fastify/postgres';

const fastify = Fastify({ logger: true });
fastify.register(fastifyPostgres, { connectionString: process.env.DATABASE_URL });

const METRICS = new Map([
  ['revenue', 'SUM(total)'],
  ['orders', 'COUNT(*)'],
  ['aov', 'AVG(total)'],
]);
const GRANULARITY = ['day', 'week', 'month'];

fastify.get('/reports/:metric', async (request, reply) => {
  const expr = METRICS.get(request.params.metric);
  if (!expr) return reply.code(404).send({ error: 'unknown metric' });
  const unit = GRANULARITY.includes(request.query.by) ? request.query.by : 'day';
  // ok: CWE-89 -- expression and unit come from fixed allow-lists; dates are bound
  const { rows } = await fastify.pg.query(`SELECT date_trunc('${unit}', created_at) AS bucket, ${expr} AS value FROM orders WHERE created_at BETWEEN $1 AND $2 GROUP BY 1 ORDER BY 1`, [request.query.from, request.query.to]);
  return rows;
});

fastify.get('/reports/region/:region', async (request) => {
  // expect: CWE-89 -- path parameter interpolated
  const { rows } = await fastify.pg.query(`SELECT SUM(total) AS revenue FROM orders WHERE region = '${request.params.region}'`);
  return rows[0];
});

fastify.get('/reports/top-customers', async (request) => {
  const limit = request.query.limit || 10;
  // expect: CWE-89 -- limit used as received (no conversion, no schema)
  const { rows } = await fastify.pg.query('SELECT customer_id, SUM(total) AS spent FROM orders GROUP BY 1 ORDER BY 2 DESC LIMIT ' + limit);
  return rows;
});

fastify.get('/reports/top-products', async (request) => {
  const limit = Math.max(1, Math.min(100, parseInt(request.query.limit, 10) || 10));
  // ok: CWE-89 -- limit parsed and clamped to an integer
  const { rows } = await fastify.pg.query('SELECT product_id, COUNT(*) AS n FROM order_items GROUP BY 1 ORDER BY 2 DESC LIMIT ' + limit);
  return rows;
});

fastify.post('/reports/snapshots', async (request) => {
  return fastify.pg.transact(async (client) => {
    // ok: CWE-89 -- placeholders
    const { rows } = await client.query('INSERT INTO report_snapshots (name, created_by) VALUES ($1, $2) RETURNING id', [request.body.name, request.user.id]);
    // expect: CWE-89 -- filter expression copied from the body into SQL text
    await client.query(`INSERT INTO report_snapshot_rows SELECT ${rows[0].id}, o.* FROM orders o WHERE ${request.body.filter}`);
    return rows[0];
  });
});

fastify.get('/reports/saved/:id', async (request) => {
  // ok: CWE-89 -- placeholder
  const { rows } = await fastify.pg.query('SELECT sql_where FROM saved_reports WHERE id = $1', [request.params.id]);
  if (!rows.length) return { rows: [] };
  // expect: CWE-89 -- stored (second-order) fragment from the database used as SQL text
  const result = await fastify.pg.query('SELECT * FROM orders WHERE ' + rows[0].sql_where);
  return { rows: result.rows };
});

fastify.listen({ port: Number(process.env.PORT) || 3000 }).catch((err) => {
  fastify.log.error(err);
  process.exit(1);
});
