import { initialSchema } from './001-initial.ts';
import { sharedState } from './002-shared-state.ts';
import { auditLedger } from './003-audit-ledger.ts';
import { lifecycle } from './004-lifecycle.ts';
import { personState } from './005-person-state.ts';
import { review } from './006-review.ts';
import type { Migration } from './migration.ts';

/** Every migration in order. Add `NNN-name.ts` and list it here; never edit an applied one. */
export const MIGRATIONS: readonly Migration[] = [initialSchema, sharedState, auditLedger, lifecycle, personState, review];
