import { handleReview } from '../../core/review/handle-review.ts';
import { parseReviewLine } from '../../core/review/parse-review.ts';
import type { Command } from '../io.ts';
import { EXIT_INPUT_ERROR, EXIT_OK, EXIT_USAGE } from '../io.ts';
import { parsePlaybookArgs } from '../playbook-args.ts';
import { runJsonl } from '../run-jsonl.ts';

const HELP = `usage: settle review [--playbook DIR] [--now ISO-8601] < reviews.jsonl

Reads one review per line (docs/CONTRACT.md, addition: {"id", "rating": 1..5, "text", "postedAt"?,
"now"?, "order"?, "customer"?, "lang"?}) and writes one answer per line: analysis {category,
subtype, demand}, privateDraft, smsDraft, publicReply (only "handled", released after the private
case is resolved; M-1 neutral for a malicious review), offers, checklist, and deadlines
[{what, due, status}] counted from postedAt and judged on now (POLICY.md §6).

  --playbook DIR   store playbook folder (default: SETTLE_PLAYBOOK_DIR or the bundled playbooks/)
  --now ISO        the clock for lines without "now" (default: the current time)
`;

/** `settle review` — docs/CONTRACT.md (addition). */
export const reviewCommand: Command = async (args, io) => {
  const parsed = parsePlaybookArgs('review', args, io, HELP);
  if (typeof parsed === 'number') return parsed;
  const { playbook, clock } = parsed;
  if (!playbook.settings.review) {
    io.stderr.write('settle review: store.json has no "review" settings (time zone, working hours, review deadlines); see the bundled playbooks/store.json\n');
    return EXIT_USAGE;
  }
  const stats = await runJsonl(io.stdin, io.stdout, (value) => {
    const { value: review, warnings } = parseReviewLine(value, clock);
    const answer = handleReview(review, playbook);
    return { ...answer, ...(warnings.length ? { warnings } : {}) };
  }, (e, id) => io.stderr.write(`settle review: review ${String(id)} crashed: ${(e as Error)?.stack ?? String(e)}\n`));
  return stats.failed > 0 ? EXIT_INPUT_ERROR : EXIT_OK;
};
