// Independent readers (DuckDB and hyparquet) must return exactly the values our writer wrote.
// Fixtures and expected values come from tests/AgentSpines.EventLog.Interop (write-fixtures), directory $FIXTURES_DIR.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { parquetReadObjects, parquetMetadata } from 'hyparquet';
import { compressors as pluginCompressors } from 'hyparquet-compressors';
import { canon, duckTypes, assertSameRows } from './canonical.mjs';

const dir = process.env.FIXTURES_DIR;
if (!dir) throw new Error('set FIXTURES_DIR (tests/interop/run.sh does)');
const { fixtures } = JSON.parse(fs.readFileSync(path.join(dir, 'fixtures.json'), 'utf8'));
const load = (f) => JSON.parse(fs.readFileSync(path.join(dir, f.expected), 'utf8'));
// hyparquet decodes Snappy itself; GZIP it leaves to a plug-in, here node's zlib; ZSTD (node 20's zlib has none)
// to hyparquet-compressors.
const compressors = { GZIP: (input) => new Uint8Array(zlib.gunzipSync(input)), ZSTD: pluginCompressors.ZSTD };
const sql = (p) => `'${p.replaceAll("'", "''")}'`;
let instance, con;

before(async () => {
  instance = await DuckDBInstance.create(':memory:');
  con = await instance.connect();
});
after(() => { con?.closeSync?.(); });

for (const f of fixtures.filter((x) => x.file)) {
  const file = path.join(dir, f.file);

  test(`duckdb reads ${f.name} exactly`, async () => {
    const exp = load(f);
    const reader = await con.runAndReadAll(`SELECT * FROM read_parquet(${sql(file)}, file_row_number=true) ORDER BY file_row_number`);
    const names = reader.columnNames();
    const types = reader.columnTypes().map(String);
    assert.deepEqual(names.slice(0, -1), exp.columns.map((c) => c.name));
    exp.columns.forEach((c, i) => assert.ok(duckTypes[c.type].includes(types[i]), `${c.name}: DuckDB type ${types[i]} for ${c.type}`));
    const rows = reader.getRows().map((r) => exp.columns.map((c, i) => canon(c.type, r[i])));
    assertSameRows(rows, exp.rows, exp.columns, `duckdb ${f.name}`);

    const meta = (await con.runAndReadAll(`SELECT row_group_id, path_in_schema, compression, encodings FROM parquet_metadata(${sql(file)})`)).getRowObjectsJson();
    assert.equal(new Set(meta.map((m) => m.row_group_id)).size, f.row_groups, 'row groups');
    for (const m of meta) assert.equal(m.compression, f.codec, `${m.path_in_schema} compression`);
    const dictionaryChunks = meta.filter((m) => m.encodings.includes('RLE_DICTIONARY'));
    if (!f.dictionary) assert.equal(dictionaryChunks.length, 0, 'no dictionary encoding when off');
    if (f.name.startsWith('types_') && f.dictionary) {
      for (const m of meta.filter((x) => x.path_in_schema.endsWith('_lo') && !x.path_in_schema.startsWith('boolean')))
        assert.ok(m.encodings.includes('RLE_DICTIONARY'), `${m.path_in_schema} should be dictionary encoded`);
    }
    if (f.name === 'fallback') {
      assert.ok(meta.filter((m) => m.row_group_id === '0').every((m) => m.encodings.includes('RLE_DICTIONARY')), 'low-cardinality group uses the dictionary');
      assert.ok(meta.filter((m) => m.row_group_id === '1').every((m) => !m.encodings.includes('RLE_DICTIONARY')), 'high-cardinality group falls back to PLAIN');
    }
    const kv = (await con.runAndReadAll(`SELECT decode(key) k, decode(value) v FROM parquet_kv_metadata(${sql(file)})`)).getRowObjectsJson();
    assert.ok(kv.some((x) => x.k === 'agentspines.version'), 'software version in key-value metadata');
    const units = kv.find((x) => x.k === 'agentspines.units');
    if (f.name === 'events') assert.equal(JSON.parse(units.v).time_h, 'h');
  });

  test(`hyparquet reads ${f.name} exactly`, async () => {
    const exp = load(f);
    const buf = fs.readFileSync(file);
    const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
    const meta = parquetMetadata(ab);
    assert.equal(meta.row_groups.length, f.row_groups, 'row groups');
    assert.equal(Number(meta.num_rows), exp.rows.length);
    assert.ok(meta.created_by.startsWith('agentspines version '), meta.created_by);
    const objects = exp.rows.length === 0 ? [] : await parquetReadObjects({ file: ab, compressors });
    const rows = objects.map((o) => exp.columns.map((c) => canon(c.type, o[c.name])));
    assertSameRows(rows, exp.rows, exp.columns, `hyparquet ${f.name}`);
  });
}

for (const f of fixtures.filter((x) => x.dataset)) {
  test(`duckdb reads the hive-partitioned ${f.name} with partitions as typed columns`, async () => {
    const exp = load(f);
    const root = path.join(dir, f.dataset);
    assert.ok(fs.existsSync(path.join(root, '_SUCCESS')), '_SUCCESS written');
    const manifest = JSON.parse(fs.readFileSync(path.join(root, 'manifest.json'), 'utf8'));
    const cols = exp.columns.map((c) => `"${c.name}"`).join(', ');
    const reader = await con.runAndReadAll(
      `SELECT ${cols} FROM read_parquet(${sql(path.join(root, f.table, '**', '*.parquet'))}, hive_partitioning=true, file_row_number=true) ORDER BY regime, replicate, file_row_number`);
    const types = reader.columnTypes().map(String);
    assert.equal(types[0], 'VARCHAR');
    assert.equal(types[1], 'BIGINT', 'replicate is read as an integer partition column');
    exp.columns.forEach((c, i) => assert.ok(duckTypes[c.type].includes(types[i]), `${c.name}: ${types[i]}`));
    const rows = reader.getRows().map((r) => exp.columns.map((c, i) => canon(c.type, r[i])));
    assertSameRows(rows, exp.rows, exp.columns, `duckdb dataset`);
    const total = manifest.files.filter((x) => x.table === f.table).reduce((s, x) => s + x.rows, 0);
    assert.equal(total, exp.rows.length, 'manifest row counts');
  });
}
