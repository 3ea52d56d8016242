/**
 * A local SMTP server (smtp-server on 127.0.0.1:0) that keeps every message parsed by mailparser
 * for assertions (headers such as List-Unsubscribe / List-Unsubscribe-Post included), limits the
 * message rate with a 451 answer counted as a violation, and plays scripted failures (550).
 */

import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { FaultScript, type ScriptedFault } from './fake-http-server.ts';
import { FakeLedger, type FakeStats } from './fake-ledger.ts';
import { type Clock, type RateLimit, TokenBucket, wallClock } from './token-bucket.ts';

export interface FakeSmtpOptions {
  /** Messages (SMTP transactions) per second accepted from all clients together. */
  rate?: { perSecond?: number; burst?: number };
  /** When set, clients must AUTH (PLAIN/LOGIN, plaintext allowed on loopback). */
  auth?: { user: string; pass: string };
  /** Recipients answered `550 5.1.1 Mailbox unavailable`. */
  rejectRecipients?: string[];
  duplicateWindowMs?: number;
  now?: Clock;
}

export interface ReceivedMail {
  envelope: { from: string; to: string[] };
  parsed: ParsedMail;
  raw: Buffer;
  /** A header's raw value as sent (unfolded), e.g. header('list-unsubscribe-post'); the first if repeated. */
  header(name: string): string | undefined;
  /** Every raw value of a header that may repeat (nodemailer writes one List-Unsubscribe per URI). */
  headerValues(name: string): string[];
  at: number;
}

function smtpError(code: number, message: string): Error & { responseCode: number } {
  return Object.assign(new Error(message), { responseCode: code });
}

export async function startFakeSmtp(options: FakeSmtpOptions = {}) {
  const now = options.now ?? wallClock;
  const limits = {
    rate: {
      perSecond: options.rate?.perSecond ?? 50,
      burst: options.rate?.burst ?? options.rate?.perSecond ?? 50,
      scope: 'server',
      errorCode: 451,
      source: 'no provider number in research §1.5: a chosen relay-style default, configurable',
    },
  } satisfies Record<string, RateLimit>;
  const ledger = new FakeLedger(now, options.duplicateWindowMs ?? 60_000);
  const faults = new FaultScript();
  const bucket = new TokenBucket(limits.rate.perSecond, limits.rate.burst, now);
  const rejectRecipients = new Set((options.rejectRecipients ?? []).map((r) => r.toLowerCase()));
  const received: ReceivedMail[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];

  const serverOptions: SMTPServerOptions = {
    logger: false,
    disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    hideSTARTTLS: true,
    onAuth(auth, _session, callback) {
      if (auth.username === options.auth?.user && auth.password === options.auth?.pass) {
        callback(null, { user: auth.username });
      } else callback(smtpError(535, '5.7.8 Authentication credentials invalid'));
    },
    onMailFrom(_address, _session, callback) {
      // One MAIL FROM is one message: the rate is judged per transaction.
      if (!bucket.take().ok) {
        ledger.violation('rate', 451);
        callback(smtpError(451, '4.7.1 Rate limited, try again later'));
        return;
      }
      callback();
    },
    onRcptTo(address, _session, callback) {
      const fault = faults.next();
      if (fault) {
        const code = fault.code ?? 550;
        ledger.reject(code);
        callback(smtpError(code, fault.message ?? '5.1.1 Mailbox unavailable'));
        return;
      }
      if (rejectRecipients.has(address.address.toLowerCase())) {
        ledger.reject(550);
        callback(smtpError(550, '5.1.1 Mailbox unavailable'));
        return;
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw).then(
          (parsed) => {
            const envelope = {
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((r) => r.address),
            };
            const valuesOf = (name: string) =>
              parsed.headerLines
                .filter((h) => h.key === name.toLowerCase())
                .map((h) =>
                  h.line
                    .slice(h.line.indexOf(':') + 1)
                    .replace(/\r?\n\s+/g, ' ')
                    .trim(),
                );
            received.push({
              envelope,
              parsed,
              raw,
              at: now(),
              header: (name) => valuesOf(name)[0],
              headerValues: (name) => valuesOf(name),
            });
            const content = `${envelope.to.join(',')}|${parsed.subject ?? ''}|${parsed.text ?? ''}`;
            ledger.accept(parsed.messageId, content, true);
            for (const waiter of [...waiters]) {
              if (received.length >= waiter.count) {
                waiters.splice(waiters.indexOf(waiter), 1);
                waiter.resolve();
              }
            }
            callback();
          },
          (error: unknown) =>
            callback(smtpError(554, `5.6.0 Unparseable message: ${String(error)}`)),
        );
      });
    },
  };
  const server = new SMTPServer(serverOptions);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;

  return {
    host: '127.0.0.1',
    port,
    url: `smtp://127.0.0.1:${port}`,
    limits,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
    stats: (): FakeStats => ledger.stats(),
    received: (): ReceivedMail[] => [...received],
    /** Fails the next RCPT TO with `code` (default 550) and `message`. */
    failNext: (fault: ScriptedFault) => faults.failNext(fault),
    /** Resolves once `count` messages have been received in total. */
    waitForMessages(count: number, timeoutMs = 5_000): Promise<void> {
      if (received.length >= count) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`expected ${count} messages, got ${received.length}`)),
          timeoutMs,
        );
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
  };
}

export type FakeSmtp = Awaited<ReturnType<typeof startFakeSmtp>>;
