'use strict';

const Joi = require('joi');
const { Model } = require('objection');
const { Client } = require('pg');

class Ticket extends Model {
  static get tableName() {
    return 'tickets';
  }
}

// thin wrapper so every query gets logged with its duration
function timed(client, text, values) {
  const started = Date.now();
  // ok: CWE-89 -- pass-through wrapper: text is whatever the caller gives, all callers below pass constants
  return client.query(text, values).finally(() => {
    console.log('[sql] %d ms %s', Date.now() - started, text.slice(0, 60));
  });
}

function buildFilter(params) {
  let clause = '';
  if (params.assignee) clause += ` AND assignee = '${params.assignee}'`;
  if (params.priority) clause += ' AND priority >= ' + params.priority;
  return clause;
}

exports.plugin = {
  name: 'tickets',
  version: '2.1.0',
  register: async (server, options) => {
    const client = new Client({ connectionString: options.dbUrl });
    await client.connect();

    server.route({
      method: 'GET',
      path: '/tickets/{id}',
      options: { validate: { params: Joi.object({ id: Joi.number().integer().required() }) } },
      handler: async (request) => {
        const r = await timed(client, 'SELECT * FROM tickets WHERE id = $1', [request.params.id]);
        return r.rows[0] || null;
      },
    });

    server.route({
      method: 'GET',
      path: '/tickets',
      handler: async (request) => {
        const extra = buildFilter(request.query);
        // expect: CWE-89 -- WHERE fragment built from query params in a helper
        const r = await client.query('SELECT id, title FROM tickets WHERE closed = false' + extra);
        return r.rows;
      },
    });

    server.route({
      method: 'GET',
      path: '/tickets/ordered',
      handler: async (request) => {
        const sort = request.query.sort || 'updated_at';
        const text = 'SELECT id, title FROM tickets ORDER BY ' + sort + (request.query.desc ? ' DESC' : '');
        // expect: CWE-89 -- sort column from the query string
        const r = await client.query(text);
        return r.rows;
      },
    });

    server.route({
      method: 'GET',
      path: '/tickets/mine',
      handler: async (request) => {
        const user = request.auth.credentials.username;
        // ok: CWE-89 -- Objection builder
        return Ticket.query().where('assignee', user).orderBy('updated_at', 'desc');
      },
    });

    server.route({
      method: 'GET',
      path: '/tickets/text',
      handler: async (request) => {
        // expect: CWE-89
        return Ticket.query().whereRaw(`title ILIKE '%${request.query.q}%' OR body ILIKE '%${request.query.q}%'`);
      },
    });

    server.route({
      method: 'GET',
      path: '/tickets/text-safe',
      handler: async (request) => {
        const pattern = `%${request.query.q}%`;
        // ok: CWE-89
        return Ticket.query().whereRaw('title ILIKE ? OR body ILIKE ?', [pattern, pattern]);
      },
    });

    server.route({
      method: 'POST',
      path: '/tickets/{id}/comment',
      handler: async (request, h) => {
        const { text } = request.payload;
        // ok: CWE-89 -- callback-free promise form with a config object
        await client.query({ name: 'add-comment', text: 'INSERT INTO comments (ticket_id, body, author) VALUES ($1, $2, $3)', values: [request.params.id, text, request.auth.credentials.username] });
        return h.response().code(201);
      },
    });

    server.route({
      method: 'PUT',
      path: '/tickets/{id}/escalate',
      handler: (request, h) => {
        const level = request.payload.level;
        return new Promise((resolve, reject) => {
          // expect: CWE-89 -- callback API, string concatenation
          client.query('UPDATE tickets SET escalation = ' + level + ' WHERE id = ' + request.params.id, (err) => {
            if (err) return reject(err);
            resolve(h.response().code(204));
          });
        });
      },
    });

    server.route({
      method: 'POST',
      path: '/tickets/bulk-close',
      handler: async (request) => {
        const ids = request.payload.ids;
        // expect: CWE-89 -- payload array joined into the IN list
        const r = await client.query(`UPDATE tickets SET closed = true WHERE id IN (${ids.join(',')}) RETURNING id`);
        return r.rows;
      },
    });

    server.ext('onPostStop', async () => {
      // ok: CWE-89
      await client.query('SELECT pg_advisory_unlock_all()');
      await client.end();
    });
  },
};
