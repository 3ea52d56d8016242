import type { OutboundPart } from '../types.ts';

type Choices = Extract<OutboundPart, { type: 'choices' }>;

/**
 * The fallback every channel understands: the prompt, then one numbered line per option, then how
 * to answer. Typebot and Bot Framework fall back the same way when buttons do not fit (§5.2).
 */
export function numberedText(choices: Choices, footer = 'Reply with a number.'): string {
  const lines = choices.options.map((option, index) => {
    const detail = option.description ? ` — ${option.description}` : '';
    return `${index + 1}. ${option.title}${detail}`;
  });
  return [choices.prompt, '', ...lines, '', footer].join('\n');
}
