// The baseline of bench/links: a bare Fastify route answering the same 302 /s/:code sends.
// Usage: node bench/links/bare-302.mjs PORT LOCATION
import Fastify from 'fastify';

const [port = '18084', location = 'https://bench.example/story'] = process.argv.slice(2);
const app = Fastify();
app.get('/s/:code', (_request, reply) => reply.redirect(location, 302));
await app.listen({ port: Number(port), host: '127.0.0.1' });
