import express from 'express';
import postgres from 'postgres';

const sql = postgres(process.env.DATABASE_URL, { max: 10, idle_timeout: 20 });
const app = express();
app.use(express.json());

const EVENT_COLUMNS = ['id', 'title', 'venue', 'starts_at'];

app.get('/events/:id', async (req, res) => {
  // ok: CWE-89 -- postgres.js tagged template parameterises ${...}
  const [event] = await sql`SELECT * FROM events WHERE id = ${req.params.id}`;
  if (!event) return res.sendStatus(404);
  return res.json(event);
});

app.get('/events', async (req, res) => {
  // ok: CWE-89 -- sql(array) renders escaped identifiers; venue is bound
  const events = await sql`SELECT ${sql(EVENT_COLUMNS)} FROM events WHERE venue = ${req.query.venue || 'main'} ORDER BY starts_at`;
  res.json(events);
});

app.post('/events', async (req, res) => {
  const event = { title: req.body.title, venue: req.body.venue, starts_at: req.body.startsAt };
  // ok: CWE-89 -- dynamic insert helper escapes the keys and binds the values
  const [created] = await sql`INSERT INTO events ${sql(event, 'title', 'venue', 'starts_at')} RETURNING *`;
  res.status(201).json(created);
});

app.get('/events/search/:term', async (req, res) => {
  // expect: CWE-89 -- sql.unsafe() with an interpolated path param
  const rows = await sql.unsafe(`SELECT * FROM events WHERE title ILIKE '%${req.params.term}%'`);
  res.json(rows);
});

app.get('/events-by-city', async (req, res) => {
  // ok: CWE-89 -- sql.unsafe() with $1 and a parameter array
  const rows = await sql.unsafe('SELECT * FROM events WHERE city = $1', [req.query.city]);
  res.json(rows);
});

app.get('/events-upcoming', async (req, res) => {
  const direction = req.query.dir || 'asc';
  // expect: CWE-89 -- sql.unsafe fragment nested inside an otherwise safe tagged template
  const rows = await sql`SELECT * FROM events WHERE starts_at > now() ORDER BY starts_at ${sql.unsafe(direction)}`;
  res.json(rows);
});

app.delete('/events/:id/attendees', async (req, res) => {
  const ids = (req.body.attendeeIds || []).map(Number);
  // ok: CWE-89 -- list bound via sql(ids)
  await sql`DELETE FROM attendees WHERE event_id = ${req.params.id} AND id IN ${sql(ids)}`;
  res.sendStatus(204);
});

app.get('/events-by-organizer/:organizer', async (req, res) => {
  // expect: CWE-89 -- sql.unsafe() with concatenation of a path param
  const rows = await sql.unsafe("SELECT id, title FROM events WHERE organizer = '" + req.params.organizer + "' ORDER BY starts_at");
  res.json(rows);
});

export async function refreshView(viewName) {
  // expect: CWE-89 -- function parameter concatenated into unsafe()
  await sql.unsafe('REFRESH MATERIALIZED VIEW CONCURRENTLY ' + viewName);
}

export async function chargeTicket(userId, amount) {
  await sql.begin(async (tx) => {
    // ok: CWE-89 -- tagged template on the transaction handle
    await tx`UPDATE wallets SET balance = balance - ${amount} WHERE user_id = ${userId}`;
    // ok: CWE-89 -- tagged template on the transaction handle
    await tx`INSERT INTO ledger (user_id, delta) VALUES (${userId}, ${-amount})`;
  });
}

app.post('/admin/views/:name/refresh', async (req, res) => {
  await refreshView(req.params.name);
  res.sendStatus(202);
});

app.listen(3000);
