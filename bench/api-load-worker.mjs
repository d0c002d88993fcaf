// The load generator of `bench/api.ts`, in its own process (its own core): in the server's thread
// it took CPU from the server it measured (and autocannon inside a worker thread reports nothing).
// Plain JavaScript, so it needs no TypeScript loader. argv[2]: JSON of
// { url, headers, connections, durationSeconds, write?: { idPrefix, body } }; prints one JSON line.
import autocannon from 'autocannon';

const { url, headers, connections, durationSeconds, write } = JSON.parse(process.argv[2]);
let sequence = 0;
const options = { url, headers, connections, duration: durationSeconds };
if (write) {
  options.requests = [{
    method: 'POST',
    setupRequest: (request) => {
      sequence += 1;
      const id = `${write.idPrefix}-${sequence}`;
      return {
        ...request,
        headers: { ...headers, 'content-type': 'application/json', 'idempotency-key': `bench-${id}` },
        body: write.body.replace('__ID__', id),
      };
    },
  }];
}
const result = await autocannon(options);
process.stdout.write(`${JSON.stringify({
  requestsPerSecond: result.requests.average,
  latencyMsP50: result.latency.p50,
  latencyMsP99: result.latency.p99,
  failures: result.non2xx + result.errors + result.timeouts,
})}\n`);
