import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { MessagingHub } from '../messaging/index.ts';
import { OUTBOX_STATES, type Site, type StateStore, StoreError } from '../store/index.ts';
import { authorizeSite, type SiteAccess } from './authorize-site.ts';
import { parseJsonBody } from './parse-json-body.ts';

const part = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), text: z.string().min(1).max(4096) }),
  z.object({
    type: z.literal('media'),
    url: z.string().regex(/^https:\/\//, 'media url must be https'),
    mime: z.string().max(100),
    caption: z.string().max(1024).optional(),
  }),
  z.object({
    type: z.literal('choices'),
    prompt: z.string().min(1).max(1024),
    options: z
      .array(
        z.object({
          id: z.string().max(64),
          title: z.string().max(100),
          description: z.string().max(200).optional(),
        }),
      )
      .min(1)
      .max(10),
  }),
]);
const agent = z.string().regex(/^[\w.@-]{1,100}$/, 'agent: an id (letters, digits, . _ @ -)');
const replySchema = z
  .object({ agent, parts: z.array(part).min(1).max(10), requestId: z.string().min(1).max(100) })
  .strict();
const assignSchema = z.object({ agent }).strict();
const communitySchema = z
  .object({
    name: z.string().min(1).max(100),
    description: z.string().max(1000).default(''),
    optInWording: z.string().min(10).max(2000),
    wordingVersion: z.string().min(1).max(50),
  })
  .strict();
const joinSchema = z
  .object({
    contactId: z.string().min(1).max(100),
    evidence: z.record(z.string(), z.string().max(1000)).default({}),
  })
  .strict();
const broadcastSchema = z
  .object({
    campaign: z.string().min(1).max(100),
    parts: z.array(part).max(10).default([]),
    template: z
      .object({
        name: z.string().max(512),
        language: z.string().max(20),
        params: z.record(z.string(), z.string().max(1024)),
      })
      .optional(),
    notBefore: z.number().int().nonnegative().optional(),
  })
  .strict();

type Params = { siteDomain: string; key: string; id: string; contactId: string };
type Handler = (
  site: Site,
  request: FastifyRequest<{ Params: Params; Querystring: Record<string, string> }>,
  reply: FastifyReply,
) => Promise<unknown>;

/**
 * The hub's JSON API, scoped to one brand (site) per URL and authorised like every site route.
 * Store errors map to status codes (not_found 404, conflict 409, invalid 400). Bodies arrive as
 * raw bytes (the messaging plugin's parser) and are parsed here against zod schemas.
 */
