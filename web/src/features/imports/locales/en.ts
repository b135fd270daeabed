// English text of 数据导入 imports; the same keys as zh-CN.ts (the type says so).
import type zh from './zh-CN';

const en: typeof zh = {
  imports: {
    title: 'Imports',
    drop: 'Drop a CSV or XLSX file here, or',
    click: 'click to upload',
    tip: 'Observation header: {obs}; enterprise header: {ent}',
    uploading: 'Uploading and validating…',
    result: 'Validation report',
    imported: 'Imported',
    unchanged: 'Unchanged (same as an earlier batch)',
    failed: 'Validation failed; nothing was imported',
    errors: 'Errors',
    warnings: 'Warnings',
    errorCount: '{n} errors',
    warningCount: '{n} warnings',
    line: 'Line',
    column: 'Column',
    errCode: 'Code',
    message: 'Message',
    value: 'Value',
    history: 'Batches',
    batch: 'Batch',
    kind: 'Kind',
    file: 'File',
    format: 'Format',
    sha256: 'SHA-256',
    rows: 'Rows',
    user: 'User',
    createdAt: 'Imported at',
    noErrors: 'No errors',
    wholeFile: 'whole file',
    listed: 'first {n} listed',
    kinds: { observations: 'Observations', enterprises: 'Enterprises' },
  },
};
export default en;
