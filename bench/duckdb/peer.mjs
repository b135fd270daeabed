// The DuckDB peer of `make bench`: loads the exported panel and answers the peer question with
// 2 threads. Usage: node peer.mjs WORK_DIR OUT_CSV. Prints one JSON line of timings.
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [dir, out] = process.argv.slice(2);
const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
const conn = await instance.connect();
const t0 = performance.now();
await conn.run(`CREATE TABLE panel AS SELECT * FROM read_csv('${dir}/peer_panel.csv', header = true,
  columns = {'enterprise_id': 'INTEGER', 'period': 'INTEGER', 'indicator': 'VARCHAR', 'value': 'DOUBLE'})`);
await conn.run(`CREATE TABLE enterprise AS SELECT * FROM read_csv('${dir}/peer_enterprise.csv', header = true,
  columns = {'enterprise_id': 'INTEGER', 'province': 'VARCHAR', 'division': 'VARCHAR'})`);
const t1 = performance.now();
await conn.run(`CREATE TABLE answer AS
  SELECT c.period, e.province, e.division, c.indicator, SUM(c.value)/SUM(p.value) - 1 AS growth
  FROM panel c JOIN panel p ON p.enterprise_id = c.enterprise_id AND p.indicator = c.indicator
    AND p.period = c.period - 12
  JOIN enterprise e ON e.enterprise_id = c.enterprise_id
  GROUP BY 1,2,3,4`);
const t2 = performance.now();
await conn.run(`COPY answer TO '${out}' (HEADER, DELIMITER ',')`);
const rows = (await conn.runAndReadAll('SELECT count(*) FROM answer')).getRows()[0][0];
// This process's own peak (VmHWM of its address space): getrusage would also count the
// benchmark's peak, whose address space the spawning shell briefly shared (vfork).
const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
const peak_gib = hwm ? Number(hwm[1]) / (1024 * 1024) : -1;
console.log(JSON.stringify({ load_s: (t1 - t0) / 1000, query_s: (t2 - t1) / 1000, rows: Number(rows), peak_gib }));
