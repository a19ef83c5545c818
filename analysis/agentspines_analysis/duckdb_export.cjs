// Reads Parquet files with DuckDB (npm @duckdb/node-api) for the Python side when pyarrow is missing.
// usage: node duckdb_export.cjs REQUEST.json
// REQUEST: {"node_modules_parent": DIR, "out_dir": DIR, "tables": {NAME: [FILE, ...]}}
// Writes OUT_DIR/NAME.csv (all files in order, no partition columns, NULL as \N, strings always quoted)
// and prints one JSON object: {NAME: {"columns": [[name, duckdb_type], ...], 
//   "rows_per_file": [N, ...], "metadata": {FILE: {key: base64(value)}}}}.
'use strict';
const fs = require('fs');
const path = require('path');

function sqlString(s) {
  return "'" + String(s).replace(/'/g, "''") + "'";
}

function quoteIdent(s) {
  return '"' + String(s).replace(/"/g, '""') + '"';
}

async function main() {
  const request = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const api = require(require.resolve('@duckdb/node-api', { paths: [request.node_modules_parent] }));
  const instance = await api.DuckDBInstance.create(':memory:');
  const con = await instance.connect();
  const result = {};
  for (const [table, files] of Object.entries(request.tables)) {
    const list = '[' + files.map(sqlString).join(', ') + ']';
    const source = `read_parquet(${list}, hive_partitioning = false, union_by_name = true)`;
    const described = await con.runAndReadAll(`DESCRIBE SELECT * FROM ${source}`);
    const columns = described.getRowObjectsJson().map(r => [r.column_name, r.column_type]);
    const strings = columns.filter(c => c[1] === 'VARCHAR').map(c => quoteIdent(c[0]));
    const csv = path.join(request.out_dir, table + '.csv');
    const force = strings.length ? `, FORCE_QUOTE (${strings.join(', ')})` : '';
    await con.run(`COPY (SELECT * FROM ${source}) TO ${sqlString(csv)} (FORMAT csv, HEADER, NULLSTR '\\N'${force})`);
    const counts = await con.runAndReadAll(`SELECT file_name, num_rows::BIGINT AS n FROM parquet_file_metadata(${list})`);
    const rowsOf = {};
    for (const r of counts.getRowObjectsJson()) rowsOf[r.file_name] = Number(r.n);
    const kv = await con.runAndReadAll(
      `SELECT file_name, to_base64(key) AS k, to_base64(value) AS v FROM parquet_kv_metadata(${list})`);
    const metadata = {};
    for (const f of files) metadata[f] = {};
    for (const r of kv.getRowObjectsJson()) {
      (metadata[r.file_name] = metadata[r.file_name] || {})[Buffer.from(r.k, 'base64').toString('utf8')] = r.v;
    }
    result[table] = { columns, rows_per_file: files.map(f => rowsOf[f]), metadata };
  }
  process.stdout.write(JSON.stringify(result));
}

main().catch(e => {
  process.stderr.write(String(e && e.message ? e.message : e) + '\n');
  process.exit(1);
});
