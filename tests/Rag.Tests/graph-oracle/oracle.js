#!/usr/bin/env node
// Test-only oracle: loads a Cypher CREATE script into kuzu (an independent embedded Cypher database) and runs queries,
// printing one JSON line per query: {"ok":true,"columns":[...],"rows":[[...]]} or {"ok":false,"error":"..."}.
// Usage: node oracle.js <script.cypher> <queries.jsonl>   (each line has a "cypher" field, maybe "parameters")
// kuzu needs a schema, so node and relationship tables are derived from the script: one node table per label (first
// label of a node), one relationship table per type with every FROM/TO label pair seen, columns typed from the values.
// Nodes get a hidden _oid primary key; values are printed the way `graph query --json` prints them: a node as
// {"_labels":[...], ...properties}, a relationship as {"_type":..., ...properties}, null properties left out.
'use strict';
const fs = require('fs');
const kuzu = require('kuzu');

function tokenize(text) {
  const tokens = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '/' && text[i + 1] === '/') { while (i < text.length && text[i] !== '\n') i++; continue; }
    if (c === "'" || c === '"') {
      let j = i + 1, s = '';
      while (text[j] !== c) { if (text[j] === '\\') { j++; s += text[j] === 'n' ? '\n' : text[j]; } else s += text[j]; j++; if (j > text.length) throw new Error('unterminated string'); }
      tokens.push({ t: 'str', v: s }); i = j + 1; continue;
    }
    const num = /^-?\d+(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 40));
    if (num && (c !== '-' || /[:,\[]/.test(tokens.length ? tokens[tokens.length - 1].v : ''))) {
      tokens.push({ t: 'num', v: Number(num[0]), int: !num[1] && !num[2] }); i += num[0].length; continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(i, i + 200));
    if (id) { tokens.push({ t: 'id', v: id[0] }); i += id[0].length; continue; }
    if (c === '`') { const j = text.indexOf('`', i + 1); tokens.push({ t: 'id', v: text.slice(i + 1, j) }); i = j + 1; continue; }
    const sym = ['->', '<-'].find(s => text.startsWith(s, i)) || c;
    tokens.push({ t: 'sym', v: sym }); i += sym.length;
  }
  return tokens;
}

// Parses CREATE statements (and skips CREATE INDEX / CONSTRAINT) into nodes and relationships.
function parseScript(text) {
  const tk = tokenize(text);
  let p = 0;
  const peek = () => tk[p] || { t: 'end', v: '' };
  const next = () => tk[p++];
  const expect = v => { const t = next(); if (!t || t.v !== v) throw new Error(`expected ${v} at token ${p}, got ${t && t.v}`); return t; };
  const nodes = [], rels = [];
  let vars = new Map();
  function value() {
    const t = next();
    if (t.t === 'str') return t.v;
    if (t.t === 'num') return t.int ? { int: t.v } : t.v;
    if (t.t === 'id' && /^(true|false)$/i.test(t.v)) return t.v.toLowerCase() === 'true';
    if (t.t === 'id' && /^null$/i.test(t.v)) return null;
    if (t.v === '[') { const items = []; while (peek().v !== ']') { items.push(value()); if (peek().v === ',') next(); } next(); return items; }
    throw new Error('unsupported value ' + t.v);
  }
  function map() {
    const m = {};
    if (peek().v !== '{') return m;
    next();
    while (peek().v !== '}') { const k = next().v; expect(':'); m[k] = value(); if (peek().v === ',') next(); }
    next();
    return m;
  }
  function node() {
    expect('(');
    let v = null, labels = [];
    if (peek().t === 'id') v = next().v;
    while (peek().v === ':') { next(); labels.push(next().v); }
    const props = map();
    expect(')');
    if (v && vars.has(v) && !labels.length) return vars.get(v);
    const n = { oid: nodes.length, label: labels[0], props };
    nodes.push(n);
    if (v) vars.set(v, n);
    return n;
  }
  while (p < tk.length) {
    if (peek().v === ';') { next(); vars = new Map(); continue; }
    const kw = next();
    if (!/^create$/i.test(kw.v)) throw new Error('only CREATE is supported, got ' + kw.v);
    if (/^(index|constraint)$/i.test(peek().v)) { while (p < tk.length && peek().v !== ';') next(); continue; }
    for (;;) {
      let left = node();
      while (peek().v === '-' || peek().v === '<-') {
        const incoming = next().v === '<-';
        expect('['); expect(':'); const type = next().v; const props = map(); expect(']');
        if (incoming) expect('-'); else expect('->');
        const right = node();
        rels.push(incoming ? { type, from: right, to: left, props } : { type, from: left, to: right, props });
        left = right;
      }
      if (peek().v !== ',') break;
      next();
    }
  }
  return { nodes, rels };
}

function kuzuType(values) {
  const kinds = new Set(values.filter(v => v !== null && v !== undefined).map(v =>
    Array.isArray(v) ? 'list:' + kuzuType(v) : typeof v === 'object' ? 'INT64' : typeof v === 'number' ? 'DOUBLE' : typeof v === 'boolean' ? 'BOOLEAN' : 'STRING'));
  if (kinds.size === 1) return [...kinds][0].replace(/^list:(.*)$/, '$1[]');
  if (kinds.size === 2 && kinds.has('INT64') && kinds.has('DOUBLE')) return 'DOUBLE';
  return kinds.size === 0 ? 'STRING' : 'STRING';
}

