/**
 * Child of bench/run.ts: loads the classifier model (its first import) in a process started as
 * `npm start` starts Settle (built JavaScript, npm start's Node options) and prints one JSON line:
 * load time, RSS before and after, buckets, classes.
 *   node bin/run-built.js bench/children/load-model.ts
 */
const rssBefore = process.memoryUsage().rss;
const t0 = performance.now();
const { MODEL } = await import('../../src/core/classify/linear-model.ts');
const loadMs = performance.now() - t0;
const rssAfter = process.memoryUsage().rss;
console.log(JSON.stringify({ loadMs, rssBefore, rssAfter, buckets: MODEL.size, classes: MODEL.classes.length }));
