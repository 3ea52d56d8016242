import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { StateStore } from '../store/index.ts';
import { ConfigError } from './config.ts';
import type { MessagingSetupInput } from './messaging-setup.ts';

const fileSchema = z
  .object({
    site: z.string({ error: 'site: the domain of the brand the hub serves (a Penumbra site)' }),
    channels: z.record(z.string(), z.unknown()).default({}),
    policy: z.unknown().optional(),
    assistant: z.enum(['recipes', 'none'], { error: 'assistant: "recipes" or "none"' }).optional(),
  })
  .strict();

/**
 * Reads PENUMBRA_MESSAGING's JSON file once at start-up: the brand's site, its channels
 * (checked by createChannelAdapters, which names every problem and never echoes a secret),
 * the policy and the assistant. Errors say which setting to fix.
 */
export async function loadMessagingConfig(
  path: string,
  state: StateStore,
): Promise<MessagingSetupInput> {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`PENUMBRA_MESSAGING: cannot read ${path} as JSON: ${reason}`);
  }
  const parsed = fileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(`PENUMBRA_MESSAGING (${path}): ${issue?.message ?? 'invalid'}`);
  }
  const site = await state.findSiteByDomain(parsed.data.site);
  if (!site) {
    throw new ConfigError(
      `PENUMBRA_MESSAGING: ${parsed.data.site} is not a site; add it with \`penumbra sites add\``,
    );
  }
  return {
    site,
    // Validated in depth by createChannelAdapters (ChannelConfigError lists every problem).
    channels: parsed.data.channels as MessagingSetupInput['channels'],
    policy: parsed.data.policy,
    assistant: parsed.data.assistant,
  };
}
