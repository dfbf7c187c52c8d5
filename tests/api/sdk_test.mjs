// SPDX-License-Identifier: GPL-3.0-or-later
// Orb's official TypeScript SDK (npm orb-billing, pinned in package.json) against `orbctl serve`
// on loopback, on a fresh company file: every endpoint the server offers, pagination, errors,
// keys and roles, ingestion dedup and the upcoming invoice. Any failed assertion exits 1.
//
//   node sdk_test.mjs ORBCTL
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { createServer, request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Orb from 'orb-billing';
import { sdkFields, shapeDifferences } from './sdk_shapes.mjs';

const orbctl = process.argv[2];
if (!orbctl) {
  console.error('usage: node sdk_test.mjs ORBCTL');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'orb-api-'));
const db = join(dir, 'company.orb');
// The server's clock is fixed, so periods, grace and the upcoming invoice are the same each run.
const NOW = '2026-03-20T12:00:00Z';
const env = { ...process.env, ORB_NOW: NOW };

function cli(...args) {
  return execFileSync(orbctl, ['--db', db, ...args], { env, encoding: 'utf8' });
}
function cliJson(...args) {
  return JSON.parse(cli('--json', ...args));
}

let server;
// The SDK's required fields the server does not send: the documented differences (docs/API.md).
const ABSENT = {
  Customer: ['additional_emails', 'auto_collection', 'email_delivery', 'payment_provider', 'payment_provider_id'],
  Plan: ['product', 'discount', 'maximum', 'maximum_amount', 'minimum', 'minimum_amount'],
  Subscription: ['adjustment_intervals', 'discount_intervals', 'fixed_fee_quantity_schedule', 'maximum_intervals', 'minimum_intervals', 'price_intervals'],
  Invoice: ['auto_collection', 'billing_address', 'shipping_address', 'customer_tax_id', 'credit_notes', 'customer_balance_transactions', 'payment_attempts',
            'discount', 'discounts', 'maximum', 'maximum_amount', 'minimum', 'minimum_amount', 'payment_failed_at', 'payment_started_at', 'sync_failed_at'],
};
ABSENT.InvoiceFetchUpcomingResponse = ABSENT.Invoice;
let receiver;
let failures = 0;
let passed = 0;
async function step(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`ok   ${name}`);
  } catch (e) {
    failures++;
    console.log(`FAIL ${name}\n     ${e && e.stack ? e.stack.split("\n").slice(0, 14).join("\n     ") : e}`);
  }
}
async function rejects(promise, status, type) {
  try {
    await promise;
  } catch (e) {
    assert.equal(e.status, status, `status ${e.status}, want ${status}: ${e.message}`);
    if (type) assert.equal(e.error?.type, `https://docs.withorb.com/reference/error-responses#${type}`);
    assert.equal(e.error?.status, status);
    assert.ok(e.error?.title, 'error title');
    assert.ok(e.error?.detail, 'error detail');
    return e;
  }
  assert.fail(`expected HTTP ${status}`);
}

function startServer() {
  return new Promise((resolve, reject) => {
    const p = spawn(orbctl, ['--db', db, 'serve', '--listen', '127.0.0.1:0'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    p.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (m) resolve({ process: p, url: m[1] });
    });
    p.on('exit', (code) => reject(new Error(`orbctl serve exited with ${code}: ${out}`)));
  });
}

// The webhook receiver: keeps every delivery (raw body and headers); answers the first one with
// 500, so that its retry is seen.
const deliveries = [];
function startReceiver() {
  return new Promise((resolve) => {
    const srv = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        deliveries.push({ body, headers: req.headers });
        res.statusCode = deliveries.length === 1 ? 500 : 200;
        res.end();
      });
    });
    srv.listen(0, '127.0.0.1', () => resolve(srv));
  });
}
async function until(what, predicate, ms = 20000) {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await predicate()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`timed out waiting for ${what}`);
}

