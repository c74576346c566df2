// The CDK's HttpResponseFilter: a response matches on its status (`http_codes`), a `predicate`
// over `response` (its JSON) and `headers`, or `error_message_contains` (in the parsed error
// message). A match resolves to the filter's action, with the filter's `error_message` template
// (else the default mapping's message), and `failure_type` when the action is FAIL (else the
// default mapping's failure type, else system_error). A filter without an action never matches;
// request errors never match a filter.
import type { FailureType } from '@tributary/cdk';
import type { HttpResponseFilter as HttpResponseFilterModel } from '../components/component-types.js';
import { type ComponentEnvironment, parametersOf } from '../interpolated/evaluation-context.js';
import { InterpolatedBoolean } from '../interpolated/interpolated-boolean.js';
import { InterpolatedString } from '../interpolated/interpolated-string.js';
import { parseResponseErrorMessage } from './error-message-parser.js';
import { defaultMapped, type ErrorResolution, type ResponseAction } from './error-resolution.js';
import { type HttpOutcome, headersValue, isOk, type ResponseOutcome, safeJson } from './http-outcome.js';

export class HttpResponseFilter {
  private readonly action: ResponseAction | null;
  private readonly failureType: FailureType | null;
  private readonly codes: ReadonlySet<number>;
  private readonly contains: string;
  private readonly predicate: InterpolatedBoolean | null;
  private readonly errorMessage: InterpolatedString;

  constructor(
    model: Partial<HttpResponseFilterModel>,
    private readonly env: ComponentEnvironment,
  ) {
    const parameters = parametersOf(model as HttpResponseFilterModel);
    this.action = (model.action as ResponseAction | undefined) ?? null;
    this.failureType = (model.failure_type as FailureType | undefined) ?? null;
    this.codes = new Set(model.http_codes ?? []);
    this.contains = model.error_message_contains ?? '';
    this.predicate = model.predicate ? new InterpolatedBoolean(model.predicate, parameters) : null;
    this.errorMessage = new InterpolatedString(model.error_message ?? '', parameters);
  }

  matches(outcome: HttpOutcome): ErrorResolution | null {
    if (outcome.kind !== 'response') return null;
    const action = this.matchedAction(outcome);
    if (action === null) return null;
    const fallback = defaultMapped(outcome);
    const message = this.message(outcome) || fallback?.message || '';
    const failureType = this.failureType !== null && action === 'FAIL' ? this.failureType : (fallback?.failureType ?? 'system_error');
    return { action, failureType, message };
  }

  private matchedAction(response: ResponseOutcome): ResponseAction | null {
    if (this.codes.has(response.status)) return this.action;
    if (isOk(response) && response.streamed) return null;
    if (this.matchesPredicate(response) || this.containsMessage(response)) return this.action;
    return null;
  }

  private matchesPredicate(response: ResponseOutcome): boolean {
    if (this.predicate === null) return false;
    const env = { ...this.env, config: null as never };
    return this.predicate.eval(env, { response: safeJson(response), headers: headersValue(response) });
  }

  private containsMessage(response: ResponseOutcome): boolean {
    if (this.contains === '') return false;
    const message = parseResponseErrorMessage(response);
    return Boolean(message) && (message as string).includes(this.contains);
  }

  private message(response: ResponseOutcome): string {
    const json = isOk(response) && response.streamed ? {} : safeJson(response);
    return this.errorMessage.evalString(this.env, { response: json, headers: headersValue(response) });
  }
}
