import { z } from 'zod';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

const template = z.string().trim().min(1, 'must not be empty');

const variantSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a lowercase slug such as "concise" or "b"'),
  weight: z.number().positive('must be greater than 0'),
  template,
});

/**
 * One `prompts/*.yaml` file. Objects are strict so a misspelt key (`temprature`) is an error, not a silently ignored
 * setting. Exactly one of `template` or `variants` (A/B alternatives, picked by weight) must be present.
 */
export const promptFileSchema = z
  .strictObject({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'must be a lowercase slug such as "order-summary"'),
    version: z.number().int('must be an integer').positive('must be 1 or more'),
    description: z.string().trim().min(1, 'must not be empty'),
    variables: z
      .array(z.string().regex(IDENTIFIER, 'must be an identifier (letters, digits, _)'))
      .refine((names) => new Set(names).size === names.length, 'must not list a name twice')
      .default([]),
    model: z
      .strictObject({
        temperature: z.number().min(0, 'must be between 0 and 2').max(2, 'must be between 0 and 2').optional(),
        maxTokens: z.number().int('must be an integer').positive('must be 1 or more').optional(),
      })
      .default({}),
    template: template.optional(),
    variants: z
      .array(variantSchema)
      .min(1, 'must list at least one variant')
      .refine((variants) => new Set(variants.map((v) => v.id)).size === variants.length, 'variant ids must be unique')
      .optional(),
  })
  .superRefine((file, ctx) => {
    if (file.template === undefined && file.variants === undefined) {
      ctx.addIssue({ code: 'custom', path: ['template'], message: 'is required (or give `variants`)' });
    }
    if (file.template !== undefined && file.variants !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['variants'], message: 'cannot be combined with `template`; use one or the other' });
    }
  });

export type PromptFile = z.infer<typeof promptFileSchema>;
