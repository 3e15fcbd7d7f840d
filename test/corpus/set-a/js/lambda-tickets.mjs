import pg from 'pg';

const { Pool } = pg;
const pool = new Pool({ max: 2 });

const PRIORITIES = ['low', 'normal', 'high', 'urgent'];

function json(statusCode, body) {
  return {
    statusCode,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? '' : JSON.stringify(body),
  };
}

export const handler = async (event) => {
  const method = event.requestContext?.http?.method ?? event.httpMethod;
  const qs = event.queryStringParameters ?? {};
  const ticketId = event.pathParameters?.id;
  let body = {};
  try {
    body = event.body ? JSON.parse(event.body) : {};
  } catch {
    return json(400, { error: 'invalid JSON' });
  }

  if (method === 'GET' && ticketId) {
    // expect: CWE-89 -- API Gateway path parameter concatenated
    const { rows } = await pool.query('SELECT * FROM tickets WHERE id = ' + ticketId);
    return json(rows.length ? 200 : 404, rows[0] ?? null);
  }

  if (method === 'GET') {
    const clauses = [];
    if (qs.status) clauses.push(`status = '${qs.status}'`);
    if (qs.assignee) clauses.push(`assignee = '${qs.assignee}'`);
    const where = clauses.length ? ` WHERE ${clauses.join(' AND ')}` : '';
    // expect: CWE-89 -- WHERE clause assembled from queryStringParameters
    const { rows } = await pool.query('SELECT id, title, status FROM tickets' + where + ' ORDER BY id DESC LIMIT 100');
    return json(200, rows);
  }

  if (method === 'POST') {
    if (!body.title) return json(400, { error: 'title required' });
    const reporter = event.requestContext?.authorizer?.jwt?.claims?.sub ?? 'anonymous';
    // ok: CWE-89 -- placeholders
    const { rows } = await pool.query('INSERT INTO tickets (title, body, reporter) VALUES ($1, $2, $3) RETURNING id', [body.title, body.body ?? '', reporter]);
    return json(201, rows[0]);
  }

  if (method === 'PATCH' && ticketId) {
    const priority = PRIORITIES.includes(body.priority) ? body.priority : 'normal';
    // ok: CWE-89 -- priority chosen from a fixed list, id bound
    await pool.query(`UPDATE tickets SET priority = '${priority}' WHERE id = $1`, [ticketId]);
    if (body.comment) {
      // expect: CWE-89 -- comment text from the body interpolated (id is bound, comment is not)
      await pool.query(`INSERT INTO ticket_comments (ticket_id, body) VALUES ($1, '${body.comment}')`, [ticketId]);
    }
    return json(204);
  }

  return json(405, { error: 'method not allowed' });
};
