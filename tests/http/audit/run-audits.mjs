// Run every graphql-http server audit against a GraphQL endpoint and print a JSON summary.
//
// Usage: node run-audits.mjs http://127.0.0.1:8000/graphql
//
// Prints {"url", "counts": {"MUST": {"ok": n, ...}, ...}, "results": [{id, name, requirement,
// status, reason}]} on stdout. The exit code is 0 whenever every audit ran, whatever the results,
// so the caller decides which statuses fail. It is 2 on a usage error and 1 when an audit throws,
// which graphql-http does only for fatal errors such as a refused connection.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  process.stderr.write('usage: node run-audits.mjs URL (for example http://127.0.0.1:8000/graphql)\n');
  process.exit(2);
}

const results = [];
for (const audit of serverAudits({ url })) {
  let result;
  try {
    result = await audit.fn();
  } catch (error) {
    process.stderr.write(`audit ${audit.id} (${audit.name}) failed to run against ${url}: ${error}\n`);
    process.exit(1);
  }
  results.push({
    id: audit.id,
    name: audit.name,
    requirement: audit.name.split(' ', 1)[0],
    status: result.status,
    reason: result.status === 'ok' ? null : result.reason,
  });
}

const counts = {};
for (const { requirement, status } of results) {
  counts[requirement] ??= {};
  counts[requirement][status] = (counts[requirement][status] ?? 0) + 1;
}

process.stdout.write(JSON.stringify({ url, counts, results }, null, 2) + '\n');
