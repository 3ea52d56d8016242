/** Colours of the report: one per traffic class, and per preview app where it has a brand. */
import type { TrafficClass } from '../core/index.ts';

export const CLASS_COLORS: Record<TrafficClass, string> = {
  dark_social: '#7c3aed',
  social: '#2563eb',
  search: '#16a34a',
  ai: '#0891b2',
  paid: '#ea580c',
  campaign: '#d97706',
  referral: '#64748b',
  internal: '#a8a29e',
  direct: '#cbd5e1',
  preview: '#db2777',
  bot: '#475569',
};

const APP_COLORS: Record<string, string> = {
  whatsapp: '#25d366',
  imessage: '#0a84ff',
  telegram: '#229ed9',
  slack: '#e01e5a',
  discord: '#5865f2',
  meta: '#1877f2',
  x: '#6b7280',
  linkedin: '#0a66c2',
  signal: '#3a76f0',
  line: '#06c755',
  snapchat: '#eab308',
  email: '#f97316',
};

const FALLBACK = ['#0ea5e9', '#f43f5e', '#84cc16', '#a855f7', '#14b8a6', '#f59e0b', '#6366f1'];

/** A stable colour for an app or channel name. */
export function appColor(name: string): string {
  const known = APP_COLORS[name];
  if (known) return known;
  let hash = 0;
  for (let i = 0; i < name.length; i++) hash = (hash * 31 + name.charCodeAt(i)) >>> 0;
  return FALLBACK[hash % FALLBACK.length] as string;
}
