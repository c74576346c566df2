/** True when a YAML value is a template the runtime interpolates (it holds `{{` or `{%`). */
export function isTemplate(text: string): boolean {
  return text.includes('{{') || text.includes('{%');
}
