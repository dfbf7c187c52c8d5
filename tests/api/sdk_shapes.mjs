// SPDX-License-Identifier: GPL-3.0-or-later
// The fields Orb's official TypeScript SDK declares for a response object, read from the
// SDK's own type declarations (node_modules/orb-billing/resources/*.d.ts), so that the test
// compares what the server sends with what the pinned SDK expects: every required field
// present (or named as a documented difference), and null only where the SDK allows null.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

// { name: { optional, nullable } } for the top-level fields of `export interface NAME` in a
// declaration file of the SDK's resources (e.g. 'customers/customers.d.ts', 'Customer').
export function sdkFields(sdkDir, file, name) {
  const text = readFileSync(join(sdkDir, 'resources', file), 'utf8');
  const start = text.indexOf(`export interface ${name} {`);
  if (start < 0) throw new Error(`${file}: no interface ${name}`);
  const fields = {};
  let depth = 0;
  let inComment = false;
  for (const line of text.slice(start).split('\n')) {
    const t = line.trim();
    if (inComment) {
      if (t.endsWith('*/')) inComment = false;
      continue;
    }
    if (t.startsWith('/**') || t.startsWith('/*')) {
      if (!t.endsWith('*/')) inComment = true;
      continue;
    }
    if (depth === 1) {
      const m = t.match(/^(\w+)(\??):\s*(.*)$/);
      if (m) fields[m[1]] = { optional: m[2] === '?', nullable: /\|\s*null\b/.test(m[3]) || /\bnull\s*\|/.test(m[3]) };
    }
    for (const ch of t) {
      if (ch === '{') depth++;
      else if (ch === '}') depth--;
    }
    if (depth === 0) break;
  }
  return fields;
}

// The differences of `object` from the SDK's type: required fields missing (unless listed in
// `absent`, the documented differences) and nulls where the SDK's type has no null.
export function shapeDifferences(what, object, fields, absent = []) {
  const out = [];
  for (const [f, spec] of Object.entries(fields)) {
    if (spec.optional) continue;
    if (!(f in object)) {
      if (!absent.includes(f)) out.push(`${what}.${f}: missing`);
      continue;
    }
    if (object[f] === null && !spec.nullable) out.push(`${what}.${f}: null, the SDK's type does not allow null`);
  }
  for (const f of absent)
    if (f in object) out.push(`${what}.${f}: sent, but listed as a documented difference (update the list and docs/API.md)`);
  return out;
}
