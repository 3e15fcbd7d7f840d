import { Worker, Job } from 'bullmq';
import mysql from 'mysql2/promise';
import { renderDigest, sendMail } from './mail';

const db = mysql.createPool(process.env.MYSQL_URL!);

interface DigestJob {
  userId: number;
  frequency: 'daily' | 'weekly';
  topics: string[];
  locale: string;
}

const WINDOW: Record<DigestJob['frequency'], number> = { daily: 1, weekly: 7 };

async function articlesFor(job: Job<DigestJob>) {
  const days = WINDOW[job.data.frequency] ?? 1;
  const topics = job.data.topics ?? [];
  if (topics.length === 0) return [];
  // ok: CWE-89 -- days from a constant map, topics as placeholders
  const [rows] = await db.query(`SELECT id, title, topic FROM articles WHERE published_at > NOW() - INTERVAL ${days} DAY AND topic IN (?)`, [topics]);
  return rows as { id: number; title: string; topic: string }[];
}

async function translationsFor(locale: string) {
  // expect: CWE-89 -- locale arrives in the job payload
  const [rows] = await db.query(`SELECT msg_key, msg_text FROM translations WHERE locale = '${locale}'`);
  return rows;
}

async function markSent(userId: number, articleIds: number[]) {
  if (!articleIds.length) return;
  const values = articleIds.map((id) => [userId, id]);
  // ok: CWE-89 -- bulk insert with nested arrays, escaped by the driver
  await db.query('INSERT INTO digest_sent (user_id, article_id) VALUES ?', [values]);
}

async function unsubscribeTopic(userId: number, topic: string) {
  const stmt = 'DELETE FROM user_topics WHERE user_id = ' + userId + " AND topic = '" + topic + "'";
  // expect: CWE-89
  await db.execute(stmt);
}

export async function setLocale(job: Job<DigestJob>) {
  // expect: CWE-89 -- job payload concatenated with double quotes
  await db.query('UPDATE users SET locale = "' + job.data.locale + '" WHERE id = ' + job.data.userId);
}

export const worker = new Worker<DigestJob>(
  'email-digest',
  async (job) => {
    // ok: CWE-89
    const [users] = await db.execute('SELECT email, display_name, unsubscribed_topics FROM users WHERE id = ?', [job.data.userId]);
    const user = (users as any[])[0];
    if (!user) return;
    for (const topic of String(user.unsubscribed_topics || '').split(',').filter(Boolean)) {
      await unsubscribeTopic(job.data.userId, topic);
    }
    const articles = await articlesFor(job);
    const strings = await translationsFor(job.data.locale);
    await sendMail(user.email, renderDigest(user.display_name, articles, strings));
    await markSent(job.data.userId, articles.map((a) => a.id));
    // expect: CWE-89 -- display name read from the users table
    await db.query(`UPDATE digest_stats SET last_recipient = '${user.display_name}', sent = sent + 1 WHERE frequency = ?`, [job.data.frequency]);
  },
  { connection: { host: process.env.REDIS_HOST ?? 'localhost', port: 6379 }, concurrency: 4 },
);

worker.on('failed', async (job, err) => {
  if (!job) return;
  // ok: CWE-89
  await db.execute('INSERT INTO job_failures (queue, job_id, error) VALUES (?, ?, ?)', ['email-digest', job.id, err.message]);
});
