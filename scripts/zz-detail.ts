import { readFileSync } from 'node:fs';
import { parseCaseLine } from '../src/core/contract/parse-case.ts';
import { scoreTranscript } from '../src/core/training/score-transcript.ts';
import { loadPlaybook } from '../src/playbook/load-playbook.ts';
import { DEFAULT_SCENARIO_DIR, loadScenarios } from '../src/training/load-scenarios.ts';
const playbook = loadPlaybook('playbooks');
const replySeconds = loadScenarios(DEFAULT_SCENARIO_DIR).settings.replySeconds;
const [file, ...fams] = process.argv.slice(2);
for (const l of readFileSync(file!, 'utf8').split('\n').filter((x) => x.trim())) {
  const g = JSON.parse(l);
  if (fams.length && !fams.includes(g.family)) continue;
  const customerWords = g.turns.filter((t: any) => t.role === 'customer').map((t: any) => t.text).join('\n');
  const first = g.turns.find((t: any) => t.at)?.at;
  const now = first ? new Date(first) : new Date();
  const caseInput = parseCaseLine({ id: g.id, message: customerWords, lang: g.lang, ...g.case }, now).value;
  const card = scoreTranscript(null, g.turns, playbook, { caseInput, public: g.public ?? false, lang: g.lang, now, replySeconds });
  console.log(`${g.id} ${g.level} total ${card.total} ` + card.criteria.map((c: any) => `${c.id}=${c.score}`).join(' ') + ' | ' + card.violations.map((v: any) => v.rule).join(','));
  if (process.env.V) { for (const c of card.criteria) console.log(`    ${c.id} ${c.score}: ${c.evidence}`); for (const v of card.violations) console.log(`    ! ${v.rule}: ${v.quote}`); for (const t of g.turns) console.log(`      [${t.role}] ${t.text}`); }
}
