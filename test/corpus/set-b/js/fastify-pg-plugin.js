'use strict'

const fp = require('fastify-plugin')
const { sprintf } = require('sprintf-js')

async function bookmarks (fastify, opts) {
  fastify.register(require('@fastify/postgres'), { connectionString: opts.pgUrl })

  const PAGE = 30

  fastify.get('/bookmarks', async function (request) {
    const { folder, before } = request.query
    const params = [request.user.id]
    let text = 'SELECT id, url, title FROM bookmarks WHERE owner_id = $1'
    if (folder) {
      params.push(folder)
      text += ' AND folder = $' + params.length
    }
    if (before) {
      params.push(before)
      text += ` AND created_at < $${params.length}`
    }
    text += ` ORDER BY created_at DESC LIMIT ${PAGE}`
    // ok: CWE-89 -- placeholders numbered from params.length, PAGE is a constant
    const { rows } = await fastify.pg.query(text, params)
    return rows
  })

  fastify.get('/bookmarks/domains', async function (request) {
    const domain = request.query.domain
    // expect: CWE-89
    const { rows } = await fastify.pg.query("SELECT url FROM bookmarks WHERE owner_id = $1 AND url LIKE 'https://" + domain + "/%'", [request.user.id])
    return rows
  })

  fastify.get('/bookmarks/folder/:name', async function (request) {
    // expect: CWE-89 -- sprintf does no escaping
    const { rows } = await fastify.pg.query(sprintf("SELECT id, url FROM bookmarks WHERE owner_id = %d AND folder = '%s'", request.user.id, request.params.name))
    return rows
  })

  fastify.get('/bookmarks/shared', async function (request) {
    const team = request.headers['x-team-id']
    // expect: CWE-89 -- request header concatenated
    const { rows } = await fastify.pg.query('SELECT id, url FROM bookmarks WHERE team_id = ' + team + ' AND shared = true')
    return rows
  })

  fastify.post('/bookmarks', async function (request, reply) {
    const { url, title, folder } = request.body
    // ok: CWE-89
    const { rows } = await fastify.pg.query('INSERT INTO bookmarks (owner_id, url, title, folder) VALUES ($1, $2, $3, $4) RETURNING id', [request.user.id, url, title, folder || null])
    reply.code(201)
    return rows[0]
  })

  fastify.post('/bookmarks/import', async function (request) {
    const items = request.body.items || []
    const values = []
    const tuples = items.map((it, i) => {
      values.push(request.user.id, it.url, it.title)
      return `($${i * 3 + 1}, $${i * 3 + 2}, $${i * 3 + 3})`
    })
    // ok: CWE-89 -- multi-row insert with generated placeholders
    await fastify.pg.query('INSERT INTO bookmarks (owner_id, url, title) VALUES ' + tuples.join(', '), values)
    return { imported: items.length }
  })

  fastify.post('/bookmarks/import-legacy', async function (request) {
    const items = request.body.items || []
    const tuples = items.map((it) => `(${request.user.id}, '${it.url}', '${it.title}')`)
    // expect: CWE-89 -- multi-row insert with the values pasted in
    await fastify.pg.query('INSERT INTO bookmarks (owner_id, url, title) VALUES ' + tuples.join(', '))
    return { imported: items.length }
  })

  fastify.delete('/bookmarks/:id', async function (request, reply) {
    return fastify.pg.transact(async (client) => {
      // ok: CWE-89
      await client.query('DELETE FROM bookmark_tags WHERE bookmark_id = $1', [request.params.id])
      // expect: CWE-89 -- route param concatenated
      await client.query('DELETE FROM bookmarks WHERE id = ' + request.params.id + ' AND owner_id = $1', [request.user.id])
      reply.code(204)
    })
  })

  fastify.get('/bookmarks/page/:n', async function (request) {
    const offset = (request.params.n - 1) * PAGE
    // ok: CWE-89 -- arithmetic on the param always yields a number in JS
    const { rows } = await fastify.pg.query(`SELECT id, url FROM bookmarks WHERE owner_id = $1 ORDER BY id OFFSET ${offset} LIMIT ${PAGE}`, [request.user.id])
    return rows
  })
}

module.exports = fp(bookmarks)