function literal(v, type) {
  if (v === null || v === undefined) return 'NULL';
  if (Array.isArray(v)) return '[' + v.map(x => literal(x, type.replace(/\[\]$/, ''))).join(',') + ']';
  if (typeof v === 'object') return type === 'DOUBLE' ? `${v.int}.0` : String(v.int);
  if (typeof v === 'number') return Number.isInteger(v) ? `${v}.0` : String(v);
  if (typeof v === 'boolean') return String(v);
  return "'" + v.replace(/\\/g, '\\\\').replace(/'/g, "\\'") + "'";
}

function schema(graph) {
  const tables = new Map(), relTables = new Map();
  const columns = (owner, props) => { for (const [k, v] of Object.entries(props)) { if (!owner.has(k)) owner.set(k, []); owner.get(k).push(v); } };
  for (const n of graph.nodes) { if (!tables.has(n.label)) tables.set(n.label, new Map()); columns(tables.get(n.label), n.props); }
  for (const r of graph.rels) {
    if (!relTables.has(r.type)) relTables.set(r.type, { pairs: new Set(), cols: new Map() });
    relTables.get(r.type).pairs.add(r.from.label + '\u0000' + r.to.label);
    columns(relTables.get(r.type).cols, r.props);
  }
  const types = m => new Map([...m].map(([k, vs]) => [k, kuzuType(vs)]));
  return {
    nodes: new Map([...tables].map(([l, cols]) => [l, types(cols)])),
    rels: new Map([...relTables].map(([t, x]) => [t, { pairs: [...x.pairs].map(s => s.split('\u0000')), cols: types(x.cols) }])),
  };
}

function plain(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(plain);
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') {
    if ('_nodes' in v && '_rels' in v) return { nodes: v._nodes.map(plain), relationships: v._rels.map(plain) };
    if ('_label' in v && '_id' in v) {
      const out = '_src' in v ? { _type: v._label } : { _labels: [v._label] };
      for (const [k, x] of Object.entries(v)) if (!k.startsWith('_') && x !== null) out[k] = plain(x);
      return out;
    }
    const out = {};
    for (const [k, x] of Object.entries(v)) out[k] = plain(x);
    return out;
  }
  return v;
}

async function main() {
  const [scriptFile, queriesFile] = process.argv.slice(2);
  if (!scriptFile || !queriesFile) { console.error('usage: node oracle.js <script.cypher> <queries.jsonl>'); process.exit(2); }
  const graph = parseScript(fs.readFileSync(scriptFile, 'utf8'));
  const s = schema(graph);
  const db = new kuzu.Database(':memory:');
  const conn = new kuzu.Connection(db);
  for (const [label, cols] of s.nodes) {
    const defs = [...cols].map(([k, t]) => `\`${k}\` ${t}`);
    await conn.query(`CREATE NODE TABLE \`${label}\`(_oid INT64, ${defs.length ? defs.join(', ') + ', ' : ''}PRIMARY KEY(_oid))`);
  }
  for (const [type, r] of s.rels) {
    const defs = [...r.cols].map(([k, t]) => `, \`${k}\` ${t}`).join('');
    await conn.query(`CREATE REL TABLE \`${type}\`(${r.pairs.map(([f, t]) => `FROM \`${f}\` TO \`${t}\``).join(', ')}${defs})`);
  }
  const props = (m, cols) => Object.entries(m).filter(([, v]) => v !== null).map(([k, v]) => `\`${k}\`: ${literal(v, cols.get(k))}`);
  for (const n of graph.nodes) {
    const cols = s.nodes.get(n.label);
    await conn.query(`CREATE (:\`${n.label}\` {${['_oid: ' + n.oid, ...props(n.props, cols)].join(', ')}})`);
  }
  for (const r of graph.rels) {
    const cols = s.rels.get(r.type).cols;
    await conn.query(`MATCH (a:\`${r.from.label}\` {_oid: ${r.from.oid}}), (b:\`${r.to.label}\` {_oid: ${r.to.oid}}) CREATE (a)-[:\`${r.type}\` {${props(r.props, cols).join(', ')}}]->(b)`);
  }
  const lines = fs.readFileSync(queriesFile, 'utf8').split('\n').filter(l => l.trim());
  for (const line of lines) {
    const { cypher, parameters } = JSON.parse(line);
    try {
      const result = parameters ? await conn.execute(await conn.prepare(cypher), parameters) : await conn.query(cypher);
      const columns = result.getColumnNamesSync();
      const rows = result.getAllSync().map(r => columns.map(c => plain(r[c])));
      console.log(JSON.stringify({ ok: true, columns, rows }));
    } catch (e) {
      console.log(JSON.stringify({ ok: false, error: String(e.message || e).split('\n')[0] }));
    }
  }
}

main().catch(e => { console.error('oracle: ' + (e.message || e)); process.exit(1); });