try {
  cli('init', '--name', 'API Test', '--currency', 'USD', '--timezone', 'UTC');
  cli('catalog', 'import', join(here, 'catalog.json'));
  const admin = cliJson('api-keys', 'create', '--name', 'admin', '--role', 'admin');
  const billing = cliJson('api-keys', 'create', '--name', 'billing', '--role', 'billing');
  const ingestKey = cliJson('api-keys', 'create', '--name', 'product', '--role', 'ingest');
  assert.match(admin.key, /^orb_/);
  const listed = cliJson('api-keys', 'list');
  assert.equal(listed.data.length, 3);
  assert.ok(!JSON.stringify(listed).includes(admin.key), 'api-keys list never shows a secret');

  receiver = await startReceiver();
  const hookUrl = `http://127.0.0.1:${receiver.address().port}/orb`;
  const hook = cliJson('webhooks', 'create', '--url', hookUrl);
  assert.match(hook.secret, /^whsec_/);
  const refused = spawnSync(orbctl, ['--db', db, 'webhooks', 'create', '--url', 'http://example.com/hook'], { env, encoding: 'utf8' });
  assert.equal(refused.status, 2, 'plain http to another host is refused');
  assert.match(refused.stderr, /only to this machine/);

  server = await startServer();
  const baseURL = `${server.url}/v1`;
  const orb = new Orb({ apiKey: admin.key, baseURL, maxRetries: 0 });

  await step('ping', async () => {
    assert.deepEqual(await orb.topLevel.ping(), { response: 'pong' });
  });

  await step('keys: missing, unknown key 401; ingest key 403 outside ingest and ping', async () => {
    const r = await fetch(`${baseURL}/ping`);
    assert.equal(r.status, 401);
    assert.equal((await r.json()).type, 'https://docs.withorb.com/reference/error-responses#401-authentication-error');
    await rejects(new Orb({ apiKey: 'orb_not-a-key', baseURL, maxRetries: 0 }).topLevel.ping(), 401, '401-authentication-error');
    const product = new Orb({ apiKey: ingestKey.key, baseURL, maxRetries: 0 });
    assert.equal((await product.topLevel.ping()).response, 'pong');
    await rejects(product.customers.list(), 403);
    await rejects(product.invoices.list(), 403);
  });

  const customers = [];
  await step('customers: create, fetch, fetch by external id, update (PUT) both ways', async () => {
    for (const [i, ext] of ['acme', 'globex', 'initech'].entries()) {
      const c = await orb.customers.create({ name: `Customer ${i}`, email: `billing@${ext}.test`, external_customer_id: ext, currency: 'USD', timezone: 'UTC' });
      assert.equal(c.external_customer_id, ext);
      assert.equal(c.balance, '0.00');
      customers.push(c);
    }
    const got = await orb.customers.fetch(customers[0].id);
    assert.equal(got.name, 'Customer 0');
    assert.equal((await orb.customers.fetchByExternalID('globex')).id, customers[1].id);
    const updated = await orb.customers.update(customers[0].id, { email: 'ap@acme.test', metadata: { tier: 'gold' } });
    assert.equal(updated.email, 'ap@acme.test');
    assert.deepEqual(updated.metadata, { tier: 'gold' });
    const byExt = await orb.customers.updateByExternalID('initech', { name: 'Initech Corp' });
    assert.equal(byExt.name, 'Initech Corp');
    assert.equal(byExt.id, customers[2].id);
  });

  await step('customers: pagination with limit and cursor, and the SDK auto-paging', async () => {
    const first = await orb.customers.list({ limit: 2 });
    assert.equal(first.data.length, 2);
    assert.equal(first.pagination_metadata.has_more, true);
    assert.ok(first.pagination_metadata.next_cursor);
    const second = await orb.customers.list({ limit: 2, cursor: first.pagination_metadata.next_cursor });
    assert.equal(second.data.length, 1);
    assert.equal(second.pagination_metadata.has_more, false);
    assert.equal(second.pagination_metadata.next_cursor, null);
    const ids = [];
    for await (const c of orb.customers.list({ limit: 1 })) ids.push(c.id);
    assert.deepEqual([...ids].sort(), customers.map((c) => c.id).sort());
    await rejects(orb.customers.list({ limit: 0 }), 400, '400-request-validation-errors');
    await rejects(orb.customers.list({ cursor: '!!' }), 400, '400-request-validation-errors');
  });

  await step('errors: 404 unknown id and path, 409 duplicate external id, 400 bad JSON and bad fields, 413 body', async () => {
    await rejects(orb.customers.fetch('nope'), 404, '404-resource-not-found');
    await rejects(orb.customers.fetchByExternalID('nope'), 404, '404-resource-not-found');
    await rejects(orb.customers.create({ name: 'Dup', email: 'd@acme.test', external_customer_id: 'acme' }), 409, '409-resource-conflict');
    await rejects(orb.customers.create({ email: 'x@acme.test' }), 400);
    const headers = { Authorization: `Bearer ${admin.key}`, 'Content-Type': 'application/json' };
    let r = await fetch(`${baseURL}/customers`, { method: 'POST', headers, body: '{"name": "x",' });
    assert.equal(r.status, 400);
    assert.match((await r.json()).detail, /not valid JSON/);
    r = await fetch(`${baseURL}/no/such/thing`, { headers });
    assert.equal(r.status, 404);
    assert.equal((await r.json()).type, 'https://docs.withorb.com/reference/error-responses#404-url-not-found');
    // An oversized body is refused by its Content-Length, before it is read: the client sends
    // the headers and the first bytes and waits for the answer (a client streaming the whole
    // body may see the connection closed under it instead, which is a refusal too).
    const big = await new Promise((resolve, reject) => {
      const u = new URL(`${baseURL}/ingest`);
      const req = httpRequest({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST',
                                 headers: { ...headers, 'Content-Length': String(3 * 1024 * 1024) } }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d) => { text += d; });
        res.on('end', () => { resolve({ status: res.statusCode, body: text }); req.destroy(); });
      });
      req.on('error', reject);
      req.write('{"events": [], "pad": "');
    });
    assert.equal(big.status, 413);
    assert.equal(JSON.parse(big.body).type, 'https://docs.withorb.com/reference/error-responses#413-request-too-large');
    assert.deepEqual(await orb.topLevel.ping(), { response: 'pong' }); // and the server still answers
  });

  await step('Idempotency-Key: a retry gets the first answer, another body with the key is refused', async () => {
    const body = { name: 'Once', email: 'once@x.test', external_customer_id: 'once' };
    const a = await orb.customers.create(body, { idempotencyKey: 'create-once' });
    const b = await orb.customers.create(body, { idempotencyKey: 'create-once' });
    assert.equal(a.id, b.id);
    await rejects(orb.customers.create({ ...body, name: 'Twice' }, { idempotencyKey: 'create-once' }), 409, '409-resource-conflict');
    assert.equal((await orb.customers.fetchByExternalID('once')).name, 'Once');
  });

  await step('balance transactions: create and list; credits list', async () => {
    const t = await orb.customers.balanceTransactions.create(customers[1].id, { amount: '25.00', type: 'increment', description: 'goodwill' });
    assert.equal(t.amount, '25.00');
    assert.equal(t.type, 'increment');
    assert.equal(t.starting_balance, '0.00');
    const d = await orb.customers.balanceTransactions.create(customers[1].id, { amount: '5.50', type: 'decrement' });
    assert.equal(d.amount, '-5.50');
    const list = await orb.customers.balanceTransactions.list(customers[1].id);
    assert.deepEqual(list.data.map((x) => x.id), [d.id, t.id]);
    assert.equal((await orb.customers.fetch(customers[1].id)).balance, '19.50');
    await rejects(orb.customers.balanceTransactions.create(customers[1].id, { amount: '-1', type: 'increment' }), 400);
    const credits = await orb.customers.credits.list(customers[1].id);
    assert.deepEqual(credits.data, []);
  });

  await step('balance transactions and credits: pages by keyset, filters, Orb\'s credit block', async () => {
    const id = customers[2].id;
    const made = [];
    for (const amount of ['1.00', '2.00', '3.00']) made.unshift((await orb.customers.balanceTransactions.create(id, { amount, type: 'increment' })).id);
    const seen = [];
    for await (const t of orb.customers.balanceTransactions.list(id, { limit: 1 })) seen.push(t.id);
    assert.deepEqual(seen, made);
    assert.equal((await orb.customers.balanceTransactions.list(id, { 'operation_time[gt]': '2026-03-20T12:00:00Z' })).data.length, 0);
    await rejects(orb.customers.balanceTransactions.list(id, { 'operation_time[gt]': 'noon' }), 400);
    await rejects(orb.customers.balanceTransactions.list(id, { cursor: 'bm9wZQ' }), 400);
    cli('credits', 'add', id, '--amount', '10', '--effective', '2026-03-01');
    cli('credits', 'add', id, '--amount', '5', '--effective', '2026-03-02', '--expires', '2026-03-10');
    cli('credits', 'add', id, '--amount', '7.5', '--effective', '2026-03-05', '--cost-basis', '0.5');
    const blocks = [];
    for await (const b of orb.customers.credits.list(id, { limit: 1 })) blocks.push(b);
    assert.deepEqual(blocks.map((b) => b.balance), [10, 7.5]); // the expired block left out, as Orb
    assert.deepEqual(blocks.map((b) => b.effective_date), ['2026-03-01T00:00:00Z', '2026-03-05T00:00:00Z']);
    assert.equal(blocks[1].per_unit_cost_basis, '0.5');
    assert.equal((await orb.customers.credits.list(id, { include_all_blocks: true })).data.length, 3);
    assert.equal((await orb.customers.credits.list(id, { 'effective_date[gt]': '2026-03-01T00:00:00Z' })).data.length, 1);
  });

  let plan;
  await step('plans: list and fetch', async () => {
    const plans = await orb.plans.list();
    assert.equal(plans.data.length, 1);
    plan = plans.data[0];
    assert.equal(plan.external_plan_id, 'usage');
    assert.equal((await orb.plans.fetch(plan.id)).name, 'Usage');
    assert.equal((await orb.plans.list({ 'created_at[gt]': '2999-01-01T00:00:00Z' })).data.length, 0);
    assert.equal((await orb.plans.list({ 'created_at[lte]': '2999-01-01T00:00:00Z' })).data.length, 1);
    await rejects(orb.plans.fetch('nope'), 404);
  });

  const subs = [];
  await step('subscriptions: create by id and by external ids, list, fetch', async () => {
    subs.push(await orb.subscriptions.create({ external_customer_id: 'acme', external_plan_id: 'usage', start_date: '2026-03-01' }));
    subs.push(await orb.subscriptions.create({ customer_id: customers[1].id, plan_id: plan.id, start_date: '2026-03-01T00:00:00Z' }));
    assert.equal(subs[0].customer.external_customer_id, 'acme');
    assert.equal(subs[0].customer.email, 'ap@acme.test'); // the whole customer, as Orb sends it
    assert.equal(subs[0].plan.external_plan_id, 'usage');
    assert.equal(subs[0].status, 'active');
    // Today is 2026-03-20 (UTC): the monthly period from the 1st holds it.
    assert.equal(subs[0].current_billing_period_start_date, '2026-03-01T00:00:00Z');
    assert.equal(subs[0].current_billing_period_end_date, '2026-04-01T00:00:00Z');
    assert.equal(subs[0].billing_cycle_day, 1);
    assert.deepEqual(subs[0].billing_cycle_anchor_configuration, { day: 1, month: null, year: null });
    assert.equal(subs[0].name, 'Usage');
    assert.equal(typeof subs[0].net_terms, 'number');
    assert.deepEqual(subs[0].trial_info, { end_date: null });
    const list = await orb.subscriptions.list({ customer_id: [customers[0].id] });
    assert.deepEqual(list.data.map((s) => s.id), [subs[0].id]); // customer_id[]=…, as the SDK sends it
    const both = await orb.subscriptions.list({ customer_id: [customers[0].id], external_customer_id: ['globex'] });
    assert.deepEqual(both.data.map((s) => s.id).sort(), [subs[0].id, subs[1].id].sort());
    assert.equal((await orb.subscriptions.list({ external_customer_id: ['nobody'] })).data.length, 0);
    assert.equal((await orb.subscriptions.list({ external_plan_id: 'usage' })).data.length, 2);
    assert.equal((await orb.subscriptions.list({ plan_id: 'no-such-plan' })).data.length, 0);
    assert.equal((await orb.subscriptions.list()).data.length, 2);
    assert.equal((await orb.subscriptions.fetch(subs[1].id)).id, subs[1].id);
    // One starting later is upcoming: no current period (Orb's null), its anchor its start day.
    // With a trial of 10 days, billed from its end: the anchor is that day.
    const later = await orb.subscriptions.create({ external_customer_id: 'globex', external_plan_id: 'usage', start_date: '2026-04-17', trial_duration_days: 10 });
    assert.equal(later.status, 'upcoming');
    assert.equal(later.current_billing_period_start_date, null);
    assert.equal(later.current_billing_period_end_date, null);
    assert.deepEqual(later.trial_info, { end_date: '2026-04-27T00:00:00Z' });
    assert.equal(later.billing_cycle_day, 27);
    await rejects(orb.subscriptions.create({ external_customer_id: 'globex', external_plan_id: 'usage', trial_duration_days: -1 }), 400);
    await rejects(orb.subscriptions.create({ external_customer_id: 'nobody', external_plan_id: 'usage' }), 404);
  });

  await step('ingest: debug lists ingested and duplicates; conflicts and bad events fail validation; 500 events at most', async () => {
    const events = [
      { event_name: 'job', timestamp: '2026-03-20T01:00:00Z', idempotency_key: 'e1', external_customer_id: 'acme', properties: { hours: 2 } },
      { event_name: 'job', timestamp: '2026-03-20T02:00:00Z', idempotency_key: 'e2', external_customer_id: 'acme', properties: { hours: 3 } },
      { event_name: 'job', timestamp: '2026-03-20T11:59:59.999Z', idempotency_key: 'e3', customer_id: customers[0].id, properties: { hours: 5 } },
    ];
    const product = new Orb({ apiKey: ingestKey.key, baseURL, maxRetries: 0 });
    const first = await product.events.ingest({ events }, { query: { debug: true } });
    assert.deepEqual(first.validation_failed, []);
    assert.deepEqual(first.debug, { duplicate: [], ingested: ['e1', 'e2', 'e3'] });
    const again = await product.events.ingest({ events }, { query: { debug: true } });
    assert.deepEqual(again.debug, { duplicate: ['e1', 'e2', 'e3'], ingested: [] });
    const plain = await product.events.ingest({ events: [events[0]] });
    assert.equal(plain.debug, null);
    const bad = await rejects(
      product.events.ingest({ events: [{ ...events[0], properties: { hours: 7 } }, { event_name: 'job', idempotency_key: 'e4', external_customer_id: 'acme', properties: {} }] }),
      400,
      '400-request-validation-errors',
    );
    assert.deepEqual(bad.error.validation_failed.map((f) => f.idempotency_key), ['e1', 'e4']);
    assert.ok(bad.error.validation_failed.every((f) => f.validation_errors.length === 1));
    const many = Array.from({ length: 501 }, (_, i) => ({ ...events[0], idempotency_key: `m${i}` }));
    await rejects(product.events.ingest({ events: many }), 400);
  });

  await step('upcoming invoice reflects the ingested usage exactly', async () => {
    const up = await orb.invoices.fetchUpcoming({ subscription_id: subs[0].id });
    const compute = up.line_items.filter((l) => l.name === 'Compute');
    assert.equal(compute.length, 1, JSON.stringify(up.line_items));
    assert.equal(compute[0].quantity, 10);
    assert.equal(compute[0].amount, '2.50');
    assert.equal(up.customer.id, customers[0].id);
    await rejects(orb.invoices.fetchUpcoming({ subscription_id: 'nope' }), 404);
  });

  await step('event backfills: create, ingest into, close, revert', async () => {
    const b = await orb.events.backfills.create({ timeframe_start: '2026-03-10T00:00:00Z', timeframe_end: '2026-03-11T00:00:00Z', external_customer_id: 'initech' });
    assert.equal(b.status, 'pending');
    const r = await orb.events.ingest(
      { backfill_id: b.id, events: [{ event_name: 'job', timestamp: '2026-03-10T08:00:00Z', idempotency_key: 'b1', external_customer_id: 'initech', properties: { hours: 1 } }] },
    );
    assert.deepEqual(r.validation_failed, []);
    assert.equal((await orb.events.backfills.fetch(b.id)).events_ingested, 1);
    assert.equal((await orb.events.backfills.close(b.id)).status, 'reflected');
    assert.equal((await orb.events.backfills.revert(b.id)).status, 'reverted');
    assert.ok((await orb.events.backfills.list()).data.some((x) => x.id === b.id));
    const b2 = await orb.events.backfills.create({ timeframe_start: '2026-03-12T00:00:00Z', timeframe_end: '2026-03-13T00:00:00Z', external_customer_id: 'initech' });
    const seen = [];
    for await (const x of orb.events.backfills.list({ limit: 1 })) seen.push(x.id);
    // The most recently created first (the server's clock is fixed here: equal instants, by id).
    const whole = (await orb.events.backfills.list({ limit: 100 })).data;
    assert.deepEqual(seen, whole.map((x) => x.id));
    assert.deepEqual([...seen].sort(), [b.id, b2.id].sort());
    const created = whole.map((x) => Date.parse(x.created_at));
    assert.deepEqual([...created].sort((p, q) => q - p), created);
  });

  await step('invoices: drafts only by status; issue, mark paid, void', async () => {
    cli('invoices', 'run');
    assert.equal((await orb.invoices.list()).data.length, 0, 'no drafts unless asked for');
    const drafts = await orb.invoices.list({ status: ['draft'] });
    assert.equal(drafts.data.length, 2);
    const mine = drafts.data.find((i) => i.customer.id === customers[0].id);
    assert.equal(mine.total, '10.00');
    const issued = await orb.invoices.issue(mine.id);
    assert.equal(issued.status, 'issued');
    assert.ok(issued.invoice_number);
    assert.equal((await orb.invoices.list()).data.length, 1);
    await rejects(orb.invoices.issue(mine.id), 409);
    const paid = await orb.invoices.markPaid(mine.id, { payment_received_date: '2026-03-20' });
    assert.equal(paid.status, 'paid');
    const other = drafts.data.find((i) => i.customer.id === customers[1].id);
    await orb.invoices.issue(other.id);
    const voided = await orb.invoices.void(other.id);
    assert.equal(voided.status, 'void');
    assert.equal((await orb.invoices.fetch(other.id)).status, 'void');
    assert.equal((await orb.invoices.list({ status: ['void'] })).data.length, 1);
    await rejects(orb.invoices.fetch('nope'), 404);
  });

  await step('invoices: auto-pagination gives each invoice once, in Orb\'s order; filters', async () => {
    const all = ['draft', 'issued', 'paid', 'void'];
    const whole = (await orb.invoices.list({ status: all, limit: 100 })).data;
    assert.ok(whole.length >= 2);
    const seen = [];
    for await (const inv of orb.invoices.list({ status: all, limit: 1 })) seen.push(inv.id);
    assert.deepEqual(seen, whole.map((i) => i.id));
    assert.equal(new Set(seen).size, seen.length);
    // Orb's order: the latest invoice date first.
    const dates = whole.map((i) => Date.parse(i.invoice_date));
    assert.deepEqual([...dates].sort((a, b) => b - a), dates);
    const first = whole[0];
    const day = first.invoice_date.slice(0, 10);
    const sameDay = await orb.invoices.list({ status: all, 'invoice_date[gte]': day, 'invoice_date[lte]': `${day}T00:00:00Z` });
    assert.ok(sameDay.data.some((i) => i.id === first.id));
    const after = await orb.invoices.list({ status: all, 'invoice_date[gt]': `${day}T00:00:00Z` });
    assert.ok(!after.data.some((i) => i.id === first.id));
    const mine = await orb.invoices.list({ status: all, customer_id: first.customer.id });
    assert.ok(mine.data.every((i) => i.customer.id === first.customer.id));
    await rejects(orb.invoices.list({ cursor: 'not-a-cursor' }), 400);
    await rejects(orb.invoices.list({ limit: 101 }), 400);
  });

  await step('subscriptions: auto-pagination gives each once, the newest first; status and created_at filters', async () => {
    const whole = (await orb.subscriptions.list({ limit: 100 })).data;
    assert.ok(whole.length >= 2);
    const seen = [];
    for await (const s of orb.subscriptions.list({ limit: 1 })) seen.push(s.id);
    assert.deepEqual(seen, whole.map((s) => s.id));
    const created = whole.map((s) => Date.parse(s.created_at));
    assert.deepEqual([...created].sort((a, b) => b - a), created);
    const active = [];
    for await (const s of orb.subscriptions.list({ limit: 1, status: 'active' })) active.push(s.id);
    assert.deepEqual(active, whole.filter((s) => s.status === 'active').map((s) => s.id));
    const later = await orb.subscriptions.list({ 'created_at[gt]': whole[whole.length - 1].created_at });
    assert.ok(!later.data.some((s) => s.id === whole[whole.length - 1].id));
    await rejects(orb.subscriptions.list({ cursor: 'bm9wZQ' }), 400);
    await rejects(orb.subscriptions.list({ 'created_at[gt]': 'yesterday' }), 400);
  });

  await step('dates: every day and instant Orb types as datetime is an ISO 8601 date-time with a zone', async () => {
    const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?(Z|[+-]\d{2}:\d{2})$/;
    const check = (what, o, fields) => {
      for (const f of fields) {
        if (o[f] === null || o[f] === undefined) continue;
        assert.match(String(o[f]), instant, `${what}.${f} = ${o[f]}`);
      }
    };
    const all = ['draft', 'issued', 'paid', 'void'];
    let invoices = 0;
    for await (const inv of orb.invoices.list({ status: all })) {
      invoices++;
      check('invoice', inv, ['invoice_date', 'due_date', 'created_at', 'issued_at', 'paid_at', 'voided_at']);
      assert.ok(inv.invoice_date);
      for (const l of inv.line_items) check('line item', l, ['start_date', 'end_date']);
    }
    assert.ok(invoices > 0);
    for await (const s of orb.subscriptions.list())
      check('subscription', s, ['start_date', 'end_date', 'created_at', 'current_billing_period_start_date', 'current_billing_period_end_date']);
    for (const c of customers) check('customer', await orb.customers.fetch(c.id), ['created_at']);
    for await (const b of orb.customers.balanceTransactions.list(customers[0].id)) check('balance transaction', b, ['created_at']);
    for await (const b of orb.customers.credits.list(customers[0].id, { include_all_blocks: true })) check('credit block', b, ['effective_date', 'expiry_date']);
    for await (const b of orb.events.backfills.list()) check('backfill', b, ['created_at', 'timeframe_start', 'timeframe_end', 'close_time', 'reverted_at']);
    // A day is the start of that day in the customer's time zone.
    const la = await orb.customers.create({ name: 'Pacific', email: 'ap@pacific.test', external_customer_id: 'pacific', currency: 'USD', timezone: 'America/Los_Angeles' });
    const s = await orb.subscriptions.create({ customer_id: la.id, external_plan_id: 'usage', start_date: '2026-03-01' });
    assert.equal(s.start_date, '2026-03-01T08:00:00Z');
    const up = await orb.invoices.fetchUpcoming({ subscription_id: s.id });
    check('upcoming invoice', up, ['target_date', 'invoice_date', 'due_date']);
    assert.equal(up.target_date, '2026-04-01T07:00:00Z'); // after the change to daylight saving time
    const cancelled = await orb.subscriptions.cancel(s.id, { cancel_option: 'requested_date', cancellation_date: '2026-03-15T12:00:00-07:00' });
    assert.equal(cancelled.end_date, '2026-03-15T07:00:00Z');
  });

  await step('subscriptions: cancel (immediate, requested_date, end_of_subscription_term)', async () => {
    const s3 = await orb.subscriptions.create({ external_customer_id: 'initech', external_plan_id: 'usage', start_date: '2026-03-01' });
    const a = await orb.subscriptions.cancel(s3.id, { cancel_option: 'end_of_subscription_term' });
    assert.equal(a.end_date, '2026-04-01T00:00:00Z');
    const b = await orb.subscriptions.cancel(subs[1].id, { cancel_option: 'immediate' });
    assert.equal(b.end_date, '2026-03-20T00:00:00Z');
    await rejects(orb.subscriptions.cancel(subs[0].id, { cancel_option: 'requested_date' }), 400);
    const c = await orb.subscriptions.cancel(subs[0].id, { cancel_option: 'requested_date', cancellation_date: '2026-03-25' });
    assert.equal(c.end_date, '2026-03-25T00:00:00Z');
  });

  await step('webhooks: signed as Orb signs them (SDK unwrap), retried after a 500 with the same event id, logged', async () => {
    const wanted = ['customer.created', 'customer.edited', 'subscription.created', 'invoice.issued', 'invoice.manually_marked_as_paid', 'invoice.voided'];
    const types = () => new Set(deliveries.map((d) => JSON.parse(d.body).type));
    await until(`webhooks ${wanted.join(', ')}`, () => wanted.every((t) => types().has(t)));
    const verifier = new Orb({ apiKey: 'unused', baseURL, webhookSecret: hook.secret });
    for (const d of deliveries) {
      const event = verifier.webhooks.unwrap(d.body, d.headers);
      assert.ok(event.id && event.created_at && event.type);
      assert.deepEqual(event.properties, {});
    }
    assert.throws(() => verifier.webhooks.unwrap(deliveries[0].body.replace('"', ' "'), deliveries[0].headers), /signature/);
    assert.throws(() => verifier.webhooks.unwrap(deliveries[0].body, deliveries[0].headers, 'whsec_wrong'), /signature/);
    const first = JSON.parse(deliveries[0].body);
    assert.equal(first.type, 'customer.created');
    assert.equal(first.customer.id, customers[0].id);
    await until('the retry of the first delivery', () => deliveries.slice(1).some((d) => JSON.parse(d.body).id === first.id));
    const issued = deliveries.map((d) => JSON.parse(d.body)).find((e) => e.type === 'invoice.issued');
    assert.ok(issued.invoice.invoice_number);
    const log = cliJson('webhooks', 'log', hook.id).data.filter((a) => a.event_id === first.id);
    assert.deepEqual(log.map((a) => [a.attempt, a.status]).sort(), [[1, 500], [2, 200]]);
    assert.equal(cliJson('webhooks', 'list').data[0].deliveries.failed, 0);
  });


  await step('shapes: every object has the fields the SDK\'s types declare, null only where they allow it', async () => {
    const sdk = join(here, 'node_modules', 'orb-billing');
    const diffs = [];
    const check = (what, o, file, name, absent) => diffs.push(...shapeDifferences(what, o, sdkFields(sdk, file, name), absent ?? ABSENT[name] ?? []));
    check('customer', await orb.customers.fetch(customers[1].id), 'customers/customers.d.ts', 'Customer');
    // Orb's action names, also for the entries of issuing and voiding an invoice.
    const actions = ['applied_to_invoice', 'manual_adjustment', 'prorated_refund', 'revert_prorated_refund', 'return_from_voiding', 'credit_note_applied',
                     'credit_note_voided', 'overpayment_refund', 'external_payment', 'small_invoice_carryover'];
    const seenActions = new Set();
    for await (const t of orb.customers.balanceTransactions.list(customers[1].id)) {
      check('balance transaction', t, 'customers/balance-transactions.d.ts', 'BalanceTransactionListResponse');
      assert.ok(actions.includes(t.action), `action ${t.action}`);
      seenActions.add(t.action);
    }
    assert.deepEqual([...seenActions].sort(), ['applied_to_invoice', 'manual_adjustment', 'return_from_voiding']);
    check('plan', await orb.plans.fetch(plan.id), 'plans/plans.d.ts', 'Plan');
    for await (const s of orb.subscriptions.list()) {
      check('subscription', s, 'subscriptions.d.ts', 'Subscription');
      check('subscription.customer', s.customer, 'customers/customers.d.ts', 'Customer');
      check('subscription.plan', s.plan, 'plans/plans.d.ts', 'Plan');
    }
    for await (const i of orb.invoices.list({ status: ['draft', 'issued', 'paid', 'void'] })) check('invoice', i, 'shared.d.ts', 'Invoice');
    const live = (await orb.subscriptions.list({ status: ['active'] })).data[0];
    check('upcoming invoice', await orb.invoices.fetchUpcoming({ subscription_id: live.id }), 'invoices.d.ts', 'InvoiceFetchUpcomingResponse');
    for await (const b of orb.events.backfills.list()) check('backfill', b, 'events/backfills.d.ts', 'BackfillFetchResponse');
    check('ingest answer', await orb.events.ingest({ events: [] }), 'events/events.d.ts', 'EventIngestResponse');
    for await (const b of orb.customers.credits.list(customers[2].id, { include_all_blocks: true }))
      check('credit block', b, 'customers/credits/credits.d.ts', 'CreditListResponse');
    console.log(diffs.join('\n'));
    assert.deepEqual(diffs, []);
  });

  await step('api-keys list shows when each key was last used (recorded off the requests\' path)', async () => {
    const unused = cliJson('api-keys', 'create', '--name', 'unused', '--role', 'billing');
    const used = (id) => cliJson('api-keys', 'list').data.find((k) => k.id === id).last_used_at;
    await until('the keys\' last use recorded', () => used(admin.id) !== null && used(ingestKey.id) !== null, 10000);
    assert.equal(used(admin.id), NOW); // the server's clock, to the minute
    assert.equal(used(unused.id), null);
    assert.match(cli('api-keys', 'list'), /LAST USED[\s\S]*never/);
  });

  await step('a key revoked while the server runs gets 401 within seconds', async () => {
    const client = new Orb({ apiKey: billing.key, baseURL, maxRetries: 0 });
    assert.equal((await client.customers.list()).data.length, 5);
    cli('api-keys', 'revoke', billing.id);
    // The server re-checks a key it knows at most a second after its last check.
    await until('the revoked key refused', async () => {
      try {
        await client.customers.list();
        return false;
      } catch (e) {
        return e.status === 401;
      }
    }, 5000);
    await rejects(client.customers.list(), 401, '401-authentication-error');
  });
} catch (e) {
  failures++;
  console.log(`FAIL setup: ${e && e.stack ? e.stack : e}`);
} finally {
  if (server) server.process.kill('SIGTERM');
  if (receiver) receiver.close();
  rmSync(dir, { recursive: true, force: true });
}
console.log(`${passed} passed, ${failures} failed`);
process.exit(failures ? 1 : 0);
