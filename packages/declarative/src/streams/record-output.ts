// A record as the Airbyte platform receives it from the Python CDK, whose message serializer omits
// members that are None at the top level of a record (serpyco-rs's `omit_none`): the record itself
// when it has none (the usual case, no copy), else a copy without them.

export function withoutNullMembers(record: Record<string, unknown>): Record<string, unknown> {
  let hasNull = false;
  for (const key in record) {
    if (record[key] === null) {
      hasNull = true;
      break;
    }
  }
  if (!hasNull) return record;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(record)) {
    const value = record[key];
    if (value !== null) Object.defineProperty(copy, key, { value, writable: true, enumerable: true, configurable: true });
  }
  return copy;
}
