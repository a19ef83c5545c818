// Canonical value form shared with tests/AgentSpines.EventLog.Interop/Canonical.cs: null, booleans, integers as
// decimal strings, FLOAT/DOUBLE as the 16 hex digits of the IEEE-754 double bits (every NaN as "NaN"), strings as is.
const f64 = new Float64Array(1);
const u64 = new BigUint64Array(f64.buffer);

export function bits(x) {
  if (Number.isNaN(x)) return 'NaN';
  f64[0] = x;
  return u64[0].toString(16).padStart(16, '0');
}

export function canon(type, v) {
  if (v === null || v === undefined) return null;
  switch (type) {
    case 'bool': return Boolean(v);
    case 'int32': case 'uint32': case 'int64': case 'uint64': return BigInt(v).toString();
    case 'float': case 'double': return bits(Number(v));
    case 'string': return String(v);
    default: throw new Error(`unknown type ${type}`);
  }
}

/** DuckDB type names that a canonical column type may be read as. */
export const duckTypes = {
  bool: ['BOOLEAN'],
  int32: ['INTEGER', 'SMALLINT', 'TINYINT'],
  uint32: ['UINTEGER', 'USMALLINT', 'UTINYINT'],
  int64: ['BIGINT'],
  uint64: ['UBIGINT'],
  float: ['FLOAT'],
  double: ['DOUBLE'],
  string: ['VARCHAR'],
};

export function typeOfDuck(duckType) {
  for (const [k, v] of Object.entries(duckTypes)) if (v.includes(duckType)) return k;
  throw new Error(`no canonical type for DuckDB type ${duckType}`);
}

/** Full-content comparison; throws naming the first differing row and column. */
export function assertSameRows(actual, expected, columns, what) {
  if (actual.length !== expected.length) throw new Error(`${what}: ${actual.length} rows, expected ${expected.length}`);
  for (let r = 0; r < expected.length; r++) {
    for (let c = 0; c < columns.length; c++) {
      const a = actual[r][c];
      const e = expected[r][c];
      if (a !== e) throw new Error(`${what}: row ${r} column ${columns[c].name}: read ${JSON.stringify(a)}, expected ${JSON.stringify(e)}`);
    }
  }
}
