// Drives the npm package sdata-client (a third-party SData client for Node.js) against a running sdata-server:
// creates, reads one, queries a page, reads every page by following $next, updates (without If-Match, as the
// package sends none), deletes, and makes a bad query. Prints what it saw as one JSON line; exits 1 on failure.
// Usage: node sdata-client-drive.js <dataset URL ending in '/'> <tag>
'use strict';
const sdataProvider = require('sdata-client');
const [base, tag] = process.argv.slice(2);
const sdata = sdataProvider(base, 'admin', 'secret');

(async () => {
  const out = {};
  const created = [];
  for (let i = 0; i < 5; i++) created.push(await sdata.create('contacts', { firstName: 'N' + i, lastName: 'Npm' + tag + i }));
  out.createdKeys = created.map(c => c.$key);
  const one = await sdata.get('contacts', created[0].$key);
  out.getLastName = one.lastName;
  out.getEtag = one.$etag;
  const page = await sdata.read('contacts', `lastName like 'Npm${tag}%'`, { orderBy: 'lastName desc', count: 2 });
  out.readTotal = page.$totalResults;
  out.readPage = page.$resources.map(r => r.lastName);
  out.paged = await new Promise((resolve, reject) => {
    const all = [];
    sdata.readPaged('contacts', `lastName like 'Npm${tag}%'`, { orderBy: 'lastName', count: 2 })
      .on('data', r => all.push(r.lastName)).on('end', () => resolve(all)).on('error', reject);
  });
  const updated = await sdata.update('contacts', { $key: created[1].$key, firstName: 'Updated' });
  out.updatedFirstName = updated.firstName;
  out.updatedLastName = updated.lastName;
  await sdata.delete('contacts', created[4].$key);
  try {
    await sdata.get('contacts', created[4].$key);
    out.afterDelete = 'found';
  } catch (e) {
    out.afterDelete = 'refused';
  }
  try {
    await sdata.read('contacts', 'lastName eq');
    out.badQuery = 'answered';
  } catch (e) {
    out.badQuery = 'refused';
  }
  console.log(JSON.stringify(out));
})().catch(e => {
  console.error(e && e.stack || e);
  process.exit(1);
});
