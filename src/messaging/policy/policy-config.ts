import { z } from 'zod';

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24-hour');

/**
 * A brand's sending policy. Defaults follow research/messaging.md §2: quiet hours 21:00–08:00 in
 * the recipient's time zone (TCPA's 8 a.m.–9 p.m., the strictest cited rule), marketing only;
 * frequency caps are a brand choice (no statutory cap was found), set conservatively.
 */
export const policyConfigSchema = z.object({
  quietHours: z
    .object({
      start: clock.default('21:00'),
      end: clock.default('08:00'),
      /** Used when the contact's time zone is unknown or invalid. */
      defaultTimeZone: z.string().default('UTC'),
      /** Purposes that wait for the morning (replies to the person never do). */
      purposes: z.array(z.string()).default(['marketing']),
    })
    .prefault({}),
  caps: z
    .array(
      z.object({
        purpose: z.string(),
        windowMs: z.number().int().positive(),
        max: z.number().int().nonnegative(),
      }),
    )
    .default([
      { purpose: 'marketing', windowMs: 86_400_000, max: 1 },
      { purpose: 'marketing', windowMs: 7 * 86_400_000, max: 3 },
    ]),
});

export type PolicyConfig = z.infer<typeof policyConfigSchema>;

export const DEFAULT_POLICY: PolicyConfig = policyConfigSchema.parse({});
