// A Fastify notes service on sqlite3, with injectable queries. See app.fixed.mjs.
import Fastify from 'fastify';
import sqlite3 from 'sqlite3';

const db = new sqlite3.Database('notes.db');
const fastify = Fastify({ logger: true });

fastify.get('/notes', (request, reply) => {
  db.all(`SELECT * FROM notes WHERE owner = '${request.query.owner}'`, (err, rows) => reply.send(rows));
});

fastify.delete('/notes/:id', (request, reply) => {
  db.run('DELETE FROM notes WHERE id = ' + request.params.id, () => reply.code(204).send());
});

fastify.listen({ port: Number(process.env.PORT ?? 3001) });
