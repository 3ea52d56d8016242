// The floor for any Node collector: read the body, answer 202, nothing else.
// Usage: node bench/collector/bare-202.mjs PORT
import { createServer } from 'node:http';

const port = Number(process.argv[2] ?? 18082);
createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(202, { 'access-control-allow-origin': '*' });
    response.end();
  });
}).listen(port, '127.0.0.1');
