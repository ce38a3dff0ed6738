import { isSupportedCountry, type CountryCode } from 'libphonenumber-js';
import { appError, ErrorCode } from '../../../platform/errors.js';
import type { Cache } from '../../../platform/cache/cache.js';
import type { PrivacySettingsRepository } from './privacy-settings-repository.js';

/** Region lists longer than this are refused: every listed region costs a parse attempt per candidate number. */
export const MAX_PHONE_REGIONS = 20;

export interface PrivacySettings {
  phoneRegions: CountryCode[];
  /** False while the tenant uses the deployment's default (PII_PHONE_REGIONS). */
  custom: boolean;
  updatedAt: Date | null;
}

export interface PrivacySettingsServiceOptions {
  repository: PrivacySettingsRepository;
  /** PII_PHONE_REGIONS: what a tenant that set nothing gets. */
  defaultPhoneRegions: readonly CountryCode[];
  /** The subgraph's cache (Redis when configured, so an update invalidates every replica; else a bounded LRU). */
  cache: Cache;
  /** @default 300_000 */
  ttlMs?: number;
  onCacheError?: (error: unknown) => void;
}

/**
 * A tenant's privacy settings as redaction needs them, read through the subgraph cache (every sendMessage asks) and
 * invalidated when the tenant's admin changes them. A cache failure falls back to the database.
 */
export class PrivacySettingsService {
  private readonly ttlMs: number;

  constructor(private readonly options: PrivacySettingsServiceOptions) {
    this.ttlMs = options.ttlMs ?? 300_000;
  }

  async get(tenantId: string): Promise<PrivacySettings> {
    const key = cacheKey(tenantId);
    const cached = await this.options.cache.getMany([key]).then(
      ([value]) => value,
      (error: unknown): undefined => {
        this.options.onCacheError?.(error);
      },
    );
    if (cached) return fromJson(cached);
    const row = await this.options.repository.find(tenantId);
    const settings: PrivacySettings = row
      ? { phoneRegions: row.phoneRegions as CountryCode[], custom: true, updatedAt: row.updatedAt }
      : { phoneRegions: [...this.options.defaultPhoneRegions], custom: false, updatedAt: null };
    await this.options.cache
      .setMany([{ key, value: JSON.stringify(settings) }], this.ttlMs)
      .catch((error: unknown) => this.options.onCacheError?.(error));
    return settings;
  }

  /** The regions whose national phone numbers are redacted for the tenant. */
  async phoneRegionsFor(tenantId: string): Promise<CountryCode[]> {
    return (await this.get(tenantId)).phoneRegions;
  }

  /** Replaces the tenant's phone regions (validated; duplicates dropped, order kept) and invalidates the cache. */
  async setPhoneRegions(tenantId: string, updatedBy: string, regions: readonly string[]): Promise<PrivacySettings> {
    const phoneRegions = validPhoneRegions(regions);
    const updatedAt = new Date();
    await this.options.repository.save({ tenantId, phoneRegions, updatedBy, updatedAt });
    // Deleted rather than overwritten, so every replica re-reads the row; a read racing this write can re-cache the
    // old value for at most the TTL.
    await this.options.cache.delete(cacheKey(tenantId)).catch((error: unknown) => this.options.onCacheError?.(error));
    return { phoneRegions, custom: true, updatedAt };
  }
}

/** Upper-cased, de-duplicated ISO 3166 codes with phone metadata; BAD_USER_INPUT names the first bad one. */
export function validPhoneRegions(regions: readonly string[]): CountryCode[] {
  if (regions.length === 0)
    throw appError(ErrorCode.BadUserInput, 'phoneRegions must list at least one region', { argumentName: 'phoneRegions' });
  const codes = [...new Set(regions.map((region) => region.trim().toUpperCase()))];
  if (codes.length > MAX_PHONE_REGIONS) {
    throw appError(ErrorCode.BadUserInput, `phoneRegions must list at most ${MAX_PHONE_REGIONS} regions`, { argumentName: 'phoneRegions' });
  }
  const bad = codes.find((code) => !isSupportedCountry(code));
  if (bad !== undefined) {
    throw appError(ErrorCode.BadUserInput, `phoneRegions: "${bad.slice(0, 10)}" is not an ISO 3166 region code with phone metadata`, {
      argumentName: 'phoneRegions',
      invalidValue: bad.slice(0, 10),
    });
  }
  return codes as CountryCode[];
}

function cacheKey(tenantId: string): string {
  return `privacy-settings:${tenantId}`;
}

function fromJson(value: string): PrivacySettings {
  const parsed = JSON.parse(value) as { phoneRegions: CountryCode[]; custom: boolean; updatedAt: string | null };
  return { ...parsed, updatedAt: parsed.updatedAt === null ? null : new Date(parsed.updatedAt) };
}
