/**
 * iMessage, WhatsApp and Signal build link previews on the sender's own device, so the preview
 * request comes from the sharer's IP (research/measurement.md §2a, §3 point 4): its visitor hash
 * can be matched to a recent viewer of the page. Server-side previewers carry no such identity.
 */
const SENDER_DEVICE_CHANNELS = new Set(['imessage', 'whatsapp', 'signal']);

export function isSenderDevicePreview(channel: string): boolean {
  return SENDER_DEVICE_CHANNELS.has(channel);
}
