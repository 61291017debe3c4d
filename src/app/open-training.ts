/**
 * The training service for chat front ends (`/settle train`): the bundled scenarios, the store's
 * playbook, the training tables on the same database as the cases (opened with them by openApp), and the LLM persona when
 * one is configured (the script decides what the customer means; the model only phrases it).
 * A broken scenario folder must not stop the case desk: the failure is logged, training left out.
 */
import type { Playbook } from '../core/playbook/schema.ts';
import type { CustomerVoice } from '../core/training/customer-voice.ts';
import type { Logger } from '../logger.ts';
import { DEFAULT_SCENARIO_DIR, loadScenarios, scenarioDirOf } from '../training/load-scenarios.ts';
import type { App } from './open-app.ts';
import { createTrainingService, type TrainingService } from '../training/training-service.ts';
import type { TrainingStore } from '../training/training-store.ts';

export interface ChatTraining {
  service: TrainingService;
}

/** Opens training for chat; `undefined` (logged) when the scenarios cannot be loaded. */
export function openChatTraining(opts: { store: TrainingStore; playbook: Playbook; logger: Logger; scenarioDir?: string; voice?: CustomerVoice }): ChatTraining | undefined {
  try {
    const library = loadScenarios(opts.scenarioDir ?? DEFAULT_SCENARIO_DIR);
    const service = createTrainingService({ store: opts.store, library, playbook: opts.playbook, ...(opts.voice ? { voice: opts.voice } : {}) });
    opts.logger.info({ scenarios: library.scenarios.length, voice: opts.voice ? 'llm' : 'scripted' }, 'training ready');
    return { service };
  } catch (err) {
    opts.logger.error({ err }, 'training unavailable: the scenarios could not be loaded');
    return undefined;
  }
}

/** Training for an opened app (`settle start`, `settle console`): its store, playbook, log and LLM voice. */
export function openAppTraining(app: Pick<App, 'training' | 'playbook' | 'logger' | 'trainingVoice' | 'config'>): ChatTraining | undefined {
  return openChatTraining({ store: app.training, playbook: app.playbook, logger: app.logger, scenarioDir: scenarioDirOf(app.config.playbookDir), ...(app.trainingVoice ? { voice: app.trainingVoice } : {}) });
}
