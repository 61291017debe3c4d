import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/sqlite-store.ts';
import { describeStoreConformance } from './conformance.ts';

describeStoreConformance({
  name: 'SQLite file',
  async open() {
    const store = openSqliteStore(join(mkdtempSync(join(tmpdir(), 'settle-conformance-')), 'settle.db'));
    return { store, training: store.training, exec: async (sql) => void store.db.exec(sql), close: () => store.close() };
  },
});
