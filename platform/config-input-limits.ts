import { z } from 'zod';

/** INPUT_MAX_DEPTH and INPUT_MAX_STRING_BYTES: the limits every input value meets (platform/server/input-hygiene.ts). */
export const inputLimitFields = {
  /** Input objects, lists and JSON values nested deeper than this are refused (BAD_USER_INPUT). */
  INPUT_MAX_DEPTH: z.coerce
    .number({ error: 'expected an integer from 1 to 1000' })
    .int('expected an integer from 1 to 1000')
    .min(1, 'expected an integer from 1 to 1000')
    .max(1000, 'expected an integer from 1 to 1000')
    .default(32),
  /** UTF-8 bytes of any one input string; document uploads have their own, larger allowance (knowledge). */
  INPUT_MAX_STRING_BYTES: z.coerce
    .number({ error: 'expected bytes, an integer from 1024 to 1073741824' })
    .int('expected bytes, an integer from 1024 to 1073741824')
    .min(1024, 'expected bytes, an integer from 1024 to 1073741824')
    .max(1_073_741_824, 'expected bytes, an integer from 1024 to 1073741824')
    .default(1_048_576),
};
