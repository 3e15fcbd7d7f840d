// pages/api/products/[[...slug]].ts
import type { NextApiRequest, NextApiResponse } from 'next';
import { Prisma, PrismaClient } from '@prisma/client';

const globalForPrisma = globalThis as unknown as { prisma?: PrismaClient };
export const prisma = globalForPrisma.prisma ?? new PrismaClient();
if (process.env.NODE_ENV !== 'production') globalForPrisma.prisma = prisma;

type Row = { id: number; name: string; price: Prisma.Decimal };

const SORTS = {
  price: Prisma.sql`p."price"`,
  name: Prisma.sql`p."name"`,
  newest: Prisma.sql`p."createdAt" DESC`,
} as const;

export default async function handler(req: NextApiRequest, res: NextApiResponse) {
  const q = typeof req.query.q === 'string' ? req.query.q : '';
  const category = req.query.category as string | undefined;

  switch (req.query.mode) {
    case 'search': {
      // ok: CWE-89 -- tagged $queryRaw binds the value
      const rows = await prisma.$queryRaw<Row[]>`SELECT id, name, price FROM "Product" WHERE name ILIKE ${'%' + q + '%'} LIMIT 25`;
      return res.json(rows);
    }
    case 'search-unsafe': {
      // expect: CWE-89
      const rows = await prisma.$queryRawUnsafe<Row[]>(`SELECT id, name, price FROM "Product" WHERE name ILIKE '%${q}%' LIMIT 25`);
      return res.json(rows);
    }
    case 'by-category': {
      // ok: CWE-89 -- Unsafe variant, but with $1 and a separate argument
      const rows = await prisma.$queryRawUnsafe<Row[]>('SELECT id, name, price FROM "Product" WHERE "categoryId" = $1', category);
      return res.json(rows);
    }
    case 'by-category-legacy': {
      // expect: CWE-89 -- category concatenated into an Unsafe call
      const rows = await prisma.$queryRawUnsafe<Row[]>('SELECT id, name, price FROM "Product" WHERE "categoryId" = \'' + category + '\'');
      return res.json(rows);
    }
    case 'sorted': {
      const key = (req.query.sort as keyof typeof SORTS) || 'newest';
      const order = SORTS[key] ?? SORTS.newest;
      // ok: CWE-89 -- ORDER BY fragment picked from Prisma.sql constants
      const rows = await prisma.$queryRaw<Row[]>(Prisma.sql`SELECT p.id, p.name, p.price FROM "Product" p ORDER BY ${order} LIMIT 50`);
      return res.json(rows);
    }
    case 'sorted-raw': {
      const col = String(req.query.sort || 'name');
      // expect: CWE-89 -- Prisma.raw pastes the request value verbatim
      const rows = await prisma.$queryRaw<Row[]>`SELECT id, name, price FROM "Product" ORDER BY ${Prisma.raw(col)} LIMIT 50`;
      return res.json(rows);
    }
    case 'many': {
      const ids = String(req.query.ids || '').split(',').map(Number).filter(Boolean);
      // ok: CWE-89 -- Prisma.join produces bound parameters
      const rows = await prisma.$queryRaw<Row[]>`SELECT id, name, price FROM "Product" WHERE id IN (${Prisma.join(ids)})`;
      return res.json(rows);
    }
    case 'orm': {
      // ok: CWE-89 -- Prisma client query
      const rows = await prisma.product.findMany({ where: { name: { contains: q, mode: 'insensitive' }, categoryId: category }, take: 25 });
      return res.json(rows);
    }
  }

  if (req.method === 'POST' && req.query.slug?.[0] === 'reprice') {
    const { pct, categoryId } = req.body as { pct: string; categoryId: string };
    const factor = 1 + Number(pct) / 100;
    // ok: CWE-89 -- factor is numeric, category bound
    const n = await prisma.$executeRawUnsafe(`UPDATE "Product" SET price = price * ${factor} WHERE "categoryId" = $1`, categoryId);
    return res.json({ updated: n });
  }

  if (req.method === 'POST' && req.query.slug?.[0] === 'tag') {
    const { tag, where } = req.body as { tag: string; where: string };
    // expect: CWE-89 -- client sends a WHERE clause
    const n = await prisma.$executeRawUnsafe('UPDATE "Product" SET tags = array_append(tags, $1) WHERE ' + where, tag);
    return res.json({ updated: n });
  }

  if (req.method === 'POST' && req.query.slug?.[0] === 'hide') {
    const { ids } = req.body as { ids: string[] };
    // expect: CWE-89 -- body ids joined into the statement
    const n = await prisma.$executeRawUnsafe(`UPDATE "Product" SET hidden = true WHERE id IN (${ids.join(',')})`);
    return res.json({ updated: n });
  }

  if (req.method === 'DELETE') {
    const name = req.query.slug?.[1];
    // ok: CWE-89 -- tagged $executeRaw
    await prisma.$executeRaw`DELETE FROM "Product" WHERE name = ${name}`;
    return res.status(204).end();
  }

  res.status(405).end();
}

export async function rebuildSearchIndex(table: string) {
  const sql = Prisma.sql`REFRESH MATERIALIZED VIEW CONCURRENTLY product_search`;
  // ok: CWE-89
  await prisma.$executeRaw(sql);
  // expect: CWE-89 -- table name parameter in an Unsafe call
  await prisma.$executeRawUnsafe(`ANALYZE "${table}"`);
}
