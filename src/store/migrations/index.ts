import { initialSchema } from './001-initial.ts';
import { sharedState } from './002-shared-state.ts';
import { personState } from './003-person-state.ts';
import type { Migration } from './migration.ts';

/** Every migration in order. Add `NNN-name.ts` and list it here; never edit an applied one. */
export const MIGRATIONS: readonly Migration[] = [initialSchema, sharedState, personState];
