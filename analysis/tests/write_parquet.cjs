// Test helper: writes a CSV (header, \N = null) as a Parquet file with given column types and key-value metadata.
// usage: node write_parquet.cjs REQUEST.json   REQUEST: {"node_modules_parent", "csv", "out", "types": {col: TYPE}, "kv": {k: v}}
'use strict';
const fs = require('fs');
const q = s => "'" + String(s).replace(/'/g, "''") + "'";
(async () => {
  const r = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const api = require(require.resolve('@duckdb/node-api', { paths: [r.node_modules_parent] }));
  const con = await (await api.DuckDBInstance.create(':memory:')).connect();
  const cols = Object.entries(r.types).map(([c, t]) => `${q(c)}: ${q('VARCHAR')}`).join(', ');
  const select = Object.entries(r.types).map(([c, t]) => `CAST("${c}" AS ${t}) AS "${c}"`).join(', ');
  const kv = Object.entries(r.kv).map(([k, v]) => `${q(k)}: ${q(v)}`).join(', ');
  await con.run(`COPY (SELECT ${select} FROM read_csv(${q(r.csv)}, header = true, nullstr = '\\N', columns = {${cols}}, quote = '"', escape = '"'))
    TO ${q(r.out)} (FORMAT parquet${kv ? `, KV_METADATA {${kv}}` : ''})`);
})().catch(e => { process.stderr.write(String(e.message || e) + '\n'); process.exit(1); });