export function registerMessagingApiRoutes(
  app: FastifyInstance,
  deps: { state: StateStore; messaging: MessagingHub },
): void {
  const { messaging } = deps;
  const route = (
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    access: SiteAccess,
    handler: Handler,
  ) =>
    app.route<{ Params: Params; Querystring: Record<string, string> }>({
      method,
      url: `/api/brands/:siteDomain${path}`,
      handler: async (request, reply) => {
        const site = await authorizeSite(
          request,
          reply,
          deps.state,
          request.params.siteDomain,
          access,
        );
        if (!site) return reply;
        try {
          return await handler(site, request, reply);
        } catch (error) {
          if (!(error instanceof StoreError)) throw error;
          const status =
            { not_found: 404, conflict: 409, invalid: 400 }[error.code as string] ?? 500;
          return reply
            .code(status)
            .send({ error: status === 500 ? 'internal error' : error.message });
        }
      },
    });
  const body = <T>(request: FastifyRequest, schema: z.ZodType<T>) => {
    const text = Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '';
    return parseJsonBody(text || '{}', schema);
  };

  route('GET', '/conversations', 'read', async (site, request) => ({
    conversations: await messaging.inbox.list(site.id, {
      ...(request.query.mode === 'agent' || request.query.mode === 'assistant'
        ? { mode: request.query.mode }
        : {}),
      ...(request.query.agent ? { assignedAgent: request.query.agent } : {}),
    }),
  }));
  route('GET', '/conversations/:key/messages', 'read', async (site, request) => ({
    messages: await messaging.inbox.thread(site.id, request.params.key),
  }));
  route('POST', '/conversations/:key/assign', 'write', async (site, request, reply) => {
    const parsed = body(request, assignSchema);
    if (!parsed.ok) return reply.code(400).send({ error: parsed.error });
    return messaging.inbox.assign(site.id, request.params.key, parsed.value.agent);
  });
  route('POST', '/conversations/:key/hand-back', 'write', async (site, request) =>
    messaging.inbox.handBack(site.id, request.params.key),
  );
  route('POST', '/conversations/:key/reply', 'write', async (site, request, reply) => {
    const parsed = body(request, replySchema);
    if (!parsed.ok) return reply.code(400).send({ error: parsed.error });
    const result = await messaging.inbox.reply({
      brandId: site.id,
      key: request.params.key,
      agentId: parsed.value.agent,
      parts: parsed.value.parts,
      requestId: parsed.value.requestId,
    });
    if (result.outcome === 'refused')
      return reply.code(422).send({ error: result.reason, code: result.code });
    return reply
      .code(result.created ? 202 : 200)
      .send({ id: result.record.id, state: result.record.state });
  });

  route('GET', '/communities', 'read', async (site) => ({
    communities: await messaging.communities.list(site.id),
  }));
  route('POST', '/communities', 'write', async (site, request, reply) => {
    const parsed = body(request, communitySchema);
    if (!parsed.ok) return reply.code(400).send({ error: parsed.error });
    return reply
      .code(201)
      .send(await messaging.communities.create({ ...parsed.value, brandId: site.id }));
  });
  route('POST', '/communities/:id/members', 'write', async (site, request, reply) => {
    const parsed = body(request, joinSchema);
    if (!parsed.ok) return reply.code(400).send({ error: parsed.error });
    const membership = await messaging.communities.join({
      brandId: site.id,
      communityId: request.params.id,
      ...parsed.value,
    });
    return reply.code(201).send(membership);
  });
  route('DELETE', '/communities/:id/members/:contactId', 'write', async (site, request) => ({
    removed: await messaging.communities.leave(
      site.id,
      request.params.id,
      request.params.contactId,
    ),
  }));
  route('POST', '/communities/:id/broadcasts', 'write', async (site, request, reply) => {
    const parsed = body(request, broadcastSchema);
    if (!parsed.ok) return reply.code(400).send({ error: parsed.error });
    if (parsed.value.parts.length === 0 && !parsed.value.template) {
      return reply.code(400).send({ error: 'a broadcast needs parts, a template, or both' });
    }
    const report = await messaging.communities.broadcast({
      ...parsed.value,
      brandId: site.id,
      communityId: request.params.id,
    });
    return reply.code(202).send(report);
  });
  route('GET', '/broadcasts/:id', 'read', async (site, request, reply) => {
    const broadcast = await messaging.hub.getBroadcast(site.id, request.params.id);
    if (!broadcast) return reply.code(404).send({ error: 'no such broadcast' });
    return { broadcast, states: await messaging.hub.countBroadcastStates(broadcast.id) };
  });

  route('GET', '/outbox', 'read', async (site, request) => {
    const wanted = (request.query.state ?? 'queued,sending,unknown').split(',');
    const states = OUTBOX_STATES.filter((s) => wanted.includes(s));
    // One conversation's thread: its latest 500 rows (oldest first), however big the outbox.
    const conversation = request.query.conversation;
    return {
      messages: await messaging.hub.listOutbox(site.id, {
        states,
        limit: 500,
        ...(conversation ? { conversationKey: conversation, newest: true } : {}),
      }),
    };
  });
  route('GET', '/dead-letters', 'read', async (site) => ({
    messages: await messaging.hub.listOutbox(site.id, { states: ['dead'], limit: 500 }),
  }));
  route('POST', '/outbox/:id/requeue', 'write', async (site, request, reply) => {
    const row = await messaging.hub.getOutbox(request.params.id);
    if (!row || row.brandId !== site.id) return reply.code(404).send({ error: 'no such message' });
    if (!(await messaging.hub.requeueOutbox(row.id, Date.now()))) {
      return reply.code(409).send({ error: `a ${row.state} message cannot be requeued` });
    }
    return { id: row.id, state: 'queued' };
  });

  route('GET', '/contacts/:id/export', 'write', async (site, request, reply) => {
    const data = await messaging.consent.exportContact(site.id, request.params.id);
    if (!data) return reply.code(404).send({ error: 'no such contact' });
    return reply
      .header('content-disposition', `attachment; filename="contact-${data.contact.id}.json"`)
      .send(data);
  });
  route('DELETE', '/contacts/:id', 'own', async (site, request, reply) => {
    if (!(await messaging.consent.eraseContact(site.id, request.params.id))) {
      return reply.code(404).send({ error: 'no such contact' });
    }
    return { erased: true };
  });
}
