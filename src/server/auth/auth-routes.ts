import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { StateStore, User } from '../../store/index.ts';
import type { MeResponse } from '../api-types.ts';
import { authenticate } from '../authorize-site.ts';
import { parseJsonBody } from '../parse-json-body.ts';
import { hashPassword, MIN_PASSWORD_LENGTH, verifyPassword } from './hash-password.ts';
import { createLoginRateLimit, type LoginRateLimit } from './login-rate-limit.ts';
import {
  clearSessionCookie,
  hashSessionSecret,
  newCsrfToken,
  newSessionSecret,
  readSessionSecret,
  SESSION_TTL_MS,
  setSessionCookie,
} from './session-cookie.ts';
import { listSiteSummaries } from './site-summaries.ts';

const credentialsSchema = z.object({
  email: z.string().trim().min(3, 'email is required').max(320),
  password: z.string().min(1, 'password is required').max(1024),
});

const setupSchema = credentialsSchema.extend({
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `use a password of at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(1024),
});

// Checked against when the email is unknown, so a login takes as long either way and response
// times do not reveal which emails have accounts.
const DECOY_HASH = hashPassword('decoy password that never matches');

/**
 * People's sign-in:
 * - `GET /api/auth/setup` → `{ needed }`; `POST /api/auth/setup` creates the first user (owner of
 *   every existing site) and works only while no user exists;
 * - `POST /api/auth/login`, `POST /api/auth/logout`, `GET /api/auth/me`.
 */
export function registerAuthRoutes(
  app: FastifyInstance,
  { state, rateLimit = createLoginRateLimit() }: { state: StateStore; rateLimit?: LoginRateLimit },
): void {
  const startSession = async (request: FastifyRequest, reply: FastifyReply, user: User) => {
    const secret = newSessionSecret();
    const now = Date.now();
    const session = {
      idHash: hashSessionSecret(secret),
      userId: user.id,
      csrfToken: newCsrfToken(),
      createdAt: now,
      expiresAt: now + SESSION_TTL_MS,
    };
    await state.createSession(session);
    await state.deleteExpiredSessions(now);
    setSessionCookie(request, reply, secret, SESSION_TTL_MS);
    return me(state, user, session.csrfToken);
  };

  app.get('/api/auth/setup', async () => ({ needed: (await state.countUsers()) === 0 }));

  app.post('/api/auth/setup', async (request, reply) => {
    if ((await state.countUsers()) > 0) {
      return reply.code(403).send({ error: 'setup is done: log in, or ask an owner to add you' });
    }
    const parsed = parseJsonBody(request.body, setupSchema);
    if (!parsed.ok) return reply.code(400).send({ error: parsed.error });
    const user = await state.createUser({
      email: parsed.value.email,
      passwordHash: await hashPassword(parsed.value.password),
    });
    // The first person runs the installation: give them the sites created from the CLI.
    for (const site of await state.listSites()) await state.setSiteRole(site.id, user.id, 'owner');
    return reply.code(201).send(await startSession(request, reply, user));
  });

  app.post('/api/auth/login', async (request, reply) => {
    const parsed = parseJsonBody(request.body, credentialsSchema);
    if (!parsed.ok) return reply.code(400).send({ error: parsed.error });
    const email = parsed.value.email.toLowerCase();
    const keys = [`ip:${request.ip}`, `email:${email}`];
    const wait = rateLimit.retryAfter(keys, Date.now());
    if (wait > 0) {
      return reply
        .code(429)
        .header('retry-after', String(wait))
        .send({ error: `too many failed logins: try again in ${wait} s` });
    }
    const user = await state.findUserByEmail(email);
    const ok = await verifyPassword(
      parsed.value.password,
      user?.passwordHash ?? (await DECOY_HASH),
    );
    if (!user || !ok) {
      rateLimit.recordFailure(keys, Date.now());
      return reply.code(401).send({ error: 'wrong email or password' });
    }
    rateLimit.clear(`email:${email}`);
    return startSession(request, reply, user);
  });

  app.post('/api/auth/logout', async (request, reply) => {
    const caller = await authenticate(request, reply, state);
    if (!caller) return reply;
    const secret = readSessionSecret(request);
    if (secret) await state.deleteSession(hashSessionSecret(secret));
    clearSessionCookie(reply);
    return reply.code(204).send();
  });

  app.get('/api/auth/me', async (request, reply) => {
    const caller = await authenticate(request, reply, state);
    if (!caller) return reply;
    if (caller.kind === 'token') {
      return reply.code(400).send({ error: '/api/auth/me is for people; tokens have no user' });
    }
    return me(state, caller.user, caller.session.csrfToken);
  });
}

async function me(state: StateStore, user: User, csrfToken: string): Promise<MeResponse> {
  return {
    user: { id: user.id, email: user.email },
    csrfToken,
    sites: await listSiteSummaries(state, user.id),
  };
}
