const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** IDs that are not UUIDs cannot exist; checking first keeps them from reaching a `uuid` column as a cast error. */
export const isUuid = (value: string) => UUID.test(value);
