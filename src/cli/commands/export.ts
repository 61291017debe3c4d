/**
 * `settle export --labelled [--out FILE]` — what supervisors confirmed or corrected, as classifier
 * training lines (test/fixtures/corpus/README.md; core/labels/labelled-export.ts), personal data
 * scrubbed. The summary goes to stderr, the lines to stdout or FILE.
 */
import { writeFileSync } from 'node:fs';
import { isUserError } from '../../core/errors.ts';
import { AUTHOR_ID, exportLabelled } from '../../core/labels/labelled-export.ts';
import type { Command } from '../io.ts';
import { EXIT_INPUT_ERROR, EXIT_OK, EXIT_USAGE } from '../io.ts';
import { parseCliArgs } from '../parse-cli-args.ts';
import { openExistingStore } from './open-report-store.ts';

const HELP = `usage: settle export --labelled [--out FILE] [--author ID] [--db PATH]

Writes every confirmed label (a case released with its category unchanged) and every supervisor
correction (settle label, /label) as one JSON line in the classifier corpus format:
{"id", "text", "lang", "category", "subtype", "secondary", "hard", "author", "customer"?}.
Personal data in the message is replaced by ***. Open, rejected and released 'other' cases are
left out; a repeated message is written once.

  --out FILE     write the lines to FILE (default: stdout)
  --author ID    the corpus author id of these lines (default: desk); ids are ID-<case id>
  --db PATH      the case store (default: SETTLE_DATABASE_URL, else SETTLE_DB_PATH or ./data/settle.db)
`;

/** Every case ever filed. */
const ALL_TIME = { from: '0000-01-01T00:00:00.000Z', to: '9999-12-31T23:59:59.999Z' };

/** `settle export` — docs/CONTRACT.md (addition). */
export const exportCommand: Command = async (args, io) => {
  const parsed = parseCliArgs('export', args, io, HELP, { labelled: { type: 'boolean' }, out: { type: 'string' }, author: { type: 'string' }, db: { type: 'string' } });
  if (typeof parsed === 'number') return parsed;
  const { values } = parsed;
  if (!values.labelled) {
    io.stderr.write(`settle export: say what to export: --labelled (the only export so far)\n\n${HELP}`);
    return EXIT_USAGE;
  }
  const author = values.author ?? 'desk';
  if (!AUTHOR_ID.test(author)) {
    io.stderr.write(`settle export: --author '${author}' is not a corpus author id (lower case, starts with a letter, up to 32 of a-z 0-9 _ -)\n`);
    return EXIT_USAGE;
  }
  try {
    const opened = await openExistingStore(values.db, io.env);
    let cases;
    try {
      cases = await opened.store.listReportCases(ALL_TIME);
    } finally {
      await opened.close();
    }
    const out = exportLabelled(cases, author);
    const body = out.lines.map((l) => JSON.stringify(l)).join('\n') + (out.lines.length ? '\n' : '');
    if (values.out) writeFileSync(values.out, body);
    else io.stdout.write(body);
    const s = out.skipped;
    io.stderr.write(`settle export: ${out.lines.length} labelled line${out.lines.length === 1 ? '' : 's'} (${out.confirmed} confirmed, ${out.corrected} corrected; personal data scrubbed in ${out.scrubbed})${values.out ? ` → ${values.out}` : ''}; left out: ${s.open} open, ${s.rejected} rejected, ${s.released_other} released as other, ${s.duplicate} repeated\n`);
    return EXIT_OK;
  } catch (e) {
    if (isUserError(e)) {
      io.stderr.write(`settle export: ${e.message}\n`);
      return EXIT_INPUT_ERROR;
    }
    const code = (e as NodeJS.ErrnoException).code;
    if (code) {
      io.stderr.write(`settle export: cannot write ${values.out}: ${code}\n`);
      return EXIT_INPUT_ERROR;
    }
    throw e;
  }
};
