// Jinja's built-in filters (jinja2.filters), grouped by what they work on.
import type { FilterFn } from '../template/environment.js';
import { selectionFilters } from './filters/selection-filters.js';
import { sequenceFilters } from './filters/sequence-filters.js';
import { textFilters } from './filters/text-filters.js';
import { valueFilters } from './filters/value-filters.js';

export function jinjaFilters(): Map<string, FilterFn> {
  return new Map([...valueFilters(), ...textFilters(), ...sequenceFilters(), ...selectionFilters()]);
}
