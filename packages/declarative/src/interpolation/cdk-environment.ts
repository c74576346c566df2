// The environment the Python CDK's JinjaInterpolation sets up: Jinja's sandboxed defaults, its
// filters plus the CDK's, Jinja's globals without `range` plus the CDK's macros.
import { cdkFilters } from './builtins/cdk-filters.js';
import { cdkMacros } from './builtins/cdk-macros.js';
import { jinjaFilters } from './builtins/jinja-filters.js';
import { jinjaGlobals } from './builtins/jinja-globals.js';
import { jinjaTests } from './builtins/jinja-tests.js';
import type { Environment } from './template/environment.js';

let environment: Environment | null = null;

export function cdkEnvironment(): Environment {
  if (environment === null) {
    const filters = jinjaFilters();
    for (const [name, fn] of cdkFilters()) filters.set(name, fn);
    const globals = jinjaGlobals();
    for (const [name, macro] of cdkMacros()) globals.set(name, macro);
    environment = { filters, tests: jinjaTests(), globals };
  }
  return environment;
}
