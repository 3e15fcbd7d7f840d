'use strict';

// Catalog gateway: most data comes from a GraphQL service, a Redis cache and an
// in-memory full-text index; only reviews live in Postgres.

const express = require('express');
const lunr = require('lunr');
const Redis = require('ioredis');
const { ApolloClient, InMemoryCache, gql } = require('@apollo/client/core');
const { Pool } = require('pg');

const apollo = new ApolloClient({ uri: process.env.CATALOG_GRAPHQL_URL, cache: new InMemoryCache() });
const redis = new Redis(process.env.REDIS_URL);
const pool = new Pool();

const PRODUCT_QUERY = gql`
  query Product($id: ID!) {
    product(id: $id) { id name price }
  }
`;

const helpDocs = [
  { id: 'returns', title: 'Returns and refunds', body: 'How to return an item' },
  { id: 'shipping', title: 'Shipping times', body: 'Delivery estimates by region' },
];

const helpIndex = lunr(function buildIndex() {
  this.ref('id');
  this.field('title');
  this.field('body');
  helpDocs.forEach((doc) => this.add(doc));
});

class CommandBus {
  constructor() {
    this.handlers = new Map();
  }

  register(type, handler) {
    this.handlers.set(type, handler);
  }

  async execute(command) {
    const handler = this.handlers.get(command.type);
    if (!handler) throw new Error(`no handler for ${command.type}`);
    return handler(command);
  }
}

const bus = new CommandBus();
bus.register('CancelOrder', async (cmd) => ({ cancelled: cmd.orderId }));

async function getProduct(id) {
  // ok: CWE-89 -- Redis GET, not SQL
  const cached = await redis.get(`product:${id}`);
  if (cached) return JSON.parse(cached);
  // ok: CWE-89 -- GraphQL client query with variables, not SQL
  const { data } = await apollo.query({ query: PRODUCT_QUERY, variables: { id } });
  await redis.set(`product:${id}`, JSON.stringify(data.product), 'EX', 300);
  return data.product;
}

function searchHelp(term) {
  // ok: CWE-89 -- lunr index query builder, not SQL
  return helpIndex.query((q) => {
    q.term(lunr.tokenizer(term), { boost: 10 });
  });
}

const app = express();
app.use(express.json());

app.get('/products/:id', async (req, res, next) => {
  try {
    res.json(await getProduct(req.params.id));
  } catch (err) {
    next(err);
  }
});

app.get('/products/:id/reviews', async (req, res, next) => {
  try {
    // expect: CWE-89 -- product id from the route concatenated into SQL
    const { rows } = await pool.query('SELECT author, rating, body FROM reviews WHERE product_id = ' + req.params.id + ' ORDER BY created_at DESC');
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

app.get('/products/:id/rating', async (req, res, next) => {
  try {
    // ok: CWE-89 -- placeholder
    const { rows } = await pool.query('SELECT rating, COUNT(*) AS n FROM reviews WHERE product_id = $1 GROUP BY rating', [req.params.id]);
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

app.get('/products/:id/questions', async (req, res, next) => {
  const sort = req.query.sort || 'votes';
  try {
    // expect: CWE-89 -- sort column from the query string appended to ORDER BY (id is bound)
    const { rows } = await pool.query('SELECT id, question, votes FROM product_questions WHERE product_id = $1 ORDER BY ' + sort + ' DESC', [req.params.id]);
    res.json(rows);
  } catch (err) {
    next(err);
  }
});

app.post('/products/:id/reviews', async (req, res, next) => {
  const product = await getProduct(req.params.id).catch(() => null);
  if (!product) return res.sendStatus(404);
  try {
    // expect: CWE-89 -- review body interpolated; the GraphQL lookup above does not sanitise anything
    await pool.query(`INSERT INTO reviews (product_id, author, rating, body) VALUES ($1, $2, $3, '${req.body.body}')`, [req.params.id, req.user.name, req.body.rating]);
    return res.sendStatus(201);
  } catch (err) {
    return next(err);
  }
});

app.get('/help', (req, res) => {
  const url = new URL(req.originalUrl, 'http://localhost');
  // ok: CWE-89 -- URLSearchParams.get, not a database call
  const term = url.searchParams.get('q') || '';
  res.json(searchHelp(term).map((hit) => hit.ref));
});

app.post('/orders/:id/cancel', async (req, res, next) => {
  try {
    // ok: CWE-89 -- in-process command bus execute(), not SQL
    const result = await bus.execute({ type: 'CancelOrder', orderId: req.params.id, reason: req.body.reason });
    res.json(result);
  } catch (err) {
    next(err);
  }
});

module.exports = app;
