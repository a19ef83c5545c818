// The reverse direction: DuckDB writes Parquet files (plain and dictionary encoded, snappy, gzip and zstd, several row
// groups) plus its own canonical dump of the rows; tests/AgentSpines.EventLog.Interop verify-duckdb reads them with
// our reader and compares. Usage: node duckdb-fixtures.mjs OUTDIR
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { canon, typeOfDuck } from './canonical.mjs';

const out = process.argv[2];
fs.mkdirSync(out, { recursive: true });
const instance = await DuckDBInstance.create(':memory:');
const con = await instance.connect();
const q = (p) => `'${p.replaceAll("'", "''")}'`;

// High-cardinality columns (PLAIN) and low-cardinality ones (dictionary), with NULLs, edge values and Unicode.
const select = (low) => `SELECT
  i::BIGINT AS id,
  CASE WHEN i % 9 = 0 THEN NULL ELSE ${low ? 'i % 5' : '(i * 2654435761) % 4294967291 - 2147483645'} END::INTEGER AS int32_col,
  CASE WHEN i % 7 = 0 THEN NULL ELSE ${low ? '(i % 4) * 1000000007' : '(i * 3037000493) % 9223372036854775783 - 4611686018427387904'} END::BIGINT AS int64_col,
  ${low ? 'i % 3' : 'i * 97'}::UINTEGER AS uint32_col,
  CASE WHEN i % 11 = 0 THEN NULL ELSE ${low ? 'i % 6' : 'i * 40503'} END::UBIGINT AS uint64_col,
  ${low ? 'i % 4' : 'i % 200 - 100'}::TINYINT AS int8_col,
  CASE WHEN i % 5 = 0 THEN NULL ELSE ${low ? '(i % 4) * 0.25' : 'i * 0.37 - 500'} END::FLOAT AS float_col,
  CASE WHEN i % 13 = 0 THEN NULL WHEN i % 101 = 1 THEN 'NaN'::DOUBLE WHEN i % 103 = 2 THEN '-inf'::DOUBLE WHEN i % 107 = 3 THEN -0.0
       ELSE ${low ? '(i % 8) * 0.125' : 'i * 1.000001e-3 - 7.5'} END::DOUBLE AS double_col,
  (i % 2 = 0) AS bool_col,
  CASE WHEN i % 6 = 0 THEN NULL ELSE ${low ? "['formed', 'état', '日本語', '', 'emoji 😀'][(i % 5) + 1]" : "'spine-' || i || '-' || repeat('x', (i % 17)::INTEGER)"} END::VARCHAR AS string_col
FROM range(5000) t(i) ORDER BY i`;

const fixtures = [];
for (const low of [false, true]) {
  await con.run(`CREATE OR REPLACE TABLE t AS ${select(low)}`);
  const reader = await con.runAndReadAll('SELECT * FROM t ORDER BY id');
  const columns = reader.columnNames().map((name, i) => ({ name, type: typeOfDuck(String(reader.columnTypes()[i])) }));
  const rows = reader.getRows().map((r) => columns.map((c, i) => canon(c.type, r[i])));
  for (const codec of ['snappy', 'gzip', 'zstd']) {
    const name = `duckdb_${low ? 'dict' : 'plain'}_${codec}`;
    const file = `${name}.parquet`;
    await con.run(`COPY (SELECT * FROM t ORDER BY id) TO ${q(path.join(out, file))} (FORMAT parquet, COMPRESSION ${codec}, ROW_GROUP_SIZE 2048)`);
    const meta = (await con.runAndReadAll(`SELECT row_group_id, path_in_schema, encodings FROM parquet_metadata(${q(path.join(out, file))})`)).getRowObjectsJson();
    const dict = meta.filter((m) => /DICTIONARY/.test(m.encodings)).length;
    if (low && dict === 0) throw new Error(`${name}: DuckDB wrote no dictionary pages`);
    fs.writeFileSync(path.join(out, `${name}.expected.json`), JSON.stringify({ columns, rows }));
    fixtures.push({ name, file, expected: `${name}.expected.json`, row_groups: new Set(meta.map((m) => m.row_group_id)).size, dictionary_chunks: dict });
  }
}
fs.writeFileSync(path.join(out, 'duckdb-fixtures.json'), JSON.stringify({ fixtures }, null, 1));
for (const f of fixtures) console.log(`duckdb wrote ${f.name}: ${f.row_groups} row groups, ${f.dictionary_chunks} dictionary-encoded chunks`);
