import { isSupportedCountry, type CountryCode } from 'libphonenumber-js';
import { z } from 'zod';

const regionsMessage = 'expected a comma-separated list of ISO 3166 region codes with phone metadata, e.g. GB,US,DE';

/** PII_PHONE_REGIONS: the regions whose national phone numbers the assistant's PII redaction recognises. */
export const piiSettingsFields = {
  /** In order of preference: a national number valid in two regions is read as the first's. */
  PII_PHONE_REGIONS: z
    .string()
    .default('GB,US,DE,FR,ES,IT,NL')
    .transform((value) => value.split(',').map((region) => region.trim().toUpperCase()))
    .refine((regions) => regions.length > 0 && regions.every((region) => isSupportedCountry(region)), regionsMessage)
    .transform((regions) => [...new Set(regions)] as CountryCode[]),
};
