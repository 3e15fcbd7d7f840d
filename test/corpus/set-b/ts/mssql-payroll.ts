import * as sql from 'mssql';
import { Router } from 'express';

const config: sql.config = {
  server: process.env.PAYROLL_DB_HOST ?? 'localhost',
  database: 'payroll',
  authentication: { type: 'default', options: { userName: process.env.PAYROLL_DB_USER, password: process.env.PAYROLL_DB_PASS } },
  options: { encrypt: true },
};

let pool: sql.ConnectionPool | undefined;
async function getPool() {
  if (!pool) pool = await new sql.ConnectionPool(config).connect();
  return pool;
}

export const payroll = Router();

payroll.get('/employees/:id/payslips', async (req, res) => {
  const p = await getPool();
  const result = await p
    .request()
    .input('emp', sql.Int, Number(req.params.id))
    .input('year', sql.SmallInt, Number(req.query.year ?? new Date().getFullYear()))
    // ok: CWE-89
    .query<{ month: number; gross: number }>('SELECT month, gross FROM payslips WHERE employee_id = @emp AND year = @year ORDER BY month');
  res.json(result.recordset);
});

payroll.get('/employees', async (req, res) => {
  const p = await getPool();
  const dept = req.query.dept as string | undefined;
  const request = p.request();
  let q = 'SELECT TOP 200 id, full_name, dept FROM employees';
  if (dept) {
    request.input('dept', sql.NVarChar(50), dept);
    q += ' WHERE dept = @dept';
  }
  // ok: CWE-89 -- constant text, dept bound as @dept
  const result = await request.query(q);
  res.json(result.recordset);
});

payroll.get('/employees/search', async (req, res) => {
  const p = await getPool();
  const name = String(req.query.name ?? '');
  // expect: CWE-89
  const result = await p.request().query(`SELECT id, full_name FROM employees WHERE full_name LIKE N'%${name}%'`);
  res.json(result.recordset);
});

payroll.get('/employees/tagged', async (req, res) => {
  const name = String(req.query.name ?? '');
  // ok: CWE-89 -- module-level sql.query tagged template parameterises
  const result = await sql.query`SELECT id, full_name FROM employees WHERE full_name = ${name}`;
  res.json(result.recordset);
});

payroll.post('/bonuses', async (req, res) => {
  const p = await getPool();
  const tx = new sql.Transaction(p);
  await tx.begin();
  try {
    for (const b of req.body.bonuses as { employeeId: number; amount: number; note: string }[]) {
      // ok: CWE-89
      await new sql.Request(tx).input('e', sql.Int, b.employeeId).input('a', sql.Money, b.amount).input('n', sql.NVarChar(200), b.note).query('INSERT INTO bonuses (employee_id, amount, note) VALUES (@e, @a, @n)');
    }
    await tx.commit();
    res.sendStatus(201);
  } catch (e) {
    await tx.rollback();
    throw e;
  }
});

payroll.post('/bonuses/legacy', async (req, res) => {
  const p = await getPool();
  const rows = (req.body.bonuses as { employeeId: number; amount: number; note: string }[])
    .map((b) => `(${b.employeeId}, ${b.amount}, N'${b.note}')`)
    .join(',\n');
  // expect: CWE-89 -- JSON body values pasted into a multi-row VALUES list
  await p.request().batch('INSERT INTO bonuses (employee_id, amount, note) VALUES ' + rows);
  res.sendStatus(201);
});

payroll.get('/reports/:year/:quarter', async (req, res) => {
  const p = await getPool();
  const year = parseInt(req.params.year, 10);
  const quarter = req.params.quarter;
  // expect: CWE-89 -- year is parsed but quarter is not
  const result = await p.request().query('SELECT dept, SUM(gross) total FROM payslips WHERE year = ' + year + ' AND quarter = ' + quarter + ' GROUP BY dept');
  res.json(result.recordset);
});

payroll.get('/reports/dept/:dept', async (req, res) => {
  const p = await getPool();
  // expect: CWE-89 -- procedure argument concatenated into an EXEC statement
  const r = await p.request().query("EXEC dbo.usp_dept_report @dept = N'" + req.params.dept + "'");
  res.json(r.recordset);
});

export async function nightlyCleanup(tables: string[]) {
  const p = await getPool();
  for (const t of tables) {
    // expect: CWE-89 -- table names passed in by the scheduler config
    await p.request().query(`DELETE FROM ${t} WHERE created_at < DATEADD(day, -30, GETDATE())`);
  }
}

payroll.post('/procs/recalc', async (req, res) => {
  const p = await getPool();
  // ok: CWE-89 -- stored procedure call with bound input
  const r = await p.request().input('dept', sql.NVarChar(50), req.body.dept).execute('dbo.usp_recalc_department');
  res.json(r.returnValue);
});
