// The load generator of `bench/api.ts`, in its own process (its own core): in the server's thread
// it took CPU from the server it measured (and autocannon inside a worker thread reports nothing).
// Plain JavaScript, so it needs no TypeScript loader. argv[2]: JSON of
// { urls, headers, connections, durationSeconds, write?: { idPrefix, body } }; prints one JSON line.
// Several urls (one per server process) share the connections and are aggregated into one result.
import autocannon from 'autocannon';

const { urls, headers, connections, durationSeconds, write } = JSON.parse(process.argv[2]);
let sequence = 0;
function optionsFor(url, share) {
  const options = {
    url,
    headers,
    connections: share,
    duration: durationSeconds,
    skipAggregateResult: true,
  };
  if (write) {
    options.requests = [
      {
        method: 'POST',
        setupRequest: (request) => {
          sequence += 1;
          const id = `${write.idPrefix}-${sequence}`;
          return {
            ...request,
            headers: {
              ...headers,
              'content-type': 'application/json',
              'idempotency-key': `bench-${id}`,
            },
            body: write.body.replace('__ID__', id),
          };
        },
      },
    ];
  }
  return options;
}
const shares = urls.map(
  (_, index) => Math.floor(connections / urls.length) + (index < connections % urls.length ? 1 : 0),
);
const runs = await Promise.all(
  urls.map((url, index) => autocannon(optionsFor(url, shares[index]))),
);
const result = autocannon.aggregateResult(runs, { url: urls[0], connections });
// requests/s from the completed count: aggregateResult does not merge the per-second samples
const completed = runs.reduce((sum, run) => sum + run.totalCompletedRequests, 0);
process.stdout.write(
  `${JSON.stringify({
    requestsPerSecond: completed / durationSeconds,
    completed,
    latencyMsP50: result.latency.p50,
    latencyMsP99: result.latency.p99,
    failures: result.non2xx + result.errors + result.timeouts,
  })}\n`,
);
