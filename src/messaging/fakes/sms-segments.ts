/**
 * SMS segment counting: Twilio meters sender throughput in segments, not messages, so a long or
 * non-GSM body costs several tokens. GSM-7 fits 160 septets (153 per part when concatenated);
 * anything else is UCS-2 with 70 code units (67 per part).
 */
const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
/** Extension characters take an escape septet plus their own. */
const GSM_EXTENDED = '^{}\\[~]|€\f';

export function countSmsSegments(body: string): number {
  let septets = 0;
  for (const char of body) {
    if (GSM_BASIC.includes(char)) septets += 1;
    else if (GSM_EXTENDED.includes(char)) septets += 2;
    else return ucs2Segments(body);
  }
  return septets <= 160 ? 1 : Math.ceil(septets / 153);
}

function ucs2Segments(body: string): number {
  // UTF-16 code units: characters outside the BMP (emoji) count twice, as on the handset.
  return body.length <= 70 ? 1 : Math.ceil(body.length / 67);
}
