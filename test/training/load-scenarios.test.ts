import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DISPUTE_CATEGORIES } from '../../src/core/types.ts';
import { DEFAULT_SCENARIO_DIR, findScenario, loadScenarios, scenarioDirOf } from '../../src/training/load-scenarios.ts';
import { mkdirSync } from 'node:fs';

function dirWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'settle-scenarios-'));
  copyFileSync(join(DEFAULT_SCENARIO_DIR, '_training.json'), join(dir, '_training.json'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

const good = readFileSync(join(DEFAULT_SCENARIO_DIR, 'missing-item-zh.json'), 'utf8');
const edit = (f: (o: Record<string, unknown>) => void) => {
  const o = JSON.parse(good) as Record<string, unknown>;
  f(o);
  return JSON.stringify(o);
};

describe('the bundled scenarios', () => {
  const lib = loadScenarios();

  it('has at least 12, both languages, every category, a malicious one, a counterfeit claim and a price drop', () => {
    expect(lib.scenarios.length).toBeGreaterThanOrEqual(12);
    expect(new Set(lib.scenarios.map((s) => s.lang))).toEqual(new Set(['zh', 'en']));
    for (const c of DISPUTE_CATEGORIES) expect(lib.scenarios.some((s) => s.category === c), c).toBe(true);
    for (const lang of ['zh', 'en']) expect(lib.scenarios.some((s) => s.lang === lang && s.category === 'malicious'), lang).toBe(true);
    expect(lib.scenarios.some((s) => s.subtype === 'counterfeit_claim')).toBe(true);
    expect(lib.scenarios.some((s) => s.subtype === 'price_drop')).toBe(true);
  });

  it('converts money to minor units and merges the default lines', () => {
    const s = findScenario(lib, 'missing-item-zh');
    expect(s.case.order?.items[0]?.unitPriceMinor).toBe(5900);
    expect(s.case.order?.totalMinor).toBe(17700);
    expect(s.lines.walkAway.length).toBeGreaterThan(0);
    expect(s.replySeconds).toEqual(lib.settings.replySeconds);
    expect(s.hidden[0]?.facts).toEqual({ weightMatchesCustomerClaim: true });
  });

  it('an unknown id is not_found, listing the known ones', () => {
    expect(() => findScenario(lib, 'nope')).toThrow(/no scenario 'nope'; known: .*missing-item-zh/);
  });
});

describe('a bad scenario file names the file and the key', () => {
  it.each([
    ['missing opening', edit((o) => { delete o.opening; }), /bad\.json: opening/],
    ['subtype of another category', edit((o) => { o.subtype = 'price_drop'; }), /bad\.json: subtype: subtype does not belong to category/],
    ['unknown subtype', edit((o) => { o.subtype = 'lost_cat'; }), /bad\.json: subtype: not a POLICY\.md §1 subtype/],
    ['price as text', edit((o) => { (o.order as { items: { unitPrice: unknown }[] }).items[0]!.unitPrice = '59'; }), /bad\.json: order\.items\[0\]\.unitPrice/],
    ['hidden fact of the wrong type', edit((o) => { (o.hiddenFacts as { value: unknown }[])[0]!.value = 'heavy'; }), /bad\.json: hiddenFacts\[0\]\.value/],
    ['unknown key', edit((o) => { o.mod = 'angry'; }), /bad\.json: .*mod/],
    ['a misspelled key, with a suggestion', edit((o) => { o.opning = o.opening; delete o.opening; }), /bad\.json: opning: unknown key "opning" \(did you mean "opening"\?\)/],
    ['a nested misspelled key', edit((o) => { (o.persona as Record<string, unknown>).moood = 1; }), /bad\.json: persona\.moood: unknown key "moood"/],
    ['not JSON', '{"id": ', /bad\.json: not valid JSON/],
  ])('%s', (_name, text, message) => {
    expect(() => loadScenarios(dirWith({ 'bad.json': text }))).toThrow(message);
  });

  it('two files with one id', () => {
    expect(() => loadScenarios(dirWith({ 'a.json': good, 'b.json': good }))).toThrow(/b\.json: id: 'missing-item-zh' is also the id of a\.json/);
  });

  it('a broken _training.json', () => {
    const dir = dirWith({});
    writeFileSync(join(dir, '_training.json'), JSON.stringify({ replySeconds: { target: 60, slow: 30 }, maxTurns: 10, lines: { zh: {}, en: {} } }));
    expect(() => loadScenarios(dir)).toThrow(/_training\.json: replySeconds: slow must be ≥ target/);
  });
});

describe('the scenario folder follows the playbook folder', () => {
  it('is scenarios/ inside SETTLE_PLAYBOOK_DIR when the store has one', () => {
    const pb = mkdtempSync(join(tmpdir(), 'settle-pb-'));
    mkdirSync(join(pb, 'scenarios'));
    expect(scenarioDirOf(pb)).toBe(join(pb, 'scenarios'));
  });

  it('falls back to the bundled scenarios for a playbook folder without one, or none', () => {
    expect(scenarioDirOf(mkdtempSync(join(tmpdir(), 'settle-pb-')))).toBe(DEFAULT_SCENARIO_DIR);
    expect(scenarioDirOf(undefined)).toBe(DEFAULT_SCENARIO_DIR);
  });
});
