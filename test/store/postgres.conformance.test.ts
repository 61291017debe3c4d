import { describe, it } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres-store.ts';
import { describeStoreConformance } from './conformance.ts';
import { freshSchema, TEST_DATABASE_URL, warnSkipped } from './pg-schema.ts';

const base = TEST_DATABASE_URL;
if (!base) {
  warnSkipped('postgres conformance');
  describe.skip('Store conformance: Postgres (needs SETTLE_TEST_DATABASE_URL)', () => {
    it('runs against a real server', () => undefined);
  });
} else {
  describeStoreConformance({
    name: 'Postgres',
    async open() {
      const schema = await freshSchema(base, 'conf');
      const store = await openPostgresStore(schema.url, { maxConnections: 8 });
      return {
        store, training: store.training,
        exec: async (sql) => void (await store.pool.query(sql)),
        async close() {
          await store.close();
          await schema.drop();
        },
      };
    },
  });
}
