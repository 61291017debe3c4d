/**
 * The training store port lives with the other store ports (src/store/training-store.ts); the
 * training services name it from here. Opened with the case store by src/store/open-store.ts.
 */
export { newSessionId, type SavedSession, type TrainingStore } from '../store/training-store.ts';
