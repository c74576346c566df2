/**
 * The definition id of a connector in Airbyte's registry: a UUID version 5 (RFC 9562, SHA-1
 * name-based) of its npm package name, in the namespace TRIBUTARY_DEFINITION_NAMESPACE =
 * UUIDv5(the RFC's URL namespace, "tributary:airbyte-connector-definition"). The same package
 * name always gives the same id.
 */
import { createHash } from 'node:crypto';

/** RFC 9562's namespace for URLs. */
const URL_NAMESPACE = '6ba7b811-9dad-11d1-80b4-00c04fd430c8';

/** A name-based UUID, version 5 (SHA-1), as in RFC 9562 section 5.5. */
export function uuidV5(name: string, namespace: string): string {
  const namespaceBytes = Buffer.from(namespace.replace(/-/g, ''), 'hex');
  if (namespaceBytes.length !== 16) throw new Error(`Not a UUID: ${namespace}`);
  const bytes = createHash('sha1').update(namespaceBytes).update(name, 'utf8').digest().subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export const TRIBUTARY_DEFINITION_NAMESPACE = uuidV5('tributary:airbyte-connector-definition', URL_NAMESPACE);

/** The stable definition id of a connector package. */
export function definitionIdOf(packageName: string): string {
  return uuidV5(packageName, TRIBUTARY_DEFINITION_NAMESPACE);
}
