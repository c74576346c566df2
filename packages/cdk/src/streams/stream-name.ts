/**
 * The Python CDK's two-step camel→snake rule, so stream names match across CDKs:
 * `MyAPIStream` → `my_api_stream`, `OAuth2Tokens` → `o_auth2_tokens`.
 */
export function streamNameFromClassName(className: string): string {
  return className
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase();
}
