const faker = require('@faker-js/faker').faker;

const TENANT = process.argv.find((a) => a.startsWith('--tenant='))?.split('=')[1] || 'demo';

exports.seed = async function (knex) {
  // ok: CWE-89
  await knex.raw('TRUNCATE customers, orders RESTART IDENTITY CASCADE');

  const customers = Array.from({ length: 50 }, () => ({
    name: faker.person.fullName(),
    email: faker.internet.email(),
    tenant: TENANT,
  }));
  const startId = process.env.SEED_START_ID || '1000';
  // expect: CWE-89 -- environment value in DDL
  await knex.raw(`ALTER SEQUENCE customers_id_seq RESTART WITH ${startId}`);

  // ok: CWE-89 -- builder insert
  const inserted = await knex('customers').insert(customers).returning(['id', 'email']);

  const orders = [];
  for (const c of inserted) {
    for (let i = 0; i < 3; i++) orders.push({ customer_id: c.id, total: faker.number.int({ min: 5, max: 500 }) });
  }
  // ok: CWE-89
  await knex.batchInsert('orders', orders, 100);

  // expect: CWE-89 -- tenant from the command line pasted into the statement
  await knex.raw(`UPDATE customers SET vip = true WHERE tenant = '${TENANT}' AND id % 10 = 0`);

  const firstEmail = inserted[0].email;
  // ok: CWE-89
  await knex.raw('INSERT INTO admins (email, tenant) VALUES (?, ?)', [firstEmail, TENANT]);
  // expect: CWE-89 -- value read back from the database
  await knex.raw("UPDATE customers SET note = 'first!' WHERE email = '" + firstEmail + "'");
};
