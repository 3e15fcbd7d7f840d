import express, { Request, Response } from 'express';
import { Prisma, PrismaClient } from '@prisma/client';

const prisma = new PrismaClient();
export const accountsRouter = express.Router();
accountsRouter.use(express.json());

// ok: CWE-89 -- constant Prisma.sql fragments
const SORTS = { newest: Prisma.sql`created_at DESC`, balance: Prisma.sql`balance DESC` } as const;

accountsRouter.get('/accounts/:id', async (req: Request, res: Response) => {
  // ok: CWE-89 -- Prisma model query with an object filter
  const account = await prisma.account.findUnique({ where: { id: req.params.id }, include: { owner: true } });
  if (!account) return res.status(404).end();
  return res.json(account);
});

accountsRouter.get('/accounts', async (req: Request, res: Response) => {
  // ok: CWE-89 -- model API, the contains value is bound
  const accounts = await prisma.account.findMany({ where: { name: { contains: String(req.query.q ?? ''), mode: 'insensitive' } }, take: 50 });
  res.json(accounts);
});

accountsRouter.get('/accounts/:id/balance', async (req: Request, res: Response) => {
  // ok: CWE-89 -- $queryRaw tagged template parameterises the interpolation
  const rows = await prisma.$queryRaw<{ balance: number }[]>`SELECT SUM(amount) AS balance FROM ledger_entries WHERE account_id = ${req.params.id}`;
  res.json(rows[0]);
});

accountsRouter.get('/accounts/by-iban/:iban', async (req: Request, res: Response) => {
  // expect: CWE-89 -- $queryRawUnsafe with a template literal
  const rows = await prisma.$queryRawUnsafe(`SELECT * FROM accounts WHERE iban = '${req.params.iban}'`);
  res.json(rows);
});

accountsRouter.get('/accounts/by-owner/:ownerId', async (req: Request, res: Response) => {
  // ok: CWE-89 -- $queryRawUnsafe with a $1 placeholder and a separate argument
  const rows = await prisma.$queryRawUnsafe('SELECT * FROM accounts WHERE owner_id = $1', req.params.ownerId);
  res.json(rows);
});

accountsRouter.post('/accounts/:id/freeze', async (req: Request, res: Response) => {
  // expect: CWE-89 -- $executeRawUnsafe with body and path values concatenated
  await prisma.$executeRawUnsafe("UPDATE accounts SET status = 'frozen', freeze_reason = '" + req.body.reason + "' WHERE id = '" + req.params.id + "'");
  res.status(204).end();
});

accountsRouter.post('/accounts/:id/unfreeze', async (req: Request, res: Response) => {
  // ok: CWE-89 -- $executeRaw tagged template
  await prisma.$executeRaw`UPDATE accounts SET status = 'active', freeze_reason = NULL WHERE id = ${req.params.id}`;
  res.status(204).end();
});

accountsRouter.get('/reports/accounts', async (req: Request, res: Response) => {
  const order = SORTS[req.query.sort as keyof typeof SORTS] ?? SORTS.newest;
  const ids = String(req.query.ids ?? '').split(',').filter(Boolean);
  // ok: CWE-89 -- Prisma.sql with Prisma.join binds every id
  const filter = ids.length ? Prisma.sql`WHERE id IN (${Prisma.join(ids)})` : Prisma.empty;
  // ok: CWE-89 -- composed only from Prisma.sql fragments
  const rows = await prisma.$queryRaw`SELECT id, name, balance FROM accounts ${filter} ORDER BY ${order}`;
  res.json(rows);
});

accountsRouter.get('/reports/columns', async (req: Request, res: Response) => {
  const column = String(req.query.column ?? 'name');
  // expect: CWE-89 -- Prisma.raw inserts the request value verbatim
  const rows = await prisma.$queryRaw`SELECT ${Prisma.raw(column)} FROM accounts LIMIT 10`;
  res.json(rows);
});

accountsRouter.get('/reports/currency/:code', async (req: Request, res: Response) => {
  // expect: CWE-89 -- $queryRaw called as a function on Prisma.raw of a concatenated string
  const rows = await prisma.$queryRaw(Prisma.raw("SELECT * FROM accounts WHERE currency = '" + req.params.code + "'"));
  res.json(rows);
});

accountsRouter.get('/reports/ledger', async (req: Request, res: Response) => {
  const sort = String(req.query.sort ?? 'created_at');
  // expect: CWE-89 -- sort column concatenated into $queryRawUnsafe (account id is a positional parameter)
  const rows = await prisma.$queryRawUnsafe('SELECT * FROM ledger_entries WHERE account_id = $1 ORDER BY ' + sort, req.query.accountId);
  res.json(rows);
});

accountsRouter.get('/reports/ledger/recent', async (req: Request, res: Response) => {
  const direction = String(req.query.dir ?? 'DESC');
  // expect: CWE-89 -- Prisma.raw of a request value inside an otherwise parameterised tagged template
  const rows = await prisma.$queryRaw`SELECT * FROM ledger_entries WHERE account_id = ${req.query.accountId} ORDER BY created_at ${Prisma.raw(direction)}`;
  res.json(rows);
});

export async function closeDormant(days: number) {
  // ok: CWE-89 -- days is typed number
  return prisma.$executeRawUnsafe(`UPDATE accounts SET status = 'closed' WHERE last_activity < now() - interval '${days} days'`);
}

export async function searchAccounts(term: string, status?: string) {
  let where = `name ILIKE '%${term}%'`;
  if (status) where += ` AND status = '${status}'`;
  // expect: CWE-89 -- WHERE built over several statements from parameters
  return prisma.$queryRawUnsafe(`SELECT id, name FROM accounts WHERE ${where}`);
}

export async function accountsForOwner(ownerEmail: string) {
  // ok: CWE-89 -- Prisma.sql tagged template binds the value
  const query = Prisma.sql`SELECT a.* FROM accounts a JOIN users u ON u.id = a.owner_id WHERE u.email = ${ownerEmail}`;
  // ok: CWE-89 -- executes the Prisma.sql object
  return prisma.$queryRaw(query);
}

export async function transfer(from: string, to: string, amount: number) {
  return prisma.$transaction([
    // ok: CWE-89 -- model update
    prisma.account.update({ where: { id: from }, data: { balance: { decrement: amount } } }),
    // ok: CWE-89 -- model update
    prisma.account.update({ where: { id: to }, data: { balance: { increment: amount } } }),
  ]);
}

accountsRouter.get('/search', async (req: Request, res: Response) => {
  res.json(await searchAccounts(String(req.query.q ?? ''), req.query.status as string | undefined));
});

accountsRouter.post('/transfers', async (req: Request, res: Response) => {
  const amount = Number(req.body.amount);
  if (!Number.isFinite(amount) || amount <= 0) return res.status(400).json({ error: 'invalid amount' });
  await transfer(req.body.from, req.body.to, amount);
  return res.status(201).end();
});
