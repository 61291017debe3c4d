import { openSqliteStore } from '../../src/store/sqlite-store.ts';
import type { TrainingStore } from '../../src/training/training-store.ts';

/** The training store of a SQLite file, with the file's close (tests reopen files to check persistence). */
export function openTrainingFile(path: string): TrainingStore & { close(): Promise<void> } {
  const store = openSqliteStore(path);
  return Object.assign(Object.create(store.training) as TrainingStore, store.training, { close: () => store.close() });
}
