/**
 * The port through which the customer speaks in a role-play. The engine decides WHAT happens
 * (mood, revealed facts, resolution) deterministically; a voice only decides HOW it is said.
 * The default speaks the scripted line; the LLM helper plugs in a persona that rephrases it
 * (and must fall back to `scripted` when the model fails — the line is always valid).
 */
import type { Mood, Scenario } from './scenario.ts';
import type { TurnEvent } from './session.ts';
import type { Turn } from './transcript.ts';

export interface CustomerVoiceInput {
  scenario: Scenario;
  /** The transcript so far, ending with the trainee's latest reply. */
  transcript: Turn[];
  /** What the scripted customer says: the meaning any voice must keep. */
  scripted: string;
  mood: Mood;
  event?: TurnEvent;
}

export interface CustomerVoice {
  speak(input: CustomerVoiceInput): Promise<string>;
}

/** The offline default: the scripted line as written in the scenario. */
export const scriptedVoice: CustomerVoice = {
  speak: async (input) => input.scripted,
};
