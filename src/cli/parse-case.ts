/** The CONTRACT.md input parsers live in the core (the desk uses them too); re-exported for the CLI. */
export { parseCaseLine, parseClassifyLine, parseFactValue, factsFromContract, contractFactsSchema } from '../core/contract/parse-case.ts';
