import { randomInt } from 'node:crypto';

const ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const SHARE_CODE = /^[a-zA-Z0-9]{4,16}$/;

/** A 7-character code (~39 bits) without look-alike characters, for `/s/<code>`. */
export function createShareCode(length = 7): string {
  let code = '';
  for (let i = 0; i < length; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}
