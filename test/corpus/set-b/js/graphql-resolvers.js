const { Pool } = require('pg');
const { ApolloClient, InMemoryCache, gql } = require('@apollo/client/core');
const { Client: Elastic } = require('@elastic/elasticsearch');
const Redis = require('ioredis');
const { exec } = require('child_process');

const pool = new Pool();
const es = new Elastic({ node: process.env.ES_URL });
const redis = new Redis(process.env.REDIS_URL);
const upstream = new ApolloClient({ uri: process.env.CATALOG_GRAPHQL, cache: new InMemoryCache() });

const PRODUCT_QUERY = gql`
  query Product($id: ID!) {
    product(id: $id) { id name price }
  }
`;

const resolvers = {
  Query: {
    async user(_parent, { id }, ctx) {
      // ok: CWE-89
      const { rows } = await pool.query('SELECT id, name, email FROM users WHERE id = $1', [id]);
      return rows[0];
    },

    async usersByRole(_parent, args) {
      // expect: CWE-89 -- GraphQL argument in the SQL text
      const { rows } = await pool.query(`SELECT id, name FROM users WHERE role = '${args.role}'`);
      return rows;
    },

    async productFromCatalog(_parent, { id }) {
      // ok: CWE-89 -- Apollo client.query is a GraphQL request, not SQL
      const { data } = await upstream.query({ query: PRODUCT_QUERY, variables: { id } });
      return data.product;
    },

    async searchDocs(_parent, { text }) {
      // ok: CWE-89 -- Elasticsearch query DSL
      const res = await es.search({ index: 'docs', query: { match: { body: text } } });
      return res.hits.hits.map((h) => h._source);
    },

    async feed(_parent, { first, after }, ctx) {
      const limit = Math.min(Number(first) || 20, 100);
      const cursor = after ? Buffer.from(after, 'base64').toString('utf8') : null;
      if (cursor) {
        // expect: CWE-89 -- decoded cursor is still client-controlled
        const r = await pool.query(`SELECT * FROM posts WHERE created_at < '${cursor}' ORDER BY created_at DESC LIMIT ${limit}`);
        return r.rows;
      }
      // ok: CWE-89 -- limit went through Number()
      const r = await pool.query(`SELECT * FROM posts ORDER BY created_at DESC LIMIT ${limit}`);
      return r.rows;
    },

    async cachedCount(_parent, { table }) {
      const key = `count:${table}`;
      // ok: CWE-89 -- Redis pipeline exec, not SQL
      const [[, cached]] = await redis.multi().get(key).exec();
      if (cached) return Number(cached);
      // expect: CWE-89 -- table name is a GraphQL argument
      const { rows } = await pool.query('SELECT count(*)::int AS n FROM ' + table);
      await redis.set(key, rows[0].n, 'EX', 60);
      return rows[0].n;
    },
  },

  Mutation: {
    async renameUser(_parent, { id, name }, ctx) {
      if (!ctx.user) throw new Error('unauthenticated');
      // ok: CWE-89
      await pool.query('UPDATE users SET name = $2 WHERE id = $1', [id, name]);
      return { id, name };
    },

    async createPost(_parent, { input }, ctx) {
      const cols = ['author_id', 'title', 'body'];
      const vals = [ctx.user.id, input.title, input.body].map((v) => `'${v}'`);
      // expect: CWE-89 -- input fields quoted by hand
      const { rows } = await pool.query(`INSERT INTO posts (${cols.join(', ')}) VALUES (${vals.join(', ')}) RETURNING id`);
      return rows[0];
    },

    async exportUser(_parent, { id }) {
      // ok: CWE-89 -- RegExp.prototype.exec
      const m = /^(\d+)$/.exec(String(id));
      if (!m) throw new Error('bad id');
      // ok: CWE-89 -- child_process.exec is not a SQL sink (and the id is all digits)
      exec(`./scripts/export-user.sh ${m[1]}`, () => {});
      return true;
    },
  },

  User: {
    async posts(user, { orderBy }) {
      const order = orderBy === 'OLDEST' ? 'created_at ASC' : 'created_at DESC';
      // ok: CWE-89 -- enum mapped onto constant fragments
      const { rows } = await pool.query(`SELECT * FROM posts WHERE author_id = $1 ORDER BY ${order}`, [user.id]);
      return rows;
    },

    async followers(user, { since }) {
      let q = 'SELECT follower_id FROM follows WHERE followee_id = ' + user.id;
      if (since) q += " AND created_at > '" + since + "'";
      // expect: CWE-89
      const { rows } = await pool.query(q);
      return rows.map((r) => ({ id: r.follower_id }));
    },
  },
};

module.exports = { resolvers };
