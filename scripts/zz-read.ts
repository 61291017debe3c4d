import { readAgent } from '../src/core/read-agent/read-agent.ts';
const ctx = JSON.parse(process.env.CTX ?? '{}');
for (const t of process.argv.slice(2)) console.log(t, JSON.stringify(readAgent(t, ctx).findings.map((f) => [f.rule, f.family, f.quote])));
